"""Sending and editing the bot's answers, and the keyboards every feature shares."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import TypeVar

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, RetryAfter

from bot.core import i18n
from bot.core.message_fit import fit
from bot.telegram.outbox import Keyboard
from handlers.core.context import BotContext
from handlers.core.reply_failures import too_old
from storage.people import Person, Role

log = logging.getLogger(__name__)

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove
T = TypeVar("T")
# A direct answer that hits a flood limit waits and tries again, for this chat only: the person is
# waiting for it, and dropping it would leave them without the next question.
PATIENCE = 3

MENU: dict[Role, tuple[tuple[str, ...], ...]] = {
    Role.COORDINATOR: (
        ("menu.shifts", "menu.people"),
        ("menu.invite", "menu.profile"),
        ("menu.help",),
    ),
    Role.PROFESSIONAL: (
        ("menu.signals", "menu.questions"),
        ("menu.profile", "menu.mydata"),
        ("menu.help",),
    ),
    Role.VOLUNTEER: (
        ("menu.report", "menu.mysignals"),
        ("menu.ask", "menu.myquestions"),
        ("menu.shifts", "menu.myshifts"),
        ("menu.profile", "menu.mydata"),
        ("menu.help",),
    ),
}


def main_menu(person: Person) -> ReplyKeyboardMarkup:
    rows = [
        [KeyboardButton(i18n.t(person.language, key)) for key in row] for row in MENU[person.role]
    ]
    return ReplyKeyboardMarkup(rows, resize_keyboard=True, is_persistent=True)


def inline(rows: Sequence[Sequence[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Build an inline keyboard from rows of (label, callback data)."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def from_outbox(keyboard: Keyboard) -> InlineKeyboardMarkup:
    """The same buttons a message through the outbox carries (bot.telegram.outbox.button rows)."""
    return inline([[(b["text"], b["callback_data"]) for b in row] for row in keyboard])


def in_rows(buttons: Sequence[tuple[str, str]], width: int = 2) -> list[list[tuple[str, str]]]:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


async def patiently(call: Callable[[], Awaitable[T]]) -> T:
    """Run a Bot API call, waiting out up to PATIENCE-1 flood-limit answers (429)."""
    for attempt in range(PATIENCE):
        try:
            return await call()
        except RetryAfter as error:
            if attempt == PATIENCE - 1:
                raise
            delay = error.retry_after
            await asyncio.sleep(delay.total_seconds() if isinstance(delay, timedelta) else delay)
    raise AssertionError("unreachable")


async def say(
    update: Update, context: BotContext, text: str, markup: Markup | None = None
) -> Message:
    """Send a message to the chat the update came from."""
    chat = update.effective_chat
    assert chat is not None
    text = fit(text)
    return await patiently(
        lambda: context.bot.send_message(
            chat.id,
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            disable_web_page_preview=True,
        )
    )


async def acknowledge(update: Update, text: str | None = None) -> None:
    """Stop the button's spinner; `text` shows as a short toast.

    A press that waited while the bot was down can no longer be answered ("query is too old");
    the press itself still counts, so the handler goes on to show its effect."""
    query = update.callback_query
    if query is None:
        return
    try:
        await patiently(lambda: query.answer(text))
    except BadRequest as error:
        if not too_old(error):
            raise
        log.info("button of update %s answered too late", update.update_id)


async def edit(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Replace the message whose button was pressed (tolerating an unchanged message)."""
    query = update.callback_query
    assert query is not None
    text = fit(text)
    try:
        await patiently(
            lambda: query.edit_message_text(
                text, parse_mode=ParseMode.HTML, reply_markup=markup, disable_web_page_preview=True
            )
        )
    except BadRequest as error:
        if "not modified" not in error.message:
            raise


async def edit_message(
    context: BotContext,
    chat_id: int,
    message_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Replace an earlier message (not a pressed one), tolerating one unchanged or gone."""
    text = fit(text)
    try:
        await patiently(
            lambda: context.bot.edit_message_text(
                text,
                chat_id,
                message_id,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                disable_web_page_preview=True,
            )
        )
    except BadRequest as error:
        if "not modified" not in error.message and "not found" not in error.message:
            raise


async def close_buttons(update: Update) -> None:
    """Remove the buttons of the pressed message so an old choice cannot be pressed again."""
    await replace_buttons(update, None)


async def replace_buttons(update: Update, markup: InlineKeyboardMarkup | None) -> None:
    """Redraw (or remove) the buttons of the pressed message."""
    query = update.callback_query
    if query is None:
        return
    try:
        await patiently(lambda: query.edit_message_reply_markup(markup))
    except BadRequest as error:
        if "not modified" not in error.message:
            raise


async def drop_buttons(context: BotContext, chat_id: int, message_id: int) -> None:
    """Remove the buttons of an earlier message (one that no press answered), if it has any."""
    try:
        await patiently(
            lambda: context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
        )
    except BadRequest as error:
        if "not modified" not in error.message and "not found" not in error.message:
            raise
