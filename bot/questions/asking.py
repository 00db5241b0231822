"""Questions: a volunteer asks the professionals something ("vraag stellen").

The draft (DRAFT, read it as the dialogue) waits in the flow "question": topic → text, checked
by the privacy guard → summary, where a photo can be added (its metadata stripped before it
reaches the draft, bot.privacy.photos).
Sending is one transaction: the update id, the question, its routing (bot.routing.rules, as for
signals), the thread's first entries and the outbox alert (+ photo) to the owner and receipt to
the asker. What happens after that is bot.questions.threads.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from bot.core import i18n
from bot.core.config import Settings
from bot.core.deps import Deps
from bot.core.errors import InvalidInput, NotAllowed
from bot.flows import names
from bot.flows.draft import Draft
from bot.flows.service import DraftService
from bot.flows.steps import Choice, Option, Photo, Privacy, Summary, Text, kept
from bot.privacy.guard import identifying_kinds
from bot.privacy.known_people import KnownPeople
from bot.questions import callbacks, deadlines
from bot.questions import texts as question_texts
from bot.questions.lookups import question as load_question
from bot.routing.rules import NobodyAvailable, route
from bot.telegram.outbox import Outbox
from storage.database import Transaction
from storage.flows import Flow
from storage.people import Person, PersonRepository, Role
from storage.questions import NewQuestion, Question, QuestionRepository

MAX_TEXT = 2000
TEXT: Final = "text"  # once typed, the chat shows related knowledge-base answers first
PRIVACY = Privacy("priv", checks=TEXT)


def _topics(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    return [Option(topic.key, topic.label(language)) for topic in settings.organisation.topics()]


DRAFT = Draft(
    names.QUESTION,
    callbacks.PREFIX,
    Choice(
        "topic",
        "topic",
        _topics,
        ask="questions.ask_topic",
        line="questions.line_topic",
        edit="questions.edit_topic",
    ),
    Text(
        TEXT,
        "text",
        limit=MAX_TEXT,
        caption=True,
        ask="questions.ask_text",
        edit="questions.edit_text",
    ),
    PRIVACY,
    Photo(  # offered on the summary, not asked on the way
        "photo",
        on_path=False,
        ask="questions.ask_photo",
        edit="questions.add_photo",
        skip="questions.photo_back",
        remove="questions.remove_photo",
        remove_on_summary=True,
        at_summary=True,
        not_now="questions.no_photo_now",
        unusable="questions.photo_unusable",
    ),
    Summary("sum", question_texts.summary, send="questions.send", cancel="questions.cancel"),
)


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


class QuestionService(DraftService[Question]):
    draft = DRAFT

    def __init__(self, deps: Deps, known_people: KnownPeople) -> None:
        super().__init__(deps)
        self.known_people = known_people  # staff are no residents (privacy guard)

    async def start(self, update_id: int | None, person: Person) -> Flow:
        """Open a draft, or return the one already open (it survives restarts)."""
        if person.role is not Role.VOLUNTEER or not person.active:
            raise NotAllowed("question")
        return await self.open(update_id, person.telegram_id, {"wijk": person.wijk})

    async def findings(self, tx: Transaction, text: str) -> list[str]:
        return identifying_kinds(text, await self.known_people.names(tx))

    async def send(self, tx: Transaction, flow: Flow) -> Question:
        return await self._submit(tx, flow)

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
        questions, (kinds, reason) = QuestionRepository(tx), kept(data, PRIVACY)
        question_id = await questions.add(
            NewQuestion(
                asker_id=asker.id,
                owner_id=owner.owner.id,
                topic=data["topic"],
                wijk=data["wijk"],
                text=data["text"],
                privacy_kept=tuple(kinds),
                privacy_reason=reason,
                answer_due_at=deadlines.answer_due(self.settings, self.hours, data["topic"], now),
                photo=base64.b64decode(data["photo"]) if data.get("photo") else None,
            ),
            now,
        )
        await questions.add_message(question_id, asker.id, "asked", data["text"], now)
        await questions.add_message(question_id, None, "routed", owner.describe(), now)
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
