"""Reading questions back: /mijnvragen (a volunteer's own), /vragen (a professional's unclosed
questions, every one for coordinators) and a question's card: the question with its
thread, and the buttons the viewer may use. The service decides who may see what."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core import i18n
from bot.questions import callbacks
from bot.questions import texts as question_texts
from bot.questions.callbacks import Act, OnQuestion
from bot.telegram import commands
from bot.telegram.outbox import Keyboard
from handlers.core.context import BotContext
from handlers.core.guards import for_roles, member
from handlers.core.rendering import acknowledge, from_outbox, inline, say
from storage.people import Role
from storage.questions import Question


def _is_card(data: object) -> bool:
    """The pattern of `show`: a card button (other `q:` buttons go to the thread's handler)."""
    button = callbacks.parse(data)
    return isinstance(button, OnQuestion) and button.act is Act.SHOW


def _buttons(context: BotContext, questions: list[Question]) -> InlineKeyboardMarkup:
    settings, lang, now = context.services.settings, context.language, context.services.clock()
    rows = []
    for q in questions:
        late = context.t("questions.late") if q.status == "open" and q.answer_due_at <= now else ""
        label = late + context.t(
            "questions.list_button",
            ref=q.reference,
            topic=question_texts.topic_label(settings, q.topic, lang),
            status=context.t(f"questions.status_{q.status}"),
        )
        rows.append([(label, OnQuestion(Act.SHOW, q.id).data)])
    return inline(rows)


@for_roles(Role.VOLUNTEER)
async def my_questions(update: Update, context: BotContext) -> None:
    """The volunteer's own questions and their status; each opens its conversation."""
    questions = await context.services.questions.mine(member(context))
    if not questions:
        await say(update, context, context.t("questions.mine_none"))
        return
    settings, lang = context.services.settings, context.language
    lines = [
        context.t(
            "questions.mine_line",
            ref=q.reference,
            topic=question_texts.topic_label(settings, q.topic, lang),
            status=context.t(f"questions.status_{q.status}"),
        )
        for q in questions
    ]
    text = "\n\n".join(
        [context.t("questions.mine_title"), "\n".join(lines), context.t("questions.open_hint")]
    )
    await say(update, context, text, _buttons(context, questions))


@for_roles(Role.COORDINATOR, Role.PROFESSIONAL)
async def open_questions(update: Update, context: BotContext) -> None:
    """Unclosed questions: waiting for an answer first (late ones marked), then answered."""
    questions = await context.services.question_reader.worklist(member(context).telegram_id)
    if not questions:
        await say(update, context, context.t("questions.list_none"))
        return
    await say(update, context, context.t("questions.list_title"), _buttons(context, questions))


@for_roles(Role.COORDINATOR, Role.PROFESSIONAL, Role.VOLUNTEER)
async def show(update: Update, context: BotContext) -> None:
    """A question's card, for the asker, the owner or a coordinator (checked again)."""
    query = update.callback_query
    button = callbacks.parse(query.data if query is not None else None)
    assert isinstance(button, OnQuestion)  # the handler's pattern
    question_id = button.question
    found = await context.services.question_reader.card(member(context).telegram_id, question_id)
    question, lang = found.question, context.language
    text = question_texts.card(
        context.services.settings, question, found.messages, found.names, lang
    )
    buttons: Keyboard | None = None
    if question.status != "closed" and question.anonymised_at is None:
        if found.staff:
            buttons = question_texts.alert_buttons(question, lang)
        else:
            buttons = question_texts.thread_buttons(question, lang)
    await acknowledge(update)
    await say(update, context, text, from_outbox(buttons) if buttons else None)


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("myquestions")), my_questions),
        MessageHandler(filters.Text(list(i18n.labels("menu.myquestions"))), my_questions),
        CommandHandler(list(commands.names("questions")), open_questions),
        MessageHandler(filters.Text(list(i18n.labels("menu.questions"))), open_questions),
        CallbackQueryHandler(show, pattern=_is_card),
    ]
