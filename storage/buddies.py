"""Buddies: a new volunteer and the experienced one who inducts them. Never commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.database import Row, Transaction
from storage.timestamps import from_db, to_db


@dataclass(frozen=True)
class Pair:
    newcomer_id: int
    buddy_id: int
    paired_by: int | None
    paired_at: datetime


def _pair(row: Row) -> Pair:
    return Pair(row["newcomer_id"], row["buddy_id"], row["paired_by"], from_db(row["paired_at"]))


class BuddyRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def pair(self, newcomer_id: int, buddy_id: int, by: int | None, now: datetime) -> None:
        """Pair them; a newcomer who had a buddy gets this one instead."""
        await self.tx.execute(
            "INSERT INTO buddies (newcomer_id, buddy_id, paired_by, paired_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (newcomer_id) DO UPDATE SET buddy_id = excluded.buddy_id,"
            " paired_by = excluded.paired_by, paired_at = excluded.paired_at",
            (newcomer_id, buddy_id, by, to_db(now)),
        )

    async def of_newcomer(self, newcomer_id: int) -> Pair | None:
        row = await self.tx.fetchone("SELECT * FROM buddies WHERE newcomer_id = ?", (newcomer_id,))
        return _pair(row) if row else None

    async def of_buddy(self, buddy_id: int) -> list[Pair]:
        rows = await self.tx.fetchall(
            "SELECT * FROM buddies WHERE buddy_id = ? ORDER BY paired_at", (buddy_id,)
        )
        return [_pair(r) for r in rows]

    async def involving(self, person_id: int) -> list[Pair]:
        rows = await self.tx.fetchall(
            "SELECT * FROM buddies WHERE newcomer_id = ? OR buddy_id = ? ORDER BY paired_at",
            (person_id, person_id),
        )
        return [_pair(r) for r in rows]
