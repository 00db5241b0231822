"""/vraag: a volunteer asks a question (buttons q:<step>:<value> in the draft), /mijnvragen: their
questions and status, and the thread's buttons q:ans|more|done|re:<id> and q:to:<id>:<person id>
(pass it on). The service checks each press."""

from __future__ import annotations

import re

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import commands, i18n, signal_texts
from bot.context import BotContext
from bot.question_texts import topic_label
from bot.questions import Progress, Reply, Step
from handlers.faq import publish_keyboard, show_related
from handlers.guards import for_roles, member
from handlers.rendering import (
    acknowledge,
    callback_parts,
    close_buttons,
    in_rows,
    inline,
    main_menu,
    say,
)
from storage.flows import Flow
from storage.people import Role
from storage.questions import reference

_DRAFT_STEPS = frozenset(s.value for s in Step)
_REFERENCE = re.compile(r"\bQ-(\d{4,9})\b")


def quoted_question(message: Message | None) -> int | None:
    """The question a reply quotes: the first reference in the bot's message replied to."""
    quoted = message.reply_to_message if message is not None else None
    if quoted is None or quoted.from_user is None or not quoted.from_user.is_bot:
        return None
    found = _REFERENCE.search(quoted.text or quoted.caption or "")
    return int(found.group(1)) if found else None


class _QuotesQuestion(filters.MessageFilter):
    """A reply to one of the bot's messages that names a question; other replies fall through."""

    def filter(self, message: Message) -> bool:
        return quoted_question(message) is not None


QUOTES_QUESTION = _QuotesQuestion(name="QuotesQuestion")


@for_roles(Role.VOLUNTEER)
async def ask(update: Update, context: BotContext) -> None:
    """Open (or resume) a question."""
    flow = await context.services.questions.start(update.update_id, member(context))
    await say(update, context, context.t("questions.intro"))
    await show_step(update, context, flow)


@for_roles(Role.COORDINATOR, Role.PROFESSIONAL, Role.VOLUNTEER)
async def on_button(update: Update, context: BotContext) -> None:
    """q:<step>:<value> in the draft, or q:<ans|more|done>:<question id> in a thread."""
    parts = callback_parts(update, "q:")
    if len(parts) == 3 and parts[0] == "to":
        await _reassign_to(update, context, parts[1], parts[2])
        return
    if len(parts) != 2:
        await acknowledge(update, context.t("common.button_expired"))
        return
    action, value = parts
    service, user_id = context.services.questions, member(context).telegram_id
    if action in _DRAFT_STEPS:
        progress = await service.choose(update.update_id, user_id, action, value)
        await acknowledge(update)
        await close_buttons(update)
        await _after(update, context, progress)
        return
    if action not in ("ans", "more", "done", "re") or not value.isdecimal():
        await acknowledge(update, context.t("common.button_expired"))
        return
    if action == "re":
        await _choose_owner(update, context, int(value))
        return
    if action == "done":
        question = await service.mark_done(update.update_id, user_id, int(value))
        await acknowledge(update)
        await close_buttons(update)
        await say(update, context, context.t("questions.done", ref=question.reference))
        return
    reply = Reply.ANSWER if action == "ans" else Reply.MORE
    question = await service.begin(update.update_id, user_id, int(value), reply)
    await acknowledge(update)
    await say(update, context, context.t(f"questions.ask_{reply.value}", ref=question.reference))


async def _choose_owner(update: Update, context: BotContext, question_id: int) -> None:
    """The owner or a coordinator pressed "Doorsturen": the other active professionals."""
    service = context.services.questions
    people = await service.candidates(member(context).telegram_id, question_id)
    if not people:
        await acknowledge(update, context.t("questions.nobody_to_reassign"))
        return
    rows = [
        [(p.name + (f" ({p.wijk})" if p.wijk else ""), f"q:to:{question_id}:{p.id}")]
        for p in people
    ]
    await acknowledge(update)
    ref = reference(question_id)
    await say(update, context, context.t("questions.choose_owner", ref=ref), inline(rows))


async def _reassign_to(update: Update, context: BotContext, question: str, to: str) -> None:
    """The new owner was chosen: ask for the reason (typed, in the flow "qwork")."""
    if not question.isdecimal() or not to.isdecimal():
        await acknowledge(update, context.t("common.button_expired"))
        return
    found = await context.services.questions.begin_reassign(
        update.update_id, member(context).telegram_id, int(question), int(to)
    )
    await acknowledge(update)
    await close_buttons(update)
    await say(update, context, context.t("questions.ask_reassign", ref=found.reference))


async def on_text(update: Update, context: BotContext) -> None:
    """Typed text in the draft: the question, or the reason to keep identifying data."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    progress = await context.services.questions.answer_text(
        update.update_id, user.id, message.text or ""
    )
    await _after(update, context, progress)


async def on_reply_text(update: Update, context: BotContext) -> None:
    """The typed answer (professional) or follow-up (volunteer)."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    done = await context.services.questions.reply_text(
        update.update_id, user.id, message.text or ""
    )
    key = f"questions.sent_{done.reply.value}"
    publish = publish_keyboard(context, done.question.id) if done.reply is Reply.ANSWER else None
    await say(update, context, context.t(key, ref=done.question.reference), publish)


@for_roles(Role.COORDINATOR, Role.PROFESSIONAL, Role.VOLUNTEER)
async def on_quoted_reply(update: Update, context: BotContext) -> None:
    """A Telegram reply to an alert, follow-up or answer: the answer (owner or coordinator) or a
    follow-up (the asker), as if typed after the button. The service checks who may."""
    message = update.effective_message
    question_id = quoted_question(message)
    assert message is not None and question_id is not None
    done = await context.services.questions.reply_to(
        update.update_id, member(context).telegram_id, question_id, message.text or ""
    )
    key = f"questions.sent_{done.reply.value}"
    await say(update, context, context.t(key, ref=done.question.reference))


def reply_handlers() -> list[BaseHandler[Update, BotContext, None]]:
    """Registered before the general text router (bot.app)."""
    quoted = filters.REPLY & filters.TEXT & ~filters.COMMAND & QUOTES_QUESTION
    return [MessageHandler(quoted, on_quoted_reply)]


async def _after(update: Update, context: BotContext, progress: Progress) -> None:
    if progress.flow is not None:
        await show_step(update, context, progress.flow)
    elif progress.cancelled:
        await say(update, context, context.t("questions.cancelled"), main_menu(member(context)))
    # After sending, the receipt arrives through the outbox.


async def show_step(update: Update, context: BotContext, flow: Flow) -> None:
    step, lang = Step(flow.step), context.language
    settings = context.services.settings
    if step is Step.PRIVACY:
        text = context.t("signals.ask_priv", kinds=signal_texts.kinds(flow.data["found"], lang))
    elif step is Step.REASON:
        text = context.t("signals.ask_reason")
    elif step is Step.SUMMARY:
        await show_related(update, context, flow.data["text"])  # the knowledge base first
        text = context.t(
            "questions.summary",
            topic=topic_label(settings, flow.data["topic"], lang),
            text=flow.data["text"],
        )
    else:
        text = context.t(f"questions.ask_{step.value}")
    await say(update, context, text, _keyboard(context, step))


def _keyboard(context: BotContext, step: Step) -> InlineKeyboardMarkup | None:
    t, lang = context.t, context.language
    if step is Step.TOPIC:
        topics = context.services.settings.organisation.topics()
        return inline(in_rows([(c.label(lang), f"q:topic:{c.key}") for c in topics]))
    if step is Step.PRIVACY:
        return inline(
            [[(t("signals.rewrite"), "q:priv:rewrite")], [(t("signals.keep"), "q:priv:keep")]]
        )
    if step is Step.SUMMARY:
        return inline(
            [[(t("questions.send"), "q:sum:send")], [(t("questions.cancel"), "q:sum:cancel")]]
        )
    return None


@for_roles(Role.VOLUNTEER)
async def my_questions(update: Update, context: BotContext) -> None:
    """The volunteer's own questions and their status."""
    questions = await context.services.questions.mine(member(context))
    if not questions:
        await say(update, context, context.t("questions.mine_none"))
        return
    settings, lang = context.services.settings, context.language
    lines = [
        context.t(
            "questions.mine_line",
            ref=q.reference,
            topic=topic_label(settings, q.topic, lang),
            status=context.t(f"questions.status_{q.status}"),
        )
        for q in questions
    ]
    await say(update, context, context.t("questions.mine_title") + "\n\n" + "\n".join(lines))


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("ask")), ask),
        MessageHandler(filters.Text(list(i18n.labels("menu.ask"))), ask),
        CommandHandler(list(commands.names("myquestions")), my_questions),
        MessageHandler(filters.Text(list(i18n.labels("menu.myquestions"))), my_questions),
        CallbackQueryHandler(on_button, pattern=r"^q:"),
    ]
