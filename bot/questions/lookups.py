"""Loading the people and questions a step is about, inside the step's own transaction.

Each step re-reads them rather than trusting what a button or an earlier step said."""

from __future__ import annotations

from bot.core.errors import NotAllowed, NotFound
from storage.database import Transaction
from storage.people import Person, PersonRepository
from storage.questions import Question, QuestionRepository


async def actor(tx: Transaction, telegram_id: int) -> Person:
    """The registered person acting; NotAllowed for strangers."""
    found = await PersonRepository(tx).by_telegram_id(telegram_id)
    if found is None:
        raise NotAllowed("stranger")
    return found


async def person(tx: Transaction, person_id: int | None) -> Person | None:
    """The person behind a link that may be gone (erased, or never set)."""
    return await PersonRepository(tx).by_id(person_id) if person_id is not None else None


async def question(tx: Transaction, question_id: int) -> Question:
    found = await QuestionRepository(tx).by_id(question_id)
    if found is None:
        raise NotFound("question")
    return found
