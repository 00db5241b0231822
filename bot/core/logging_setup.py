"""Logging that never shows the bot token (httpx logs request URLs, which contain it)."""

from __future__ import annotations

import logging

REDACTED = "<token>"


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
