-- voelspriet: foreign keys off
-- People's ids are never used again, not even after /vergeet (AUTOINCREMENT): audit details name
-- people by id ("to 12 via rule 3"), and a newcomer must not inherit an erased person's history.
-- SQLite adds AUTOINCREMENT only by rebuilding the table, so foreign keys are off around this
-- script and checked after it (storage/database.py). `SELECT *` fails loudly should a column
-- have been added since: add it below, in its place; and every index on people is made again.
CREATE TABLE people_new (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    telegram_id         INTEGER NOT NULL UNIQUE,
    role                TEXT NOT NULL CHECK (role IN ('coordinator', 'professional', 'volunteer')),
    status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'alumni')),
    reachable           INTEGER NOT NULL DEFAULT 1 CHECK (reachable IN (0, 1)),
    name                TEXT NOT NULL,
    wijk                TEXT,
    language            TEXT NOT NULL,
    interests           TEXT NOT NULL DEFAULT '[]',  -- JSON list of configured domain keys
    availability        TEXT NOT NULL DEFAULT '[]',  -- JSON list of availability keys
    max_shifts_per_week INTEGER CHECK (max_shifts_per_week BETWEEN 0 AND 14),
    motivation          TEXT,
    terms_accepted_at   TEXT NOT NULL,
    invited_by          INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    own_pause_since     TEXT,  -- their own pause (0010)
    own_pause_until     TEXT,
    own_pause_reason    TEXT
);
INSERT INTO people_new SELECT * FROM people;
DROP TABLE people;
ALTER TABLE people_new RENAME TO people;
CREATE INDEX people_by_role ON people(role, status);
CREATE INDEX people_by_status_wijk ON people(status, wijk);

-- Ids already given to people erased since may still be named in the audit trail: the next
-- id comes after the highest one named there ("to 12 via rule 3", "to 12: reason", and the
-- out-of-hours list "to 4, 7").
WITH RECURSIVE
    named(n) AS (
        SELECT CAST(substr(detail, 4) AS INTEGER) FROM signal_events WHERE detail LIKE 'to %'
        UNION ALL
        SELECT CAST(substr(body, 4) AS INTEGER) FROM question_messages WHERE body LIKE 'to %'
    ),
    listed(rest, n) AS (
        SELECT substr(detail, 4) || ',', 0 FROM signal_events
        WHERE action = 'out_of_hours' AND detail LIKE 'to %'
        UNION ALL
        SELECT substr(rest, instr(rest, ',') + 1),
               CAST(trim(substr(rest, 1, instr(rest, ',') - 1)) AS INTEGER)
        FROM listed WHERE rest <> ''
    ),
    highest(n) AS (
        SELECT max(n) FROM (
            SELECT n FROM named UNION ALL SELECT n FROM listed UNION ALL SELECT id FROM people
        )
    )
INSERT OR REPLACE INTO sqlite_sequence (rowid, name, seq)
SELECT (SELECT rowid FROM sqlite_sequence WHERE name = 'people'), 'people', coalesce(n, 0)
FROM highest;
