"""Replies Telegram would not take: which failures are part of life, and how to log them.

A person who blocked the bot, a chat that is gone, a button pressed long ago, a network hiccup:
these happen every day and need one line in the log, not a traceback or a notice to the people
in charge. Anything else is a defect and keeps its traceback.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

log = logging.getLogger(__name__)

# Telegram's own words (lower case) for the harmless BadRequests.
EXPECTED_BAD_REQUESTS = (
    "chat not found",
    "query is too old",
    "query id is invalid",
    "message to edit not found",
    "message is not modified",
)


def expected(error: BaseException) -> bool:
    """True for the failures Telegram gives in the ordinary course of things."""
    if isinstance(error, Forbidden | NetworkError | RetryAfter):  # NetworkError: 5xx, timeouts
        return True
    message = error.message.lower() if isinstance(error, BadRequest) else ""
    return any(words in message for words in EXPECTED_BAD_REQUESTS)


def too_old(error: BaseException) -> bool:
    """A button's callback query that can no longer be answered (pressed while the bot was down)."""
    message = error.message.lower() if isinstance(error, BadRequest) else ""
    return "query is too old" in message or "query id is invalid" in message


def log_failed_reply(update: Update, error: BaseException) -> None:
    """One line with the error type for the expected; the traceback for everything else."""
    if expected(error):
        log.warning("no reply to update %s: %s", update.update_id, type(error).__name__)
    else:
        log.error(
            "reply to update %s failed: %s", update.update_id, type(error).__name__, exc_info=error
        )
