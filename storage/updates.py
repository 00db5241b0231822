"""Processed Telegram update ids, recorded in the transaction of the update's effects."""

from __future__ import annotations

from datetime import datetime

from storage.database import Transaction
from storage.timestamps import to_db


class UpdateLog:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def record(self, update_id: int, now: datetime) -> bool:
        """Record the update; False when it was processed before."""
        new = await self.tx.insert(
            "INSERT OR IGNORE INTO processed_updates (update_id, processed_at) VALUES (?, ?)",
            (update_id, to_db(now)),
        )
        return new is not None

    async def seen(self, update_id: int) -> bool:
        row = await self.tx.fetchone(
            "SELECT 1 FROM processed_updates WHERE update_id = ?", (update_id,)
        )
        return row is not None

    async def purge(self, before: datetime) -> int:
        return await self.tx.execute(
            "DELETE FROM processed_updates WHERE processed_at < ?", (to_db(before),)
        )


class MetaRepository:
    """Small facts about this installation, such as the bot's username for invite links."""

    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def get(self, key: str) -> str | None:
        row = await self.tx.fetchone("SELECT value FROM meta WHERE key = ?", (key,))
        return str(row[0]) if row else None

    async def set(self, key: str, value: str) -> None:
        await self.tx.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
