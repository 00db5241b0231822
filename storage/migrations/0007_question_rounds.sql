-- A follow-up makes a question wait for an answer again: a new round with its own deadline
-- (answer_due_at is moved), reminder and escalation. NULL: the first round, since created_at.
ALTER TABLE questions ADD COLUMN waiting_since TEXT;
