-- Shifts (diensten): a visit round, a food-bank slot, a café afternoon. A recurring series keeps
-- its RRULE and wall-clock start; its coming weeks exist as rows in `shifts`, one per occurrence,
-- so one occurrence can change or be cancelled alone.
CREATE TABLE shift_series (
    id             INTEGER PRIMARY KEY,
    rule           TEXT NOT NULL,               -- RFC 5545 RRULE value, without DTSTART
    first_start    TEXT NOT NULL,               -- naive local wall-clock start, 2026-11-24T10:00:00
    minutes        INTEGER NOT NULL CHECK (minutes BETWEEN 15 AND 1440),
    skip_holidays  INTEGER NOT NULL DEFAULT 0 CHECK (skip_holidays IN (0, 1)),
    title          TEXT NOT NULL,
    interest       TEXT,
    wijk           TEXT,
    place          TEXT NOT NULL,
    notes          TEXT,
    needed         INTEGER NOT NULL CHECK (needed BETWEEN 1 AND 50),
    made_until     TEXT NOT NULL,               -- occurrences before this instant exist as rows
    ended_at       TEXT,                        -- cancelled from then on
    created_by     INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL
);

CREATE TABLE shifts (
    id          INTEGER PRIMARY KEY,
    series_id   INTEGER REFERENCES shift_series(id) ON DELETE SET NULL,
    occurrence  TEXT,                           -- which occurrence of its series (UTC)
    title       TEXT NOT NULL,
    interest    TEXT,                           -- an organisation.interests key, or none
    wijk        TEXT,
    place       TEXT NOT NULL,                  -- a public place, never a resident's address
    notes       TEXT,
    starts_at   TEXT NOT NULL,
    ends_at     TEXT NOT NULL,
    needed      INTEGER NOT NULL CHECK (needed BETWEEN 1 AND 50),
    holiday     INTEGER NOT NULL DEFAULT 0 CHECK (holiday IN (0, 1)),
    status      TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
    sequence    INTEGER NOT NULL DEFAULT 0,     -- raised with every change of time, place, status
    detached    INTEGER NOT NULL DEFAULT 0 CHECK (detached IN (0, 1)),  -- changed on its own
    waves       INTEGER NOT NULL DEFAULT 0,     -- offer waves sent so far
    created_by  INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE UNIQUE INDEX shifts_one_per_occurrence ON shifts(series_id, occurrence)
    WHERE series_id IS NOT NULL;
-- Coverage, /diensten and the overlap check read planned shifts by time.
CREATE INDEX shifts_planned_by_start ON shifts(starts_at) WHERE status = 'planned';

-- Who comes. 'called': first on standby, asked to confirm a place held for them. A place is
-- taken by 'confirmed' and 'called'; the count is checked in the statement that takes one.
CREATE TABLE shift_signups (
    id               INTEGER PRIMARY KEY,
    shift_id         INTEGER NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,
    person_id        INTEGER REFERENCES people(id) ON DELETE SET NULL,  -- NULL: erased
    status           TEXT NOT NULL CHECK (status IN (
                         'confirmed', 'called', 'standby', 'cancelled', 'declined', 'swapped',
                         'removed')),
    via              TEXT NOT NULL CHECK (via IN ('offer', 'list', 'assigned', 'standby', 'swap')),
    override_reason  TEXT,                      -- assigned above their maximum: why
    cancel_reason    TEXT,                      -- cancelled after the cut-off: their words
    late             INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    still_coming_at  TEXT,                      -- answered the day-before reminder
    attended         INTEGER CHECK (attended IN (0, 1)),  -- NULL: present, as by default
    called_until     TEXT,                      -- 'called': the place is held until then
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX shift_signups_once ON shift_signups(shift_id, person_id)
    WHERE status IN ('confirmed', 'called', 'standby');
CREATE INDEX shift_signups_by_shift ON shift_signups(shift_id, status, id);
CREATE INDEX shift_signups_by_person ON shift_signups(person_id, status);

-- A volunteer's place offered to others who fit; the first to accept takes it over.
CREATE TABLE shift_swaps (
    id          INTEGER PRIMARY KEY,
    signup_id   INTEGER NOT NULL REFERENCES shift_signups(id) ON DELETE CASCADE,
    shift_id    INTEGER NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'taken', 'withdrawn')),
    taken_by    INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    closed_at   TEXT
);
CREATE UNIQUE INDEX shift_swaps_open ON shift_swaps(signup_id) WHERE status = 'open';
CREATE INDEX shift_swaps_by_shift ON shift_swaps(shift_id, status);

-- Who was asked, when, and what they said: a tap is allowed on an offer made to you, and the
-- least recently asked are asked first (so nobody is asked too much).
CREATE TABLE shift_offers (
    id          INTEGER PRIMARY KEY,
    shift_id    INTEGER NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    swap_id     INTEGER REFERENCES shift_swaps(id) ON DELETE CASCADE,  -- NULL: an open place
    wave        INTEGER NOT NULL,
    offered_at  TEXT NOT NULL,
    answer      TEXT CHECK (answer IN ('yes', 'no')),
    answered_at TEXT
);
CREATE UNIQUE INDEX shift_offers_place ON shift_offers(shift_id, person_id) WHERE swap_id IS NULL;
CREATE UNIQUE INDEX shift_offers_swap ON shift_offers(swap_id, person_id) WHERE swap_id IS NOT NULL;
CREATE INDEX shift_offers_by_person ON shift_offers(person_id, offered_at);

-- A shift's history: made, changed, offered, taken, cancelled, swapped, attendance.
CREATE TABLE shift_events (
    id          INTEGER PRIMARY KEY,
    shift_id    INTEGER NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,
    actor_id    INTEGER REFERENCES people(id) ON DELETE SET NULL,
    person_id   INTEGER REFERENCES people(id) ON DELETE SET NULL,  -- whom it is about
    action      TEXT NOT NULL,
    detail      TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX shift_events_by_shift ON shift_events(shift_id, id);
CREATE INDEX shift_events_by_person ON shift_events(person_id);
CREATE INDEX shift_events_by_actor ON shift_events(actor_id);
