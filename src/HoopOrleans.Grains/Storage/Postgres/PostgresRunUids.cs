using Npgsql;

namespace HoopOrleans.Storage.Postgres;

/// <summary>
/// Run uids in the <c>run_uids</c> table (migration 0008), shared by every silo of the cluster.
/// </summary>
public sealed class PostgresRunUids(NpgsqlDataSource dataSource) : IRunUids
{
    /// <summary>
    /// One statement gives a pair its uid or finds the one it has: the insert takes the uid after the
    /// highest in the range and does nothing on any conflict (the pair has a uid, or another silo
    /// took that uid a moment before); the pair's stored row is read from the statement's snapshot,
    /// so exactly one of the two answers unless a concurrent insert won, and then asking again finds it.
    /// </summary>
    internal const string Assign = """
        WITH given AS (
            INSERT INTO run_uids (uid, connection, caller)
            SELECT COALESCE(MAX(uid) + 1, $3), $1, $2 FROM run_uids WHERE uid BETWEEN $3 AND $4
            HAVING COALESCE(MAX(uid) + 1, $3) <= $4
            ON CONFLICT DO NOTHING
            RETURNING uid)
        SELECT uid, true FROM given
        UNION ALL
        SELECT uid, false FROM run_uids WHERE connection = $1 AND caller = $2
        """;

    /// <summary>After an empty answer: the pair's uid, should a concurrent insert of it have won, and whether the range has room.</summary>
    internal const string Recheck = """
        SELECT (SELECT uid FROM run_uids WHERE connection = $3 AND caller = $4),
               (SELECT COALESCE(MAX(uid) + 1, $1) <= $2 FROM run_uids WHERE uid BETWEEN $1 AND $2)
        """;

    internal const string SetAside = "UPDATE run_uids SET connection = NULL, caller = NULL WHERE uid = $1 AND connection = $2 AND caller = $3";

    /// <summary>
    /// Each lost race means another pair took a uid in between; silos are few, so this many losses
    /// in a row means something else is wrong.
    /// </summary>
    private const int Attempts = 64;

    public Task<RunUid?> AssignAsync(string connection, string caller, uint first, uint last, CancellationToken cancellationToken) =>
        PostgresStoreCall.RunAsync(dataSource, async () =>
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                await using (var command = dataSource.CreateCommand(Assign))
                {
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = connection });
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caller });
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = first });
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = last });
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    if (await reader.ReadAsync(cancellationToken))
                    {
                        return new RunUid((uint)reader.GetInt64(0), reader.GetBoolean(1));
                    }
                }

                await using var recheck = dataSource.CreateCommand(Recheck);
                recheck.Parameters.Add(new NpgsqlParameter<long> { TypedValue = first });
                recheck.Parameters.Add(new NpgsqlParameter<long> { TypedValue = last });
                recheck.Parameters.Add(new NpgsqlParameter<string> { TypedValue = connection });
                recheck.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caller });
                await using var found = await recheck.ExecuteReaderAsync(cancellationToken);
                await found.ReadAsync(cancellationToken);
                if (!found.IsDBNull(0))
                {
                    return new RunUid((uint)found.GetInt64(0), Given: false);
                }

                if (!found.GetBoolean(1))
                {
                    return null;
                }
            }

            throw new InvalidOperationException($"No uid could be stored for connection {connection} and caller {caller} after {Attempts} tries: each was taken by another pair first.");
        });

    public Task SetAsideAsync(string connection, string caller, uint uid, CancellationToken cancellationToken) =>
        PostgresStoreCall.RunAsync(dataSource, async () =>
        {
            await using var command = dataSource.CreateCommand(SetAside);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = uid });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = connection });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = caller });
            await command.ExecuteNonQueryAsync(cancellationToken);
        });
}
