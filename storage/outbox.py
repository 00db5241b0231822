"""The outbox: Bot API calls waiting to be delivered, each with a unique idempotency key.

Each row has a priority (0 interactive, 1 reminders and notices, 2 bulk; bot.telegram.outbox
.Priority) and a due_at, its "not before". A chat's rows go out one at a time, by priority and
then in the order they were queued; among chats, the most urgent head goes first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.database import Row, Transaction
from storage.timestamps import from_db, to_db


@dataclass(frozen=True)
class OutboxRow:
    id: int
    key: str
    chat_id: int
    method: str
    payload: dict[str, Any]
    attempts: int
    due_at: datetime
    priority: int = 0


def _row(row: Row) -> OutboxRow:
    return OutboxRow(
        id=row["id"],
        key=row["key"],
        chat_id=row["chat_id"],
        method=row["method"],
        payload=json.loads(row["payload"]),
        attempts=row["attempts"],
        due_at=from_db(row["due_at"]),
        priority=row["priority"],
    )


PRIORITIES = (0, 1, 2)
# The next row of each chat that is due (OutboxRepository.due). Naming the priorities lets
# SQLite seek each one's due range in outbox_due, in order, instead of walking every pending row.
DUE_ROWS = f"""SELECT o.* FROM outbox o
    WHERE o.status = 'pending' AND o.priority IN {PRIORITIES!r} AND o.due_at <= ?
      AND o.id = (SELECT p.id FROM outbox p WHERE p.chat_id = o.chat_id AND p.status = 'pending'
                  ORDER BY p.priority, p.id LIMIT 1)
    ORDER BY o.priority, o.due_at, o.id LIMIT ?"""
# Keys in [from, to): a range on the unique key index (a LIKE would scan the table).
_KEYS = "key >= ? AND key < ?"


def _range(prefix: str) -> tuple[str, str]:
    """Every key that starts with `prefix`."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


# Rows about a person who asked to be forgotten (the notice naming them, the reset of their
# command menu): deleted once sent (bot.telegram.delivery) or failed, so no copy outlives delivery.
GONE_PREFIX = "gone:"
_GONE_KEYS = "key >= 'gone:' AND key < 'gone;'"  # the prefix as a range: the key index serves it


class OutboxRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(
        self,
        key: str,
        chat_id: int,
        method: str,
        payload: dict[str, Any],
        now: datetime,
        due_at: datetime | None = None,
        priority: int = 0,
    ) -> bool:
        """Queue a call; False when a row with this key exists already (nothing is queued twice)."""
        new_id = await self.tx.insert(
            """INSERT OR IGNORE INTO outbox (key, chat_id, method, payload, due_at, created_at,
                   priority)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (key, chat_id, method, json.dumps(payload), to_db(due_at or now), to_db(now), priority),
        )
        return new_id is not None

    async def due(self, now: datetime, limit: int, skip_chats: frozenset[int]) -> list[OutboxRow]:
        """The next row of each chat, if it is due: lowest priority first, then oldest.

        The walk follows the index outbox_due (priority, due_at, id) and stops after `limit`
        chats, so a broadcast of 10,000 bulk rows is never read to find one alert. A chat's
        next row is its lowest (priority, id) pending one (index outbox_chat_queue); a row that
        is due but not its chat's next waits its turn."""
        rows = await self.tx.fetchall(DUE_ROWS, (to_db(now), limit + len(skip_chats)))
        found = [_row(r) for r in rows if r["chat_id"] not in skip_chats]
        return found[:limit]

    async def next_due_at(self) -> datetime | None:
        # One index seek per priority (outbox_due): the earliest row of each, then the earliest.
        row = await self.tx.fetchone(
            "SELECT min(due) FROM ("
            + " UNION ALL ".join(
                f"SELECT min(due_at) AS due FROM outbox WHERE status = 'pending' AND priority = {p}"
                for p in PRIORITIES
            )
            + ")"
        )
        return from_db(row[0]) if row and row[0] else None

    async def mark_sent(self, row_id: int, now: datetime) -> None:
        await self.tx.execute(
            "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, error = NULL"
            " WHERE id = ?",
            (to_db(now), row_id),
        )

    async def mark_sent_many(self, sent: list[tuple[int, int | None]], now: datetime) -> None:
        """Rows delivered, each with the id of the message it made (None: it made none)."""
        await self.tx.executemany(
            "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, error = NULL,"
            " message_id = ? WHERE id = ?",
            [(to_db(now), message_id, row_id) for row_id, message_id in sent],
        )

    async def delivered_message(self, key: str) -> tuple[int, dict[str, Any]] | None:
        """The message id and payload of the delivered row with this key, if any."""
        row = await self.tx.fetchone(
            "SELECT message_id, payload FROM outbox"
            " WHERE key = ? AND status = 'sent' AND message_id IS NOT NULL",
            (key,),
        )
        return (int(row["message_id"]), json.loads(row["payload"])) if row else None

    async def with_buttons(self, keys: list[str]) -> list[OutboxRow]:
        """Messages with inline buttons among these keys (one ending in ':' is a prefix) that
        no edit was queued for yet (bot.telegram.outbox.Outbox.retire)."""
        found: list[OutboxRow] = []
        for key in keys:
            where, args = (_KEYS, _range(key)) if key.endswith(":") else ("key = ?", (key,))
            rows = await self.tx.fetchall(f"SELECT * FROM outbox WHERE {where}", args)
            found += [_row(r) for r in rows]
        fresh = []
        for row in found:
            if row.method != "sendMessage" or "reply_markup" not in row.payload:
                continue
            edited = f"SELECT 1 FROM outbox WHERE {_KEYS} LIMIT 1"
            if await self.tx.fetchone(edited, _range(f"{row.key}:edited:")) is None:
                fresh.append(row)
        return fresh

    async def delete(self, row_id: int) -> None:
        await self.tx.execute("DELETE FROM outbox WHERE id = ?", (row_id,))

    async def reschedule(self, row_id: int, due_at: datetime, error: str, count: bool) -> None:
        await self.tx.execute(
            "UPDATE outbox SET due_at = ?, error = ?, attempts = attempts + ? WHERE id = ?",
            (to_db(due_at), error, int(count), row_id),
        )

    async def mark_failed(self, row_id: int, error: str) -> None:
        await self.tx.execute(
            "UPDATE outbox SET status = 'failed', error = ?, attempts = attempts + 1 WHERE id = ?",
            (error, row_id),
        )
        await self.tx.execute(f"DELETE FROM outbox WHERE id = ? AND {_GONE_KEYS}", (row_id,))

    async def hold_chat(self, chat_id: int) -> int:
        """Park everything pending for a chat that cannot be reached (blocked the bot)."""
        return await self.tx.execute(
            "UPDATE outbox SET status = 'held' WHERE chat_id = ? AND status = 'pending'", (chat_id,)
        )

    async def release_chat(self, chat_id: int, now: datetime) -> int:
        return await self.tx.execute(
            "UPDATE outbox SET status = 'pending', due_at = ? WHERE chat_id = ? AND status = 'held'",
            (to_db(now), chat_id),
        )

    async def drop_chat(self, chat_id: int) -> int:
        """Remove every message to a person who asked to be forgotten, delivered ones too:
        what was written to them is theirs."""
        return await self.tx.execute("DELETE FROM outbox WHERE chat_id = ?", (chat_id,))

    async def containing(self, fragments: list[str]) -> list[OutboxRow]:
        """Rows whose stored payload (JSON) contains any of these fragments."""
        if not fragments:
            return []
        where = " OR ".join("instr(payload, ?) > 0" for _ in fragments)
        rows = await self.tx.fetchall(f"SELECT * FROM outbox WHERE {where}", fragments)
        return [_row(r) for r in rows]

    async def set_payload(self, row_id: int, payload: dict[str, Any]) -> None:
        await self.tx.execute(
            "UPDATE outbox SET payload = ? WHERE id = ?", (json.dumps(payload), row_id)
        )

    async def pending_for_chat(self, chat_id: int) -> list[OutboxRow]:
        rows = await self.tx.fetchall(
            "SELECT * FROM outbox WHERE chat_id = ? AND status IN ('pending', 'held') ORDER BY id",
            (chat_id,),
        )
        return [_row(r) for r in rows]

    async def counts(self) -> dict[str, int]:
        rows = await self.tx.fetchall("SELECT status, count(*) FROM outbox GROUP BY status")
        return {r[0]: r[1] for r in rows}

    async def purge_delivered(self, before: datetime) -> int:
        """Forget delivered and failed messages: their text is personal data we no longer need."""
        return await self.tx.execute(
            "DELETE FROM outbox WHERE status IN ('sent', 'failed') AND created_at < ?",
            (to_db(before),),
        )
