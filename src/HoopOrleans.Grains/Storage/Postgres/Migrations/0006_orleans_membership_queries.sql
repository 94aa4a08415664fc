-- Membership queries as Orleans 10.4.2's ADO.NET clustering relies on them. 0001 stays as it
-- shipped (the migrator records which versions ran, not their text), so this migration replaces
-- the statements that change and adds the one that is new. Parameters are bound by name as in 0001.
--
-- A silo's last-alive time never moves backwards. The heartbeat is written without the table
-- version, so another silo can read a row, see the heartbeat move on, and then write the row back
-- (a suspicion vote, a status) carrying the older time; a stale time would make a live silo look
-- dead to the cleanup below. So both writes keep whichever time is later.
--
-- A failed member update leaves the table version as it was: the version is bumped only when the
-- row to update is there, so other silos' etags do not go stale for a write that changed nothing.
--
-- Defunct rows: Orleans removes a dead silo's row once everything it knows of that silo (start,
-- last-alive time, the votes that declared it dead) is older than a cutoff. With
-- CleanupDefunctSiloEntryKey present, the provider reads the table, picks those rows itself and
-- deletes each one only if it still holds the values it read, so a row written meanwhile stays.
-- CleanupDefunctSiloEntriesKey is the one-statement form of the same rule, for providers without
-- the per-row query.

-- SuspectTimes is "silo,time|silo,time" with times as Orleans prints them ("2026-12-01
-- 10:00:00.000 GMT", which PostgreSQL reads whatever its DateStyle and TimeZone). A vote that does
-- not parse fails the statement, which keeps the row: better than deleting on a misread.
CREATE FUNCTION orleans_membership_latest_vote(suspect_times text) RETURNS timestamptz
LANGUAGE sql STABLE STRICT
AS $fn$
    SELECT max(split_part(vote, ',', 2)::timestamptz)
    FROM unnest(string_to_array(suspect_times, '|')) AS vote
    WHERE vote <> ''
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpdateIAmAlivetimeKey', $sql$
    UPDATE orleans_membership
    SET i_am_alive_time = @IAmAliveTime
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
      AND i_am_alive_time < @IAmAliveTime
$sql$),
('UpdateMembershipKey', $sql$
    WITH bumped AS (
        UPDATE orleans_membership_version
        SET version = version + 1, updated_at = now()
        WHERE deployment_id = @DeploymentId AND version = @Version
          AND EXISTS (
              SELECT 1 FROM orleans_membership
              WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
        RETURNING deployment_id),
    updated AS (
        UPDATE orleans_membership AS m
        SET status = @Status, suspect_times = @SuspectTimes,
            i_am_alive_time = greatest(m.i_am_alive_time, @IAmAliveTime)
        FROM bumped
        WHERE m.deployment_id = bumped.deployment_id
          AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
        RETURNING 1)
    SELECT count(*) > 0 FROM updated
$sql$),
('CleanupDefunctSiloEntriesKey', $sql$
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND status = 6
      AND start_time < @IAmAliveTime AND i_am_alive_time < @IAmAliveTime
      AND coalesce(orleans_membership_latest_vote(suspect_times) < @IAmAliveTime, true)
$sql$),
('CleanupDefunctSiloEntryKey', $sql$
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
      AND status = 6
      AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
      AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '')
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
