-- People who passed registration. The Telegram user id doubles as the private chat id.
CREATE TABLE people (
    id                  INTEGER PRIMARY KEY,
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
    updated_at          TEXT NOT NULL
);
CREATE INDEX people_by_role ON people(role, status);

CREATE TABLE invites (
    code        TEXT PRIMARY KEY,
    role        TEXT NOT NULL CHECK (role IN ('coordinator', 'professional', 'volunteer')),
    wijk        TEXT,
    max_uses    INTEGER NOT NULL CHECK (max_uses >= 1),
    uses        INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0),
    expires_at  TEXT NOT NULL,
    created_by  INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL
);

-- State of a multi-step conversation (registration, profile edits, ...), so it survives restarts.
CREATE TABLE flows (
    telegram_id INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    step        TEXT NOT NULL,
    data        TEXT NOT NULL DEFAULT '{}',
    updated_at  TEXT NOT NULL
);

-- Every message the bot sends on its own initiative, written in the transaction that causes it.
CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    chat_id     INTEGER NOT NULL,
    method      TEXT NOT NULL,
    payload     TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'held', 'sent', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    due_at      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    sent_at     TEXT,
    error       TEXT
);
CREATE INDEX outbox_pending ON outbox(due_at, id) WHERE status = 'pending';
CREATE INDEX outbox_by_chat ON outbox(chat_id, status);

-- Update ids whose effects are committed: a redelivered update changes nothing.
CREATE TABLE processed_updates (
    update_id    INTEGER PRIMARY KEY,
    processed_at TEXT NOT NULL
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
