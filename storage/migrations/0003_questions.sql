-- Questions: a volunteer asks the professionals something; routed like a signal (one owner).
CREATE TABLE questions (
    id             INTEGER PRIMARY KEY,
    asker_id       INTEGER REFERENCES people(id) ON DELETE SET NULL,
    owner_id       INTEGER REFERENCES people(id) ON DELETE SET NULL,
    topic          TEXT NOT NULL,
    wijk           TEXT,
    text           TEXT,            -- NULL once anonymised
    privacy_kept   TEXT NOT NULL DEFAULT '[]',  -- kinds of identifying data kept on purpose
    privacy_reason TEXT,
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
    created_at     TEXT NOT NULL,
    answer_due_at  TEXT NOT NULL,
    answered_at    TEXT,
    closed_at      TEXT
);
CREATE INDEX questions_by_owner ON questions(owner_id, status);
CREATE INDEX questions_by_asker ON questions(asker_id);

-- The thread: the question's routing, answers, follow-ups and closing, in order.
CREATE TABLE question_messages (
    id                  INTEGER PRIMARY KEY,
    question_id         INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    author_id           INTEGER REFERENCES people(id) ON DELETE SET NULL,
    kind                TEXT NOT NULL,   -- asked, routed, answer, followup, closed
    body                TEXT,
    created_at          TEXT NOT NULL,
    telegram_message_id INTEGER          -- the alert or answer as delivered, for Telegram replies
);
CREATE INDEX question_messages_by_question ON question_messages(question_id, id);
