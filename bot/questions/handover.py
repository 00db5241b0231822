"""Passing a question on to another professional, inside the caller's transaction: by the
owner or a coordinator with a reason (bot.questions.threads), or on an absence hand-over."""

from __future__ import annotations

from datetime import datetime

from bot.core import i18n
from bot.core.config import Settings
from bot.core.errors import InvalidInput
from bot.questions import texts as question_texts
from bot.questions.asking import send_photo
from bot.questions.lookups import person as load_person
from bot.questions.lookups import question as load_question
from bot.routing.reassign import passed_to
from bot.telegram.outbox import Outbox
from storage.database import Transaction
from storage.people import Person, Role
from storage.questions import Question, QuestionRepository


def _alert_keys(question_id: int) -> list[str]:
    """The messages whose buttons act on the question for its owner or the coordinators: the
    alerts (bot.questions.asking, and each pass-on's), the reminders and escalations
    (bot.questions.deadlines)."""
    prefix = f"question:{question_id}:"
    return [f"{prefix}alert", f"{prefix}alert:", f"{prefix}reminder:", f"{prefix}escalation:"]


def _heading(settings: Settings, question: Question, language: str) -> str:
    """ "Q-0001 · Geldzorgen": which question, without its text."""
    topic = question_texts.topic_label(settings, question.topic, language)
    return f"{question.reference} · {topic}"


async def new_owner(tx: Transaction, question: Question, to: int) -> Person:
    """An active professional other than the current owner."""
    person = await load_person(tx, to)
    if person is None or person.role is not Role.PROFESSIONAL or not person.active:
        raise InvalidInput("common.button_expired")
    if person.id == question.owner_id:
        raise InvalidInput("questions.same_owner")
    return person


async def pass_on(
    tx: Transaction,
    outbox: Outbox,
    settings: Settings,
    actor: Person,
    question: Question,
    to: int,
    reason: str,
    now: datetime,
) -> Question:
    """The new owner gets the alert (and photo) with the reason; a previous owner who did not
    pass it on themselves hears who did. The caller checked that `actor` may."""
    questions = QuestionRepository(tx)
    taker = await new_owner(tx, question, to)
    old_owner = await load_person(tx, question.owner_id)
    if not await questions.set_owner(question.id, taker.id):
        raise InvalidInput("questions.already_closed")
    body = f"to {taker.id}: {reason}"
    message_id = await questions.add_message(question.id, actor.id, "reassigned", body, now)
    moved = await load_question(tx, question.id)
    asker = await load_person(tx, question.asker_id)
    retired = passed_to(taker, lambda language: _heading(settings, moved, language))
    await outbox.retire(tx, _alert_keys(question.id), str(message_id), retired, now)
    lang = taker.language
    # The alert first: a Telegram reply to this message is read by its first reference,
    # which must not come from the typed reason.
    alert = question_texts.alert(settings, moved, asker, lang)
    alert += "\n\n" + i18n.t(lang, "questions.reassigned_to_you", name=actor.name, reason=reason)
    key = f"question:{question.id}:alert:{message_id}"
    buttons = question_texts.alert_buttons(moved, lang)
    await outbox.message(tx, key, taker.telegram_id, alert, now, buttons)
    if moved.has_photo:
        await send_photo(outbox, tx, moved, taker, f"{key}:photo", now)
    if old_owner is not None and old_owner.id != actor.id:
        text = i18n.t(
            old_owner.language,
            "questions.taken_from_you",
            ref=question.reference,
            name=actor.name,
            to=taker.name,
        )
        await outbox.message(tx, f"{key}:old", old_owner.telegram_id, text, now)
    return moved
