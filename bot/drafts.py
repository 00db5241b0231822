"""One step of a multi-step flow: the transaction that records the update and loads the draft."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.clock import Clock
from bot.errors import NotFound
from bot.updates import record_update
from storage.database import Database, Transaction
from storage.flows import Flow, FlowRepository


@asynccontextmanager
async def draft_step(
    db: Database, clock: Clock, update_id: int | None, telegram_id: int, name: str
) -> AsyncIterator[tuple[Transaction, Flow]]:
    """Open the transaction, record the update and load the person's `name` draft.

    NotFound when they have none (an old button, or the draft was finished or cancelled)."""
    async with db.transaction() as tx:
        await record_update(tx, update_id, clock())
        flow = await FlowRepository(tx).get(telegram_id)
        if flow is None or flow.name != name:
            raise NotFound(name)
        yield tx, flow
