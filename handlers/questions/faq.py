"""/faq <words>: search the knowledge base; /faq alone: browse it by topic.
Publishing: a question's publish button opens the text flow "faqpub" (handled before the other
`q:` buttons); after "answer for everyone" the flow offers to publish the answer just given
(buttons: bot.questions.callbacks). `show_related` is the ask flow's hook: published answers
that look related."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.core.message_fit import pack
from bot.flows.callbacks import of_kind, prefix_pattern
from bot.questions import callbacks
from bot.questions.callbacks import Act, FaqSame, FaqTopic, OnQuestion
from bot.questions.faq import Step
from bot.questions.texts import topic_label
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.guards import for_roles, member
from handlers.core.rendering import acknowledge, close_buttons, in_rows, inline, say
from storage.faq import FaqEntry
from storage.people import Role

_EVERYONE = (Role.COORDINATOR, Role.PROFESSIONAL, Role.VOLUNTEER)


def _is_publish(data: object) -> bool:
    """The pattern of `on_publish` (before the thread's other `q:` buttons)."""
    button = callbacks.parse(data)
    return isinstance(button, OnQuestion) and button.act is Act.PUBLISH


def publish_keyboard(context: BotContext, question_id: int) -> InlineKeyboardMarkup:
    data = OnQuestion(Act.PUBLISH, question_id).data
    return inline([[(context.t("faq.publish_button"), data)]])


def _entry(context: BotContext, entry: FaqEntry) -> str:
    topic = topic_label(context.services.settings, entry.topic, context.language)
    return context.t(
        "faq.entry",
        topic=topic,
        question=entry.question,
        answer=entry.answer,
    )


async def _show(update: Update, context: BotContext, title: str, entries: list[FaqEntry]) -> None:
    """The title and the entries, each whole: in more than one message when they are long."""
    for text in pack([title, *(_entry(context, e) for e in entries)]):
        await say(update, context, text)


@for_roles(*_EVERYONE)
async def faq(update: Update, context: BotContext) -> None:
    """With words: the best matching entries; without: the topics to browse."""
    words = " ".join(context.args or [])
    service = context.services.faq
    if words.strip():
        found = await service.search(words)
        if not found:
            await say(update, context, context.t("faq.no_results"))
            return
        await _show(update, context, context.t("faq.results"), found)
        return
    topics = await service.topics()
    if not topics:
        await say(update, context, context.t("faq.empty"))
        return
    settings, lang = context.services.settings, context.language
    buttons = [
        (f"{topic_label(settings, key, lang)} ({count})", FaqTopic(key).data)
        for key, count in topics.items()
    ]
    await say(update, context, context.t("faq.browse"), inline(in_rows(buttons)))


@for_roles(*_EVERYONE)
async def on_topic(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = callbacks.parse_faq(query.data if query is not None else None)
    if not isinstance(button, FaqTopic):
        await acknowledge(update, context.t("common.button_expired"))
        return
    entries = await context.services.faq.by_topic(button.topic)
    await acknowledge(update)
    if not entries:
        await say(update, context, context.t("faq.no_results"))
        return
    label = topic_label(context.services.settings, button.topic, context.language)
    title = context.t("faq.topic_title", topic=label)
    await _show(update, context, title, entries)


@for_roles(Role.COORDINATOR, Role.PROFESSIONAL)
async def on_publish(update: Update, context: BotContext) -> None:
    """Publish a question: ask for its anonymised text."""
    query = update.callback_query
    button = callbacks.parse(query.data if query is not None else None)
    assert isinstance(button, OnQuestion)  # the handler's pattern
    question = await context.services.faq.begin_publish(
        update.update_id, member(context).telegram_id, button.question
    )
    await acknowledge(update)
    await say(update, context, context.t("faq.ask_question", ref=question.reference))


async def on_text(update: Update, context: BotContext) -> None:
    """Typed text in the flow "faqpub": the question to publish, then its answer."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    progress = await context.services.faq.publish_text(
        update.update_id, user.id, message.text or ""
    )
    if progress.step is not Step.ANSWER:
        await say(update, context, context.t("faq.published", ref=progress.question.reference))
    elif progress.answer_at_hand:
        same = inline([[(context.t("faq.same_button"), FaqSame().data)]])
        await say(update, context, context.t("faq.ask_answer_same"), same)
    else:
        await say(update, context, context.t("faq.ask_answer"))


@for_roles(Role.COORDINATOR, Role.PROFESSIONAL)
async def on_same(update: Update, context: BotContext) -> None:
    """Publish the answer the volunteer just got (if it passes the privacy guard)."""
    progress = await context.services.faq.publish_same(
        update.update_id, member(context).telegram_id
    )
    await acknowledge(update)
    await close_buttons(update)
    await say(update, context, context.t("faq.published", ref=progress.question.reference))


async def show_related(update: Update, context: BotContext, text: str) -> None:
    """Before a question is sent: up to three published answers that look related."""
    related = await context.services.faq.related(text)
    if related:
        await _show(update, context, context.t("faq.related"), related)


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("faq")), faq),
        CallbackQueryHandler(on_same, pattern=of_kind(callbacks.parse_faq, FaqSame)),
        CallbackQueryHandler(on_topic, pattern=prefix_pattern(callbacks.FAQ)),
        CallbackQueryHandler(on_publish, pattern=_is_publish),
    ]
