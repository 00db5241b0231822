"""When a signal must be picked up, and what happens when it is not: the one place for a
signal's deadlines.

Pickup, by urgency. "today": within `organisation.pickup_hours_today` working hours and by closing
time of the same working day. Reported out of hours, or with fewer of those hours left before
closing (16:55 is no time for "today"), it is counted from the next opening, and whoever is on
duty hears at once (bot.signals.out_of_hours). "soon": by the end of the next working day.
"normal": the category's `pickup_hours`, and its `promise_days` for the volunteer. A category's
deadline that is shorter still wins.

Then two timers (bot.scheduling.timers), scheduled in the reporting transaction (`schedule`):
at the pickup deadline one reminder to the owner; at three times the deadline, in working hours
from reporting, one notice to every active coordinator with a button to pass it on. Picking it
up, making contact or closing it cancels both (`settle`). Passing it on moves neither: the
deadline is the volunteer's promise, and the reminder goes to whoever owns the signal when it
fires. The producers re-check that the signal still waits for pickup, and wait for the end of
the quiet hours (a deadline never falls in them; a catch-up after downtime might).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from bot.core import i18n
from bot.core.config import Category, Settings
from bot.core.deps import Service
from bot.routing.reassign import owner_label
from bot.scheduling import timers
from bot.scheduling.timers import FIRED, STALE, Later, Outcome, Producer
from bot.scheduling.working_time import OfficeHours
from bot.signals import texts as signal_texts
from bot.signals.callbacks import Act, OnSignal, Reassign
from bot.telegram.outbox import Keyboard, Priority, button
from storage.database import Transaction
from storage.people import Person, PersonRepository
from storage.signals import Signal, SignalRepository
from storage.timers import Timer

REMIND = "signal.remind"
ESCALATE = "signal.escalate"
ESCALATION_FACTOR = 3


class OnDuty(StrEnum):
    """Who got a "today" signal at once, out of hours (bot.signals.out_of_hours)."""

    ON_CALL = "on_call"
    COORDINATORS = "coordinators"
    NOBODY = "nobody"


def out_of_hours(settings: Settings, hours: OfficeHours, now: datetime) -> bool:
    """Too late for "today" now: the office is closed, or fewer working hours are left before
    closing than a "today" signal gets (at most a whole office day)."""
    if not hours.is_open(now):
        return True
    office_day = datetime.combine(date.min, hours.closing) - datetime.combine(
        date.min, hours.opening
    )
    needed = min(settings.organisation.pickup_hours_today, office_day.total_seconds() / 3600)
    return hours.working_hours_between(now, hours.add_working_days(now, 0)) < needed


def pickup_deadline(
    settings: Settings, hours: OfficeHours, category: Category, urgency: str, now: datetime
) -> datetime:
    normal = hours.add_working_hours(now, category.pickup_hours)
    if urgency == "today":
        start = hours.next_opening(now)
        if hours.is_open(now) and out_of_hours(settings, hours, now):  # too close to closing
            start = hours.next_opening(hours.add_working_days(now, 0))
        today = hours.add_working_hours(start, settings.organisation.pickup_hours_today)
        urgent = min(today, hours.add_working_days(start, 0))
    elif urgency == "soon":
        urgent = hours.add_working_days(now, 1)
    else:
        return normal
    return min(normal, urgent)


def deadline_hours(hours: OfficeHours, signal: Signal) -> float:
    """The pickup deadline the signal was given when it was reported, in working hours, so a
    later configuration change alters nothing."""
    return hours.working_hours_between(signal.created_at, signal.pickup_due_at)


def escalation_due(hours: OfficeHours, signal: Signal) -> datetime:
    return hours.add_working_hours(
        signal.created_at, ESCALATION_FACTOR * deadline_hours(hours, signal)
    )


def promise(
    settings: Settings,
    hours: OfficeHours,
    signal: Signal,
    promise_days: int,
    language: str,
    on_duty: OnDuty | None = None,
) -> str:
    """The volunteer's promise: the category's days, or the urgency's deadline; for "today"
    out of hours also who got it at once (`on_duty`, None: it was not out of hours)."""
    due = signal.pickup_due_at.astimezone(settings.organisation.zone)
    day = i18n.t(language, f"common.weekday_{due.weekday()}") + due.strftime(" %d-%m")
    time = due.strftime("%H:%M")
    if signal.urgency == "today" and on_duty is None:
        return i18n.t(language, "signals.promise_today", time=time)
    if signal.urgency == "today":
        closed = not hours.is_open(signal.created_at)
        office = "signals.today_closed" if closed else "signals.today_closing"
        return " ".join(
            (
                i18n.t(language, office),
                i18n.t(language, f"signals.on_duty_{on_duty}"),
                i18n.t(language, "signals.promise_today_closed", day=day, time=time),
            )
        )
    if signal.urgency == "soon":
        return i18n.t(language, "signals.promise_soon", day=day)
    return i18n.t(language, "signals.promise_normal", count=promise_days)


def _prefix(signal_id: int) -> str:
    return f"signal:{signal_id}:"


async def schedule(tx: Transaction, hours: OfficeHours, signal: Signal, now: datetime) -> None:
    """A new signal: its reminder and escalation wait for their moments."""
    key = _prefix(signal.id)
    await timers.schedule(tx, key + "remind", REMIND, signal.id, signal.pickup_due_at, now)
    due = escalation_due(hours, signal)
    await timers.schedule(tx, key + "escalate", ESCALATE, signal.id, due, now)


async def settle(tx: Transaction, signal_id: int) -> None:
    """The signal no longer waits for pickup: no reminder, no escalation."""
    await timers.cancel_all(tx, _prefix(signal_id))


def reassign_button(signal_id: int, language: str) -> Keyboard:
    return [[button(i18n.t(language, "signals.action_reassign"), Reassign(signal_id).data)]]


def _facts(settings: Settings, signal: Signal, language: str) -> dict[str, str]:
    return {
        "ref": signal.reference,
        "category": signal_texts.category_label(settings, signal.category, language),
        "wijk": signal.wijk or "—",
        "urgency": i18n.t(language, f"signals.urgency_{signal.urgency}"),
    }


class SignalDeadlines(Service):
    """The producers of the signals' timers (registered with the tick in bot.services)."""

    def producers(self) -> dict[str, Producer]:
        return {REMIND: self.remind, ESCALATE: self.escalate}

    async def _waiting(self, tx: Transaction, timer: Timer) -> Signal | None:
        """The timer's signal while it still waits for pickup."""
        signal = await SignalRepository(tx).by_id(timer.subject_id or 0)
        return signal if signal is not None and signal.status == "received" else None

    async def remind(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        """One reminder to the owner; an owner who left or paused is noted, and the
        coordinators hear of it when it escalates."""
        signal = await self._waiting(tx, timer)
        if signal is None:
            return STALE
        if self.quiet.is_quiet(now):
            return Later(self.quiet.next_allowed(now))
        owner = await PersonRepository(tx).by_id(signal.owner_id) if signal.owner_id else None
        reachable = owner is not None and owner.active
        detail = f"to {owner.id}" if owner and reachable else "owner gone or inactive"
        await SignalRepository(tx).add_event(signal.id, None, "reminded", detail, now)
        if owner is not None and reachable:
            await self._remind(tx, signal, owner, now)
        return FIRED

    async def _remind(self, tx: Transaction, signal: Signal, owner: Person, now: datetime) -> None:
        language = owner.language
        due = signal.pickup_due_at.astimezone(self.settings.organisation.zone)
        text = i18n.t(
            language,
            "escalation.reminder",
            due=due.strftime("%d-%m-%Y %H:%M"),
            **_facts(self.settings, signal, language),
        )
        pick = OnSignal(Act.PICK, signal.id).data
        keyboard = [[button(i18n.t(language, "signals.action_pick"), pick)]]
        keyboard += reassign_button(signal.id, language)
        key, chat = f"reminder:{signal.id}", owner.telegram_id
        await self.outbox.message(tx, key, chat, text, now, keyboard, priority=Priority.NOTICE)

    async def escalate(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        """One notice to every active coordinator, with a button to pass it on."""
        signal = await self._waiting(tx, timer)
        if signal is None:
            return STALE
        due = escalation_due(self.hours, signal)
        if due > now:  # a timer converted by migration 0009 starts early
            return Later(due)
        if self.quiet.is_quiet(now):
            return Later(self.quiet.next_allowed(now))
        owner = await PersonRepository(tx).by_id(signal.owner_id) if signal.owner_id else None
        coordinators = await PersonRepository(tx).active_coordinators()
        hours = round(self.hours.working_hours_between(signal.created_at, now))
        deadline = f"{deadline_hours(self.hours, signal):g}"  # 1.5 when so configured
        for coordinator in coordinators:
            language = coordinator.language
            text = i18n.t(
                language,
                "escalation.escalation",
                hours=i18n.t(language, "common.working_hours", count=hours),
                deadline=i18n.t(language, "common.working_hours", count=deadline),
                owner=owner_label(owner, language),
                **_facts(self.settings, signal, language),
            )
            key = f"escalation:{signal.id}:{coordinator.id}"
            keyboard = reassign_button(signal.id, language)
            await self.outbox.message(
                tx, key, coordinator.telegram_id, text, now, keyboard, priority=Priority.NOTICE
            )
        detail = f"to {len(coordinators)} coordinators"
        await SignalRepository(tx).add_event(signal.id, None, "escalated", detail, now)
        return FIRED
