-- One scheduler for every due thing (bot/scheduling/tick.py). A timer is one firing: the tick
-- marks it fired in the transaction that writes its producer's outbox rows, so a double tick
-- or a restart fires nothing twice, and what fell due during downtime fires once.
CREATE TABLE timers (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,  -- what it is for: 'signal:12:remind'; one firing per key
    kind        TEXT NOT NULL,         -- the producer that fires it: 'signal.remind'
    subject_id  INTEGER,               -- the row it is about (a signal, a question, ...)
    due_at      TEXT NOT NULL,         -- when the tick looks at it (next)
    fired_at    TEXT,                  -- NULL until it fired
    data        TEXT NOT NULL DEFAULT '{}',  -- a little JSON for the producer: ids, never texts
    attempts    INTEGER NOT NULL DEFAULT 0,  -- failed tries of its producer (for the back-off)
    error       TEXT,                  -- the last failure's exception type
    created_at  TEXT NOT NULL
);
-- The tick reads only due, unfired timers; the purge only old fired ones.
CREATE INDEX timers_due ON timers(due_at) WHERE fired_at IS NULL;
CREATE INDEX timers_fired ON timers(fired_at) WHERE fired_at IS NOT NULL;

-- Existing deadlines become timers. A signal waiting for pickup is reminded at its pickup
-- deadline; a question waiting for an answer at this round's answer_due_at. Escalations are at
-- three times the deadline in working time, which SQL cannot count: their timers start at the
-- deadline (a lower bound) and the producer moves them to the exact moment when it first looks
-- (bot/signals/deadlines.py, bot/questions/deadlines.py). What was reminded or escalated
-- already becomes a fired timer, so it does not happen again.
INSERT INTO timers (key, kind, subject_id, due_at, fired_at, created_at)
SELECT 'signal:' || id || ':remind', 'signal.remind', id, pickup_due_at, reminded_at, created_at
FROM signals WHERE status = 'received';

INSERT INTO timers (key, kind, subject_id, due_at, fired_at, created_at)
SELECT 'signal:' || id || ':escalate', 'signal.escalate', id, pickup_due_at, escalated_at,
       created_at
FROM signals WHERE status = 'received';

INSERT INTO timers (key, kind, subject_id, due_at, fired_at, created_at)
SELECT 'question:' || q.id || ':remind:' || coalesce(q.waiting_since, q.created_at),
       'question.remind', q.id, q.answer_due_at,
       (SELECT min(m.created_at) FROM question_messages m WHERE m.question_id = q.id
          AND m.kind = 'reminded' AND m.created_at >= coalesce(q.waiting_since, q.created_at)),
       q.created_at
FROM questions q WHERE q.status = 'open';

INSERT INTO timers (key, kind, subject_id, due_at, fired_at, created_at)
SELECT 'question:' || q.id || ':escalate:' || coalesce(q.waiting_since, q.created_at),
       'question.escalate', q.id, q.answer_due_at,
       (SELECT min(m.created_at) FROM question_messages m WHERE m.question_id = q.id
          AND m.kind = 'escalated' AND m.created_at >= coalesce(q.waiting_since, q.created_at)),
       q.created_at
FROM questions q WHERE q.status = 'open';

-- The timers are the one fire-once mechanism now: the signals' own marks go (the audit trail's
-- 'reminded' and 'escalated' entries stay as history), and so does the index their scan used.
DROP INDEX signals_awaiting_pickup;
ALTER TABLE signals DROP COLUMN reminded_at;
ALTER TABLE signals DROP COLUMN escalated_at;

-- Outbox priority: 0 interactive (answers, alerts, receipts), 1 reminders and notices, 2 bulk
-- (broadcasts). The delivery worker takes the lowest first, so a long broadcast never holds
-- up an alert; due_at stays the "not before" (quiet hours, retries).
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (0, 1, 2));
DROP INDEX outbox_pending;
CREATE INDEX outbox_due ON outbox(priority, due_at, id) WHERE status = 'pending';
-- A chat's queue: its rows go out by priority, then in the order they were queued.
CREATE INDEX outbox_chat_queue ON outbox(chat_id, priority, id) WHERE status = 'pending';
