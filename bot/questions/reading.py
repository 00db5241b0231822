"""Reading questions back: a professional's (or every, for coordinators) unclosed questions,
and one question's card with its thread, as far as the viewer may see it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.deps import Service
from bot.core.errors import NotAllowed
from bot.questions.asking import may_answer
from bot.questions.lookups import actor as load_actor
from bot.questions.lookups import question as load_question
from storage.people import PersonRepository, Role
from storage.questions import Question, QuestionRepository, ThreadMessage

# What the asker sees of a thread; staff also see that it was passed on.
ASKER_KINDS = frozenset({"answer", "followup", "closed"})
STAFF_KINDS = ASKER_KINDS | {"reassigned"}
WORKLIST_LIMIT = 20


@dataclass(frozen=True)
class Card:
    """A question with its thread as the viewer may see it, and the names of who wrote."""

    question: Question
    messages: list[ThreadMessage]
    names: dict[int, str]
    staff: bool  # the viewer may answer (owner or coordinator), not (only) the asker


class QuestionReader(Service):
    async def worklist(self, telegram_id: int) -> list[Question]:
        """Unclosed questions: a professional's own, every one for a coordinator."""
        async with self.db.read() as tx:
            actor = await load_actor(tx, telegram_id)
            if not actor.active or actor.role not in (Role.PROFESSIONAL, Role.COORDINATOR):
                raise NotAllowed("questions")
            owner = None if actor.role is Role.COORDINATOR else actor.id
            return await QuestionRepository(tx).worklist(owner, WORKLIST_LIMIT)

    async def card(self, telegram_id: int, question_id: int) -> Card:
        """The question and its thread, for its asker, its owner or a coordinator only."""
        async with self.db.read() as tx:
            actor = await load_actor(tx, telegram_id)
            question = await load_question(tx, question_id)
            staff = may_answer(actor, question)
            if not staff and not (actor.active and actor.id == question.asker_id):
                raise NotAllowed("question")
            kinds = STAFF_KINDS if staff else ASKER_KINDS
            thread = [
                m for m in await QuestionRepository(tx).thread(question.id) if m.kind in kinds
            ]
            people = PersonRepository(tx)
            names: dict[int, str] = {}
            for author in {m.author_id for m in thread} | {question.asker_id}:
                found = await people.by_id(author) if author is not None else None
                if found is not None:
                    names[found.id] = found.name
        return Card(question, thread, names, staff)
