"""A question's thread: answers, follow-ups, passing it on and closing.

The answer and the follow-ups are typed in the flow "qwork" (or sent as a Telegram reply to a
message about the question); each step re-reads the actor and the question in its own
transaction and checks there who may write, whatever the button said. "Answer for everyone"
answers the volunteer and, in the same transaction, opens the knowledge-base flow
(bot.questions.faq) with that answer ready to reuse.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.core import i18n
from bot.core.deps import Deps, Service
from bot.core.errors import InvalidInput, NotAllowed, NotFound
from bot.core.text_input import clean_text
from bot.flows import names
from bot.privacy.guard import KnownNames, identifying_kinds
from bot.privacy.known_people import KnownPeople
from bot.questions import deadlines, faq
from bot.questions import texts as question_texts
from bot.questions.asking import may_answer
from bot.questions.handover import new_owner, pass_on
from bot.questions.lookups import actor as load_actor
from bot.questions.lookups import person as load_person
from bot.questions.lookups import question as load_question
from bot.routing.reassign import Absent, Candidate, candidates, check_away
from bot.routing.rules import NobodyAvailable, present, route
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.flows import Flow, FlowRepository
from storage.people import Person, Role
from storage.questions import Question, QuestionRepository

FLOW = names.QUESTION_WORK
MAX_TEXT = 2000
MAX_REASON = 300


class Reply(StrEnum):
    """What the typed text in the flow "qwork" is."""

    ANSWER = "answer"  # the owner (or a coordinator) answers
    ALL = "all"  # an answer that then goes to the knowledge base too
    MORE = "more"  # the asker follows up
    REASSIGN = "reassign"  # the owner (or a coordinator) gives the reason to pass it on


@dataclass(frozen=True)
class Done:
    reply: Reply
    question: Question
    # A follow-up holding identifying data is not sent yet: these kinds were found, and the
    # asker chooses to rewrite it or send it anyway (check_followup).
    held: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Step:
    """One step on a question, inside its transaction: who acts on what, and when."""

    tx: Transaction
    now: datetime
    actor: Person
    question: Question


class ThreadService(Service):
    def __init__(self, deps: Deps, known_people: KnownPeople) -> None:
        super().__init__(deps)
        self.known_people = known_people  # staff are no residents (privacy guard)

    @asynccontextmanager
    async def _step(
        self, update_id: int | None, telegram_id: int, question_id: int, reply: Reply | None
    ) -> AsyncIterator[_Step]:
        """Record the update, load the actor and the question afresh and, unless `reply` is
        None (the caller decides), check that the actor may do `reply` to it."""
        async with self.db.transaction() as tx:
            now = self.clock()
            await record_update(tx, update_id, now)
            actor = await load_actor(tx, telegram_id)
            question = await load_question(tx, question_id)
            if reply is not None:
                _check(actor, question, reply)
            yield _Step(tx, now, actor, question)

    async def begin(
        self, update_id: int | None, telegram_id: int, question_id: int, reply: Reply
    ) -> Question:
        """Wait for the typed answer (owner or coordinator) or follow-up (the asker only)."""
        async with self._step(update_id, telegram_id, question_id, reply) as step:
            data = {"question": step.question.id}
            await _wait_for(step.tx, telegram_id, reply, data, step.now)
            return step.question

    async def reply_text(self, update_id: int | None, telegram_id: int, text: str) -> Done:
        """The typed answer or follow-up: stored in the thread and sent through the outbox.
        When the step can no longer go on (the question was closed, passed on or erased
        meanwhile) the step ends and the person hears why, rather than staying stuck in it."""
        async with self.db.transaction() as tx:
            now = self.clock()
            await record_update(tx, update_id, now)
            flows = FlowRepository(tx)
            flow = await flows.get(telegram_id)
            if flow is None or flow.name != FLOW:
                raise NotFound("question flow")
            reply = Reply(flow.step)
            typed = clean_text(text, MAX_REASON if reply is Reply.REASSIGN else MAX_TEXT)
            try:
                return await self._reply(tx, flow, reply, typed, now)
            except (NotAllowed, InvalidInput, NotFound) as error:
                await flows.delete(telegram_id)
                refused = error
        raise refused

    async def _reply(
        self, tx: Transaction, flow: Flow, reply: Reply, typed: str, now: datetime
    ) -> Done:
        flows, telegram_id = FlowRepository(tx), flow.telegram_id
        actor = await load_actor(tx, telegram_id)
        question = await load_question(tx, int(flow.data["question"]))
        _check(actor, question, reply)
        if reply is Reply.MORE and (
            found := _identifying(typed, await self.known_people.names(tx))
        ):
            flow.data.update(pending=typed, found=list(found))
            await flows.save(flow, now)
            return Done(reply, question, found)
        await flows.delete(telegram_id)
        if reply is Reply.REASSIGN:
            moved = await self._reassign(tx, actor, question, int(flow.data["to"]), typed)
            return Done(reply, moved)
        done = await self._post(tx, actor, question, reply, typed)
        if reply is Reply.ALL:  # now the version for everyone, with this answer at hand
            data = {"question": question.id, "answer": typed}
            await flows.save(Flow(telegram_id, faq.FLOW, faq.Step.QUESTION, data), now)
        return done

    async def reply_to(
        self, update_id: int | None, telegram_id: int, question_id: int, text: str
    ) -> Done:
        """A Telegram reply to a message about the question (the alert, a follow-up, an answer):
        from the owner or a coordinator it is the answer, from the asker a follow-up."""
        async with self._step(update_id, telegram_id, question_id, None) as step:
            tx, now, actor, question = step.tx, step.now, step.actor, step.question
            reply = Reply.ANSWER if may_answer(actor, question) else Reply.MORE
            _check(actor, question, reply)
            typed = clean_text(text, MAX_TEXT)
            if reply is Reply.MORE and (
                found := _identifying(typed, await self.known_people.names(tx))
            ):
                data = {"question": question.id, "pending": typed, "found": list(found)}
                await _wait_for(tx, telegram_id, reply, data, now)
                return Done(reply, question, found)
            flows = FlowRepository(tx)
            flow = await flows.get(telegram_id)  # a pressed button for this question is done too
            if flow is not None and flow.name == FLOW and flow.data["question"] == question.id:
                await flows.delete(telegram_id)
            return await self._post(tx, actor, question, reply, typed)

    async def check_followup(
        self, update_id: int | None, telegram_id: int, question_id: int, send: bool
    ) -> Done | None:
        """The asker's choice about a held follow-up: send it as it is (Done), or type it
        again (None: the flow waits for the new text)."""
        async with self.db.transaction() as tx:
            now = self.clock()
            await record_update(tx, update_id, now)
            flows = FlowRepository(tx)
            flow = await flows.get(telegram_id)
            held = flow is not None and flow.name == FLOW and "pending" in flow.data
            if flow is None or not held or flow.data["question"] != question_id:
                raise InvalidInput("common.button_expired")
            actor = await load_actor(tx, telegram_id)
            question = await load_question(tx, question_id)
            _check(actor, question, Reply.MORE)
            if not send:
                flow.data = {"question": question.id}
                await flows.save(flow, now)
                return None
            await flows.delete(telegram_id)
            return await self._post(tx, actor, question, Reply.MORE, str(flow.data["pending"]))

    # --- passing it on

    async def candidates(self, telegram_id: int, question_id: int) -> list[Candidate]:
        """Active professionals who could take the question over (owner or coordinator only),
        marked when away."""
        async with self.db.read() as tx:
            actor = await load_actor(tx, telegram_id)
            question = await load_question(tx, question_id)
            _check(actor, question, Reply.REASSIGN)
            zone = self.settings.organisation.zone
            return await candidates(tx, question.owner_id, self.clock(), zone)

    async def begin_reassign(
        self, update_id: int | None, telegram_id: int, question_id: int, to: int, sure: bool
    ) -> tuple[Question, Absent | None]:
        """The new owner was chosen: wait for the typed reason. Someone away gets it only when
        `sure` (an explicit second press); otherwise say so and offer their substitute."""
        async with self._step(update_id, telegram_id, question_id, Reply.REASSIGN) as step:
            question, zone = step.question, self.settings.organisation.zone
            taker = await new_owner(step.tx, question, to)
            away = await check_away(
                step.tx, taker, question.owner_id, question.reference, step.now, zone
            )
            if away is not None and not sure:
                return question, away
            data: dict[str, Any] = {"question": question.id, "to": to}
            await _wait_for(step.tx, telegram_id, Reply.REASSIGN, data, step.now)
            return question, None

    async def hand_over(
        self, tx: Transaction, actor: Person, question: Question, to: int, reason: str
    ) -> Question:
        """Pass on inside the caller's transaction (an absent professional's hand-over)."""
        _check(actor, question, Reply.REASSIGN)
        return await self._reassign(tx, actor, question, to, reason)

    async def _reassign(
        self, tx: Transaction, actor: Person, question: Question, to: int, reason: str
    ) -> Question:
        return await pass_on(
            tx, self.outbox, self.settings, actor, question, to, reason, self.clock()
        )

    async def _post(
        self, tx: Transaction, actor: Person, question: Question, reply: Reply, typed: str
    ) -> Done:
        now = self.clock()
        questions = QuestionRepository(tx)
        answer = reply in (Reply.ANSWER, Reply.ALL)
        kind = "answer" if answer else "followup"
        message_id = await questions.add_message(question.id, actor.id, kind, typed, now)
        key = f"question:{question.id}:{reply}:{message_id}"
        if answer:
            await questions.mark_answered(question.id, now)
            await deadlines.settle(tx, question.id)
            asker = await load_person(tx, question.asker_id)
            if asker is not None:
                lang = asker.language
                body = i18n.t(lang, "questions.answer", ref=question.reference, text=typed)
                buttons = question_texts.thread_buttons(question, lang)
                await self.outbox.message(tx, key, asker.telegram_id, body, now, buttons)
        else:
            await self._follow_up(tx, actor, question, typed, key, now)
        return Done(reply, await load_question(tx, question.id))

    async def _follow_up(
        self,
        tx: Transaction,
        asker: Person,
        question: Question,
        typed: str,
        key: str,
        now: datetime,
    ) -> None:
        """A new round: a fresh deadline, and the follow-up to whoever answers now. An owner
        who erased their data, stopped, or is away hands the question on first (the absence
        substitute, else routing as for a new question), so a follow-up never goes nowhere."""
        questions = QuestionRepository(tx)
        due = deadlines.answer_due(self.settings, self.hours, question.topic, now)
        if await questions.reopen(question.id, now, due):
            reopened = await load_question(tx, question.id)
            await deadlines.schedule(tx, self.settings, self.hours, reopened, now)
        owner = await load_person(tx, question.owner_id)
        taker = await present(tx, owner, now) if owner is not None else None
        if taker is None:
            try:
                taker = (await route(tx, question.topic, question.wijk, now)).owner
            except NobodyAvailable:
                raise InvalidInput("questions.nobody_available") from None
        lang = taker.language
        body = i18n.t(
            lang, "questions.followup", ref=question.reference, name=asker.name, text=typed
        )
        buttons = question_texts.answer_button(question, lang)
        if owner is None or taker.id != owner.id:
            await questions.set_owner(question.id, taker.id)
            routed = f"follow-up to {taker.id}"
            await questions.add_message(question.id, None, "routed", routed, now)
            moved = await load_question(tx, question.id)
            body += "\n\n" + question_texts.alert(self.settings, moved, asker, lang)
            buttons = question_texts.alert_buttons(moved, lang)
        await self.outbox.message(tx, key, taker.telegram_id, body, now, buttons)

    async def mark_done(
        self, update_id: int | None, telegram_id: int, question_id: int
    ) -> Question:
        """The asker says the question is answered: closed, and the owner is told."""
        async with self._step(update_id, telegram_id, question_id, Reply.MORE) as step:
            tx, now, actor, question = step.tx, step.now, step.actor, step.question
            questions = QuestionRepository(tx)
            await questions.close(question.id, now)
            await deadlines.settle(tx, question.id)
            await questions.add_message(question.id, actor.id, "closed", None, now)
            flows = FlowRepository(tx)  # a follow-up being typed for it is over too
            open_step = await flows.get(telegram_id)
            if open_step and open_step.name == FLOW and open_step.data["question"] == question.id:
                await flows.delete(telegram_id)
            owner = await load_person(tx, question.owner_id)
            if owner is not None:
                text = i18n.t(
                    owner.language,
                    "questions.closed_owner",
                    ref=question.reference,
                    name=actor.name,
                )
                key = f"question:{question.id}:closed"
                await self.outbox.message(tx, key, owner.telegram_id, text, now)
            return await load_question(tx, question.id)


def _check(actor: Person, question: Question, reply: Reply) -> None:
    if reply is Reply.MORE:
        allowed = actor.active and actor.role is Role.VOLUNTEER and actor.id == question.asker_id
    else:
        allowed = may_answer(actor, question)
    if not allowed:
        raise NotAllowed("question")
    if question.anonymised_at is not None:  # its texts were purged: nothing to build on
        raise InvalidInput("questions.anonymised")
    if question.status == "closed":
        raise InvalidInput("questions.already_closed")


def _identifying(text: str, known: KnownNames) -> tuple[str, ...]:
    """The kinds of identifying data in a volunteer's text (bot.privacy.guard), sorted."""
    return tuple(identifying_kinds(text, known))


async def _wait_for(
    tx: Transaction, telegram_id: int, reply: Reply, data: dict[str, Any], now: datetime
) -> None:
    """Remember what the next typed text is; another unfinished flow comes first."""
    flows = FlowRepository(tx)
    current = await flows.get(telegram_id)
    if current is not None and current.name != FLOW:
        raise InvalidInput("questions.finish_first")
    await flows.save(Flow(telegram_id, FLOW, reply, data), now)
