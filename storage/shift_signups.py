"""Who comes to a shift, who stands by, swaps, attendance and hours. Never commits.

The last place is decided in one statement: the INSERT (or UPDATE) that takes a place carries
the count of places taken in its WHERE clause. Inside the Database's write transaction
(BEGIN IMMEDIATE: one writer at a time, in this process and in any other on the same file)
two taps for the last place are two statements one after the other, and the second finds the
shift full.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.database import Row, Transaction
from storage.shifts import Shift, shift_from_row
from storage.timestamps import from_db, to_db

ACTIVE = ("confirmed", "called", "standby")
# The condition that a place is free on shift ?, for a WHERE clause.
_ROOM = (
    "(SELECT count(*) FROM shift_signups t WHERE t.shift_id = ?"
    " AND t.status IN ('confirmed', 'called'))"
    " < (SELECT needed FROM shifts WHERE id = ? AND status = 'planned')"
)


@dataclass(frozen=True)
class Signup:
    id: int
    shift_id: int
    person_id: int | None
    status: str
    via: str
    override_reason: str | None
    cancel_reason: str | None
    late: bool
    still_coming_at: datetime | None
    attended: bool | None
    called_until: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class Named:
    """A sign-up with the person's name and chat (for cards, notices and reminders)."""

    signup: Signup
    name: str
    telegram_id: int
    language: str


@dataclass(frozen=True)
class Swap:
    id: int
    signup_id: int
    shift_id: int
    status: str
    taken_by: int | None


def _at(value: str | None) -> datetime | None:
    return from_db(value) if value else None


def signup_from_row(row: Row) -> Signup:
    attended = row["attended"]
    return Signup(
        id=row["id"],
        shift_id=row["shift_id"],
        person_id=row["person_id"],
        status=row["status"],
        via=row["via"],
        override_reason=row["override_reason"],
        cancel_reason=row["cancel_reason"],
        late=bool(row["late"]),
        still_coming_at=_at(row["still_coming_at"]),
        attended=None if attended is None else bool(attended),
        called_until=_at(row["called_until"]),
        created_at=from_db(row["created_at"]),
    )


def _swap(row: Row) -> Swap:
    return Swap(row["id"], row["signup_id"], row["shift_id"], row["status"], row["taken_by"])


class SignupRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def get(self, signup_id: int) -> Signup | None:
        row = await self.tx.fetchone("SELECT * FROM shift_signups WHERE id = ?", (signup_id,))
        return signup_from_row(row) if row else None

    async def active(self, shift_id: int, person_id: int) -> Signup | None:
        """Their confirmed, held or standby sign-up for this shift."""
        row = await self.tx.fetchone(
            "SELECT * FROM shift_signups WHERE shift_id = ? AND person_id = ?"
            " AND status IN ('confirmed', 'called', 'standby')",
            (shift_id, person_id),
        )
        return signup_from_row(row) if row else None

    async def take(
        self,
        shift_id: int,
        person_id: int,
        via: str,
        now: datetime,
        override_reason: str | None = None,
        still_coming: bool = False,
    ) -> int | None:
        """A place for them if one is free; None when the shift is full (or not planned)."""
        stamp = to_db(now)
        return await self.tx.insert(
            "INSERT OR IGNORE INTO shift_signups (shift_id, person_id, status, via,"
            " override_reason, still_coming_at, created_at, updated_at)"
            f" SELECT ?, ?, 'confirmed', ?, ?, ?, ?, ? WHERE {_ROOM}",
            (
                shift_id,
                person_id,
                via,
                override_reason,
                stamp if still_coming else None,
                stamp,
                stamp,
                shift_id,
                shift_id,
            ),
        )

    async def promote(self, signup_id: int, shift_id: int, now: datetime, via: str) -> bool:
        """Standby to confirmed, if a place is free."""
        changed = await self.tx.execute(
            "UPDATE shift_signups SET status = 'confirmed', via = ?, updated_at = ?"
            f" WHERE id = ? AND status = 'standby' AND {_ROOM}",
            (via, to_db(now), signup_id, shift_id, shift_id),
        )
        return changed > 0

    async def stand_by(self, shift_id: int, person_id: int, via: str, now: datetime) -> int | None:
        stamp = to_db(now)
        return await self.tx.insert(
            "INSERT OR IGNORE INTO shift_signups (shift_id, person_id, status, via, created_at,"
            " updated_at) VALUES (?, ?, 'standby', ?, ?, ?)",
            (shift_id, person_id, via, stamp, stamp),
        )

    async def call_first_standby(
        self, shift_id: int, until: datetime, now: datetime
    ) -> Signup | None:
        """Hold a free place for the first one on standby, who is asked to confirm."""
        row = await self.tx.fetchone(
            "UPDATE shift_signups SET status = 'called', called_until = ?, updated_at = ?"
            " WHERE id = (SELECT id FROM shift_signups WHERE shift_id = ? AND status = 'standby'"
            f" ORDER BY id LIMIT 1) AND {_ROOM} RETURNING *",
            (to_db(until), to_db(now), shift_id, shift_id, shift_id),
        )
        return signup_from_row(row) if row else None

    async def move(
        self, signup_id: int, source: tuple[str, ...], target: str, now: datetime
    ) -> bool:
        """From one of `source` to `target`; False when it was no longer in `source`."""
        marks = ", ".join("?" for _ in source)
        changed = await self.tx.execute(
            "UPDATE shift_signups SET status = ?, updated_at = ?"
            f" WHERE id = ? AND status IN ({marks})",
            (target, to_db(now), signup_id, *source),
        )
        return changed > 0

    async def cancel(self, signup_id: int, late: bool, reason: str | None, now: datetime) -> bool:
        changed = await self.tx.execute(
            "UPDATE shift_signups SET status = 'cancelled', late = ?, cancel_reason = ?,"
            " updated_at = ? WHERE id = ? AND status IN ('confirmed', 'called', 'standby')",
            (int(late), reason, to_db(now), signup_id),
        )
        return changed > 0

    async def still_coming(self, signup_id: int, now: datetime) -> bool:
        changed = await self.tx.execute(
            "UPDATE shift_signups SET still_coming_at = ?, updated_at = ?"
            " WHERE id = ? AND status = 'confirmed'",
            (to_db(now), to_db(now), signup_id),
        )
        return changed > 0

    async def set_attended(self, signup_id: int, attended: bool, now: datetime) -> None:
        await self.tx.execute(
            "UPDATE shift_signups SET attended = ?, updated_at = ? WHERE id = ?",
            (int(attended), to_db(now), signup_id),
        )

    async def of_shift(self, shift_id: int, statuses: tuple[str, ...] = ACTIVE) -> list[Named]:
        """The shift's sign-ups in these states, in the order they came, with the people."""
        marks = ", ".join("?" for _ in statuses)
        rows = await self.tx.fetchall(
            "SELECT g.*, p.name, p.telegram_id, p.language FROM shift_signups g"
            " JOIN people p ON p.id = g.person_id"
            f" WHERE g.shift_id = ? AND g.status IN ({marks}) ORDER BY g.id",
            (shift_id, *statuses),
        )
        return [Named(signup_from_row(r), r["name"], r["telegram_id"], r["language"]) for r in rows]

    async def coming_for(self, person_id: int, now: datetime) -> list[tuple[Signup, Shift]]:
        """Their sign-ups (confirmed, held, standby) for planned shifts not yet over."""
        rows = await self.tx.fetchall(
            "SELECT s.*, g.id AS g_id, g.shift_id AS g_shift_id, g.person_id AS g_person_id,"
            " g.status AS g_status, g.via AS g_via, g.override_reason AS g_override_reason,"
            " g.cancel_reason AS g_cancel_reason, g.late AS g_late,"
            " g.still_coming_at AS g_still_coming_at, g.attended AS g_attended,"
            " g.called_until AS g_called_until, g.created_at AS g_created_at"
            " FROM shift_signups g JOIN shifts s ON s.id = g.shift_id"
            " WHERE g.person_id = ? AND g.status IN ('confirmed', 'called', 'standby')"
            " AND s.status = 'planned' AND s.ends_at > ? ORDER BY s.starts_at, s.id",
            (person_id, to_db(now)),
        )
        return [(_prefixed_signup(r), shift_from_row(r)) for r in rows]

    async def latest_per_shift(
        self, person_id: int, now: datetime, shift_id: int | None = None
    ) -> list[tuple[str, Shift]]:
        """Their newest sign-up's status per shift not yet over (or for one shift): what their
        calendar should show (cancelled ones too, so a re-import takes them out)."""
        rows = await self.tx.fetchall(
            "SELECT s.*, g.status AS g_status FROM shifts s JOIN shift_signups g"
            " ON g.id = (SELECT max(id) FROM shift_signups WHERE shift_id = s.id AND person_id = ?)"
            " WHERE s.ends_at > ? AND (? IS NULL OR s.id = ?) ORDER BY s.starts_at, s.id",
            (person_id, to_db(now), shift_id, shift_id),
        )
        return [(r["g_status"], shift_from_row(r)) for r in rows]

    async def places_in(self, person_id: int, start: datetime, end: datetime) -> int:
        """How many places they have in planned shifts starting in [start, end) (a week)."""
        row = await self.tx.fetchone(
            "SELECT count(*) FROM shift_signups g JOIN shifts s ON s.id = g.shift_id"
            " WHERE g.person_id = ? AND g.status IN ('confirmed', 'called')"
            " AND s.status = 'planned' AND s.starts_at >= ? AND s.starts_at < ?",
            (person_id, to_db(start), to_db(end)),
        )
        return int(row[0]) if row else 0

    async def overlapping(
        self, person_id: int, starts_at: datetime, ends_at: datetime, other_than: int
    ) -> Shift | None:
        """A planned shift of theirs (not `other_than`) that overlaps [starts_at, ends_at)."""
        row = await self.tx.fetchone(
            "SELECT s.* FROM shift_signups g JOIN shifts s ON s.id = g.shift_id"
            " WHERE g.person_id = ? AND g.status IN ('confirmed', 'called') AND s.id != ?"
            " AND s.status = 'planned' AND s.starts_at < ? AND s.ends_at > ?"
            " ORDER BY s.starts_at LIMIT 1",
            (person_id, other_than, to_db(ends_at), to_db(starts_at)),
        )
        return shift_from_row(row) if row else None

    async def future_of(self, person_id: int, now: datetime) -> list[Signup]:
        """Their active sign-ups for planned shifts that have not started."""
        rows = await self.tx.fetchall(
            "SELECT g.* FROM shift_signups g JOIN shifts s ON s.id = g.shift_id"
            " WHERE g.person_id = ? AND g.status IN ('confirmed', 'called', 'standby')"
            " AND s.status = 'planned' AND s.starts_at > ? ORDER BY s.starts_at",
            (person_id, to_db(now)),
        )
        return [signup_from_row(r) for r in rows]

    async def of_person(self, person_id: int) -> list[dict[str, object]]:
        """Every sign-up of theirs with its shift, for /mijngegevens."""
        rows = await self.tx.fetchall(
            "SELECT g.shift_id, s.title, s.place, s.starts_at, s.ends_at, s.status AS shift_status,"
            " g.status, g.via, g.override_reason, g.cancel_reason, g.late, g.still_coming_at,"
            " g.attended, g.created_at, g.updated_at FROM shift_signups g"
            " JOIN shifts s ON s.id = g.shift_id WHERE g.person_id = ? ORDER BY s.starts_at, g.id",
            (person_id,),
        )
        found = [dict(r) for r in rows]
        for row in found:
            row["late"] = bool(row["late"])
            row["attended"] = None if row["attended"] is None else bool(row["attended"])
        return found

    async def swaps_taken(self, person_id: int) -> list[dict[str, object]]:
        rows = await self.tx.fetchall(
            "SELECT shift_id, created_at, closed_at FROM shift_swaps WHERE taken_by = ?"
            " ORDER BY id",
            (person_id,),
        )
        return [dict(r) for r in rows]

    async def anonymise(self, person_id: int) -> int:
        """Keep their past places for the hours' totals, without them or their words."""
        return await self.tx.execute(
            "UPDATE shift_signups SET person_id = NULL, cancel_reason = NULL,"
            " override_reason = NULL WHERE person_id = ?",
            (person_id,),
        )

    # -- hours: the attendance of shifts that are over --------------------------------------

    # A confirmed place in a planned shift that has ended counts, unless marked absent.
    _COUNTED = (
        "FROM shift_signups g JOIN shifts s ON s.id = g.shift_id WHERE g.status = 'confirmed'"
        " AND s.status = 'planned' AND s.ends_at <= ? AND coalesce(g.attended, 1) = 1"
    )
    _HOURS = "total((julianday(s.ends_at) - julianday(s.starts_at)) * 24)"

    async def hours(self, person_id: int, now: datetime) -> tuple[int, float]:
        """How many shifts they came to and their hours, up to `now`."""
        row = await self.tx.fetchone(
            f"SELECT count(*), {self._HOURS} {self._COUNTED} AND g.person_id = ?",
            (to_db(now), person_id),
        )
        assert row is not None
        return int(row[0]), round(float(row[1]), 2)

    async def hours_by_person(self, now: datetime) -> dict[int, tuple[int, float]]:
        """Shifts and hours per volunteer (for milestones): one grouped query."""
        rows = await self.tx.fetchall(
            f"SELECT g.person_id, count(*), {self._HOURS} {self._COUNTED}"
            " AND g.person_id IS NOT NULL GROUP BY g.person_id",
            (to_db(now),),
        )
        return {int(r[0]): (int(r[1]), round(float(r[2]), 2)) for r in rows}

    # -- swaps ----------------------------------------------------------------------------

    async def open_swap(self, signup: Signup, now: datetime) -> int | None:
        """Offer their place to others; None when it is on offer already."""
        return await self.tx.insert(
            "INSERT OR IGNORE INTO shift_swaps (signup_id, shift_id, created_at) VALUES (?, ?, ?)",
            (signup.id, signup.shift_id, to_db(now)),
        )

    async def swap(self, swap_id: int) -> Swap | None:
        row = await self.tx.fetchone("SELECT * FROM shift_swaps WHERE id = ?", (swap_id,))
        return _swap(row) if row else None

    async def open_swap_of(self, signup_id: int) -> Swap | None:
        row = await self.tx.fetchone(
            "SELECT * FROM shift_swaps WHERE signup_id = ? AND status = 'open'", (signup_id,)
        )
        return _swap(row) if row else None

    async def close_swap(
        self, swap_id: int, status: str, now: datetime, taken_by: int | None = None
    ) -> bool:
        """Taken or withdrawn, once: False when it was closed already (someone was first)."""
        changed = await self.tx.execute(
            "UPDATE shift_swaps SET status = ?, taken_by = ?, closed_at = ?"
            " WHERE id = ? AND status = 'open'",
            (status, taken_by, to_db(now), swap_id),
        )
        return changed > 0

    async def insert_taken_over(self, shift_id: int, person_id: int, now: datetime) -> int | None:
        """The place a swap hands over (the place count stays the same)."""
        stamp = to_db(now)
        return await self.tx.insert(
            "INSERT OR IGNORE INTO shift_signups (shift_id, person_id, status, via, created_at,"
            " updated_at) VALUES (?, ?, 'confirmed', 'swap', ?, ?)",
            (shift_id, person_id, stamp, stamp),
        )


def _prefixed_signup(row: Row) -> Signup:
    attended = row["g_attended"]
    return Signup(
        id=row["g_id"],
        shift_id=row["g_shift_id"],
        person_id=row["g_person_id"],
        status=row["g_status"],
        via=row["g_via"],
        override_reason=row["g_override_reason"],
        cancel_reason=row["g_cancel_reason"],
        late=bool(row["g_late"]),
        still_coming_at=_at(row["g_still_coming_at"]),
        attended=None if attended is None else bool(attended),
        called_until=_at(row["g_called_until"]),
        created_at=from_db(row["g_created_at"]),
    )
