-- The uid each (connection, caller) pair's runs are given, so that every silo and every start gives
-- a pair the same uid, whatever connections a silo has. A uid is given once: a row is never
-- deleted, and one set aside (an account came to have the uid) keeps its uid with no pair, so the
-- uid is never given again (unique (connection, caller) lets any number of such rows be NULL).
CREATE TABLE run_uids
(
    uid        bigint      PRIMARY KEY,
    connection text,
    caller     text,
    given_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (connection, caller)
);
