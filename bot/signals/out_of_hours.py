"""A signal marked "today" reported while the office is closed, or too close to closing time
(bot.signals.deadlines.out_of_hours), goes at once to the on-call professional
(`organisation.on_call_telegram_id`), or to the coordinators when there is none, besides its
owner. Called from the reporting transaction (bot.signals.report)."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.core import i18n
from bot.core.config import Settings
from bot.routing.reassign import owner_label
from bot.scheduling.working_time import OfficeHours
from bot.signals import texts as signal_texts
from bot.signals.deadlines import OnDuty, out_of_hours
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
) -> OnDuty | None:
    """A 'today' signal reported out of hours: send it at once to the on-call professional (an
    active, registered person), else to the active coordinators, besides its owner (who may be
    the one on duty). Returns who was on duty; None when it was not out of hours."""
    if signal.urgency != "today" or not out_of_hours(settings, hours, now):
        return None
    people = PersonRepository(tx)
    owner = await people.by_id(signal.owner_id) if signal.owner_id else None
    reporter = await people.by_id(signal.reporter_id) if signal.reporter_id else None
    on_duty, duty = await _on_call_or_coordinators(people, settings)
    recipients = [p for p in duty if owner is None or p.id != owner.id]  # owner has the alert
    closing = hours.is_open(now)
    for person in recipients:
        await _send(tx, outbox, settings, signal, person, (owner, reporter), closing, now)
    detail = f"to {', '.join(str(p.id) for p in recipients) or 'nobody'}"
    await SignalRepository(tx).add_event(signal.id, None, "out_of_hours", detail, now)
    return on_duty


async def _send(
    tx: Transaction,
    outbox: Outbox,
    settings: Settings,
    signal: Signal,
    person: Person,
    owner_and_reporter: tuple[Person | None, Person | None],
    closing: bool,
    now: datetime,
) -> None:
    """The notice (the office is closed, or closes before the signal's hours are up), with the
    alert and photo."""
    (owner, reporter), language = owner_and_reporter, person.language
    key = f"signal:{signal.id}:out_of_hours:{person.id}"
    notice = "escalation.closing_time" if closing else "escalation.out_of_hours"
    text = i18n.t(language, notice, owner=owner_label(owner, language))
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


async def _on_call_or_coordinators(
    people: PersonRepository, settings: Settings
) -> tuple[OnDuty, list[Person]]:
    on_call_id = settings.organisation.on_call_telegram_id
    if on_call_id is not None:
        on_call = await people.by_telegram_id(on_call_id)
        if on_call is not None and on_call.active:
            return OnDuty.ON_CALL, [on_call]
        log.warning("on-call professional is not an active member; telling the coordinators")
    coordinators = await people.active_coordinators()
    return (OnDuty.COORDINATORS if coordinators else OnDuty.NOBODY), coordinators
