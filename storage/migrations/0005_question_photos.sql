-- A question may carry one photo (metadata stripped before storing, as for signals).
ALTER TABLE questions ADD COLUMN photo BLOB;  -- NULL once anonymised
-- Anonymisation of old questions (bot.anonymise): when it happened, NULL until then.
ALTER TABLE questions ADD COLUMN anonymised_at TEXT;
-- The retention purge looks for finished questions that are not yet anonymised. A question's
-- last activity is never before its creation, so the purge only visits those created before
-- the cut-off; the queries repeat this WHERE clause word for word, or SQLite won't use it.
CREATE INDEX questions_finished ON questions(created_at)
    WHERE status IN ('answered', 'closed') AND anonymised_at IS NULL;
