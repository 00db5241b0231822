"""A text typed in the consultation's conversation (the flow `names.CONSULT`): a follow-up's
closing note or an agenda point, its step saying which."""

from __future__ import annotations

from bot.core.errors import InvalidInput, NotFound
from bot.flows import names
from storage.database import Transaction
from storage.flows import Flow, FlowRepository


def typed_text(text: str, longest: int, too_long: str) -> str:
    """The text without surrounding spaces; InvalidInput `too_long` when empty or too long."""
    text = text.strip()
    if not text or len(text) > longest:
        raise InvalidInput(too_long, limit=longest)
    return text


async def typed_step(tx: Transaction, telegram_id: int, step: str, missing: str) -> Flow:
    """The step their text answers, closed (if the use case fails, the rollback keeps it);
    NotFound `missing` when they are not at that step."""
    flows = FlowRepository(tx)
    flow = await flows.get(telegram_id)
    if flow is None or flow.name != names.CONSULT or flow.step != step:
        raise NotFound(missing)
    await flows.delete(telegram_id)
    return flow
