"""Who an announcement went to (storage.announcements), as they were when it started: their
"Gelezen 👍", the message id of their copy, and how the copies stand. Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.announcements import deletes_of, prefix, reference
from storage.database import Transaction
from storage.outbox import WITHDRAWN
from storage.timestamps import to_db


@dataclass(frozen=True)
class Acknowledgements:
    """How many recipients pressed "Gelezen 👍", of how many."""

    acknowledged: int
    recipients: int


def _copies(announcement_id: int, operation: str) -> tuple[str, str]:
    start = prefix(announcement_id, operation)
    return start, start[:-1] + ";"


class RecipientRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(self, announcement_id: int, person_ids: Sequence[int]) -> None:
        await self.tx.executemany(
            "INSERT OR IGNORE INTO announcement_recipients (announcement_id, person_id)"
            " VALUES (?, ?)",
            [(announcement_id, person_id) for person_id in person_ids],
        )

    async def includes(self, announcement_id: int, person_id: int) -> bool:
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

    async def chats(self, announcement_id: int) -> dict[int, tuple[int, str]]:
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
