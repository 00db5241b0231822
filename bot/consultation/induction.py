"""The induction question's consequence: a new volunteer who says the induction does not go
well is someone their buddy should hear about (bot.consultation.buddy pairs them)."""

from __future__ import annotations

from datetime import datetime

from bot.consultation.texts import first_name
from bot.core import i18n
from bot.scheduling.quiet_hours import QuietHours
from bot.telegram.outbox import Outbox, Priority
from storage.buddies import BuddyRepository
from storage.database import Transaction
from storage.people import Person, PersonRepository


async def nudge_buddy(
    tx: Transaction,
    outbox: Outbox,
    quiet: QuietHours,
    newcomer: Person,
    checkin_id: int,
    now: datetime,
) -> bool:
    """Tell the newcomer's buddy that the induction does not go well (once per check-in)."""
    pair = await BuddyRepository(tx).of_newcomer(newcomer.id)
    buddy = await PersonRepository(tx).by_id(pair.buddy_id) if pair else None
    if buddy is None or not buddy.active:
        return False
    text = i18n.t(buddy.language, "consultation.buddy_nudge", newcomer=first_name(newcomer.name))
    key = f"checkin:{checkin_id}:nudge"
    return await outbox.message(
        tx,
        key,
        buddy.telegram_id,
        text,
        now,
        due_at=quiet.next_allowed(now),
        priority=Priority.NOTICE,
    )
