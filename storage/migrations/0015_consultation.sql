-- Consultation (bot/consultation): check-in rounds and answers, follow-ups on worrying answers,
-- meetings with RSVP and agenda points, and buddies for new volunteers.

-- A volunteer's contact professional as a coordinator set it. Without a row the routing rules
-- for their wijk decide, then the coordinators (bot/consultation/contacts.py).
CREATE TABLE consult_contacts (
    volunteer_id    INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    professional_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    set_by          INTEGER REFERENCES people(id) ON DELETE SET NULL,
    set_at          TEXT NOT NULL
);
CREATE INDEX consult_contacts_by_professional ON consult_contacts(professional_id);

-- A recurring check-in round: who (an audience, bot/people/audiences.py), how often (an RRULE
-- from `starts`, a local wall-clock time that fixes the first date and the time of day) and
-- which questions (a JSON list of keys, bot/consultation/questions.py).
CREATE TABLE checkin_rounds (
    id          INTEGER PRIMARY KEY,
    audience    TEXT NOT NULL,
    rule        TEXT NOT NULL,
    starts      TEXT NOT NULL,
    questions   TEXT NOT NULL,
    created_by  INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    stopped_at  TEXT
);

-- One person's check-in for one occurrence of a round (round_id NULL: a new volunteer's own
-- induction check-in). contact_id is who reads it, fixed when it was sent. Answers are a JSON
-- object {question: answer}; the note went through the privacy guard (note_reason: why it was
-- kept with a finding). Anonymised after retention.checkins_days: person, note and reason go.
CREATE TABLE checkins (
    id            INTEGER PRIMARY KEY,
    round_id      INTEGER REFERENCES checkin_rounds(id) ON DELETE SET NULL,
    occurrence    TEXT NOT NULL,
    person_id     INTEGER REFERENCES people(id) ON DELETE CASCADE,
    contact_id    INTEGER REFERENCES people(id) ON DELETE SET NULL,
    questions     TEXT NOT NULL,
    answers       TEXT NOT NULL DEFAULT '{}',
    note          TEXT,
    note_reason   TEXT,
    sent_at       TEXT NOT NULL,
    finished_at   TEXT,
    reminded_at   TEXT,
    anonymised_at TEXT
);
CREATE UNIQUE INDEX checkins_once ON checkins(round_id, occurrence, person_id)
    WHERE round_id IS NOT NULL;
CREATE UNIQUE INDEX checkins_induction_once ON checkins(person_id, occurrence)
    WHERE round_id IS NULL;
CREATE INDEX checkins_by_person ON checkins(person_id, sent_at);
CREATE INDEX checkins_for_retention ON checkins(sent_at) WHERE anonymised_at IS NULL;

-- A worrying answer is a follow-up for the contact professional, with a working-hours deadline
-- (bot/consultation/deadlines.py); they close it with a short note.
CREATE TABLE consult_followups (
    id          INTEGER PRIMARY KEY,
    checkin_id  INTEGER NOT NULL UNIQUE REFERENCES checkins(id) ON DELETE CASCADE,
    owner_id    INTEGER REFERENCES people(id) ON DELETE SET NULL,
    reasons     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    due_at      TEXT NOT NULL,
    closed_at   TEXT,
    closed_by   INTEGER REFERENCES people(id) ON DELETE SET NULL,
    close_note  TEXT
);
CREATE INDEX consult_followups_open ON consult_followups(owner_id) WHERE closed_at IS NULL;

-- Meetings: werkoverleg, intervisie, the yearly gathering. Invitations are rows per person
-- (the audience resolved when it was planned); rsvp NULL until they answer.
CREATE TABLE meetings (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('werkoverleg', 'intervisie', 'gathering')),
    title        TEXT NOT NULL,
    place        TEXT NOT NULL,
    starts_at    TEXT NOT NULL,
    ends_at      TEXT NOT NULL,
    audience     TEXT NOT NULL,
    organiser_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    rule         TEXT,
    series_id    INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    sequence     INTEGER NOT NULL DEFAULT 0,
    cancelled_at TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX meetings_by_start ON meetings(starts_at);

CREATE TABLE meeting_invites (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    rsvp       TEXT CHECK (rsvp IN ('yes', 'no', 'maybe')),
    rsvp_at    TEXT,
    PRIMARY KEY (meeting_id, person_id)
);
CREATE INDEX meeting_invites_by_person ON meeting_invites(person_id);

CREATE TABLE meeting_points (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    person_id  INTEGER REFERENCES people(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX meeting_points_by_meeting ON meeting_points(meeting_id);
CREATE INDEX meeting_points_by_person ON meeting_points(person_id);

-- A new volunteer's buddy: an experienced volunteer who inducts them.
CREATE TABLE buddies (
    newcomer_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    buddy_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    paired_by   INTEGER REFERENCES people(id) ON DELETE SET NULL,
    paired_at   TEXT NOT NULL
);
CREATE INDEX buddies_by_buddy ON buddies(buddy_id);
