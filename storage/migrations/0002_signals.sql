-- Signals: a volunteer's concern, with exactly one accountable owner at all times.
CREATE TABLE signals (
    id               INTEGER PRIMARY KEY,
    reporter_id      INTEGER REFERENCES people(id) ON DELETE SET NULL,
    owner_id         INTEGER REFERENCES people(id) ON DELETE SET NULL,
    category         TEXT NOT NULL,
    wijk             TEXT,
    description      TEXT,            -- NULL once anonymised
    urgency          TEXT NOT NULL CHECK (urgency IN ('normal', 'soon', 'today')),
    consent          TEXT NOT NULL CHECK (consent IN ('yes', 'no', 'unknown')),
    photo            BLOB,            -- metadata stripped before storing; NULL once anonymised
    latitude         REAL,
    longitude        REAL,
    privacy_kept     TEXT NOT NULL DEFAULT '[]',  -- kinds of identifying data kept on purpose
    privacy_reason   TEXT,
    status           TEXT NOT NULL DEFAULT 'received'
                     CHECK (status IN ('received', 'picked_up', 'contact_made', 'closed')),
    outcome          TEXT,
    closing_message  TEXT,
    created_at       TEXT NOT NULL,
    pickup_due_at    TEXT NOT NULL,
    reminded_at      TEXT,
    escalated_at     TEXT,
    closed_at        TEXT,
    anonymised_at    TEXT
);
CREATE INDEX signals_by_owner ON signals(owner_id, status);
CREATE INDEX signals_by_reporter ON signals(reporter_id);
CREATE INDEX signals_awaiting_pickup ON signals(pickup_due_at) WHERE status = 'received';
CREATE INDEX signals_closed ON signals(closed_at) WHERE status = 'closed' AND anonymised_at IS NULL;

-- The audit trail: who did what, when.
CREATE TABLE signal_events (
    id          INTEGER PRIMARY KEY,
    signal_id   INTEGER NOT NULL REFERENCES signals(id) ON DELETE CASCADE,
    actor_id    INTEGER REFERENCES people(id) ON DELETE SET NULL,
    action      TEXT NOT NULL,
    detail      TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX signal_events_by_signal ON signal_events(signal_id, id);

-- Ordered routing rules: the first that matches category and/or wijk names the professional.
CREATE TABLE routing_rules (
    id              INTEGER PRIMARY KEY,
    position        INTEGER NOT NULL,
    category        TEXT,             -- NULL: any category
    wijk            TEXT,             -- NULL: any wijk
    professional_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL
);
CREATE INDEX routing_rules_in_order ON routing_rules(position, id);

-- A professional's absence, with the substitute who receives new signals meanwhile.
CREATE TABLE absences (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    substitute_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    starts_at     TEXT NOT NULL,
    ends_at       TEXT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX absences_by_person ON absences(person_id, ends_at);
