"""Logging that never shows the bot token (httpx logs request URLs, which contain it), nor what
people wrote (PTB logs raw updates and call parameters in a few places)."""

from __future__ import annotations

import logging
import re
from typing import Any

REDACTED = "<token>"
WITHHELD = "<withheld>"
# PTB's loggers that may put updates, call parameters or answers in a record's arguments: a
# batch it cannot parse (CRITICAL, with every name and text in it), a context it cannot build,
# an invalid JSON answer, and at DEBUG every call's parameters and result.
PTB_LOGGERS = (
    "telegram.Bot",
    "telegram.ext.ExtBot",
    "telegram.ext.Application",
    "telegram.ext.Updater",
    "telegram.request.BaseRequest",
)
# What may stay in such a record besides numbers: a Bot API method's name (getUpdates).
_METHOD = re.compile(r"[a-z]+(?:[A-Z][a-z]*)+")


class RedactingFormatter(logging.Formatter):
    """Removes the token from the whole formatted record, tracebacks included."""

    def __init__(self, fmt: str, secret: str | None) -> None:
        super().__init__(fmt)
        self.secret = secret

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text.replace(self.secret, REDACTED) if self.secret else text


def configure(level: int, token: str | None) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", token)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # One line per HTTP request is noise, and the URL carries the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # At DEBUG these libraries log SQL parameters and Bot API payloads, i.e. message texts:
    # --verbose is for our own code, never for what people wrote.
    for chatty in ("aiosqlite", "telegram", "aiohttp", "asyncio"):
        logging.getLogger(chatty).setLevel(max(level, logging.INFO))
    # We handle 429s ourselves (reschedule); PTB would log each one as an exception.
    logging.getLogger("telegram.ext.AIORateLimiter").setLevel(logging.CRITICAL)


class WithholdContents(logging.Filter):
    """Replaces every argument of a library record that could hold an update, a call's
    parameters or free text. When one was withheld, the traceback goes too (an exception's
    message may quote a value) and only the exception's type is kept."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, dict):
            record.args = {key: _plain(value) for key, value in record.args.items()}
            withheld = WITHHELD in record.args.values()
        elif record.args:
            record.args = tuple(_plain(value) for value in record.args)
            withheld = WITHHELD in record.args
        else:
            withheld = False
        if withheld and record.exc_info:
            error = record.exc_info[1]
            record.msg = f"{record.msg} ({type(error).__name__})"
            record.exc_info, record.exc_text = None, None
        return True


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str) and _METHOD.fullmatch(value):
        return value
    return WITHHELD


def withhold_library_contents() -> None:
    """Install WithholdContents on PTB's loggers (once; called while building the application)."""
    for name in PTB_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, WithholdContents) for f in logger.filters):
            logger.addFilter(WithholdContents())
