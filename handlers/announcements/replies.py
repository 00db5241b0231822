"""A Telegram reply to an announcement (swipe, or "Beantwoorden") goes to its sender only
(bot.announcements.replies). Any reply to one of the bot's messages is looked up among the
copies; a reply to something else goes where text goes (the text router, given by bot.app)."""

from __future__ import annotations

from collections.abc import Mapping

from telegram import Message, Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.core.errors import NotFound
from handlers.core.context import BotContext
from handlers.core.general import TextFlow
from handlers.core.guards import member
from handlers.core.rendering import say


class _RepliesToBot(filters.MessageFilter):
    def filter(self, message: Message) -> bool:
        quoted = message.reply_to_message
        return quoted is not None and quoted.from_user is not None and quoted.from_user.is_bot


REPLIES_TO_BOT = _RepliesToBot(name="RepliesToBot")


async def _forward(update: Update, context: BotContext, announcement_id: int) -> None:
    message = update.effective_message
    assert message is not None
    replies = context.services.announcements.replies
    try:
        sender = await replies.forward(
            update.update_id, member(context).telegram_id, announcement_id, message.text or ""
        )
    except NotFound:
        await say(update, context, context.t("announcements.reply_not_yours"))
        return
    if sender is None:
        await say(update, context, context.t("announcements.reply_sent_coordinators"))
    else:
        await say(update, context, context.t("announcements.reply_sent", name=sender))


def reply_handlers(
    flows: Mapping[str, TextFlow], otherwise: TextFlow
) -> list[BaseHandler[Update, BotContext, None]]:
    """Registered before the general text router (bot.app). A step waiting for typed text
    takes the reply as its text (people reply to the question itself); a reply to anything but
    an announcement goes to `otherwise`."""

    async def route(update: Update, context: BotContext) -> None:
        flow, message = context.flow, update.effective_message
        quoted = message.reply_to_message if message is not None else None
        if context.person is None or quoted is None or (flow is not None and flow.name in flows):
            await otherwise(update, context)
            return
        replies = context.services.announcements.replies
        announcement_id = await replies.replied_to(context.person.telegram_id, quoted.message_id)
        if announcement_id is None:
            await otherwise(update, context)
        else:
            await _forward(update, context, announcement_id)

    replied = filters.REPLY & filters.TEXT & ~filters.COMMAND & REPLIES_TO_BOT
    return [MessageHandler(replied, route)]
