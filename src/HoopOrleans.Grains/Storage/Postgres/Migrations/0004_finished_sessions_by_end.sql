-- Retention deletes finished sessions whose end date is past Retention:MaxAge, oldest first. This
-- index holds only finished rows, in end order, so each sweep reads just the rows it deletes
-- rather than the whole table; running and waiting sessions, which retention never touches,
-- cost it nothing.
CREATE INDEX sessions_done_by_end ON sessions (end_date) WHERE status = 'done';
