"""Announcements and who they went to (bot.announcements). Never commits.

An announcement's copies are outbox rows (storage.outbox) with the keys built below; this
repository keeps the announcement itself, its recipients as they were when it started, and
their "Gelezen 👍", and reads how its copies stand.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from storage.database import Row, Transaction
from storage.outbox import WITHDRAWN
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


def _copies(announcement_id: int, operation: str) -> tuple[str, str]:
    start = prefix(announcement_id, operation)
    return start, start[:-1] + ";"


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


@dataclass(frozen=True)
class Acknowledgements:
    """How many recipients pressed "Gelezen 👍", of how many."""

    acknowledged: int
    recipients: int


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

    async def add_recipients(self, announcement_id: int, person_ids: Sequence[int]) -> None:
        await self.tx.executemany(
            "INSERT OR IGNORE INTO announcement_recipients (announcement_id, person_id)"
            " VALUES (?, ?)",
            [(announcement_id, person_id) for person_id in person_ids],
        )

    async def is_recipient(self, announcement_id: int, person_id: int) -> bool:
        row = await self.tx.fetchone(
            "SELECT 1 FROM announcement_recipients WHERE announcement_id = ? AND person_id = ?",
            (announcement_id, person_id),
        )
        return row is not None

    async def acknowledge(self, announcement_id: int, person_id: int, now: datetime) -> bool:
        """Record "Gelezen 👍"; False when they had pressed it before."""
        changed = await self.tx.execute(
            "UPDATE announcement_recipients SET acknowledged_at = ?"
            " WHERE announcement_id = ? AND person_id = ? AND acknowledged_at IS NULL",
            (to_db(now), announcement_id, person_id),
        )
        return changed > 0

    async def acknowledgements(self, announcement_id: int) -> Acknowledgements:
        row = await self.tx.fetchone(
            "SELECT count(acknowledged_at), count(*) FROM announcement_recipients"
            " WHERE announcement_id = ?",
            (announcement_id,),
        )
        assert row is not None
        return Acknowledgements(int(row[0]), int(row[1]))

    async def acknowledged_by(self, announcement_id: int) -> set[int]:
        rows = await self.tx.fetchall(
            "SELECT person_id FROM announcement_recipients"
            " WHERE announcement_id = ? AND acknowledged_at IS NOT NULL",
            (announcement_id,),
        )
        return {int(r[0]) for r in rows}

    async def keep_message_ids(self, announcement_id: int) -> int:
        """Copy each delivered copy's message id from the outbox (which forgets it in time)."""
        return await self.tx.execute(
            """UPDATE announcement_recipients SET message_id = (
                   SELECT o.message_id FROM outbox o
                   WHERE o.key = 'an:' || announcement_id || ':to:' || person_id)
               WHERE announcement_id = ? AND message_id IS NULL""",
            (announcement_id,),
        )

    async def answered_by(self, person_id: int, chat_id: int, message_id: int) -> int | None:
        """The announcement a person's message with this id is a copy (or reminder) of."""
        row = await self.tx.fetchone(
            "SELECT key FROM outbox WHERE chat_id = ? AND message_id = ?"
            " AND key >= 'an:' AND key < 'an;'",
            (chat_id, message_id),
        )
        if row is not None:
            return int(str(row[0]).split(":")[1])
        row = await self.tx.fetchone(
            "SELECT announcement_id FROM announcement_recipients"
            " WHERE person_id = ? AND message_id = ?",
            (person_id, message_id),
        )
        return int(row[0]) if row is not None else None

    async def recipient_chats(self, announcement_id: int) -> dict[int, tuple[int, str]]:
        """Each recipient still registered: person id → (Telegram id, language)."""
        rows = await self.tx.fetchall(
            """SELECT p.id, p.telegram_id, p.language FROM announcement_recipients r
               JOIN people p ON p.id = r.person_id WHERE r.announcement_id = ?""",
            (announcement_id,),
        )
        return {int(r[0]): (int(r[1]), str(r[2])) for r in rows}

    async def missed(self, announcement_id: int) -> list[tuple[str, str | None, str, str]]:
        """Who it did not reach: (name, wijk, role, 'unreachable' or 'failed'), by name."""
        start, end = _copies(announcement_id, "to")
        rows = await self.tx.fetchall(
            """SELECT p.name, p.wijk, p.role,
                      CASE WHEN o.status = 'held' OR o.error LIKE '403%' THEN 'unreachable'
                           ELSE 'failed' END AS why
               FROM outbox o JOIN people p ON p.telegram_id = o.chat_id
               WHERE o.key >= ? AND o.key < ?
                 AND (o.status = 'held' OR (o.status = 'failed' AND o.error != ?))
               ORDER BY why DESC, p.name COLLATE NOCASE""",
            (start, end, WITHDRAWN),
        )
        return [(r[0], r[1], r[2], r[3]) for r in rows]

    async def unread(self, announcement_id: int) -> list[tuple[str, str | None, str, str]]:
        """Who got it and did not press "Gelezen 👍" yet: (name, wijk, role, 'unread'), by name."""
        rows = await self.tx.fetchall(
            """SELECT p.name, p.wijk, p.role FROM announcement_recipients r
               JOIN people p ON p.id = r.person_id
               WHERE r.announcement_id = ? AND r.message_id IS NOT NULL
                 AND r.acknowledged_at IS NULL
               ORDER BY p.name COLLATE NOCASE""",
            (announcement_id,),
        )
        return [(r[0], r[1], r[2], "unread") for r in rows]

    async def still_there(self, announcement_id: int, operation: str = "to") -> list[str]:
        """Who still has the copy ('to') or the reminder ('remind') after withdrawing it:
        delivered, and no delete succeeded."""
        start, end = _copies(announcement_id, operation)
        deletes = deletes_of(announcement_id, operation)
        rows = await self.tx.fetchall(
            """SELECT p.name FROM outbox c JOIN people p ON p.telegram_id = c.chat_id
               WHERE c.key >= ? AND c.key < ? AND c.status = 'sent'
                 AND NOT EXISTS (SELECT 1 FROM outbox d
                                 WHERE d.key = ? || substr(c.key, ?) AND d.status = 'sent'
                                   AND d.message_id IS NOT NULL)
               ORDER BY p.name COLLATE NOCASE""",
            (start, end, deletes, len(start) + 1),
        )
        return [r[0] for r in rows]

    async def received_by(self, person_id: int) -> list[dict[str, Any]]:
        """What a person got, for their right of access: reference, when, and their answer."""
        rows = await self.tx.fetchall(
            """SELECT a.id, a.body, a.send_at, r.acknowledged_at FROM announcement_recipients r
               JOIN announcements a ON a.id = r.announcement_id
               WHERE r.person_id = ? ORDER BY a.id""",
            (person_id,),
        )
        return [
            {
                "announcement": reference(r["id"]),
                "text": r["body"],
                "sent_at": r["send_at"],
                "acknowledged_at": r["acknowledged_at"],
            }
            for r in rows
        ]

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
