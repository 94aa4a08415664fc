-- Reviews of sessions on connections that need one: pending, then approved or rejected.
ALTER TABLE sessions
    ADD COLUMN review_status    text CHECK (review_status IN ('PENDING', 'APPROVED', 'REJECTED')),
    ADD COLUMN reviewed_by      text,
    ADD COLUMN review_date      timestamptz,
    ADD COLUMN rejection_reason text;

-- Owners list their own sessions: newest first within one user.
CREATE INDEX sessions_by_user ON sessions ("user", start_date DESC, id DESC);
