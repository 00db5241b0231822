"""Announcements (bot.announcements). Never commits.

An announcement's copies are outbox rows (storage.outbox) with the keys built below; this
repository keeps the announcement itself. Who it went to, their "Gelezen 👍" and how their
copies stand: storage.announcement_recipients.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from storage.database import Row, Transaction
from storage.timestamps import from_db, to_db


class Kind(StrEnum):
    TEXT = "text"
    PHOTO = "photo"
    DOCUMENT = "document"


class State(StrEnum):
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    CANCELLED = "cancelled"
    WITHDRAWN = "withdrawn"


Entity = dict[str, Any]


@dataclass(frozen=True)
class Content:
    """What the sender wrote: the text (or caption) with its formatting as Telegram's entities,
    and the photo or document it comes with."""

    kind: Kind
    body: str
    entities: tuple[Entity, ...] = ()
    file_id: str | None = None
    file_name: str | None = None


@dataclass(frozen=True)
class Announcement:
    id: int
    sender_id: int | None
    audience: str  # JSON, bot.people.audiences.Audience.from_json
    content: Content
    important: bool
    urgent: bool
    status: State
    send_at: datetime
    recipients: int
    version: int
    watching: str | None
    reminded_at: datetime | None
    withdrawn_at: datetime | None
    finished_at: datetime | None
    created_at: datetime

    @property
    def reference(self) -> str:
        return reference(self.id)


def reference(announcement_id: int) -> str:
    """How people name it, also in replies: A-0012."""
    return f"A-{announcement_id:04d}"


@dataclass(frozen=True)
class NewAnnouncement:
    sender_id: int
    audience: str
    content: Content
    important: bool
    urgent: bool
    status: State
    send_at: datetime


# Outbox keys of an announcement's rows: 'an:<id>:to:<person>' (a copy), 'an:<id>:fix<n>:<person>'
# (correction n of it), 'an:<id>:del:<person>' (withdrawing it), 'an:<id>:remind:<person>' (and
# 'an:<id>:del:remind:<person>', its delete), and
# 'an:<id>:status' and 'an:<id>:report:<operation>' for the sender. Each kind of row shares a
# prefix, so one range on the outbox's key index finds them all.
def prefix(announcement_id: int, operation: str) -> str:
    """The key prefix of one kind of row: 'to', 'fix<n>', 'del', 'remind'."""
    return f"an:{announcement_id}:{operation}:"


def row_key(announcement_id: int, operation: str, person_id: int) -> str:
    return f"{prefix(announcement_id, operation)}{person_id}"


def deletes_of(announcement_id: int, operation: str) -> str:
    """The key prefix of the deletes of copies ('an:<id>:del:') or of reminders
    ('an:<id>:del:remind:'): all under the 'del' prefix, so the watcher waits for both."""
    deletes = prefix(announcement_id, "del")
    return deletes if operation == "to" else f"{deletes}{operation}:"


def delete_key(row_key: str) -> str:
    """The key of the delete of this copy or reminder."""
    announcement, operation, person = row_key.removeprefix("an:").split(":")
    return f"{deletes_of(int(announcement), operation)}{person}"


def status_key(announcement_id: int) -> str:
    return f"an:{announcement_id}:status"


def report_key(announcement_id: int, operation: str) -> str:
    return f"an:{announcement_id}:report:{operation}"


def _optional(value: str | None) -> datetime | None:
    return from_db(value) if value else None


def _announcement(row: Row) -> Announcement:
    return Announcement(
        id=row["id"],
        sender_id=row["sender_id"],
        audience=row["audience"],
        content=Content(
            kind=Kind(row["kind"]),
            body=row["body"],
            entities=tuple(json.loads(row["entities"])),
            file_id=row["file_id"],
            file_name=row["file_name"],
        ),
        important=bool(row["important"]),
        urgent=bool(row["urgent"]),
        status=State(row["status"]),
        send_at=from_db(row["send_at"]),
        recipients=row["recipients"],
        version=row["version"],
        watching=row["watching"],
        reminded_at=_optional(row["reminded_at"]),
        withdrawn_at=_optional(row["withdrawn_at"]),
        finished_at=_optional(row["finished_at"]),
        created_at=from_db(row["created_at"]),
    )


class AnnouncementRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(self, new: NewAnnouncement, now: datetime) -> int:
        content = new.content
        announcement_id = await self.tx.insert(
            """INSERT INTO announcements (sender_id, audience, kind, body, entities, file_id,
                   file_name, important, urgent, status, send_at, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                new.sender_id,
                new.audience,
                content.kind.value,
                content.body,
                json.dumps(list(content.entities)),
                content.file_id,
                content.file_name,
                int(new.important),
                int(new.urgent),
                new.status.value,
                to_db(new.send_at),
                to_db(now),
            ),
        )
        assert announcement_id is not None
        return announcement_id

    async def by_id(self, announcement_id: int) -> Announcement | None:
        row = await self.tx.fetchone("SELECT * FROM announcements WHERE id = ?", (announcement_id,))
        return _announcement(row) if row else None

    async def started(self, announcement_id: int, recipients: int, now: datetime) -> None:
        """It goes out now, to this many people; the watcher follows its copies ('to')."""
        await self.tx.execute(
            "UPDATE announcements SET status = 'sending', send_at = ?, recipients = ?,"
            " watching = 'to' WHERE id = ?",
            (to_db(now), recipients, announcement_id),
        )

    async def set_status(self, announcement_id: int, status: State) -> None:
        await self.tx.execute(
            "UPDATE announcements SET status = ? WHERE id = ?", (status.value, announcement_id)
        )

    async def watch(self, announcement_id: int, operation: str | None) -> None:
        await self.tx.execute(
            "UPDATE announcements SET watching = ? WHERE id = ?", (operation, announcement_id)
        )

    async def finished(self, announcement_id: int, now: datetime) -> None:
        """Every copy is settled: sent, unless it was withdrawn meanwhile."""
        await self.tx.execute(
            "UPDATE announcements SET finished_at = coalesce(finished_at, ?),"
            " status = CASE status WHEN 'sending' THEN 'sent' ELSE status END WHERE id = ?",
            (to_db(now), announcement_id),
        )

    async def watched(self) -> list[Announcement]:
        """Announcements whose sender waits for the outcome of an operation."""
        rows = await self.tx.fetchall(
            "SELECT * FROM announcements WHERE watching IS NOT NULL ORDER BY id"
        )
        return [_announcement(r) for r in rows]

    async def corrected(self, announcement_id: int, content: Content) -> int:
        """The new text (and formatting) of a sent announcement; returns its new version."""
        await self.tx.execute(
            "UPDATE announcements SET body = ?, entities = ?, version = version + 1,"
            " watching = 'fix' || (version + 1) WHERE id = ?",
            (content.body, json.dumps(list(content.entities)), announcement_id),
        )
        row = await self.tx.fetchone(
            "SELECT version FROM announcements WHERE id = ?", (announcement_id,)
        )
        assert row is not None
        return int(row[0])

    async def withdrawn(self, announcement_id: int, now: datetime) -> None:
        await self.tx.execute(
            "UPDATE announcements SET status = 'withdrawn', withdrawn_at = ?, watching = 'del'"
            " WHERE id = ?",
            (to_db(now), announcement_id),
        )

    async def reminded(self, announcement_id: int, now: datetime) -> bool:
        """Mark the one reminder; False when it was sent before."""
        changed = await self.tx.execute(
            "UPDATE announcements SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL",
            (to_db(now), announcement_id),
        )
        return changed > 0

    async def listing(self, sender_id: int | None, limit: int) -> list[Announcement]:
        """Scheduled ones first (soonest first), then the newest others; `sender_id` None: all."""
        mine = "" if sender_id is None else "AND sender_id = ?"
        args: tuple[Any, ...] = () if sender_id is None else (sender_id,)
        rows = await self.tx.fetchall(
            f"""SELECT * FROM announcements WHERE status = 'scheduled' {mine}
                ORDER BY send_at, id LIMIT ?""",
            (*args, limit),
        )
        rows += await self.tx.fetchall(
            f"""SELECT * FROM announcements WHERE status != 'scheduled' {mine}
                ORDER BY id DESC LIMIT ?""",
            (*args, max(0, limit - len(rows))),
        )
        return [_announcement(r) for r in rows]

    async def sent_by(self, person_id: int) -> list[Announcement]:
        rows = await self.tx.fetchall(
            "SELECT * FROM announcements WHERE sender_id = ? ORDER BY id", (person_id,)
        )
        return [_announcement(r) for r in rows]

    async def containing(self, fragment: str) -> list[Announcement]:
        rows = await self.tx.fetchall(
            "SELECT * FROM announcements WHERE instr(body, ?) > 0", (fragment,)
        )
        return [_announcement(r) for r in rows]

    async def set_text(self, announcement_id: int, body: str, entities: Sequence[Entity]) -> None:
        """Replace the stored text as it is (erasure); a correction goes through `corrected`."""
        await self.tx.execute(
            "UPDATE announcements SET body = ?, entities = ? WHERE id = ?",
            (body, json.dumps(list(entities)), announcement_id),
        )

    async def purge(self, before: datetime) -> int:
        """Forget announcements finished, cancelled or withdrawn before `before`, with who got
        them; scheduled and sending ones stay."""
        return await self.tx.execute(
            "DELETE FROM announcements WHERE status IN ('sent', 'cancelled', 'withdrawn')"
            " AND coalesce(finished_at, withdrawn_at, send_at) < ?",
            (to_db(before),),
        )
