"""Shared knowledge: a professional publishes an answered question, anonymised and edited, to the
knowledge base; everyone registered searches it (/faq <words>) or browses it by topic.

Publishing is a short text flow "faqpub": the question as it should be published, then the
answer. What is published is only what the professional typed there, never the question's
original text. Each step re-reads the actor and the question and checks who may publish.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.core.deps import Service
from bot.core.errors import InvalidInput, NotAllowed, NotFound
from bot.core.text_input import clean_text
from bot.flows import names
from bot.privacy.guard import find_identifying_data
from bot.questions.asking import may_answer
from bot.questions.lookups import actor as _actor
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.faq import FaqEntry, FaqRepository
from storage.flows import Flow, FlowRepository
from storage.people import Person
from storage.questions import Question, QuestionRepository

FLOW = names.FAQ_PUBLISH
MAX_QUESTION = 1000
MAX_ANSWER = 3000
SEARCH_LIMIT = 5
RELATED_LIMIT = 3
TOPIC_LIMIT = 10


class Step(StrEnum):
    QUESTION = "question"
    ANSWER = "answer"


@dataclass(frozen=True)
class PublishProgress:
    question: Question
    step: Step | None  # None: published
    entry: FaqEntry | None = None
    answer_at_hand: bool = False  # "answer for everyone": the answer just given can be reused


@dataclass(frozen=True)
class _Step:
    tx: Transaction
    now: datetime
    flow: Flow
    actor: Person
    question: Question


def may_publish(actor: Person, question: Question) -> bool:
    """The question's owner or a coordinator, once the question has been answered."""
    return may_answer(actor, question)


class FaqService(Service):
    # --- publishing

    async def begin_publish(
        self, update_id: int | None, telegram_id: int, question_id: int
    ) -> Question:
        """Wait for the anonymised question text (flow "faqpub")."""
        async with self.db.transaction() as tx:
            now = self.clock()
            await record_update(tx, update_id, now)
            actor = await _actor(tx, telegram_id)
            question = await _publishable(tx, actor, question_id)
            flows = FlowRepository(tx)
            current = await flows.get(telegram_id)
            if current is not None and current.name != FLOW:
                raise InvalidInput("questions.finish_first")
            flow = Flow(telegram_id, FLOW, Step.QUESTION, {"question": question.id})
            await flows.save(flow, now)
            return question

    @asynccontextmanager
    async def _step(self, update_id: int | None, telegram_id: int) -> AsyncIterator[_Step]:
        """A step of the flow "faqpub": the update recorded, the flow, the actor and the
        question loaded afresh. When publishing is no longer possible (published meanwhile,
        passed on, erased) the flow ends and the error says why, so nobody stays stuck in it."""
        refused: Exception | None = None
        async with self.db.transaction() as tx:
            now = self.clock()
            await record_update(tx, update_id, now)
            flows = FlowRepository(tx)
            flow = await flows.get(telegram_id)
            if flow is None or flow.name != FLOW:
                raise NotFound(FLOW)
            actor = await _actor(tx, telegram_id)
            try:
                question = await _publishable(tx, actor, int(flow.data["question"]))
            except (NotAllowed, InvalidInput, NotFound) as error:
                await flows.delete(telegram_id)
                refused = error
            else:
                yield _Step(tx, now, flow, actor, question)
        if refused is not None:
            raise refused

    async def publish_text(
        self, update_id: int | None, telegram_id: int, text: str
    ) -> PublishProgress:
        """The typed question text, then the answer text; after the answer it is published."""
        async with self._step(update_id, telegram_id) as step:
            flow, flows, question = step.flow, FlowRepository(step.tx), step.question
            if flow.step == Step.QUESTION:
                flow.data["text"] = _anonymous(text, MAX_QUESTION)
                flow.step = Step.ANSWER
                await flows.save(flow, step.now)
                return PublishProgress(question, Step.ANSWER, answer_at_hand="answer" in flow.data)
            answer = _anonymous(text, MAX_ANSWER)
            text = str(flow.data["text"])
            entry = await self._publish(step.tx, step.actor, question, text, answer)
            await flows.delete(telegram_id)
            return PublishProgress(question, None, entry)

    async def publish_same(self, update_id: int | None, telegram_id: int) -> PublishProgress:
        """ "Use the same answer": publish the answer just given to the volunteer, once it
        passes the privacy guard (otherwise they type a version for everyone)."""
        async with self._step(update_id, telegram_id) as step:
            flow = step.flow
            if flow.step != Step.ANSWER or "answer" not in flow.data:
                raise InvalidInput("common.button_expired")
            answer = _anonymous(str(flow.data["answer"]), MAX_ANSWER)
            text = str(flow.data["text"])
            entry = await self._publish(step.tx, step.actor, step.question, text, answer)
            await FlowRepository(step.tx).delete(telegram_id)
            return PublishProgress(step.question, None, entry)

    async def publish(
        self, actor_telegram_id: int, question_id: int, edited_question: str, edited_answer: str
    ) -> FaqEntry:
        """Publish in one go (the flow's last step does the same)."""
        async with self.db.transaction() as tx:
            actor = await _actor(tx, actor_telegram_id)
            question = await _publishable(tx, actor, question_id)
            edited_q = _anonymous(edited_question, MAX_QUESTION)
            edited_a = _anonymous(edited_answer, MAX_ANSWER)
            return await self._publish(tx, actor, question, edited_q, edited_a)

    async def _publish(
        self, tx: Transaction, actor: Person, question: Question, text: str, answer: str
    ) -> FaqEntry:
        repo = FaqRepository(tx)
        entry_id = await repo.add(question.id, question.topic, text, answer, actor.id, self.clock())
        entry = await repo.by_id(entry_id)
        assert entry is not None
        return entry

    # --- reading

    async def search(self, words: str, limit: int = SEARCH_LIMIT) -> list[FaqEntry]:
        async with self.db.read() as tx:
            return await FaqRepository(tx).search(words, limit)

    async def related(self, text: str, limit: int = RELATED_LIMIT) -> list[FaqEntry]:
        async with self.db.read() as tx:
            return await FaqRepository(tx).related(text, limit)

    async def topics(self) -> dict[str, int]:
        async with self.db.read() as tx:
            return await FaqRepository(tx).topics()

    async def by_topic(self, topic: str, limit: int = TOPIC_LIMIT) -> list[FaqEntry]:
        async with self.db.read() as tx:
            return await FaqRepository(tx).by_topic(topic, limit)


def _anonymous(text: str, max_length: int) -> str:
    """Clean text without identifying data (the knowledge base is for everyone)."""
    typed = clean_text(text, max_length)
    if find_identifying_data(typed):
        raise InvalidInput("faq.not_anonymous")
    return typed


async def _publishable(tx: Transaction, actor: Person, question_id: int) -> Question:
    question = await QuestionRepository(tx).by_id(question_id)
    if question is None:
        raise NotFound("question")
    if not may_publish(actor, question):
        raise NotAllowed("faq")
    if question.anonymised_at is not None:
        raise InvalidInput("questions.anonymised")
    if question.answered_at is None:
        raise InvalidInput("faq.not_answered")
    if await FaqRepository(tx).published_from(question.id):  # once per question
        raise InvalidInput("faq.already_published")
    return question
