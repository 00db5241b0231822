"""Validation of free text people type."""

import unicodedata

from bot.core.errors import InvalidInput


def clean_text(text: str, max_length: int) -> str:
    """Trim the text and refuse empty, overlong or control-character input."""
    cleaned = " ".join(text.split()) if max_length <= 100 else text.strip()
    if not cleaned:
        raise InvalidInput("common.empty_text")
    if len(cleaned) > max_length:
        raise InvalidInput("common.too_long", limit=max_length)
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in cleaned):
        raise InvalidInput("common.bad_characters")
    return cleaned


def require_words(text: str) -> str:
    """Refuse text without a single letter or digit: only emoji or punctuation tells nobody
    what happened."""
    if not any(ch.isalnum() for ch in text):
        raise InvalidInput("common.no_words")
    return text
