"""Questions: a volunteer asks the professionals something ("vraag stellen").

The draft waits in the flow "question": topic → text, checked by the privacy guard → summary,
where a photo can be added (its metadata stripped before it reaches the draft, bot.privacy.photos).
Sending is one transaction: the update id, the question, its routing (bot.routing.rules, as for
signals), the thread's first entries and the outbox alert (+ photo) to the owner and receipt to
the asker. What happens after that is bot.questions.threads.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.core import i18n
from bot.core.deps import Deps, Service
from bot.core.errors import InvalidInput, NotAllowed
from bot.core.text_input import clean_text, require_words
from bot.flows import names
from bot.flows.drafts import draft_step, open_draft
from bot.privacy.guard import KnownNames, identifying_kinds
from bot.privacy.known_people import KnownPeople
from bot.questions import deadlines
from bot.questions import texts as question_texts
from bot.questions.lookups import question as load_question
from bot.routing.rules import NobodyAvailable, route
from bot.telegram.outbox import Outbox
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.flows import Flow, FlowRepository
from storage.people import Person, PersonRepository, Role
from storage.questions import NewQuestion, Question, QuestionRepository

FLOW = names.QUESTION
MAX_TEXT = 2000
MAX_REASON = 300


class Step(StrEnum):
    TOPIC = "topic"
    TEXT = "text"
    PRIVACY = "priv"  # identifying data found: rewrite, or keep it with a reason
    REASON = "reason"
    SUMMARY = "sum"
    PHOTO = "photo"  # chosen from the summary; a photo sent at the summary is taken as well


# The steps at which a photo is welcome: the photo step itself and the summary.
PHOTO_STEPS = frozenset({Step.PHOTO, Step.SUMMARY})


@dataclass(frozen=True)
class Progress:
    flow: Flow | None
    question: Question | None = None
    cancelled: bool = False


def may_answer(actor: Person, question: Question) -> bool:
    """The owner (a professional) or any coordinator; nobody who is paused or has left."""
    if not actor.active:
        return False
    if actor.role is Role.COORDINATOR:
        return True
    return actor.role is Role.PROFESSIONAL and actor.id == question.owner_id


async def send_photo(
    outbox: Outbox, tx: Transaction, question: Question, to: Person, key: str, now: datetime
) -> None:
    """The question's photo after its alert. The bytes stay with the question (bot.telegram.delivery
    reads them at sending time), so an anonymised question's photo is never sent."""
    payload = {
        "chat_id": to.telegram_id,
        "caption": question.reference,
        "question_photo": question.id,
    }
    await outbox.call(tx, key, to.telegram_id, "sendPhoto", payload, now)


class QuestionService(Service):
    def __init__(self, deps: Deps, known_people: KnownPeople) -> None:
        super().__init__(deps)
        self.known_people = known_people  # staff are no residents (privacy guard)

    async def start(self, update_id: int | None, person: Person) -> Flow:
        """Open a draft, or return the one already open (it survives restarts)."""
        if person.role is not Role.VOLUNTEER or not person.active:
            raise NotAllowed("question")
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            fresh = Flow(person.telegram_id, FLOW, Step.TOPIC, {"wijk": person.wijk})
            return await open_draft(tx, fresh, now)

    async def answer_text(self, update_id: int | None, telegram_id: int, text: str) -> Progress:
        """Typed text in the draft: the question (checked for identifying data) or the reason."""
        async with draft_step(self.db, self.clock, update_id, telegram_id, FLOW) as (tx, flow):
            if flow.step == Step.TEXT:
                _take_text(flow, text, await self.known_people.names(tx))
            elif flow.step == Step.REASON:
                flow.data["reason"] = clean_text(text, MAX_REASON)
                flow.data["kept"] = flow.data["found"]
                flow.step = Step.SUMMARY
            else:
                raise InvalidInput("signals.use_buttons")
            await FlowRepository(tx).save(flow, self.clock())
            return Progress(flow)

    async def add_photo(
        self, update_id: int | None, telegram_id: int, jpeg: bytes, caption: str | None = None
    ) -> Progress:
        """A photo whose metadata was already stripped, at the summary or the photo step; or
        with a caption where the question is expected (the caption is the question then)."""
        async with draft_step(self.db, self.clock, update_id, telegram_id, FLOW) as (tx, flow):
            if flow.step == Step.TEXT and caption and caption.strip():
                _take_text(flow, caption, await self.known_people.names(tx))
            elif flow.step not in PHOTO_STEPS:
                raise InvalidInput("questions.no_photo_now")
            else:
                flow.step = Step.SUMMARY
            flow.data["photo"] = base64.b64encode(jpeg).decode("ascii")
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
                # Chosen again from the summary: the question typed before stays.
                flow.step = Step.SUMMARY if "text" in flow.data else Step.TEXT
            elif step == Step.PRIVACY and value in ("rewrite", "keep"):
                flow.step = Step.TEXT if value == "rewrite" else Step.REASON
            elif step == Step.SUMMARY and value in (Step.TOPIC, Step.TEXT):
                flow.step = Step(value)  # edit from the summary
            elif step == Step.SUMMARY and value == "photo":
                flow.step = Step.PHOTO
            elif step == Step.SUMMARY and value == "nophoto":
                flow.data.pop("photo", None)
            elif step == Step.PHOTO and value == "back":
                flow.step = Step.SUMMARY
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
                answer_due_at=deadlines.answer_due(self.settings, self.hours, data["topic"], now),
                photo=base64.b64decode(data["photo"]) if data.get("photo") else None,
            ),
            now,
        )
        await questions.add_message(question_id, asker.id, "asked", data["text"], now)
        await questions.add_message(question_id, None, "routed", owner.describe(), now)
        await FlowRepository(tx).delete(flow.telegram_id)
        question = await load_question(tx, question_id)
        await deadlines.schedule(tx, self.settings, self.hours, question, now)
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
        if question.has_photo:
            await send_photo(self.outbox, tx, question, owner.owner, f"{key}:photo", now)
        receipt = i18n.t(asker.language, "questions.receipt", ref=question.reference)
        await self.outbox.message(tx, f"{key}:receipt", asker.telegram_id, receipt, now)
        return question

    async def mine(self, person: Person) -> list[Question]:
        async with self.db.read() as tx:
            return await QuestionRepository(tx).for_asker(person.id)


def _take_text(flow: Flow, text: str, known: KnownNames) -> None:
    """The question as typed: to the summary, or first past the privacy guard."""
    typed = require_words(clean_text(text, MAX_TEXT))
    found = identifying_kinds(typed, known)
    flow.data.update(text=typed, found=found, kept=[], reason=None)
    flow.step = Step.PRIVACY if found else Step.SUMMARY
