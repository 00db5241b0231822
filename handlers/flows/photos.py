"""The photo step of a draft: the photo downloaded, then stripped of its metadata before anything
keeps it."""

from __future__ import annotations

import asyncio

from telegram import Message

from bot.core.errors import InvalidInput
from bot.privacy.photos import MAX_INPUT_BYTES, PhotoError, strip_metadata
from handlers.core.context import BotContext

# Photos are scaled down to this long side before they are stored.
PHOTO_SIDE = 1280


async def cleaned_photo(context: BotContext, message: Message, unusable: str) -> bytes:
    """The largest size Telegram offers, as a metadata-free JPEG; InvalidInput(`unusable`, a
    catalog key) when it is too big or not an image we can read."""
    largest = message.photo[-1]
    if largest.file_size is not None and largest.file_size > MAX_INPUT_BYTES:
        raise InvalidInput(unusable)
    telegram_file = await context.bot.get_file(largest.file_id)
    data = bytes(await telegram_file.download_as_bytearray())
    try:
        return await asyncio.to_thread(strip_metadata, data, PHOTO_SIDE)
    except PhotoError:
        raise InvalidInput(unusable) from None
