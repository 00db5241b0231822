"""Buttons in multi-step flows, both ways.

A press edits the question it was under: the buttons go and the choice shows beneath it
("Onderwerp: Geldzorgen ✓"), so the chat reads back as what was answered. And typed text that
names exactly one of the buttons counts as pressing it ("ja" for "Ja, de bewoner weet het").
"""

from __future__ import annotations

import html
import unicodedata

from telegram import InlineKeyboardMarkup, Update

from bot.core import i18n
from handlers.core.context import BotContext
from handlers.core.rendering import edit


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


def choice_line(context: BotContext, label: str, line: str | None = None) -> str:
    """The choice as HTML: the label, or `line` (a catalog key such as "signals.line_category",
    with the label as its {value})."""
    return context.t(line, value=label) if line else html.escape(label, quote=False)


async def show_choice(update: Update, context: BotContext, prompt: str, choice: str) -> None:
    """Edit the pressed message into its question with the choice under it, without buttons."""
    await edit(update, prompt + "\n\n" + i18n.raw(context.language, "common.chosen", choice=choice))


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
