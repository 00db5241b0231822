"""When a question must be answered, and what happens when it is not: the one place for a
question's deadlines.

A question waits for an answer in rounds: the first from asking, another from each follow-up.
A round's answer is due `answer_hours` working hours after it starts (the topic's, default 16).
At that moment its owner gets one reminder; at three times the answer time every active
coordinator gets one notice with the alert's buttons (answer, pass on, answer for everyone).

Both are timers (bot.scheduling.timers) whose keys carry the round's start, scheduled in the
transaction that starts the round (`schedule`: asking, a follow-up, which also drops the
previous round's); an answer, closing it or the asker's erasure cancels them (`settle`).
Passing it on moves nothing: the reminder goes to whoever owns the question when it fires.
The producers re-check that the question still waits in that round, and wait for the end of
the quiet hours.
"""

from __future__ import annotations

from datetime import datetime

from bot.core import i18n
from bot.core.config import Settings
from bot.core.deps import Service
from bot.questions.texts import alert_buttons, answer_button, topic_label
from bot.routing.reassign import owner_label
from bot.scheduling import timers
from bot.scheduling.timers import FIRED, STALE, Later, Outcome, Producer
from bot.scheduling.working_time import OfficeHours
from bot.telegram.outbox import Priority
from storage.database import Transaction
from storage.people import Person, PersonRepository
from storage.questions import Question, QuestionRepository
from storage.timers import Timer
from storage.timestamps import to_db

REMIND = "question.remind"
ESCALATE = "question.escalate"
ESCALATION_FACTOR = 3


def answer_due(settings: Settings, hours: OfficeHours, topic: str, start: datetime) -> datetime:
    """When a round that starts at `start` must have its answer."""
    return hours.add_working_hours(start, settings.organisation.answer_hours(topic))


def escalation_due(settings: Settings, hours: OfficeHours, question: Question) -> datetime:
    answer_hours = settings.organisation.answer_hours(question.topic)
    return hours.add_working_hours(question.round_started_at, ESCALATION_FACTOR * answer_hours)


def _prefix(question_id: int) -> str:
    return f"question:{question_id}:"


def _key(question: Question, what: str) -> str:
    """A timer of the question's current round."""
    return f"{_prefix(question.id)}{what}:{to_db(question.round_started_at)}"


async def schedule(
    tx: Transaction, settings: Settings, hours: OfficeHours, question: Question, now: datetime
) -> None:
    """A round began (asked, or followed up): its reminder and escalation wait, the previous
    round's are gone."""
    await timers.cancel_all(tx, _prefix(question.id))
    remind, escalate = _key(question, "remind"), _key(question, "escalate")
    await timers.schedule(tx, remind, REMIND, question.id, question.answer_due_at, now)
    due = escalation_due(settings, hours, question)
    await timers.schedule(tx, escalate, ESCALATE, question.id, due, now)


async def settle(tx: Transaction, question_id: int) -> None:
    """The question no longer waits for an answer: no reminder, no escalation."""
    await timers.cancel_all(tx, _prefix(question_id))


class QuestionDeadlines(Service):
    """The producers of the questions' timers (registered with the tick in bot.services)."""

    def producers(self) -> dict[str, Producer]:
        return {REMIND: self.remind, ESCALATE: self.escalate}

    async def _waiting(self, tx: Transaction, timer: Timer, what: str) -> Question | None:
        """The timer's question while it waits for an answer in the timer's round."""
        question = await QuestionRepository(tx).by_id(timer.subject_id or 0)
        if question is None or question.status != "open" or timer.key != _key(question, what):
            return None
        return question

    async def remind(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        """One reminder to the owner; an owner who left or paused is noted in the thread."""
        question = await self._waiting(tx, timer, "remind")
        if question is None:
            return STALE
        if self.quiet.is_quiet(now):
            return Later(self.quiet.next_allowed(now))
        owner = await PersonRepository(tx).by_id(question.owner_id) if question.owner_id else None
        reachable = owner is not None and owner.active
        detail = f"to {owner.id}" if owner and reachable else "owner gone or inactive"
        await QuestionRepository(tx).add_message(question.id, None, "reminded", detail, now)
        if owner is not None and reachable:
            await self._remind(tx, question, owner, now)
        return FIRED

    async def escalate(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        """One notice to every active coordinator, with the alert's buttons."""
        question = await self._waiting(tx, timer, "escalate")
        if question is None:
            return STALE
        due = escalation_due(self.settings, self.hours, question)
        if due > now:  # a timer converted by migration 0009 starts early
            return Later(due)
        if self.quiet.is_quiet(now):
            return Later(self.quiet.next_allowed(now))
        people = PersonRepository(tx)
        owner = await people.by_id(question.owner_id) if question.owner_id else None
        coordinators = await people.active_coordinators()
        detail = f"to {len(coordinators)} coordinators"
        await QuestionRepository(tx).add_message(question.id, None, "escalated", detail, now)
        for coordinator in coordinators:
            await self._escalate(tx, question, owner, coordinator, now)
        return FIRED

    def _facts(self, question: Question, language: str) -> dict[str, str]:
        return {
            "ref": question.reference,
            "topic": topic_label(self.settings, question.topic, language),
            "wijk": question.wijk or "—",
            "text": question.text or "",
        }

    async def _remind(
        self, tx: Transaction, question: Question, owner: Person, now: datetime
    ) -> None:
        language = owner.language
        due = question.answer_due_at.astimezone(self.settings.organisation.zone)
        text = i18n.t(
            language,
            "questions.reminder",
            due=due.strftime("%d-%m-%Y %H:%M"),
            **self._facts(question, language),
        )
        keyboard = answer_button(question, language)
        key = f"question:{question.id}:reminder:{to_db(question.round_started_at)}"
        await self.outbox.message(
            tx, key, owner.telegram_id, text, now, keyboard, priority=Priority.NOTICE
        )

    async def _escalate(
        self,
        tx: Transaction,
        question: Question,
        owner: Person | None,
        coordinator: Person,
        now: datetime,
    ) -> None:
        language = coordinator.language
        waited = round(self.hours.working_hours_between(question.round_started_at, now))
        deadline = f"{self.settings.organisation.answer_hours(question.topic):g}"
        text = i18n.t(
            language,
            "questions.escalation",
            hours=i18n.t(language, "common.working_hours", count=waited),
            deadline=i18n.t(language, "common.working_hours", count=deadline),
            owner=owner_label(owner, language),
            **self._facts(question, language),
        )
        keyboard = alert_buttons(question, language)  # answer, pass on, or answer for all
        round_start = to_db(question.round_started_at)
        key = f"question:{question.id}:escalation:{coordinator.id}:{round_start}"
        await self.outbox.message(
            tx, key, coordinator.telegram_id, text, now, keyboard, priority=Priority.NOTICE
        )
