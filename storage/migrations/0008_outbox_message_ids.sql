-- The Telegram message id of a delivered row, so a later row can edit that message (an alert
-- whose buttons no longer fit after a pass-on). NULL until delivered, and for calls that make
-- no message.
ALTER TABLE outbox ADD COLUMN message_id INTEGER;
