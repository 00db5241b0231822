"""After a question was asked: the thread's buttons (answer, for everyone, more, done, pass on:
bot.questions.callbacks), typed answers and follow-ups, and Telegram replies naming a question.
The draft's buttons go to handlers.questions.asking. The services check each press:
bot.questions.asking while asking, bot.questions.threads after that."""

from __future__ import annotations

import re
from collections.abc import Mapping

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core import i18n
from bot.flows.callbacks import prefix_pattern
from bot.privacy import texts as privacy_texts
from bot.questions import callbacks
from bot.questions.callbacks import Act, OnQuestion, PassTo, Reassign
from bot.questions.threads import FLOW as WORK_FLOW
from bot.questions.threads import Done, Reply
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.general import TextFlow
from handlers.core.guards import for_roles, member
from handlers.core.rendering import acknowledge, close_buttons, inline, say
from handlers.questions import asking
from handlers.questions.faq import publish_keyboard
from handlers.routing.reassign import ToData, absent_prompt, candidate_list
from storage.people import Role
from storage.questions import reference

_THREAD_REPLIES = {Act.ANSWER: Reply.ANSWER, Act.ALL: Reply.ALL, Act.MORE: Reply.MORE}
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


@for_roles(Role.COORDINATOR, Role.PROFESSIONAL, Role.VOLUNTEER)
async def on_button(update: Update, context: BotContext) -> None:
    """A `q:` button: the draft's (bot.questions.asking.DRAFT), or one on a thread
    (bot.questions.callbacks)."""
    query = update.callback_query
    data = query.data if query is not None else None
    press = asking.ASKING.draft.parse(data)
    if press is not None:
        await asking.ASKING.pressed(update, context, press)
        return
    match callbacks.parse(data):
        case PassTo() as to:
            await _reassign_to(update, context, to)
        case Reassign(question=question_id, again=again):
            if again:  # "someone else" under the question about someone away
                await close_buttons(update)
            await _choose_owner(update, context, question_id)
        case OnQuestion(act=Act.KEEP | Act.REDO as act, question=question_id):
            await _held_followup(update, context, question_id, send=act is Act.KEEP)
        case OnQuestion(act=Act.DONE, question=question_id):
            await _mark_done(update, context, question_id)
        case OnQuestion(act=Act.ANSWER | Act.ALL | Act.MORE as act, question=question_id):
            await _begin(update, context, question_id, _THREAD_REPLIES[act])
        case _:  # forged, or a card/publish button that reached no handler of its own
            await acknowledge(update, context.t("common.button_expired"))


async def _mark_done(update: Update, context: BotContext, question_id: int) -> None:
    question = await context.services.question_threads.mark_done(
        update.update_id, member(context).telegram_id, question_id
    )
    await acknowledge(update)
    await close_buttons(update)
    await say(update, context, context.t("questions.done", ref=question.reference))


async def _begin(update: Update, context: BotContext, question_id: int, reply: Reply) -> None:
    question = await context.services.question_threads.begin(
        update.update_id, member(context).telegram_id, question_id, reply
    )
    await acknowledge(update)
    await say(update, context, context.t(f"questions.ask_{reply.value}", ref=question.reference))


async def _held_followup(update: Update, context: BotContext, question_id: int, send: bool) -> None:
    done = await context.services.question_threads.check_followup(
        update.update_id, member(context).telegram_id, question_id, send
    )
    await acknowledge(update)
    await close_buttons(update)
    if done is not None:
        await _sent(update, context, done)
    else:
        await say(update, context, context.t("questions.rewrite_more", ref=reference(question_id)))


def _to_data(question_id: int) -> ToData:
    return lambda person_id, sure: PassTo(question_id, person_id, sure).data


async def _choose_owner(update: Update, context: BotContext, question_id: int) -> None:
    """The owner or a coordinator pressed "Doorsturen": the other active professionals."""
    service = context.services.question_threads
    found = await service.candidates(member(context).telegram_id, question_id)
    if not found:
        await acknowledge(update, context.t("questions.nobody_to_reassign"))
        return
    await acknowledge(update)
    ref = reference(question_id)
    markup = candidate_list(found, context.language, _to_data(question_id))
    await say(update, context, context.t("questions.choose_owner", ref=ref), markup)


async def _reassign_to(update: Update, context: BotContext, to: PassTo) -> None:
    """The new owner was chosen: ask for the reason (typed, in the flow "qwork"), or first
    whether it should go to the substitute of someone away."""
    question_id = to.question
    found, away = await context.services.question_threads.begin_reassign(
        update.update_id, member(context).telegram_id, question_id, to.person, to.sure
    )
    await acknowledge(update)
    await close_buttons(update)
    if away is not None:
        others = Reassign(question_id, again=True).data
        prompt = absent_prompt(away, context.language, _to_data(question_id), others)
        await say(update, context, *prompt)
        return
    await say(update, context, context.t("questions.ask_reassign", ref=found.reference))


async def on_reply_text(update: Update, context: BotContext) -> None:
    """The typed answer (professional) or follow-up (volunteer)."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    done = await context.services.question_threads.reply_text(
        update.update_id, user.id, message.text or ""
    )
    await _sent(update, context, done)


async def _sent(update: Update, context: BotContext, done: Done) -> None:
    """Confirm what was sent; after an answer, offer (or, for "answer for everyone", start)
    the version for the knowledge base."""
    ref = done.question.reference
    if done.held:  # the privacy guard stopped a follow-up: rewrite it, or send it anyway
        kinds = privacy_texts.kinds(done.held, context.language)
        buttons = [
            [(context.t("privacy.rewrite"), OnQuestion(Act.REDO, done.question.id).data)],
            [(context.t("questions.send_anyway"), OnQuestion(Act.KEEP, done.question.id).data)],
        ]
        await say(update, context, context.t("questions.check_more", kinds=kinds), inline(buttons))
        return
    text = context.t(f"questions.sent_{done.reply.value}", ref=ref)
    if done.reply is Reply.ALL:
        await say(update, context, text + "\n\n" + context.t("faq.ask_question", ref=ref))
    elif done.reply is Reply.ANSWER:
        await say(update, context, text, publish_keyboard(context, done.question.id))
    else:
        await say(update, context, text)


@for_roles(Role.COORDINATOR, Role.PROFESSIONAL, Role.VOLUNTEER)
async def on_quoted_reply(update: Update, context: BotContext) -> None:
    """A Telegram reply to an alert, follow-up or answer: the answer (owner or coordinator) or a
    follow-up (the asker), as if typed after the button. The service checks who may."""
    message = update.effective_message
    question_id = quoted_question(message)
    assert message is not None and question_id is not None
    done = await context.services.question_threads.reply_to(
        update.update_id, member(context).telegram_id, question_id, message.text or ""
    )
    await _sent(update, context, done)


def reply_handlers(flows: Mapping[str, TextFlow]) -> list[BaseHandler[Update, BotContext, None]]:
    """Registered before the general text router (bot.app). A reply naming a question goes to
    that question, unless a step waiting for typed text is open: then it is that step's text
    (people reply to the prompt itself, e.g. "why do you pass Q-0007 on?"). Only a pending
    answer or follow-up for another question gives way to the question the reply names."""

    async def route(update: Update, context: BotContext) -> None:
        flow, quoted = context.flow, quoted_question(update.effective_message)
        for_another = (
            flow is not None and flow.name == WORK_FLOW and (flow.data.get("question") != quoted)
        )
        if flow is not None and flow.name in flows and not for_another:
            await flows[flow.name](update, context)
        else:
            await on_quoted_reply(update, context)

    quoted = filters.REPLY & filters.TEXT & ~filters.COMMAND & QUOTES_QUESTION
    return [MessageHandler(quoted, route)]


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("ask")), asking.ask),
        MessageHandler(filters.Text(list(i18n.labels("menu.ask"))), asking.ask),
        CallbackQueryHandler(on_button, pattern=prefix_pattern(callbacks.PREFIX)),
    ]
