"""When a follow-up on a worrying check-in must be done, and what happens when it is not.

The same pattern as signals (bot/signals/deadlines.py) and questions (bot/questions/deadlines.py):
a follow-up is due `FOLLOWUP_HOURS` (16) working hours after it opened (bot/consultation/followups.py).
At that moment its owner gets one reminder; at three times that every active coordinator gets
one notice. Both are timers of the one scheduler, scheduled in the transaction that opens the
follow-up (`schedule`) and cancelled by closing it or by the volunteer's erasure (`settle`). The
producers re-check that it is still open and wait for the end of the quiet hours.
"""

from __future__ import annotations

from datetime import datetime

from bot.consultation.texts import close_keyboard, reasons_text
from bot.core import i18n
from bot.core.deps import Service
from bot.routing.reassign import owner_label
from bot.scheduling import timers
from bot.scheduling.timers import FIRED, STALE, Later, Outcome, Producer
from bot.scheduling.working_time import OfficeHours
from bot.telegram.outbox import Priority
from storage.checkins import Checkin, CheckinRepository
from storage.database import Transaction
from storage.followups import Followup, FollowupRepository
from storage.people import Person, PersonRepository
from storage.timers import Timer

REMIND = "followup.remind"
ESCALATE = "followup.escalate"
ESCALATION_FACTOR = 3
FOLLOWUP_HOURS = 16.0  # two working days, like a question's answer


def _prefix(followup_id: int) -> str:
    return f"followup:{followup_id}:"


def escalation_due(hours: OfficeHours, followup: Followup) -> datetime:
    return hours.add_working_hours(followup.created_at, ESCALATION_FACTOR * FOLLOWUP_HOURS)


async def schedule(tx: Transaction, hours: OfficeHours, followup: Followup, now: datetime) -> None:
    """A follow-up opened: its reminder and escalation wait."""
    prefix = _prefix(followup.id)
    await timers.schedule(tx, f"{prefix}remind", REMIND, followup.id, followup.due_at, now)
    due = escalation_due(hours, followup)
    await timers.schedule(tx, f"{prefix}escalate", ESCALATE, followup.id, due, now)


async def settle(tx: Transaction, followup_id: int) -> None:
    """Closed (or its volunteer erased): no reminder, no escalation."""
    await timers.cancel_all(tx, _prefix(followup_id))


class FollowupDeadlines(Service):
    """The producers of the follow-ups' timers (registered with the tick in bot.services)."""

    def producers(self) -> dict[str, Producer]:
        return {REMIND: self.remind, ESCALATE: self.escalate}

    async def _open(
        self, tx: Transaction, timer: Timer
    ) -> tuple[Followup, Checkin, Person | None] | None:
        followup = await FollowupRepository(tx).by_id(timer.subject_id or 0)
        if followup is None or not followup.open:
            return None
        checkin = await CheckinRepository(tx).by_id(followup.checkin_id)
        if checkin is None:
            return None
        people = PersonRepository(tx)
        volunteer = await people.by_id(checkin.person_id) if checkin.person_id else None
        return followup, checkin, volunteer

    def _facts(
        self, language: str, followup: Followup, checkin: Checkin, volunteer: Person | None
    ) -> dict[str, str]:
        due = followup.due_at.astimezone(self.settings.organisation.zone)
        return {
            "name": volunteer.name if volunteer else "—",
            "wijk": (volunteer.wijk if volunteer else None) or "—",
            "reasons": reasons_text(language, checkin),
            "due": f"{due:%d-%m-%Y %H:%M}",
        }

    async def remind(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        """One reminder to the owner."""
        found = await self._open(tx, timer)
        if found is None:
            return STALE
        if self.quiet.is_quiet(now):
            return Later(self.quiet.next_allowed(now))
        followup, checkin, volunteer = found
        owner = await PersonRepository(tx).by_id(followup.owner_id) if followup.owner_id else None
        if owner is None or not owner.active:
            return FIRED  # the escalation reaches the coordinators
        text = i18n.t(
            owner.language,
            "consultation.followup_reminder",
            **self._facts(owner.language, followup, checkin, volunteer),
        )
        keyboard = close_keyboard(owner.language, followup.id)
        key = f"{_prefix(followup.id)}reminder"
        await self.outbox.message(
            tx, key, owner.telegram_id, text, now, keyboard, priority=Priority.NOTICE
        )
        return FIRED

    async def escalate(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        """One notice to every active coordinator, with the button to close it."""
        found = await self._open(tx, timer)
        if found is None:
            return STALE
        if self.quiet.is_quiet(now):
            return Later(self.quiet.next_allowed(now))
        followup, checkin, volunteer = found
        people = PersonRepository(tx)
        owner = await people.by_id(followup.owner_id) if followup.owner_id else None
        hours = round(self.hours.working_hours_between(followup.created_at, now))
        for coordinator in await people.active_coordinators():
            language = coordinator.language
            facts = self._facts(language, followup, checkin, volunteer)
            text = i18n.t(
                language,
                "consultation.followup_escalation",
                hours=hours,
                owner=owner_label(owner, language),
                **facts,
            )
            key = f"{_prefix(followup.id)}escalation:{coordinator.id}"
            keyboard = close_keyboard(language, followup.id)
            await self.outbox.message(
                tx, key, coordinator.telegram_id, text, now, keyboard, priority=Priority.NOTICE
            )
        return FIRED
