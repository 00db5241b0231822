"""A volunteer's answer to a professional's question about her signal, typed after "Antwoorden"
or on its own. It passes the privacy guard like every text about a resident: with identifying
data it waits in the flow "sigwork" (step answer, `pending`) until she rewrites it or sends it
anyway (`VolunteerAnswers.check_answer`)."""

from __future__ import annotations

from datetime import datetime

from bot.core.deps import Deps, Service
from bot.core.errors import InvalidInput, NotAllowed
from bot.core.text_input import clean_text
from bot.privacy.guard import KnownNames, identifying_kinds
from bot.privacy.known_people import KnownPeople
from bot.signals import work_texts as texts
from bot.signals.access import Done, Step, actor_of, is_step, person_of, save_flow, signal_of
from bot.telegram.outbox import Outbox
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.flows import FlowRepository
from storage.people import Person, PersonRepository, Role
from storage.signal_work import SignalWorkRepository
from storage.signals import OPEN_STATUSES, Signal, SignalRepository

MAX_ANSWER = 1000


class VolunteerAnswers(Service):
    """The volunteer's side of the questions about her signal (bot.signals.actions builds on
    it): pressing "Antwoorden", an answer typed on its own, and her choice about a held one."""

    def __init__(self, deps: Deps, known_people: KnownPeople) -> None:
        super().__init__(deps)
        self.known_people = known_people  # staff are no residents (privacy guard)

    async def begin_answer(self, update_id: int | None, telegram_id: int, signal_id: int) -> None:
        """The volunteer pressed "answer" under a question about their own signal."""
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, self.clock())
            actor = await actor_of(tx, telegram_id)
            signal = await SignalRepository(tx).by_id(signal_id)
            if signal is None:
                raise NotAllowed("signal answer")
            check_may_answer(actor, signal)
            if not any(
                e.action == "question" for e in await SignalRepository(tx).events(signal.id)
            ):
                raise InvalidInput("common.button_expired")  # nothing was asked
            await save_flow(tx, telegram_id, Step.ANSWER, signal.id, {}, self.clock())

    async def answer_unprompted(
        self, update_id: int | None, telegram_id: int, text: str
    ) -> Done | list[Signal]:
        """Text a volunteer typed outside any flow: her answer, when exactly one question about
        her signals waits for one (as if she had pressed "Antwoorden" first). Otherwise the
        signals with a question waiting (none, or several: then nothing is sent)."""
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, self.clock())
            actor = await PersonRepository(tx).by_telegram_id(telegram_id)
            if actor is None or actor.role is not Role.VOLUNTEER or not actor.active:
                return []
            waiting = await SignalWorkRepository(tx).awaiting_answer(actor.id)
            if len(waiting) != 1:
                return waiting
            held = await self._answer(tx, actor, waiting[0], clean_text(text, MAX_ANSWER))
            return Done(Step.ANSWER, waiting[0], held)

    async def check_answer(
        self, update_id: int | None, telegram_id: int, signal_id: int, send: bool
    ) -> Done | None:
        """The volunteer's choice about a held answer: send it as it is (Done), or type it
        again (None: the flow waits for the new text)."""
        async with self.db.transaction() as tx:
            now = self.clock()
            await record_update(tx, update_id, now)
            flows = FlowRepository(tx)
            flow = await flows.get(telegram_id)
            held = flow is not None and is_step(flow, Step.ANSWER, signal_id)
            pending = flow.data.get("pending") if flow is not None and held else None
            if not isinstance(pending, str):
                raise InvalidInput("common.button_expired")
            actor, signal = await actor_of(tx, telegram_id), await signal_of(tx, signal_id)
            check_may_answer(actor, signal)
            if not send:
                await save_flow(tx, telegram_id, Step.ANSWER, signal.id, {}, now)
                return None
            await flows.delete(telegram_id)
            await send_answer(tx, self.outbox, actor, signal, pending, now)
            return Done(Step.ANSWER, signal)

    async def _answer(
        self, tx: Transaction, actor: Person, signal: Signal, answer: str
    ) -> tuple[str, ...]:
        known = await self.known_people.names(tx)
        return await take_answer(tx, self.outbox, known, actor, signal, answer, self.clock())


def check_may_answer(actor: Person, signal: Signal) -> None:
    if signal.reporter_id != actor.id or not actor.active:
        raise NotAllowed("signal answer")
    if signal.status not in OPEN_STATUSES:
        raise InvalidInput("signal_work.already_closed")


async def take_answer(
    tx: Transaction,
    outbox: Outbox,
    known: KnownNames,
    actor: Person,
    signal: Signal,
    answer: str,
    now: datetime,
) -> tuple[str, ...]:
    """Send the answer, or hold it when the guard finds identifying data: then the kinds found
    are returned, and the flow waits for her choice."""
    check_may_answer(actor, signal)
    found = tuple(identifying_kinds(answer, known))
    if found:
        held = {"pending": answer, "found": list(found)}
        await save_flow(tx, actor.telegram_id, Step.ANSWER, signal.id, held, now)
        return found
    await send_answer(tx, outbox, actor, signal, answer, now)
    return ()


async def send_answer(
    tx: Transaction, outbox: Outbox, actor: Person, signal: Signal, answer: str, now: datetime
) -> None:
    """Into the signal's history, and to its owner."""
    check_may_answer(actor, signal)
    event = await SignalRepository(tx).add_event(signal.id, actor.id, "answer", answer, now)
    owner = await person_of(tx, signal.owner_id)
    if owner is not None:
        text = texts.answer_to_owner(signal, actor.name, answer, owner.language)
        keyboard = texts.view_button(signal.id, owner.language)
        key = f"signal:{signal.id}:answer:{event}"
        await outbox.message(tx, key, owner.telegram_id, text, now, keyboard)
