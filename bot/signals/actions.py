"""Working on a signal: pick up, contact made, ask the volunteer, reassign, close.

Every action re-reads the actor and the signal in its own transaction and checks there that the
actor is the signal's owner or an active coordinator, whatever the button said. Each records its
update id, the status change, the audit event and the outbox notices together. Typed parts (the
question, the reason, the closing message, the volunteer's answer) wait in the flow "sigwork".
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import Any

from bot.core.errors import InvalidInput, NotAllowed, NotFound
from bot.core.text_input import clean_text
from bot.routing.reassign import Absent, Candidate, candidates, check_away, passed_to
from bot.signals import deadlines
from bot.signals import work_texts as texts
from bot.signals.access import (
    FLOW,
    Done,
    Step,
    actor_of,
    authorised,
    check,
    is_step,
    new_owner,
    person_of,
    save_flow,
    signal_of,
)
from bot.signals.answers import VolunteerAnswers
from bot.signals.card import Card, card_of
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.flows import Flow, FlowRepository
from storage.people import Person, Role
from storage.signal_work import SignalWorkRepository
from storage.signals import OPEN_STATUSES, Signal, SignalRepository

OUTCOMES = ("arranged", "referred", "no_action", "unreachable")
MAX_TEXT = 1000
MAX_REASON = 300


def _alert_keys(signal_id: int) -> list[str]:
    """The messages whose buttons act on the signal for its owner or the coordinators: the
    alerts (bot.signals.report, and each pass-on's), the reminder and the escalations
    (bot.signals.deadlines)."""
    return [
        f"signal:{signal_id}:alert",
        f"signal:{signal_id}:alert:",
        f"reminder:{signal_id}",
        f"escalation:{signal_id}:",
    ]


class SignalActionService(VolunteerAnswers):
    # --- reading

    async def card(self, telegram_id: int, signal_id: int) -> Card:
        async with self.db.read() as tx:
            _, signal = await authorised(tx, telegram_id, signal_id)
            return await card_of(tx, signal)

    async def photo(self, telegram_id: int, signal_id: int) -> tuple[Signal, bytes]:
        """The signal's photo, for its owner and the coordinators."""
        async with self.db.read() as tx:
            _, signal = await authorised(tx, telegram_id, signal_id)
            photo = await SignalRepository(tx).photo(signal.id)
        if photo is None:
            raise NotFound("photo")
        return signal, photo

    async def worklist(
        self, telegram_id: int, statuses: tuple[str, ...], wijk: str | None, category: str | None
    ) -> list[Signal]:
        """Professionals: their own open signals. Coordinators: all, filtered."""
        async with self.db.read() as tx:
            actor = await actor_of(tx, telegram_id)
            signals = SignalWorkRepository(tx)
            if actor.role is Role.COORDINATOR:
                return await signals.worklist(self.clock(), statuses, None, wijk, category)
            if actor.role is not Role.PROFESSIONAL:
                raise NotAllowed("signals")
            return await signals.worklist(self.clock(), OPEN_STATUSES, actor.id)

    async def candidates(self, telegram_id: int, signal_id: int) -> list[Candidate]:
        """Active professionals who could take the signal over, marked when away."""
        async with self.db.read() as tx:
            _, signal = await authorised(tx, telegram_id, signal_id, open_only=True)
            zone = self.settings.organisation.zone
            return await candidates(tx, signal.owner_id, self.clock(), zone)

    # --- status changes

    async def pick_up(self, update_id: int | None, telegram_id: int, signal_id: int) -> Card:
        return await self._move(update_id, telegram_id, signal_id, ("received",), "picked_up")

    async def contact_made(self, update_id: int | None, telegram_id: int, signal_id: int) -> Card:
        froms = ("received", "picked_up")
        return await self._move(update_id, telegram_id, signal_id, froms, "contact_made")

    async def _move(
        self,
        update_id: int | None,
        telegram_id: int,
        signal_id: int,
        froms: tuple[str, ...],
        to: str,
    ) -> Card:
        async with self._acting(update_id, telegram_id, signal_id) as (tx, actor, signal):
            signals = SignalRepository(tx)
            if not await SignalWorkRepository(tx).move(signal.id, froms, to, self.clock()):
                raise InvalidInput("signal_work.not_now")
            await deadlines.settle(tx, signal.id)  # picked up: no reminder, no escalation
            await signals.add_event(signal.id, actor.id, to, None, self.clock())
            await self._tell_reporter(tx, signal, to, None)
            return await card_of(tx, await signal_of(tx, signal.id))

    async def _close(
        self, tx: Transaction, actor: Person, signal: Signal, outcome: str, message: str | None
    ) -> Signal:
        now, signals = self.clock(), SignalRepository(tx)
        if outcome not in OUTCOMES or not await SignalWorkRepository(tx).move(
            signal.id, OPEN_STATUSES, "closed", now
        ):
            raise InvalidInput("signal_work.not_now")
        await deadlines.settle(tx, signal.id)
        await SignalWorkRepository(tx).set_outcome(signal.id, outcome, message)
        await signals.add_event(signal.id, actor.id, "closed", outcome, now)
        if message:
            await signals.add_event(signal.id, actor.id, "closing_message", message, now)
        await self._tell_reporter(tx, signal, "closed", message)
        return await signal_of(tx, signal.id)

    async def close_without_message(
        self, update_id: int | None, telegram_id: int, signal_id: int
    ) -> Card:
        async with self._acting(update_id, telegram_id, signal_id) as (tx, actor, signal):
            flow = await FlowRepository(tx).get(telegram_id)
            if not is_step(flow, Step.CLOSING, signal.id):
                raise InvalidInput("common.button_expired")
            assert flow is not None
            await FlowRepository(tx).delete(telegram_id)
            closed = await self._close(tx, actor, signal, str(flow.data["outcome"]), None)
            return await card_of(tx, closed)

    # --- typed parts

    async def begin(
        self, update_id: int | None, telegram_id: int, signal_id: int, step: Step, **data: Any
    ) -> Signal:
        """Wait for the question, the reason (after choosing the new owner) or closing message."""
        async with self._acting(update_id, telegram_id, signal_id) as (tx, _, signal):
            if step is Step.CLOSING and data.get("outcome") not in OUTCOMES:
                raise InvalidInput("common.button_expired")
            if step is Step.QUESTION and signal.reporter_id is None:
                raise InvalidInput("signal_work.no_reporter")
            if step is Step.REASON:
                raise InvalidInput("common.button_expired")  # see choose_owner
            await save_flow(tx, telegram_id, step, signal.id, data, self.clock())
            return signal

    async def choose_owner(
        self, update_id: int | None, telegram_id: int, signal_id: int, to: int, sure: bool
    ) -> Absent | None:
        """The new owner was chosen: wait for the reason. Someone away gets it only when `sure`
        (an explicit second press); otherwise say so and offer their substitute."""
        async with self._acting(update_id, telegram_id, signal_id) as (tx, _, signal):
            taker = await new_owner(tx, signal, to)
            zone, now = self.settings.organisation.zone, self.clock()
            away = await check_away(tx, taker, signal.owner_id, signal.reference, now, zone)
            if away is not None and not sure:
                return away
            await save_flow(tx, telegram_id, Step.REASON, signal.id, {"to": to}, now)
            return None

    async def answer_text(self, update_id: int | None, telegram_id: int, text: str) -> Done:
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, self.clock())
            flow = await FlowRepository(tx).get(telegram_id)
            if flow is None or flow.name != FLOW:
                raise NotFound("signal work flow")
            step, signal_id = Step(flow.step), int(flow.data["signal"])
            limit = MAX_REASON if step is Step.REASON else MAX_TEXT
            typed = clean_text(text, limit)
            actor = await actor_of(tx, telegram_id)
            signal = await signal_of(tx, signal_id)
            if step is Step.ANSWER:
                held = await self._answer(tx, actor, signal, typed)
                if held:
                    return Done(step, signal, held)
            else:
                check(actor, signal)
                signal = await self._finish(tx, actor, signal, flow, typed)
            await FlowRepository(tx).delete(telegram_id)
            return Done(step, signal)

    async def _finish(
        self, tx: Transaction, actor: Person, signal: Signal, flow: Flow, typed: str
    ) -> Signal:
        if flow.step == Step.CLOSING:
            return await self._close(tx, actor, signal, str(flow.data["outcome"]), typed)
        if flow.step == Step.REASON:
            return await self._reassign(tx, actor, signal, int(flow.data["to"]), typed)
        await self._ask(tx, actor, signal, typed)
        return signal

    async def _ask(self, tx: Transaction, actor: Person, signal: Signal, question: str) -> None:
        reporter = await person_of(tx, signal.reporter_id)
        if reporter is None:
            raise InvalidInput("signal_work.no_reporter")
        now = self.clock()
        event = await SignalRepository(tx).add_event(signal.id, actor.id, "question", question, now)
        text = texts.question(signal, question, reporter.language)
        keyboard = texts.answer_button(signal.id, reporter.language)
        key = f"signal:{signal.id}:question:{event}"
        await self.outbox.message(tx, key, reporter.telegram_id, text, now, keyboard)

    async def hand_over(
        self, tx: Transaction, actor: Person, signal: Signal, to: int, reason: str
    ) -> Signal:
        """Reassign inside the caller's transaction (an absent professional's hand-over)."""
        check(actor, signal)
        return await self._reassign(tx, actor, signal, to, reason)

    async def _reassign(
        self, tx: Transaction, actor: Person, signal: Signal, to: int, reason: str
    ) -> Signal:
        now, signals = self.clock(), SignalRepository(tx)
        taker = await new_owner(tx, signal, to)
        old_owner = await person_of(tx, signal.owner_id)
        if not await SignalWorkRepository(tx).set_owner(signal.id, taker.id):
            raise InvalidInput("signal_work.not_now")
        event = await signals.add_event(
            signal.id, actor.id, "reassigned", f"to {to}: {reason}", now
        )
        moved = await signal_of(tx, signal.id)
        heading = partial(texts.heading, self.settings, moved)
        retired = passed_to(taker, heading)
        await self.outbox.retire(tx, _alert_keys(signal.id), str(event), retired, now)
        lang, view = taker.language, await card_of(tx, moved)
        alert = texts.passed_on_alert(self.settings, view, actor.name, reason, now, lang)
        buttons = texts.card_buttons(moved, lang)  # what fits its status, and its photo
        key = f"signal:{signal.id}:alert:{event}"
        await self.outbox.message(tx, key, taker.telegram_id, alert, now, buttons)
        if old_owner is not None and old_owner.id != actor.id:
            text = texts.taken_from(signal, actor.name, taker.name, old_owner.language)
            await self.outbox.message(tx, f"{key}:old", old_owner.telegram_id, text, now)
        return moved

    async def _tell_reporter(
        self, tx: Transaction, signal: Signal, status: str, message: str | None
    ) -> None:
        """The volunteer hears each step, never the case details."""
        reporter = await person_of(tx, signal.reporter_id)
        if reporter is not None:
            text = texts.status_notice(signal, status, message, reporter.language)
            key = f"signal:{signal.id}:status:{status}"
            await self.outbox.message(tx, key, reporter.telegram_id, text, self.clock())

    @asynccontextmanager
    async def _acting(
        self, update_id: int | None, telegram_id: int, signal_id: int
    ) -> AsyncIterator[tuple[Transaction, Person, Signal]]:
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, self.clock())
            actor, signal = await authorised(tx, telegram_id, signal_id, open_only=True)
            yield tx, actor, signal
