"""Check-ins: contact professionals, rounds, one person's check-in and its answers. Never commits."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from storage.database import Row, Transaction
from storage.timestamps import from_db, to_db


@dataclass(frozen=True)
class Round:
    id: int
    audience: str  # JSON (bot.people.audiences.Audience)
    rule: str  # RRULE
    starts: datetime  # naive local wall-clock time: the first date and the time of day
    questions: tuple[str, ...]
    created_by: int | None
    created_at: datetime
    stopped_at: datetime | None

    @property
    def active(self) -> bool:
        return self.stopped_at is None


@dataclass(frozen=True)
class Checkin:
    id: int
    round_id: int | None
    occurrence: datetime
    person_id: int | None
    contact_id: int | None
    questions: tuple[str, ...]
    answers: dict[str, str] = field(default_factory=dict)
    note: str | None = None
    note_reason: str | None = None
    sent_at: datetime | None = None
    finished_at: datetime | None = None
    reminded_at: datetime | None = None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def induction(self) -> bool:
        """A new volunteer's own check-in, which asks how the induction goes."""
        return self.round_id is None


def _round(row: Row) -> Round:
    return Round(
        id=row["id"],
        audience=row["audience"],
        rule=row["rule"],
        starts=datetime.fromisoformat(row["starts"]),
        questions=tuple(json.loads(row["questions"])),
        created_by=row["created_by"],
        created_at=from_db(row["created_at"]),
        stopped_at=from_db(row["stopped_at"]) if row["stopped_at"] else None,
    )


def _maybe(text: str | None) -> datetime | None:
    return from_db(text) if text else None


def _checkin(row: Row) -> Checkin:
    return Checkin(
        id=row["id"],
        round_id=row["round_id"],
        occurrence=from_db(row["occurrence"]),
        person_id=row["person_id"],
        contact_id=row["contact_id"],
        questions=tuple(json.loads(row["questions"])),
        answers=json.loads(row["answers"]),
        note=row["note"],
        note_reason=row["note_reason"],
        sent_at=_maybe(row["sent_at"]),
        finished_at=_maybe(row["finished_at"]),
        reminded_at=_maybe(row["reminded_at"]),
    )


@dataclass(frozen=True)
class NewCheckin:
    person_id: int
    contact_id: int | None


class ContactRepository:
    """Who a coordinator made a volunteer's contact professional."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def of(self, volunteer_id: int) -> int | None:
        row = await self.tx.fetchone(
            "SELECT professional_id FROM consult_contacts WHERE volunteer_id = ?", (volunteer_id,)
        )
        return int(row[0]) if row else None

    async def all(self) -> dict[int, int]:
        """Every volunteer's set contact, by volunteer id (one read for a whole round)."""
        rows = await self.tx.fetchall("SELECT volunteer_id, professional_id FROM consult_contacts")
        return {r[0]: r[1] for r in rows}

    async def set(
        self, volunteer_id: int, professional_id: int | None, by: int | None, now: datetime
    ) -> None:
        """Set the contact, or (None) go back to the routing rules."""
        if professional_id is None:
            await self.tx.execute(
                "DELETE FROM consult_contacts WHERE volunteer_id = ?", (volunteer_id,)
            )
            return
        await self.tx.execute(
            "INSERT INTO consult_contacts (volunteer_id, professional_id, set_by, set_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (volunteer_id) DO UPDATE SET"
            " professional_id = excluded.professional_id, set_by = excluded.set_by,"
            " set_at = excluded.set_at",
            (volunteer_id, professional_id, by, to_db(now)),
        )


class RoundRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(
        self,
        audience: str,
        rule: str,
        starts: datetime,
        questions: Sequence[str],
        by: int | None,
        now: datetime,
    ) -> int:
        round_id = await self.tx.insert(
            "INSERT INTO checkin_rounds (audience, rule, starts, questions, created_by,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (audience, rule, starts.isoformat(), json.dumps(list(questions)), by, to_db(now)),
        )
        assert round_id is not None
        return round_id

    async def by_id(self, round_id: int) -> Round | None:
        row = await self.tx.fetchone("SELECT * FROM checkin_rounds WHERE id = ?", (round_id,))
        return _round(row) if row else None

    async def listed(self) -> list[Round]:
        """Running rounds first, then stopped ones, newest first."""
        rows = await self.tx.fetchall(
            "SELECT * FROM checkin_rounds ORDER BY stopped_at IS NOT NULL, id DESC"
        )
        return [_round(r) for r in rows]

    async def count(self) -> int:
        row = await self.tx.fetchone("SELECT count(*) FROM checkin_rounds")
        return int(row[0]) if row else 0

    async def stop(self, round_id: int, now: datetime) -> bool:
        return (
            await self.tx.execute(
                "UPDATE checkin_rounds SET stopped_at = ? WHERE id = ? AND stopped_at IS NULL",
                (to_db(now), round_id),
            )
            > 0
        )


class CheckinRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add_many(
        self,
        round_id: int | None,
        occurrence: datetime,
        questions: Sequence[str],
        people: Sequence[NewCheckin],
        now: datetime,
    ) -> dict[int, int]:
        """One check-in per person (a person who has this one already keeps it); returns the
        new check-ins' ids by person id."""
        at, asked = to_db(occurrence), json.dumps(list(questions))
        await self.tx.executemany(
            "INSERT OR IGNORE INTO checkins (round_id, occurrence, person_id, contact_id,"
            " questions, sent_at) VALUES (?, ?, ?, ?, ?, ?)",
            ((round_id, at, p.person_id, p.contact_id, asked, to_db(now)) for p in people),
        )
        same_round = "round_id = ?" if round_id is not None else "round_id IS NULL"
        rows = await self.tx.fetchall(
            f"SELECT id, person_id FROM checkins WHERE {same_round} AND occurrence = ?"
            " AND sent_at = ?",
            (*([round_id] if round_id is not None else []), at, to_db(now)),
        )
        wanted = {p.person_id for p in people}
        return {r["person_id"]: r["id"] for r in rows if r["person_id"] in wanted}

    async def by_id(self, checkin_id: int) -> Checkin | None:
        row = await self.tx.fetchone("SELECT * FROM checkins WHERE id = ?", (checkin_id,))
        return _checkin(row) if row else None

    async def of_occurrence(self, round_id: int, occurrence: datetime) -> list[Checkin]:
        rows = await self.tx.fetchall(
            "SELECT * FROM checkins WHERE round_id = ? AND occurrence = ? ORDER BY id",
            (round_id, to_db(occurrence)),
        )
        return [_checkin(r) for r in rows]

    async def previous_occurrence(self, round_id: int, before: datetime) -> datetime | None:
        row = await self.tx.fetchone(
            "SELECT max(occurrence) FROM checkins WHERE round_id = ? AND occurrence < ?",
            (round_id, to_db(before)),
        )
        return from_db(row[0]) if row and row[0] else None

    async def open_of(self, person_id: int) -> Checkin | None:
        """The person's newest unfinished check-in."""
        row = await self.tx.fetchone(
            "SELECT * FROM checkins WHERE person_id = ? AND finished_at IS NULL"
            " ORDER BY sent_at DESC, id DESC LIMIT 1",
            (person_id,),
        )
        return _checkin(row) if row else None

    async def of_person(self, person_id: int) -> list[Checkin]:
        rows = await self.tx.fetchall(
            "SELECT * FROM checkins WHERE person_id = ? ORDER BY sent_at, id", (person_id,)
        )
        return [_checkin(r) for r in rows]

    async def answer(self, checkin_id: int, question: str, value: str) -> None:
        await self.tx.execute(
            "UPDATE checkins SET answers = json_set(answers, '$.' || ?, ?) WHERE id = ?",
            (question, value, checkin_id),
        )

    async def set_note(self, checkin_id: int, note: str | None, reason: str | None) -> None:
        await self.tx.execute(
            "UPDATE checkins SET note = ?, note_reason = ? WHERE id = ?",
            (note, reason, checkin_id),
        )

    async def finish(self, checkin_id: int, now: datetime) -> bool:
        return (
            await self.tx.execute(
                "UPDATE checkins SET finished_at = ? WHERE id = ? AND finished_at IS NULL",
                (to_db(now), checkin_id),
            )
            > 0
        )

    async def mark_reminded(self, checkin_ids: Sequence[int], now: datetime) -> None:
        await self.tx.executemany(
            "UPDATE checkins SET reminded_at = ? WHERE id = ?",
            ((to_db(now), checkin_id) for checkin_id in checkin_ids),
        )

    async def anonymise_before(self, before: datetime, now: datetime) -> int:
        """Check-ins sent before `before`: who and what they wrote go; the taps stay for counts."""
        return await self.tx.execute(
            "UPDATE checkins SET person_id = NULL, note = NULL, note_reason = NULL,"
            " anonymised_at = ? WHERE anonymised_at IS NULL AND sent_at < ?",
            (to_db(now), to_db(before)),
        )
