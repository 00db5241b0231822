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


def unreachable(error: BaseException) -> bool:
    """Telegram will not take any reply for this update: blocked, chat gone, press too old."""
    if isinstance(error, BadRequest):
        return any(words in error.message.lower() for words in EXPECTED_BAD_REQUESTS)
    return isinstance(error, Forbidden)


def transient(error: BaseException) -> bool:
    """Telegram could not take the reply just now (flood limit, 5xx, timeout, network)."""
    # BadRequest and Forbidden derive from NetworkError in PTB; they are no passing trouble.
    return isinstance(error, NetworkError | RetryAfter) and not isinstance(
        error, BadRequest | Forbidden
    )


def expected(error: BaseException) -> bool:
    """True for the failures Telegram gives in the ordinary course of things."""
    return unreachable(error) or transient(error)


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
