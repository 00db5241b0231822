"""Exactly-once effects: the update id is recorded in the transaction that carries its effects."""

from datetime import datetime

from bot.core.errors import AlreadyProcessed
from storage.database import Transaction
from storage.updates import UpdateLog


async def record_update(tx: Transaction, update_id: int | None, now: datetime) -> None:
    """Raise AlreadyProcessed (rolling the transaction back) when the update was handled before."""
    if update_id is not None and not await UpdateLog(tx).record(update_id, now):
        raise AlreadyProcessed(update_id)
