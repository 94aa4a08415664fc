-- hoop.dev's session fields and list filters.
-- The connection's type, subtype and tags as they were when the session started: hoop's session
-- object carries them, and its listing filters by type. Rows written before this migration ran
-- on connections that had none of these, which is what the defaults say.
ALTER TABLE sessions
    ADD COLUMN type               text  NOT NULL DEFAULT 'custom',
    ADD COLUMN connection_subtype text  NOT NULL DEFAULT '',
    ADD COLUMN connection_tags    jsonb NOT NULL DEFAULT '{}';

-- hoop's filters match names without regard to case ("user", connection): the listing compares
-- lower() of both sides, so these indexes are on lower() too. Owners' own listings still compare
-- the exact name and keep sessions_by_user.
DROP INDEX sessions_by_connection;
CREATE INDEX sessions_by_connection ON sessions (lower(connection), start_date DESC, id DESC);
CREATE INDEX sessions_by_user_name ON sessions (lower("user"), start_date DESC, id DESC);
-- A rare type (a handful of database connections among many custom ones) must not walk the table.
CREATE INDEX sessions_by_type ON sessions (lower(type), start_date DESC, id DESC);

-- Reviewers list the sessions that wait for them (review.status=PENDING) and every session that
-- asks for a review; both are a small part of the table.
CREATE INDEX sessions_by_review_status ON sessions (review_status, start_date DESC, id DESC) WHERE review_status IS NOT NULL;
CREATE INDEX sessions_with_review ON sessions (start_date DESC, id DESC) WHERE has_review;
