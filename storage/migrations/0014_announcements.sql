-- Announcements (/bericht): one message from a coordinator (or a professional, to their wijk's
-- volunteers) to an audience. Each recipient's copy is an outbox row with the key
-- 'an:<id>:to:<person id>', written in the transaction that starts the sending, so a crash
-- resumes where it stopped and nobody gets it twice; the outbox also keeps each copy's
-- message id, which corrections and withdrawals need.
CREATE TABLE announcements (
    id           INTEGER PRIMARY KEY,
    sender_id    INTEGER REFERENCES people(id) ON DELETE SET NULL,
    audience     TEXT NOT NULL,             -- JSON (bot.people.audiences)
    kind         TEXT NOT NULL CHECK (kind IN ('text', 'photo', 'document')),
    body         TEXT NOT NULL,             -- the text or caption, without its formatting
    entities     TEXT NOT NULL DEFAULT '[]',  -- its formatting as Telegram's MessageEntity list
    file_id      TEXT,                      -- the photo or document (Telegram's file id)
    file_name    TEXT,
    important    INTEGER NOT NULL DEFAULT 0 CHECK (important IN (0, 1)),  -- "Gelezen 👍"
    urgent       INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1)),  -- no quiet hours, no pause
    status       TEXT NOT NULL
                 CHECK (status IN ('scheduled', 'sending', 'sent', 'cancelled', 'withdrawn')),
    send_at      TEXT NOT NULL,             -- when it goes (scheduled) or went
    recipients   INTEGER NOT NULL DEFAULT 0,
    version      INTEGER NOT NULL DEFAULT 0,  -- corrections so far ('an:<id>:fix<version>:...')
    -- The operation whose outcome the sender waits for: 'to' (sending), 'fix<n>' (a
    -- correction) or 'del' (withdrawing); the watcher reports it once its rows are settled.
    watching     TEXT,
    reminded_at  TEXT,
    withdrawn_at TEXT,
    finished_at  TEXT,                      -- every copy delivered or settled
    created_at   TEXT NOT NULL
);
CREATE INDEX announcements_watched ON announcements(id) WHERE watching IS NOT NULL;
CREATE INDEX announcements_by_status ON announcements(status, send_at);
CREATE INDEX announcements_by_sender ON announcements(sender_id);

-- Who an announcement went to (the audience as it was when it started), who pressed
-- "Gelezen 👍", and the message id of their copy once it went (copied from the outbox when the
-- sending is done, so a reply to it is known after the outbox forgot it). Erasing a person
-- removes their rows.
CREATE TABLE announcement_recipients (
    announcement_id INTEGER NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    acknowledged_at TEXT,
    message_id      INTEGER,
    PRIMARY KEY (announcement_id, person_id)
) WITHOUT ROWID;
CREATE INDEX announcement_recipients_by_person ON announcement_recipients(person_id, message_id);
