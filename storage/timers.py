"""Timers: one row per firing of something due (bot/scheduling). Never commits.

A key names what the timer is for ("signal:12:remind", "question:7:escalate:<round>") and fires
at most once: scheduling a key again moves it while it waits, and changes nothing once it fired.
Something that happens again (a new round, the next occurrence of a series) gets a key of its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.database import Row, Transaction
from storage.timestamps import from_db, to_db


@dataclass(frozen=True)
class Timer:
    id: int
    key: str
    kind: str
    subject_id: int | None
    due_at: datetime
    fired_at: datetime | None
    data: dict[str, Any]
    attempts: int
    error: str | None


def _timer(row: Row) -> Timer:
    return Timer(
        id=row["id"],
        key=row["key"],
        kind=row["kind"],
        subject_id=row["subject_id"],
        due_at=from_db(row["due_at"]),
        fired_at=from_db(row["fired_at"]) if row["fired_at"] else None,
        data=json.loads(row["data"]),
        attempts=row["attempts"],
        error=row["error"],
    )


# The tick's query: word for word the partial index timers_due (migration 0009), which also
# gives the order, so however many timers wait for the future, only the due ones are read.
DUE = "SELECT * FROM timers WHERE fired_at IS NULL AND due_at <= ? ORDER BY due_at, id LIMIT ?"
# Keys in [from, to): a range on the unique key index (a LIKE would scan the table).
_KEYS = "key >= ? AND key < ?"


def _range(prefix: str) -> tuple[str, str]:
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


class TimerRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def schedule(
        self,
        key: str,
        kind: str,
        subject_id: int | None,
        due_at: datetime,
        now: datetime,
        data: dict[str, Any] | None = None,
    ) -> bool:
        """A new timer, or the waiting one with this key moved (a fresh start for its retries).
        False when the key fired already: it stays fired."""
        changed = await self.tx.execute(
            "INSERT INTO timers (key, kind, subject_id, due_at, data, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET kind = excluded.kind,"
            " subject_id = excluded.subject_id, due_at = excluded.due_at, data = excluded.data,"
            " attempts = 0, error = NULL WHERE timers.fired_at IS NULL",
            (key, kind, subject_id, to_db(due_at), json.dumps(data or {}), to_db(now)),
        )
        return changed > 0

    async def cancel(self, key: str) -> int:
        """Forget the waiting timer with this key (a fired one stays, as history)."""
        return await self.tx.execute(
            "DELETE FROM timers WHERE key = ? AND fired_at IS NULL", (key,)
        )

    async def cancel_all(self, prefix: str) -> int:
        """Forget every waiting timer whose key starts with `prefix`."""
        return await self.tx.execute(
            f"DELETE FROM timers WHERE {_KEYS} AND fired_at IS NULL", _range(prefix)
        )

    async def due(self, now: datetime, limit: int) -> list[Timer]:
        """Unfired timers due at `now`, earliest first."""
        return [_timer(r) for r in await self.tx.fetchall(DUE, (to_db(now), limit))]

    async def claim(self, timer_id: int, now: datetime) -> Timer | None:
        """Mark the timer fired, as it is now; None when it fired already or is no longer due
        (another tick was first, or its cause moved it). The fire-once guard."""
        row = await self.tx.fetchone(
            "UPDATE timers SET fired_at = ? WHERE id = ? AND fired_at IS NULL AND due_at <= ?"
            " RETURNING *",
            (to_db(now), timer_id, to_db(now)),
        )
        return _timer(row) if row else None

    async def postpone(self, timer_id: int, due_at: datetime) -> None:
        """Not yet after all (its producer said when): waiting again, until `due_at`."""
        await self.tx.execute(
            "UPDATE timers SET fired_at = NULL, due_at = ? WHERE id = ?", (to_db(due_at), timer_id)
        )

    async def retry(self, timer_id: int, due_at: datetime, error: str) -> None:
        """Its producer failed: try again at `due_at`."""
        await self.tx.execute(
            "UPDATE timers SET due_at = ?, attempts = attempts + 1, error = ?"
            " WHERE id = ? AND fired_at IS NULL",
            (to_db(due_at), error, timer_id),
        )

    async def by_key(self, key: str) -> Timer | None:
        row = await self.tx.fetchone("SELECT * FROM timers WHERE key = ?", (key,))
        return _timer(row) if row else None

    async def with_prefix(self, prefix: str) -> list[Timer]:
        """Every timer, waiting or fired, whose key starts with `prefix`, by key."""
        rows = await self.tx.fetchall(
            f"SELECT * FROM timers WHERE {_KEYS} ORDER BY key", _range(prefix)
        )
        return [_timer(r) for r in rows]

    async def purge_fired(self, before: datetime) -> int:
        """Forget timers that fired before `before` (housekeeping)."""
        return await self.tx.execute(
            "DELETE FROM timers WHERE fired_at IS NOT NULL AND fired_at < ?", (to_db(before),)
        )
