"""A Telegram reply to an announcement (swipe, or "Beantwoorden") goes to its sender only
(bot.announcements.replies). The copy names its reference, "(A-0012)", read here from the
message replied to; the service checks that the person got that announcement."""

from __future__ import annotations

import re
from collections.abc import Mapping

from telegram import Message, Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.core.errors import NotFound
from handlers.core.context import BotContext
from handlers.core.general import TextFlow
from handlers.core.guards import member
from handlers.core.rendering import say

_REFERENCE = re.compile(r"\bA-(\d{4,9})\b")


def quoted_announcement(message: Message | None) -> int | None:
    """The announcement a reply quotes: the reference in the bot's message replied to."""
    quoted = message.reply_to_message if message is not None else None
    if quoted is None or quoted.from_user is None or not quoted.from_user.is_bot:
        return None
    found = _REFERENCE.search(quoted.text or quoted.caption or "")
    return int(found.group(1)) if found else None


class _QuotesAnnouncement(filters.MessageFilter):
    def filter(self, message: Message) -> bool:
        return quoted_announcement(message) is not None


QUOTES_ANNOUNCEMENT = _QuotesAnnouncement(name="QuotesAnnouncement")


async def on_reply(update: Update, context: BotContext) -> None:
    message = update.effective_message
    announcement_id = quoted_announcement(message)
    assert message is not None and announcement_id is not None
    replies = context.services.announcements.replies
    try:
        sender = await replies.forward(
            update.update_id, member(context).telegram_id, announcement_id, message.text or ""
        )
    except NotFound:
        await say(update, context, context.t("announcements.reply_not_yours"))
        return
    key = "announcements.reply_sent" if sender else "announcements.reply_sent_coordinators"
    await say(update, context, context.t(key, name=sender or ""))


def reply_handlers(flows: Mapping[str, TextFlow]) -> list[BaseHandler[Update, BotContext, None]]:
    """Registered before the general text router (bot.app). A step waiting for typed text
    takes the reply as its text (people reply to the question itself)."""

    async def route(update: Update, context: BotContext) -> None:
        flow = context.flow
        if flow is not None and flow.name in flows:
            await flows[flow.name](update, context)
        else:
            await on_reply(update, context)

    quoted = filters.REPLY & filters.TEXT & ~filters.COMMAND & QUOTES_ANNOUNCEMENT
    return [MessageHandler(quoted, route)]
