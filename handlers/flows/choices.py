"""Typed text that names exactly one of a question's buttons counts as pressing it ("ja" for
"Ja, de bewoner weet het"), and a button's label without its emoji (handlers.flows.draft)."""

from __future__ import annotations

import unicodedata

from telegram import InlineKeyboardMarkup


def label_of(markup: InlineKeyboardMarkup | None, data: str) -> str | None:
    """The label of the button with this callback data, without its leading emoji or tick."""
    for row in markup.inline_keyboard if markup is not None else ():
        for button in row:
            if button.callback_data == data:
                return _plain(button.text)
    return None


def _plain(label: str) -> str:
    start = next((i for i, ch in enumerate(label) if ch.isalnum()), 0)
    return label[start:]


def _words(text: str) -> list[str]:
    """Lower-case words without accents or punctuation: "Ja, de bewoner…" → ["ja", "de", …]."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = (ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch))
    return "".join(kept).split()


def typed_choice(text: str, markup: InlineKeyboardMarkup | None) -> str | None:
    """The callback data of the one button the typed text names: its whole label, else the
    start of exactly one label ("vandaag" for "Vandaag nog"). None when it names none or several."""
    typed = _words(text)
    if not typed or markup is None:
        return None
    buttons = [
        (_words(button.text), str(button.callback_data))
        for row in markup.inline_keyboard
        for button in row
        if button.callback_data is not None
    ]
    for matches in (
        [data for words, data in buttons if words == typed],
        [data for words, data in buttons if words[: len(typed)] == typed],
    ):
        if len(matches) == 1:
            return matches[0]
    return None
