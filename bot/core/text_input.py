"""Validation of free text people type.

Invisible format characters (Unicode category Cf: zero-width spaces, direction overrides such
as U+202E, soft hyphens, byte-order marks) are taken out: they let a name look like another
one or turn a card's text around, and nobody types them on purpose. Three are kept where they
do their work: the zero-width joiner between two emoji (👩‍👩‍👧 is three emoji joined), tag
characters after 🏴 (the flags of Scotland and Wales), and the zero-width non-joiner between
letters of scripts that need it (Persian). Characters nobody can read are refused: controls
(Cc), lone surrogates (Cs, which SQLite cannot even store), private use (Co) and unassigned
code points and non-characters (Cn), except in the emoji blocks, where Unicode adds emoji
newer than Python's tables. Accents are kept, in one form (NFC).
"""

import unicodedata

from bot.core.errors import InvalidInput
from bot.core.message_fit import units

ZWJ, ZWNJ = "\u200d", "\u200c"
BLACK_FLAG = "\U0001f3f4"
TAGS = range(0xE0020, 0xE0080)
EMOJI_BLOCKS = range(0x1F000, 0x1FB00)
# What may stand between an emoji and its joiner: variation selector 16, skin tones.
EMOJI_MODIFIERS = {"\ufe0f", *map(chr, range(0x1F3FB, 0x1F400))}
LATIN_END = 0x024F  # letters up to here need no non-joiner
REFUSED = {"Cc", "Cs", "Co", "Cn"}
ALLOWED_CONTROLS = "\n\t"  # short texts become one line anyway


def clean_text(text: str, max_length: int) -> str:
    """Trim the text, take out invisible characters, and refuse empty, overlong or unreadable
    input. Short texts (names, reasons) become one line."""
    if any(_unreadable(ch) for ch in text):
        raise InvalidInput("common.bad_characters")
    visible = _without_invisibles(unicodedata.normalize("NFC", text))
    cleaned = " ".join(visible.split()) if max_length <= 100 else visible.strip()
    if not cleaned:
        raise InvalidInput("common.empty_text")
    if units(cleaned) > max_length:  # as Telegram counts: an emoji may count two
        raise InvalidInput("common.too_long", limit=max_length)
    return cleaned


def require_words(text: str) -> str:
    """Refuse text without a single letter or digit: only emoji or punctuation tells nobody
    what happened."""
    if not any(ch.isalnum() for ch in text):
        raise InvalidInput("common.no_words")
    return text


def require_letters(name: str) -> str:
    """Refuse a name without a single letter: "/", "😀" or "123" names nobody."""
    if not any(ch.isalpha() for ch in name):
        raise InvalidInput("common.name_letters")
    return name


def _unreadable(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category == "Cc":
        return ch not in ALLOWED_CONTROLS
    if category == "Cn":
        return ord(ch) not in EMOJI_BLOCKS
    return category in REFUSED


def _without_invisibles(text: str) -> str:
    kept: list[str] = []
    for i, ch in enumerate(text):
        if unicodedata.category(ch) != "Cf" or _doing_its_work(ch, kept, text[i + 1 : i + 2]):
            kept.append(ch)
    return "".join(kept)


def _doing_its_work(ch: str, before: list[str], after: str) -> bool:
    """Is this format character part of what was typed (an emoji sequence, a script's join)?"""
    previous = before[-1] if before else ""
    if ch == ZWJ:
        base = next((c for c in reversed(before) if c not in EMOJI_MODIFIERS), "")
        return _emoji(base) and _emoji(after)
    if ord(ch) in TAGS:
        return previous == BLACK_FLAG or (previous != "" and ord(previous) in TAGS)
    if ch == ZWNJ:
        return _joining_letter(previous) and _joining_letter(after)
    return False


def _emoji(ch: str) -> bool:
    return ch != "" and (unicodedata.category(ch) == "So" or ord(ch) in EMOJI_BLOCKS)


def _joining_letter(ch: str) -> bool:
    return ch != "" and ord(ch) > LATIN_END and unicodedata.category(ch).startswith(("L", "M"))
