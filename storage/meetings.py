"""Meetings, their invitations with RSVPs, and the agenda points invitees send. Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from storage.database import Row, Transaction
from storage.timestamps import from_db, to_db


class MeetingKind(StrEnum):
    WORK = "werkoverleg"
    INTERVISION = "intervisie"
    GATHERING = "gathering"  # the yearly gathering, alumni invited too


class Rsvp(StrEnum):
    YES = "yes"
    NO = "no"
    MAYBE = "maybe"


@dataclass(frozen=True)
class Meeting:
    id: int
    kind: MeetingKind
    title: str
    place: str
    starts_at: datetime
    ends_at: datetime
    audience: str  # JSON (bot.people.audiences.Audience)
    organiser_id: int | None
    rule: str | None  # RRULE of a recurring meeting; each occurrence is its own row
    series_id: int | None  # the first meeting of its series
    sequence: int
    cancelled_at: datetime | None

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


@dataclass(frozen=True)
class Invite:
    meeting_id: int
    person_id: int
    rsvp: Rsvp | None


@dataclass(frozen=True)
class AgendaPoint:
    id: int
    meeting_id: int
    person_id: int | None
    text: str
    created_at: datetime


@dataclass(frozen=True)
class NewMeeting:
    kind: MeetingKind
    title: str
    place: str
    starts_at: datetime
    ends_at: datetime
    audience: str
    organiser_id: int | None
    rule: str | None = None
    series_id: int | None = None


def _meeting(row: Row) -> Meeting:
    return Meeting(
        id=row["id"],
        kind=MeetingKind(row["kind"]),
        title=row["title"],
        place=row["place"],
        starts_at=from_db(row["starts_at"]),
        ends_at=from_db(row["ends_at"]),
        audience=row["audience"],
        organiser_id=row["organiser_id"],
        rule=row["rule"],
        series_id=row["series_id"],
        sequence=row["sequence"],
        cancelled_at=from_db(row["cancelled_at"]) if row["cancelled_at"] else None,
    )


class MeetingRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(self, new: NewMeeting, now: datetime) -> int:
        meeting_id = await self.tx.insert(
            "INSERT INTO meetings (kind, title, place, starts_at, ends_at, audience,"
            " organiser_id, rule, series_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new.kind.value,
                new.title,
                new.place,
                to_db(new.starts_at),
                to_db(new.ends_at),
                new.audience,
                new.organiser_id,
                new.rule,
                new.series_id,
                to_db(now),
            ),
        )
        assert meeting_id is not None
        return meeting_id

    async def by_id(self, meeting_id: int) -> Meeting | None:
        row = await self.tx.fetchone("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
        return _meeting(row) if row else None

    async def upcoming_for(self, person_id: int, now: datetime) -> list[Meeting]:
        """Meetings to come that the person is invited to or organises, soonest first."""
        rows = await self.tx.fetchall(
            "SELECT * FROM meetings WHERE ends_at > ? AND cancelled_at IS NULL AND (organiser_id"
            " = ? OR id IN (SELECT meeting_id FROM meeting_invites WHERE person_id = ?))"
            " ORDER BY starts_at, id",
            (to_db(now), person_id, person_id),
        )
        return [_meeting(r) for r in rows]

    async def organised_by(self, person_id: int) -> list[Meeting]:
        rows = await self.tx.fetchall(
            "SELECT * FROM meetings WHERE organiser_id = ? ORDER BY starts_at", (person_id,)
        )
        return [_meeting(r) for r in rows]

    async def cancel(self, meeting_id: int, now: datetime) -> bool:
        """Mark it cancelled (a calendar that imports it again sees a newer version)."""
        return (
            await self.tx.execute(
                "UPDATE meetings SET cancelled_at = ?, sequence = sequence + 1"
                " WHERE id = ? AND cancelled_at IS NULL",
                (to_db(now), meeting_id),
            )
            > 0
        )

    async def move(self, meeting_id: int, starts_at: datetime, ends_at: datetime) -> None:
        """A new moment: a newer version for calendars, and everyone is asked again."""
        await self.tx.execute(
            "UPDATE meetings SET starts_at = ?, ends_at = ?, sequence = sequence + 1 WHERE id = ?",
            (to_db(starts_at), to_db(ends_at), meeting_id),
        )
        await self.tx.execute(
            "UPDATE meeting_invites SET rsvp = NULL, rsvp_at = NULL WHERE meeting_id = ?",
            (meeting_id,),
        )

    # --- invitations -------------------------------------------------------------------------

    async def invite(self, meeting_id: int, person_ids: Sequence[int]) -> None:
        await self.tx.executemany(
            "INSERT OR IGNORE INTO meeting_invites (meeting_id, person_id) VALUES (?, ?)",
            ((meeting_id, person_id) for person_id in person_ids),
        )

    async def invite_of(self, meeting_id: int, person_id: int) -> Invite | None:
        row = await self.tx.fetchone(
            "SELECT * FROM meeting_invites WHERE meeting_id = ? AND person_id = ?",
            (meeting_id, person_id),
        )
        return _invite(row) if row else None

    async def invites(self, meeting_id: int) -> list[Invite]:
        rows = await self.tx.fetchall(
            "SELECT * FROM meeting_invites WHERE meeting_id = ? ORDER BY person_id",
            (meeting_id,),
        )
        return [_invite(r) for r in rows]

    async def answer(self, meeting_id: int, person_id: int, rsvp: Rsvp, now: datetime) -> bool:
        return (
            await self.tx.execute(
                "UPDATE meeting_invites SET rsvp = ?, rsvp_at = ?"
                " WHERE meeting_id = ? AND person_id = ?",
                (rsvp.value, to_db(now), meeting_id, person_id),
            )
            > 0
        )

    async def invites_of_person(self, person_id: int) -> list[tuple[Meeting, Invite]]:
        rows = await self.tx.fetchall(
            "SELECT m.*, i.meeting_id, i.person_id, i.rsvp FROM meeting_invites AS i"
            " JOIN meetings AS m ON m.id = i.meeting_id WHERE i.person_id = ? ORDER BY m.id",
            (person_id,),
        )
        return [(_meeting(r), _invite(r)) for r in rows]

    # --- agenda points -----------------------------------------------------------------------

    async def add_point(self, meeting_id: int, person_id: int, text: str, now: datetime) -> int:
        point_id = await self.tx.insert(
            "INSERT INTO meeting_points (meeting_id, person_id, text, created_at)"
            " VALUES (?, ?, ?, ?)",
            (meeting_id, person_id, text, to_db(now)),
        )
        assert point_id is not None
        return point_id

    async def points(self, meeting_id: int) -> list[AgendaPoint]:
        rows = await self.tx.fetchall(
            "SELECT * FROM meeting_points WHERE meeting_id = ? ORDER BY id", (meeting_id,)
        )
        return [_point(r) for r in rows]

    async def purge_points(self, ended_before: datetime) -> int:
        """Forget the agenda points of meetings that ended before `ended_before`."""
        return await self.tx.execute(
            "DELETE FROM meeting_points WHERE meeting_id IN"
            " (SELECT id FROM meetings WHERE ends_at < ?)",
            (to_db(ended_before),),
        )

    async def points_of_person(self, person_id: int) -> list[AgendaPoint]:
        rows = await self.tx.fetchall(
            "SELECT * FROM meeting_points WHERE person_id = ? ORDER BY id", (person_id,)
        )
        return [_point(r) for r in rows]


def _invite(row: Row) -> Invite:
    return Invite(row["meeting_id"], row["person_id"], Rsvp(row["rsvp"]) if row["rsvp"] else None)


def _point(row: Row) -> AgendaPoint:
    return AgendaPoint(
        row["id"], row["meeting_id"], row["person_id"], row["text"], from_db(row["created_at"])
    )
