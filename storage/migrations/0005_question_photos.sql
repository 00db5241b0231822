-- A question may carry one photo (metadata stripped before storing, as for signals).
ALTER TABLE questions ADD COLUMN photo BLOB;  -- NULL once anonymised
-- Anonymisation of old questions (bot.anonymise): when it happened, NULL until then.
ALTER TABLE questions ADD COLUMN anonymised_at TEXT;
-- The retention purge looks for finished questions that are not yet anonymised.
CREATE INDEX questions_finished ON questions(status, anonymised_at);
