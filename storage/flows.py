"""Conversation state of multi-step flows, kept per Telegram user so it survives restarts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storage.database import Transaction
from storage.timestamps import from_db, to_db


@dataclass
class Flow:
    telegram_id: int
    name: str
    step: str
    data: dict[str, Any] = field(default_factory=dict)
    updated_at: datetime | None = None


class FlowRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def get(self, telegram_id: int) -> Flow | None:
        row = await self.tx.fetchone("SELECT * FROM flows WHERE telegram_id = ?", (telegram_id,))
        if row is None:
            return None
        return Flow(
            telegram_id=row["telegram_id"],
            name=row["name"],
            step=row["step"],
            data=json.loads(row["data"]),
            updated_at=from_db(row["updated_at"]),
        )

    async def save(self, flow: Flow, now: datetime) -> None:
        await self.tx.execute(
            """INSERT INTO flows (telegram_id, name, step, data, updated_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (telegram_id) DO UPDATE SET name = excluded.name,
                   step = excluded.step, data = excluded.data, updated_at = excluded.updated_at""",
            (flow.telegram_id, flow.name, flow.step, json.dumps(flow.data), to_db(now)),
        )

    async def remember_prompt(self, flow: Flow, message_id: int) -> None:
        """Note the message that asks the flow's current step (in its data, as "prompt"), unless
        the flow moved on meanwhile."""
        await self.tx.execute(
            """UPDATE flows SET data = json_set(data, '$.prompt', ?)
               WHERE telegram_id = ? AND name = ? AND step = ?""",
            (message_id, flow.telegram_id, flow.name, flow.step),
        )

    async def delete(self, telegram_id: int) -> bool:
        return await self.tx.execute("DELETE FROM flows WHERE telegram_id = ?", (telegram_id,)) > 0

    async def purge_stale(self, before: datetime) -> int:
        return await self.tx.execute("DELETE FROM flows WHERE updated_at < ?", (to_db(before),))
