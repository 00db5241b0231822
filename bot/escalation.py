"""Pickup deadlines and escalation, computed from the database by a periodic scheduler tick.

A signal still 'received' when its pickup deadline (`pickup_due_at`, set by its urgency and
category in working time, bot.signals.urgency) has passed gets one reminder to its owner; at
three times that deadline every active coordinator gets one notice with a button to pass it
on. Each fires once: `reminded_at`/`escalated_at` are set with an `... IS NULL` guard in the same
transaction as the outbox rows, whose keys are unique too. So a double tick or a restart changes
nothing, and after downtime what became due meanwhile is caught up once.

A "today" signal reported outside office hours is not waited for here: it goes out at once from
the reporting transaction (bot.signals.report.out_of_hours).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.core import i18n
from bot.core.config import Settings
from bot.core.deps import Service
from bot.questions.texts import alert_buttons, answer_button, topic_label
from bot.signals import texts as signal_texts
from bot.signals.out_of_hours import owner_label
from bot.telegram.outbox import Keyboard, button
from storage.database import Transaction
from storage.people import Person, PersonRepository
from storage.questions import Question, QuestionRepository
from storage.signals import Signal, SignalRepository
from storage.timestamps import to_db

log = logging.getLogger(__name__)

ESCALATION_FACTOR = 3
TICK_SECONDS = 60.0


@dataclass(frozen=True)
class Tick:
    reminders: int
    escalations: int
    question_reminders: int = 0
    question_escalations: int = 0


def _facts(settings: Settings, signal: Signal, language: str) -> dict[str, str]:
    return {
        "ref": signal.reference,
        "category": signal_texts.category_label(settings, signal.category, language),
        "wijk": signal.wijk or "—",
        "urgency": i18n.t(language, f"signals.urgency_{signal.urgency}"),
    }


def reassign_button(signal_id: int, language: str) -> Keyboard:
    return [[button(i18n.t(language, "signals.action_reassign"), f"sig:reassign:{signal_id}")]]


class EscalationService(Service):
    def deadline_hours(self, signal: Signal) -> float:
        """The pickup deadline the signal was given when it was reported, in working hours (by
        its urgency and category, bot.signals.urgency), so a later configuration change alters
        nothing."""
        return self.hours.working_hours_between(signal.created_at, signal.pickup_due_at)

    def escalation_due(self, signal: Signal) -> datetime:
        hours = ESCALATION_FACTOR * self.deadline_hours(signal)
        return self.hours.add_working_hours(signal.created_at, hours)

    async def tick(self, now: datetime | None = None) -> Tick:
        """One scheduler tick: send the reminders and escalations that are due, each once."""
        now = now or self.clock()
        reminders = escalations = 0
        async with self.db.transaction() as tx:
            signals = SignalRepository(tx)
            for signal, reminded, escalated in await signals.past_pickup_due(now):
                owner = (
                    await PersonRepository(tx).by_id(signal.owner_id) if signal.owner_id else None
                )
                if not reminded and await signals.mark_reminded(signal.id, now):
                    await self._remind(tx, signal, owner, now)
                    reminders += 1
                due = not escalated and self.escalation_due(signal) <= now
                if due and await signals.mark_escalated(signal.id, now):
                    await self._escalate(tx, signal, owner, now)
                    escalations += 1
            asked = await self._question_deadlines(tx, now)
        if reminders or escalations or any(asked):
            log.info(
                "deadlines: %d reminders, %d escalations; questions: %d, %d",
                reminders,
                escalations,
                *asked,
            )
        return Tick(reminders, escalations, *asked)

    async def _question_deadlines(self, tx: Transaction, now: datetime) -> tuple[int, int]:
        """Unanswered questions past `answer_due_at`: one reminder to the owner; at three times
        the answer time, one notice to each active coordinator. The thread's 'reminded' and
        'escalated' entries, inserted only where none exists yet, make each fire once."""
        questions, people = QuestionRepository(tx), PersonRepository(tx)
        reminders = escalations = 0
        for question, reminded, escalated in await questions.past_answer_due(now):
            owner = await people.by_id(question.owner_id) if question.owner_id else None
            reachable = owner is not None and owner.active
            if not reminded:
                detail = f"to {owner.id}" if owner and reachable else "owner gone or inactive"
                since = question.round_started_at
                if await questions.add_message_once(question.id, "reminded", detail, now, since):
                    if owner is not None and reachable:
                        await self._remind_question(tx, question, owner, now)
                    reminders += 1
            hours = ESCALATION_FACTOR * self.settings.organisation.answer_hours(question.topic)
            due = self.hours.add_working_hours(question.round_started_at, hours) <= now
            if not escalated and due:
                coordinators = await people.active_coordinators()
                detail = f"to {len(coordinators)} coordinators"
                since = question.round_started_at
                if await questions.add_message_once(question.id, "escalated", detail, now, since):
                    for coordinator in coordinators:
                        await self._escalate_question(tx, question, owner, coordinator, now)
                    escalations += 1
        return reminders, escalations

    def _question_facts(self, question: Question, language: str) -> dict[str, str]:
        return {
            "ref": question.reference,
            "topic": topic_label(self.settings, question.topic, language),
            "wijk": question.wijk or "—",
            "text": question.text or "",
        }

    async def _remind_question(
        self, tx: Transaction, question: Question, owner: Person, now: datetime
    ) -> None:
        language = owner.language
        due = question.answer_due_at.astimezone(self.settings.organisation.zone)
        text = i18n.t(
            language,
            "questions.reminder",
            due=due.strftime("%d-%m-%Y %H:%M"),
            **self._question_facts(question, language),
        )
        keyboard = answer_button(question, language)
        key = f"question:{question.id}:reminder:{to_db(question.round_started_at)}"
        await self.outbox.message(tx, key, owner.telegram_id, text, now, keyboard)

    async def _escalate_question(
        self,
        tx: Transaction,
        question: Question,
        owner: Person | None,
        coordinator: Person,
        now: datetime,
    ) -> None:
        language = coordinator.language
        text = i18n.t(
            language,
            "questions.escalation",
            hours=round(self.hours.working_hours_between(question.round_started_at, now)),
            deadline=f"{self.settings.organisation.answer_hours(question.topic):g}",
            owner=owner_label(owner, language),
            **self._question_facts(question, language),
        )
        keyboard = alert_buttons(question, language)  # answer, pass on, or answer for all
        round_start = to_db(question.round_started_at)
        key = f"question:{question.id}:escalation:{coordinator.id}:{round_start}"
        await self.outbox.message(tx, key, coordinator.telegram_id, text, now, keyboard)

    async def _remind(
        self, tx: Transaction, signal: Signal, owner: Person | None, now: datetime
    ) -> None:
        reachable = owner is not None and owner.active
        detail = f"to {owner.id}" if owner and reachable else "owner gone or inactive"
        await SignalRepository(tx).add_event(signal.id, None, "reminded", detail, now)
        if owner is None or not reachable:
            return  # the coordinators hear of it when it escalates
        language = owner.language
        due = signal.pickup_due_at.astimezone(self.settings.organisation.zone)
        text = i18n.t(
            language,
            "escalation.reminder",
            due=due.strftime("%d-%m-%Y %H:%M"),
            **_facts(self.settings, signal, language),
        )
        keyboard = [[button(i18n.t(language, "signals.action_pick"), f"sig:pick:{signal.id}")]]
        keyboard += reassign_button(signal.id, language)
        await self.outbox.message(
            tx, f"reminder:{signal.id}", owner.telegram_id, text, now, keyboard
        )

    async def _escalate(
        self, tx: Transaction, signal: Signal, owner: Person | None, now: datetime
    ) -> None:
        coordinators = await PersonRepository(tx).active_coordinators()
        hours = round(self.hours.working_hours_between(signal.created_at, now))
        for coordinator in coordinators:
            language = coordinator.language
            text = i18n.t(
                language,
                "escalation.escalation",
                hours=hours,
                deadline=f"{self.deadline_hours(signal):g}",
                owner=owner_label(owner, language),
                **_facts(self.settings, signal, language),
            )
            key = f"escalation:{signal.id}:{coordinator.id}"
            keyboard = reassign_button(signal.id, language)
            await self.outbox.message(tx, key, coordinator.telegram_id, text, now, keyboard)
        detail = f"to {len(coordinators)} coordinators"
        await SignalRepository(tx).add_event(signal.id, None, "escalated", detail, now)
