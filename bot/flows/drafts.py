"""One step of a multi-step flow: the transaction that records the update and loads the draft."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

from bot.core.clock import Clock
from bot.core.errors import InvalidInput, NotFound
from bot.flows import names
from bot.telegram.updates import record_update
from storage.database import Database, Transaction
from storage.flows import Flow, FlowRepository


async def open_draft(tx: Transaction, fresh: Flow, now: datetime) -> Flow:
    """The person's draft of this kind if one is open (it survives restarts), else `fresh`,
    saved. A draft of the other kind is kept: InvalidInput until it is sent or cancelled."""
    flows = FlowRepository(tx)
    current = await flows.get(fresh.telegram_id)
    if current is not None and current.name == fresh.name:
        return current
    if current is not None and current.name in names.DRAFTS:
        raise InvalidInput(f"common.finish_{current.name}")
    await flows.save(fresh, now)
    return fresh


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
