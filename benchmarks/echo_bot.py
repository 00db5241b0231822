"""The baseline for benchmarks.sandbox_bench: a minimal python-telegram-bot echo bot.

It reads the same settings as Voelspriet (VOELSPRIET_TELEGRAM__TOKEN and
VOELSPRIET_TELEGRAM__API_URL), polls with PTB's own Application.run_polling and answers every
text message with the same text. Nothing else: no database, no rate limiter, default PTB settings.
"""

from __future__ import annotations

import os

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text:
        await context.bot.send_message(message.chat_id, message.text)


def main() -> None:
    app = (
        Application.builder()
        .token(os.environ["VOELSPRIET_TELEGRAM__TOKEN"])
        .base_url(os.environ["VOELSPRIET_TELEGRAM__API_URL"])
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(allowed_updates=[Update.MESSAGE], timeout=10)


if __name__ == "__main__":
    main()
