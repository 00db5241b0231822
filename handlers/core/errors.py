"""The error handler: domain outcomes become a short answer; anything else is logged and reported."""

from __future__ import annotations

import logging

from telegram import Update

from bot.core.errors import AlreadyProcessed, InvalidInput, NotAllowed, NotFound
from handlers.core.context import BotContext
from handlers.core.rendering import acknowledge, say
from handlers.core.reply_failures import expected, log_failed_reply, transient

log = logging.getLogger(__name__)


async def _tell(update: Update, context: BotContext, text: str) -> None:
    """The short answer to a domain outcome; Telegram refusing it ends here (one log line)."""
    try:
        if update.callback_query is not None:
            await acknowledge(update, text)
        elif update.effective_chat is not None:
            await say(update, context, text)
    except Exception as error:
        log_failed_reply(update, error)


async def on_error(update: object, context: BotContext) -> None:
    error = context.error
    if not isinstance(update, Update):
        log.error("error outside an update: %s", type(error).__name__, exc_info=error)
        return
    if isinstance(error, AlreadyProcessed):
        return
    if isinstance(error, InvalidInput):
        await _tell(update, context, context.t(error.reason, **error.params))
        return
    if isinstance(error, NotAllowed):
        await _tell(update, context, context.t("access.not_allowed"))
        return
    if isinstance(error, NotFound):
        await _tell(update, context, context.t("common.not_found"))
        return
    if error is not None and expected(error):
        # Blocked, chat gone, Telegram busy or away: nothing the people in charge can mend. A
        # closed door takes no apology either; after passing trouble it may get through.
        log_failed_reply(update, error)
        if transient(error):
            await _apologise(update, context)
        return
    # Log who and where, never what they wrote.
    user = update.effective_user
    log.error(
        "update %s from user %s failed: %s",
        update.update_id,
        user.id if user else "-",
        type(error).__name__,
        exc_info=error,
    )
    await _apologise(update, context)
    await context.services.errors.report(type(error).__name__)


async def _apologise(update: Update, context: BotContext) -> None:
    await _tell(update, context, context.t("errors.apology"))
