"""A signal marked "today" reported while the office is closed goes at once to the on-call
professional (`organisation.on_call_telegram_id`), or to the coordinators when there is none,
besides its owner. Called from the reporting transaction (bot.signals.report)."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.core import i18n
from bot.core.config import Settings
from bot.routing.reassign import owner_label
from bot.scheduling.working_time import OfficeHours
from bot.signals import texts as signal_texts
from bot.telegram.outbox import Outbox
from storage.database import Transaction
from storage.people import Person, PersonRepository
from storage.signals import Signal, SignalRepository

log = logging.getLogger(__name__)


async def notify_out_of_hours(
    tx: Transaction,
    outbox: Outbox,
    settings: Settings,
    hours: OfficeHours,
    signal: Signal,
    now: datetime,
) -> int:
    """A 'today' signal reported while the office is closed: send it at once to the on-call
    professional (an active, registered person), else to the active coordinators, besides its
    owner. Returns how many got it."""
    if signal.urgency != "today" or hours.is_open(now):
        return 0
    people = PersonRepository(tx)
    owner = await people.by_id(signal.owner_id) if signal.owner_id else None
    reporter = await people.by_id(signal.reporter_id) if signal.reporter_id else None
    recipients = [
        p
        for p in await _on_call_or_coordinators(people, settings)
        if owner is None or p.id != owner.id  # the owner already has the alert
    ]
    for person in recipients:
        await _send_out_of_hours(tx, outbox, settings, signal, person, owner, reporter, now)
    detail = f"to {', '.join(str(p.id) for p in recipients) or 'nobody'}"
    await SignalRepository(tx).add_event(signal.id, None, "out_of_hours", detail, now)
    return len(recipients)


async def _send_out_of_hours(
    tx: Transaction,
    outbox: Outbox,
    settings: Settings,
    signal: Signal,
    person: Person,
    owner: Person | None,
    reporter: Person | None,
    now: datetime,
) -> None:
    language, key = person.language, f"signal:{signal.id}:out_of_hours:{person.id}"
    text = i18n.t(language, "escalation.out_of_hours", owner=owner_label(owner, language))
    if reporter is not None:
        text += "\n\n" + signal_texts.alert(settings, signal, reporter, language)
    await outbox.message(tx, key, person.telegram_id, text, now)
    if signal.has_photo:
        payload = {
            "chat_id": person.telegram_id,
            "caption": signal.reference,
            "signal_photo": signal.id,
        }
        await outbox.call(tx, f"{key}:photo", person.telegram_id, "sendPhoto", payload, now)


async def _on_call_or_coordinators(people: PersonRepository, settings: Settings) -> list[Person]:
    on_call_id = settings.organisation.on_call_telegram_id
    if on_call_id is not None:
        on_call = await people.by_telegram_id(on_call_id)
        if on_call is not None and on_call.active:
            return [on_call]
        log.warning("on-call professional is not an active member; telling the coordinators")
    return await people.active_coordinators()
