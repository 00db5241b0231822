"""People: registered coordinators, professionals and volunteers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from storage.database import Row, Transaction
from storage.timestamps import from_db, to_db


class Role(StrEnum):
    COORDINATOR = "coordinator"
    PROFESSIONAL = "professional"
    VOLUNTEER = "volunteer"


class Status(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    ALUMNI = "alumni"


@dataclass(frozen=True)
class OwnPause:
    """A break the person chose themselves (/pauze, "even pauze"). Not Status.PAUSED, which a
    coordinator sets and which closes the bot to them: on their own pause a person keeps every
    command and only stops receiving what is not urgent (storage.audiences)."""

    since: datetime
    until: datetime | None  # the moment it ends by itself; None: until they say they are back
    reason: str | None = None  # for themselves only

    def lasts_at(self, moment: datetime) -> bool:
        """The rule storage.audiences applies in SQL: it lasts until `until`, if any."""
        return self.until is None or moment < self.until


@dataclass(frozen=True)
class Person:
    id: int
    telegram_id: int
    role: Role
    status: Status
    reachable: bool
    name: str
    wijk: str | None
    language: str
    interests: tuple[str, ...]
    availability: tuple[str, ...]
    max_shifts_per_week: int | None
    motivation: str | None
    terms_accepted_at: datetime
    invited_by: int | None
    created_at: datetime
    updated_at: datetime
    own_pause: OwnPause | None = None  # as stored: it may have ended by itself (own_pause_at)

    @property
    def active(self) -> bool:
        return self.status is Status.ACTIVE

    def own_pause_at(self, moment: datetime) -> OwnPause | None:
        """Their own pause if it lasts at `moment`."""
        pause = self.own_pause
        return pause if pause is not None and pause.lasts_at(moment) else None


@dataclass(frozen=True)
class NewPerson:
    telegram_id: int
    role: Role
    name: str
    wijk: str | None
    language: str
    interests: tuple[str, ...] = ()
    availability: tuple[str, ...] = ()
    max_shifts_per_week: int | None = None
    motivation: str | None = None
    invited_by: int | None = None


# Columns a profile edit may change; anything else changes through its own method.
EDITABLE = frozenset(
    {"name", "wijk", "language", "interests", "availability", "max_shifts_per_week", "motivation"}
)


def _own_pause(row: Row) -> OwnPause | None:
    if row["own_pause_since"] is None:
        return None
    until = row["own_pause_until"]
    return OwnPause(
        since=from_db(row["own_pause_since"]),
        until=from_db(until) if until is not None else None,
        reason=row["own_pause_reason"],
    )


def person_from_row(row: Row) -> Person:
    return Person(
        id=row["id"],
        telegram_id=row["telegram_id"],
        role=Role(row["role"]),
        status=Status(row["status"]),
        reachable=bool(row["reachable"]),
        name=row["name"],
        wijk=row["wijk"],
        language=row["language"],
        interests=tuple(json.loads(row["interests"])),
        availability=tuple(json.loads(row["availability"])),
        max_shifts_per_week=row["max_shifts_per_week"],
        motivation=row["motivation"],
        terms_accepted_at=from_db(row["terms_accepted_at"]),
        invited_by=row["invited_by"],
        created_at=from_db(row["created_at"]),
        updated_at=from_db(row["updated_at"]),
        own_pause=_own_pause(row),
    )


def _column_value(value: Any) -> Any:
    return json.dumps(list(value)) if isinstance(value, tuple | list) else value


class PersonRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(self, new: NewPerson, now: datetime) -> int:
        stamp = to_db(now)
        person_id = await self.tx.insert(
            """INSERT INTO people (telegram_id, role, name, wijk, language, interests,
                   availability, max_shifts_per_week, motivation, terms_accepted_at, invited_by,
                   created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                new.telegram_id,
                new.role.value,
                new.name,
                new.wijk,
                new.language,
                json.dumps(list(new.interests)),
                json.dumps(list(new.availability)),
                new.max_shifts_per_week,
                new.motivation,
                stamp,
                new.invited_by,
                stamp,
                stamp,
            ),
        )
        assert person_id is not None
        return person_id

    async def by_telegram_id(self, telegram_id: int) -> Person | None:
        row = await self.tx.fetchone("SELECT * FROM people WHERE telegram_id = ?", (telegram_id,))
        return person_from_row(row) if row else None

    async def by_id(self, person_id: int) -> Person | None:
        row = await self.tx.fetchone("SELECT * FROM people WHERE id = ?", (person_id,))
        return person_from_row(row) if row else None

    async def by_ids(self, person_ids: list[int]) -> dict[int, Person]:
        """Many people at once (a round's thousands), by id; the missing ones left out."""
        found: dict[int, Person] = {}
        for start in range(0, len(person_ids), 500):  # SQLite's limit on parameters
            chunk = person_ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = await self.tx.fetchall(f"SELECT * FROM people WHERE id IN ({marks})", chunk)
            found.update((r["id"], person_from_row(r)) for r in rows)
        return found

    async def search(
        self,
        role: Role | None = None,
        wijk: str | None = None,
        status: Status | None = None,
        limit: int = 10,
        offset: int = 0,
    ) -> tuple[list[Person], int]:
        """One page of people matching the filters, ordered by name, and the total count."""
        where, params = ["1 = 1"], []
        for column, value in (("role", role), ("wijk", wijk), ("status", status)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(str(value))
        clause = " AND ".join(where)
        total_row = await self.tx.fetchone(f"SELECT count(*) FROM people WHERE {clause}", params)
        rows = await self.tx.fetchall(
            f"SELECT * FROM people WHERE {clause} ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [person_from_row(r) for r in rows], int(total_row[0]) if total_row else 0

    async def active_coordinators(self) -> list[Person]:
        rows = await self.tx.fetchall(
            "SELECT * FROM people WHERE role = 'coordinator' AND status = 'active' ORDER BY id"
        )
        return [person_from_row(r) for r in rows]

    async def update(self, person_id: int, now: datetime, **changes: Any) -> None:
        unknown = set(changes) - EDITABLE
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        assignments = ", ".join(f"{column} = ?" for column in changes)
        await self.tx.execute(
            f"UPDATE people SET {assignments}, updated_at = ? WHERE id = ?",
            [*(_column_value(v) for v in changes.values()), to_db(now), person_id],
        )

    async def set_status(self, person_id: int, status: Status, now: datetime) -> None:
        await self.tx.execute(
            "UPDATE people SET status = ?, updated_at = ? WHERE id = ?",
            (status.value, to_db(now), person_id),
        )

    async def set_role(self, person_id: int, role: Role, now: datetime) -> None:
        await self.tx.execute(
            "UPDATE people SET role = ?, updated_at = ? WHERE id = ?",
            (role.value, to_db(now), person_id),
        )

    async def set_own_pause(self, person_id: int, pause: OwnPause | None, now: datetime) -> None:
        """Start, change or (None) end the person's own pause."""
        since = to_db(pause.since) if pause else None
        until = to_db(pause.until) if pause and pause.until else None
        await self.tx.execute(
            "UPDATE people SET own_pause_since = ?, own_pause_until = ?, own_pause_reason = ?,"
            " updated_at = ? WHERE id = ?",
            (since, until, pause.reason if pause else None, to_db(now), person_id),
        )

    async def set_reachable(self, telegram_id: int, reachable: bool) -> bool:
        """Change reachability; True when it actually changed (so notices go out once)."""
        changed = await self.tx.execute(
            "UPDATE people SET reachable = ? WHERE telegram_id = ? AND reachable = ?",
            (int(reachable), telegram_id, int(not reachable)),
        )
        return changed > 0

    async def delete(self, person_id: int) -> None:
        await self.tx.execute("DELETE FROM people WHERE id = ?", (person_id,))

    async def names_version(self) -> tuple[object, ...]:
        """Changes when a person is added, renamed, given a role or erased: for caches of
        `staff_names`."""
        row = await self.tx.fetchone(
            "SELECT count(*), max(id), max(updated_at), total(length(name)) FROM people"
        )
        return tuple(row) if row is not None else ()

    async def staff_names(self) -> list[str]:
        """The names of the professionals and coordinators, as registered."""
        rows = await self.tx.fetchall(
            "SELECT name FROM people WHERE role IN (?, ?)",
            (Role.PROFESSIONAL.value, Role.COORDINATOR.value),
        )
        return [row["name"] for row in rows]
