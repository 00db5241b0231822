"""Questions: a volunteer asks the professionals something ("vraag stellen").

The draft waits in the flow "question" (topic → text, checked by the privacy guard → summary).
Sending is one transaction: the update id, the question, its routing (bot.routing, as for
signals), the thread's first entries and the outbox alert to the owner and receipt to the asker.
The answer and the follow-ups are typed in the flow "qwork"; each re-reads the actor and the
question in its own transaction and checks there who may write, whatever the button said.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot import i18n, question_texts
from bot.clock import Clock
from bot.config import Settings
from bot.drafts import draft_step
from bot.errors import InvalidInput, NotAllowed, NotFound
from bot.outbox import Outbox
from bot.privacy_guard import find_identifying_data
from bot.routing import NobodyAvailable, route
from bot.text_input import clean_text
from bot.updates import record_update
from bot.working_time import OfficeHours
from storage.database import Database, Transaction
from storage.flows import Flow, FlowRepository
from storage.people import Person, PersonRepository, Role, Status
from storage.questions import NewQuestion, Question, QuestionRepository

FLOW = "question"
WORK_FLOW = "qwork"
MAX_TEXT = 2000
MAX_REASON = 300


class Step(StrEnum):
    TOPIC = "topic"
    TEXT = "text"
    PRIVACY = "priv"  # identifying data found: rewrite, or keep it with a reason
    REASON = "reason"
    SUMMARY = "sum"


class Reply(StrEnum):
    """What the typed text in the flow "qwork" is."""

    ANSWER = "answer"  # the owner (or a coordinator) answers
    MORE = "more"  # the asker follows up
    REASSIGN = "reassign"  # the owner (or a coordinator) gives the reason to pass it on


@dataclass(frozen=True)
class Progress:
    flow: Flow | None
    question: Question | None = None
    cancelled: bool = False


@dataclass(frozen=True)
class Done:
    reply: Reply
    question: Question


def may_answer(actor: Person, question: Question) -> bool:
    if not actor.active:
        return False
    if actor.role is Role.COORDINATOR:
        return True
    return actor.role is Role.PROFESSIONAL and actor.id == question.owner_id


class QuestionService:
    def __init__(
        self,
        db: Database,
        outbox: Outbox,
        settings: Settings,
        clock: Clock,
        hours: OfficeHours | None = None,
    ) -> None:
        self.db = db
        self.outbox = outbox
        self.settings = settings
        self.clock = clock
        self.hours = hours or OfficeHours(tz=settings.organisation.zone)

    # --- asking

    async def start(self, update_id: int | None, person: Person) -> Flow:
        """Open a draft, or return the one already open (it survives restarts)."""
        if person.role is not Role.VOLUNTEER or not person.active:
            raise NotAllowed("question")
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            flows = FlowRepository(tx)
            flow = await flows.get(person.telegram_id)
            if flow is not None and flow.name == FLOW:
                return flow
            flow = Flow(person.telegram_id, FLOW, Step.TOPIC, {"wijk": person.wijk})
            await flows.save(flow, now)
            return flow

    async def answer_text(self, update_id: int | None, telegram_id: int, text: str) -> Progress:
        """Typed text in the draft: the question (checked for identifying data) or the reason."""
        async with draft_step(self.db, self.clock, update_id, telegram_id, FLOW) as (tx, flow):
            if flow.step == Step.TEXT:
                typed = clean_text(text, MAX_TEXT)
                found = sorted({f.kind.value for f in find_identifying_data(typed)})
                flow.data.update(text=typed, found=found, kept=[], reason=None)
                flow.step = Step.PRIVACY if found else Step.SUMMARY
            elif flow.step == Step.REASON:
                flow.data["reason"] = clean_text(text, MAX_REASON)
                flow.data["kept"] = flow.data["found"]
                flow.step = Step.SUMMARY
            else:
                raise InvalidInput("signals.use_buttons")
            await FlowRepository(tx).save(flow, self.clock())
            return Progress(flow)

    async def choose(
        self, update_id: int | None, telegram_id: int, step: str, value: str
    ) -> Progress:
        """A pressed button; `step` comes from the button and must match the draft's step."""
        async with draft_step(self.db, self.clock, update_id, telegram_id, FLOW) as (tx, flow):
            if flow.step != step:
                raise InvalidInput("common.button_expired")
            if step == Step.TOPIC and self.settings.organisation.topic(value) is not None:
                flow.data["topic"] = value
                flow.step = Step.TEXT
            elif step == Step.PRIVACY and value in ("rewrite", "keep"):
                flow.step = Step.TEXT if value == "rewrite" else Step.REASON
            elif step == Step.SUMMARY and value == "cancel":
                await FlowRepository(tx).delete(telegram_id)
                return Progress(None, cancelled=True)
            elif step == Step.SUMMARY and value == "send":
                return Progress(None, question=await self._submit(tx, flow))
            else:
                raise InvalidInput("common.button_expired")
            await FlowRepository(tx).save(flow, self.clock())
            return Progress(flow)

    async def _submit(self, tx: Transaction, flow: Flow) -> Question:
        asker = await PersonRepository(tx).by_telegram_id(flow.telegram_id)
        if asker is None or asker.role is not Role.VOLUNTEER or not asker.active:
            raise NotAllowed("question")
        now, data = self.clock(), flow.data
        if self.settings.organisation.topic(data["topic"]) is None:
            raise InvalidInput("questions.topic_gone")  # the configuration changed meanwhile
        try:
            owner = await route(tx, data["topic"], data["wijk"], now)
        except NobodyAvailable:
            raise InvalidInput("questions.nobody_available") from None
        questions = QuestionRepository(tx)
        question_id = await questions.add(
            NewQuestion(
                asker_id=asker.id,
                owner_id=owner.owner.id,
                topic=data["topic"],
                wijk=data["wijk"],
                text=data["text"],
                privacy_kept=tuple(data.get("kept", ())),
                privacy_reason=data.get("reason"),
                answer_due_at=self.hours.add_working_hours(
                    now, self.settings.organisation.answer_hours(data["topic"])
                ),
            ),
            now,
        )
        rule = f" rule {owner.rule.id}" if owner.rule else ""
        await questions.add_message(question_id, asker.id, "asked", data["text"], now)
        routed = f"to {owner.owner.id} via {owner.via.value}{rule}"
        await questions.add_message(question_id, None, "routed", routed, now)
        await FlowRepository(tx).delete(flow.telegram_id)
        question = await _question(tx, question_id)
        lang, key = owner.owner.language, f"question:{question.id}"
        alert = question_texts.alert(self.settings, question, asker, lang)
        await self.outbox.message(
            tx,
            f"{key}:alert",
            owner.owner.telegram_id,
            alert,
            now,
            question_texts.alert_buttons(question, lang),
        )
        receipt = i18n.t(asker.language, "questions.receipt", ref=question.reference)
        await self.outbox.message(tx, f"{key}:receipt", asker.telegram_id, receipt, now)
        return question

    async def mine(self, person: Person) -> list[Question]:
        async with self.db.read() as tx:
            return await QuestionRepository(tx).for_asker(person.id)

    # --- the thread

    async def begin(
        self, update_id: int | None, telegram_id: int, question_id: int, reply: Reply
    ) -> Question:
        """Wait for the typed answer (owner or coordinator) or follow-up (the asker only)."""
        async with self.db.transaction() as tx:
            now = self.clock()
            await record_update(tx, update_id, now)
            actor = await _actor(tx, telegram_id)
            question = await _question(tx, question_id)
            _check(actor, question, reply)
            flows = FlowRepository(tx)
            current = await flows.get(telegram_id)
            if current is not None and current.name != WORK_FLOW:
                raise InvalidInput("questions.finish_first")
            data: dict[str, Any] = {"question": question.id}
            await flows.save(Flow(telegram_id, WORK_FLOW, reply, data), now)
            return question

    async def reply_text(self, update_id: int | None, telegram_id: int, text: str) -> Done:
        """The typed answer or follow-up: stored in the thread and sent through the outbox."""
        async with self.db.transaction() as tx:
            now = self.clock()
            await record_update(tx, update_id, now)
            flows = FlowRepository(tx)
            flow = await flows.get(telegram_id)
            if flow is None or flow.name != WORK_FLOW:
                raise NotFound("question flow")
            reply = Reply(flow.step)
            typed = clean_text(text, MAX_REASON if reply is Reply.REASSIGN else MAX_TEXT)
            actor = await _actor(tx, telegram_id)
            question = await _question(tx, int(flow.data["question"]))
            _check(actor, question, reply)
            await flows.delete(telegram_id)
            if reply is Reply.REASSIGN:
                moved = await self._reassign(tx, actor, question, int(flow.data["to"]), typed)
                return Done(reply, moved)
            return await self._post(tx, actor, question, reply, typed)

    async def reply_to(
        self, update_id: int | None, telegram_id: int, question_id: int, text: str
    ) -> Done:
        """A Telegram reply to a message about the question (the alert, a follow-up, an answer):
        from the owner or a coordinator it is the answer, from the asker a follow-up."""
        async with self.db.transaction() as tx:
            now = self.clock()
            await record_update(tx, update_id, now)
            actor = await _actor(tx, telegram_id)
            question = await _question(tx, question_id)
            reply = Reply.ANSWER if may_answer(actor, question) else Reply.MORE
            _check(actor, question, reply)
            typed = clean_text(text, MAX_TEXT)
            flows = FlowRepository(tx)
            flow = await flows.get(telegram_id)  # a pressed button for this question is done too
            if flow is not None and flow.name == WORK_FLOW and flow.data["question"] == question.id:
                await flows.delete(telegram_id)
            return await self._post(tx, actor, question, reply, typed)

    # --- passing it on

    async def candidates(self, telegram_id: int, question_id: int) -> list[Person]:
        """Active professionals who could take the question over (owner or coordinator only)."""
        async with self.db.read() as tx:
            actor = await _actor(tx, telegram_id)
            question = await _question(tx, question_id)
            _check(actor, question, Reply.REASSIGN)
            found, _ = await PersonRepository(tx).search(
                Role.PROFESSIONAL, None, Status.ACTIVE, limit=40
            )
        return [p for p in found if p.id != question.owner_id]

    async def begin_reassign(
        self, update_id: int | None, telegram_id: int, question_id: int, to: int
    ) -> Question:
        """The new owner was chosen: wait for the typed reason."""
        async with self.db.transaction() as tx:
            now = self.clock()
            await record_update(tx, update_id, now)
            actor = await _actor(tx, telegram_id)
            question = await _question(tx, question_id)
            _check(actor, question, Reply.REASSIGN)
            await _new_owner(tx, question, to)
            flows = FlowRepository(tx)
            current = await flows.get(telegram_id)
            if current is not None and current.name != WORK_FLOW:
                raise InvalidInput("questions.finish_first")
            data: dict[str, Any] = {"question": question.id, "to": to}
            await flows.save(Flow(telegram_id, WORK_FLOW, Reply.REASSIGN, data), now)
            return question

    async def _reassign(
        self, tx: Transaction, actor: Person, question: Question, to: int, reason: str
    ) -> Question:
        now, questions = self.clock(), QuestionRepository(tx)
        taker = await _new_owner(tx, question, to)
        old_owner = await _person(tx, question.owner_id)
        if not await questions.set_owner(question.id, taker.id):
            raise InvalidInput("questions.already_closed")
        body = f"to {taker.id}: {reason}"
        message_id = await questions.add_message(question.id, actor.id, "reassigned", body, now)
        moved = await _question(tx, question.id)
        asker = await _person(tx, question.asker_id)
        lang = taker.language
        alert = i18n.t(lang, "questions.reassigned_to_you", name=actor.name, reason=reason)
        alert += "\n\n" + question_texts.alert(self.settings, moved, asker or actor, lang)
        key = f"question:{question.id}:alert:{message_id}"
        await self.outbox.message(
            tx, key, taker.telegram_id, alert, now, question_texts.alert_buttons(moved, lang)
        )
        if old_owner is not None and old_owner.id != actor.id:
            text = i18n.t(
                old_owner.language,
                "questions.taken_from_you",
                ref=question.reference,
                name=actor.name,
                to=taker.name,
            )
            await self.outbox.message(tx, f"{key}:old", old_owner.telegram_id, text, now)
        return moved

    async def _post(
        self, tx: Transaction, actor: Person, question: Question, reply: Reply, typed: str
    ) -> Done:
        now = self.clock()
        questions = QuestionRepository(tx)
        kind = "answer" if reply is Reply.ANSWER else "followup"
        message_id = await questions.add_message(question.id, actor.id, kind, typed, now)
        key = f"question:{question.id}:{reply}:{message_id}"
        if reply is Reply.ANSWER:
            await questions.mark_answered(question.id, now)
            asker = await _person(tx, question.asker_id)
            if asker is not None:
                lang = asker.language
                body = i18n.t(lang, "questions.answer", ref=question.reference, text=typed)
                await self.outbox.message(
                    tx,
                    key,
                    asker.telegram_id,
                    body,
                    now,
                    question_texts.thread_buttons(question, lang),
                )
        else:
            await questions.reopen(question.id)
            owner = await _person(tx, question.owner_id)
            if owner is not None:
                lang = owner.language
                body = i18n.t(
                    lang,
                    "questions.followup",
                    ref=question.reference,
                    name=actor.name,
                    text=typed,
                )
                await self.outbox.message(
                    tx,
                    key,
                    owner.telegram_id,
                    body,
                    now,
                    question_texts.answer_button(question, lang),
                )
        return Done(reply, await _question(tx, question.id))

    async def mark_done(
        self, update_id: int | None, telegram_id: int, question_id: int
    ) -> Question:
        """The asker says the question is answered: closed, and the owner is told."""
        async with self.db.transaction() as tx:
            now = self.clock()
            await record_update(tx, update_id, now)
            actor = await _actor(tx, telegram_id)
            question = await _question(tx, question_id)
            _check(actor, question, Reply.MORE)
            questions = QuestionRepository(tx)
            await questions.close(question.id, now)
            await questions.add_message(question.id, actor.id, "closed", None, now)
            owner = await _person(tx, question.owner_id)
            if owner is not None:
                text = i18n.t(
                    owner.language,
                    "questions.closed_owner",
                    ref=question.reference,
                    name=actor.name,
                )
                key = f"question:{question.id}:closed"
                await self.outbox.message(tx, key, owner.telegram_id, text, now)
            return await _question(tx, question.id)


def _check(actor: Person, question: Question, reply: Reply) -> None:
    if reply in (Reply.ANSWER, Reply.REASSIGN):
        allowed = may_answer(actor, question)
    else:
        allowed = actor.active and actor.role is Role.VOLUNTEER and actor.id == question.asker_id
    if not allowed:
        raise NotAllowed("question")
    if question.status == "closed":
        raise InvalidInput("questions.already_closed")


async def _new_owner(tx: Transaction, question: Question, to: int) -> Person:
    """An active professional other than the current owner."""
    person = await _person(tx, to)
    if person is None or person.role is not Role.PROFESSIONAL or not person.active:
        raise InvalidInput("common.button_expired")
    if person.id == question.owner_id:
        raise InvalidInput("questions.same_owner")
    return person


async def _actor(tx: Transaction, telegram_id: int) -> Person:
    found = await PersonRepository(tx).by_telegram_id(telegram_id)
    if found is None:
        raise NotAllowed("stranger")
    return found


async def _person(tx: Transaction, person_id: int | None) -> Person | None:
    return await PersonRepository(tx).by_id(person_id) if person_id is not None else None


async def _question(tx: Transaction, question_id: int) -> Question:
    found = await QuestionRepository(tx).by_id(question_id)
    if found is None:
        raise NotFound("question")
    return found
