"""The error handler: domain outcomes become a short answer; anything else is logged and reported."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest

from bot.core.errors import AlreadyProcessed, InvalidInput, NotAllowed, NotFound
from handlers.core.context import BotContext
from handlers.core.rendering import acknowledge, say

log = logging.getLogger(__name__)


async def _tell(update: Update, context: BotContext, text: str) -> None:
    if update.callback_query is not None:
        await acknowledge(update, text)
    elif update.effective_chat is not None:
        await say(update, context, text)


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
    if isinstance(error, BadRequest) and "query is too old" in error.message:
        return  # a button pressed long ago; harmless
    # Log who and where, never what they wrote.
    user = update.effective_user
    log.error(
        "update %s from user %s failed: %s",
        update.update_id,
        user.id if user else "-",
        type(error).__name__,
        exc_info=error,
    )
    try:
        await _tell(update, context, context.t("errors.apology"))
    except Exception:
        log.warning("could not send the apology for update %s", update.update_id)
    await context.services.errors.report(type(error).__name__)
