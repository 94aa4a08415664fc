-- Sessions, one row each, written by the session grains through PostgresSessionStorage.
-- Every field the API shows or filters by is a column of its own, so listing and operators can
-- query with plain SQL. "version" is the grain storage etag: a write names the version it read
-- and fails when another writer got there first.

CREATE TABLE sessions
(
    id                uuid        PRIMARY KEY,
    version           integer     NOT NULL,
    connection        text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('open', 'ready', 'running', 'done')),
    output_status     text        NOT NULL CHECK (output_status IN ('success', 'failed', 'running')),
    exit_code         integer,
    "user"            text        NOT NULL,
    start_date        timestamptz NOT NULL,
    end_date          timestamptz,
    silo              text,
    script            text        NOT NULL,
    client_args       text[]      NOT NULL,
    metadata          jsonb       NOT NULL,
    labels            jsonb       NOT NULL,
    output            bytea       NOT NULL,
    truncated         boolean     NOT NULL,
    execution_time_ms bigint      NOT NULL,
    failure_reason    text,
    has_review        boolean     NOT NULL
);

-- Newest first, optionally narrowed by connection or status: the listing's access paths.
CREATE INDEX sessions_by_start ON sessions (start_date DESC, id DESC);
CREATE INDEX sessions_by_connection ON sessions (connection, start_date DESC, id DESC);
CREATE INDEX sessions_by_status ON sessions (status, start_date DESC, id DESC);

-- The sweeper looks for running sessions whose silo is gone; there are few of them at any time.
CREATE INDEX sessions_running_by_silo ON sessions (silo) WHERE status = 'running';
