"""Shifts and their series, the coverage of the coming weeks, and each shift's history.

Sign-ups, swaps and hours live in storage.shift_signups; offers and who fits in
storage.shift_offers. Never commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.database import Row, Transaction
from storage.timestamps import from_db, to_db

# What takes a place: a confirmed volunteer, or the one on standby it is held for.
TAKING = ("confirmed", "called")


@dataclass(frozen=True)
class Series:
    id: int
    rule: str
    first_start: datetime  # naive: the local wall-clock start of the first occurrence
    minutes: int
    skip_holidays: bool
    title: str
    interest: str | None
    wijk: str | None
    place: str
    notes: str | None
    needed: int
    made_until: datetime
    ended_at: datetime | None


@dataclass(frozen=True)
class Shift:
    id: int
    series_id: int | None
    title: str
    interest: str | None
    wijk: str | None
    place: str
    notes: str | None
    starts_at: datetime
    ends_at: datetime
    needed: int
    holiday: bool
    status: str
    sequence: int
    detached: bool
    waves: int
    created_at: datetime
    updated_at: datetime

    @property
    def planned(self) -> bool:
        return self.status == "planned"

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600


@dataclass(frozen=True)
class NewShift:
    title: str
    interest: str | None
    wijk: str | None
    place: str
    notes: str | None
    starts_at: datetime
    ends_at: datetime
    needed: int
    holiday: bool = False
    series_id: int | None = None
    occurrence: datetime | None = None


@dataclass(frozen=True)
class Coverage:
    shift: Shift
    filled: int  # confirmed
    held: int  # held for someone on standby who was asked to confirm
    standby: int

    @property
    def short(self) -> int:
        return max(0, self.shift.needed - self.filled - self.held)


@dataclass(frozen=True)
class ShiftEvent:
    id: int
    shift_id: int
    actor_id: int | None
    person_id: int | None
    action: str
    detail: str | None
    created_at: datetime


def shift_from_row(row: Row) -> Shift:
    return Shift(
        id=row["id"],
        series_id=row["series_id"],
        title=row["title"],
        interest=row["interest"],
        wijk=row["wijk"],
        place=row["place"],
        notes=row["notes"],
        starts_at=from_db(row["starts_at"]),
        ends_at=from_db(row["ends_at"]),
        needed=row["needed"],
        holiday=bool(row["holiday"]),
        status=row["status"],
        sequence=row["sequence"],
        detached=bool(row["detached"]),
        waves=row["waves"],
        created_at=from_db(row["created_at"]),
        updated_at=from_db(row["updated_at"]),
    )


def _series(row: Row) -> Series:
    return Series(
        id=row["id"],
        rule=row["rule"],
        first_start=datetime.fromisoformat(row["first_start"]),
        minutes=row["minutes"],
        skip_holidays=bool(row["skip_holidays"]),
        title=row["title"],
        interest=row["interest"],
        wijk=row["wijk"],
        place=row["place"],
        notes=row["notes"],
        needed=row["needed"],
        made_until=from_db(row["made_until"]),
        ended_at=from_db(row["ended_at"]) if row["ended_at"] else None,
    )


# Columns a coordinator's change may set on one shift (storage never trusts a caller's name).
CHANGEABLE = frozenset({"title", "place", "notes", "needed", "starts_at", "ends_at"})
# Changes that move a shift in people's calendars: the .ics SEQUENCE goes up.
_SEQUENCED = frozenset({"place", "starts_at", "ends_at", "title"})


class ShiftRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add_series(
        self,
        template: NewShift,
        rule: str,
        first_start: datetime,
        skip_holidays: bool,
        by: int | None,
        now: datetime,
    ) -> int:
        minutes = int((template.ends_at - template.starts_at).total_seconds() // 60)
        series_id = await self.tx.insert(
            "INSERT INTO shift_series (rule, first_start, minutes, skip_holidays, title,"
            " interest, wijk, place, notes, needed, made_until, created_by, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                rule,
                first_start.replace(tzinfo=None).isoformat(),
                minutes,
                int(skip_holidays),
                template.title,
                template.interest,
                template.wijk,
                template.place,
                template.notes,
                template.needed,
                to_db(now),
                by,
                to_db(now),
            ),
        )
        assert series_id is not None
        return series_id

    async def series(self, series_id: int) -> Series | None:
        row = await self.tx.fetchone("SELECT * FROM shift_series WHERE id = ?", (series_id,))
        return _series(row) if row else None

    async def running_series(self) -> list[Series]:
        rows = await self.tx.fetchall("SELECT * FROM shift_series WHERE ended_at IS NULL")
        return [_series(r) for r in rows]

    async def made_until(self, series_id: int, until: datetime) -> None:
        await self.tx.execute(
            "UPDATE shift_series SET made_until = max(made_until, ?) WHERE id = ?",
            (to_db(until), series_id),
        )

    async def end_series(self, series_id: int, now: datetime) -> None:
        await self.tx.execute(
            "UPDATE shift_series SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
            (to_db(now), series_id),
        )

    async def add(self, new: NewShift, by: int | None, now: datetime) -> int | None:
        """A new shift; None when its series' occurrence exists already."""
        stamp = to_db(now)
        return await self.tx.insert(
            "INSERT OR IGNORE INTO shifts (series_id, occurrence, title, interest, wijk, place,"
            " notes, starts_at, ends_at, needed, holiday, created_by, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new.series_id,
                to_db(new.occurrence) if new.occurrence else None,
                new.title,
                new.interest,
                new.wijk,
                new.place,
                new.notes,
                to_db(new.starts_at),
                to_db(new.ends_at),
                new.needed,
                int(new.holiday),
                by,
                stamp,
                stamp,
            ),
        )

    async def get(self, shift_id: int) -> Shift | None:
        row = await self.tx.fetchone("SELECT * FROM shifts WHERE id = ?", (shift_id,))
        return shift_from_row(row) if row else None

    async def change(self, shift_id: int, now: datetime, **changes: Any) -> None:
        """Change one shift; it leaves its series (later changes of the series pass it by)."""
        unknown = set(changes) - CHANGEABLE
        if unknown:
            raise ValueError(f"not changeable: {sorted(unknown)}")
        values = [to_db(v) if isinstance(v, datetime) else v for v in changes.values()]
        bump = int(bool(_SEQUENCED & changes.keys()))
        assignments = "".join(f"{column} = ?, " for column in changes)
        await self.tx.execute(
            f"UPDATE shifts SET {assignments}sequence = sequence + ?, detached = 1,"
            " updated_at = ? WHERE id = ?",
            [*values, bump, to_db(now), shift_id],
        )

    async def cancel(self, shift_id: int, now: datetime) -> bool:
        return (
            await self.tx.execute(
                "UPDATE shifts SET status = 'cancelled', sequence = sequence + 1, updated_at = ?"
                " WHERE id = ? AND status = 'planned'",
                (to_db(now), shift_id),
            )
            > 0
        )

    async def count_wave(self, shift_id: int) -> int:
        """One more wave of offers for this shift; its number."""
        row = await self.tx.fetchone(
            "UPDATE shifts SET waves = waves + 1 WHERE id = ? RETURNING waves", (shift_id,)
        )
        assert row is not None
        return int(row[0])

    async def of_series(self, series_id: int, since: datetime) -> list[Shift]:
        """The planned shifts of a series that start at or after `since`."""
        rows = await self.tx.fetchall(
            "SELECT * FROM shifts WHERE series_id = ? AND starts_at >= ? AND status = 'planned'"
            " ORDER BY starts_at",
            (series_id, to_db(since)),
        )
        return [shift_from_row(r) for r in rows]

    async def coverage(self, start: datetime, end: datetime) -> list[Coverage]:
        """Planned shifts starting in [start, end) with their places taken, in one query."""
        rows = await self.tx.fetchall(
            "SELECT s.*,"
            " (SELECT count(*) FROM shift_signups g WHERE g.shift_id = s.id"
            "   AND g.status = 'confirmed') AS filled,"
            " (SELECT count(*) FROM shift_signups g WHERE g.shift_id = s.id"
            "   AND g.status = 'called') AS held,"
            " (SELECT count(*) FROM shift_signups g WHERE g.shift_id = s.id"
            "   AND g.status = 'standby') AS standby"
            " FROM shifts s WHERE s.status = 'planned' AND s.starts_at >= ? AND s.starts_at < ?"
            " ORDER BY s.starts_at, s.id",
            (to_db(start), to_db(end)),
        )
        return [Coverage(shift_from_row(r), r["filled"], r["held"], r["standby"]) for r in rows]

    async def coverage_of(self, shift_id: int) -> Coverage | None:
        shift = await self.get(shift_id)
        if shift is None:
            return None
        row = await self.tx.fetchone(
            "SELECT total(status = 'confirmed'), total(status = 'called'),"
            " total(status = 'standby') FROM shift_signups WHERE shift_id = ?",
            (shift_id,),
        )
        assert row is not None
        return Coverage(shift, int(row[0]), int(row[1]), int(row[2]))

    async def add_event(
        self,
        shift_id: int,
        actor_id: int | None,
        action: str,
        now: datetime,
        person_id: int | None = None,
        detail: str | None = None,
    ) -> None:
        await self.tx.execute(
            "INSERT INTO shift_events (shift_id, actor_id, person_id, action, detail, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (shift_id, actor_id, person_id, action, detail, to_db(now)),
        )

    async def made_by(self, person_id: int) -> dict[str, list[dict[str, Any]]]:
        """The shifts and series they made, for /mijngegevens."""
        shifts = await self.tx.fetchall(
            "SELECT id, title, starts_at, status, created_at FROM shifts WHERE created_by = ?"
            " ORDER BY id",
            (person_id,),
        )
        series = await self.tx.fetchall(
            "SELECT id, title, rule, created_at FROM shift_series WHERE created_by = ? ORDER BY id",
            (person_id,),
        )
        return {"shifts_made": [dict(r) for r in shifts], "series_made": [dict(r) for r in series]}

    async def events_naming(self, person_id: int) -> list[dict[str, Any]]:
        """History entries by them or about them, for /mijngegevens."""
        rows = await self.tx.fetchall(
            "SELECT shift_id, action, detail, actor_id = ? AS by_you, created_at"
            " FROM shift_events WHERE actor_id = ? OR person_id = ? ORDER BY id",
            (person_id, person_id, person_id),
        )
        found = [dict(r) for r in rows]
        for row in found:
            row["by_you"] = bool(row["by_you"])
        return found

    async def forget_details(self, person_id: int) -> int:
        """The words in the history about a person who is erased (their reasons)."""
        return await self.tx.execute(
            "UPDATE shift_events SET detail = NULL WHERE person_id = ? AND detail IS NOT NULL",
            (person_id,),
        )

    async def purge_details(self, before: datetime) -> int:
        """Reasons and offers of shifts that ended before `before`; how many rows changed."""
        ended = "SELECT id FROM shifts WHERE ends_at < ?"
        stamp = (to_db(before),)
        changed = await self.tx.execute(
            f"DELETE FROM shift_offers WHERE shift_id IN ({ended})", stamp
        )
        changed += await self.tx.execute(
            "UPDATE shift_signups SET cancel_reason = NULL, override_reason = NULL"
            f" WHERE (cancel_reason IS NOT NULL OR override_reason IS NOT NULL)"
            f" AND shift_id IN ({ended})",
            stamp,
        )
        changed += await self.tx.execute(
            f"UPDATE shift_events SET detail = NULL WHERE detail IS NOT NULL"
            f" AND action IN ('cancelled_late', 'assigned') AND shift_id IN ({ended})",
            stamp,
        )
        return changed

    async def events(self, shift_id: int) -> list[ShiftEvent]:
        rows = await self.tx.fetchall(
            "SELECT * FROM shift_events WHERE shift_id = ? ORDER BY id", (shift_id,)
        )
        return [
            ShiftEvent(
                r["id"],
                r["shift_id"],
                r["actor_id"],
                r["person_id"],
                r["action"],
                r["detail"],
                from_db(r["created_at"]),
            )
            for r in rows
        ]
