"""Help, language, cancel, the text router for open flows, and answers to what we don't understand."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core import i18n
from bot.core.config import LANGUAGES
from bot.flows.callbacks import prefix_pattern
from bot.flows.draft import PROMPT
from bot.people import callbacks
from bot.people.callbacks import Language
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.rendering import (
    acknowledge,
    close_buttons,
    drop_buttons,
    inline,
    main_menu,
    say,
)

TextFlow = Callable[[Update, BotContext], Coroutine[Any, Any, None]]
# Text outside any flow that a feature may still understand; True when it did.
IdleText = Callable[[Update, BotContext], Coroutine[Any, Any, bool]]


async def show_help(update: Update, context: BotContext) -> None:
    person = context.person
    if person is None:
        await say(update, context, context.t("help.unregistered"))
    elif not person.active:
        await say(update, context, context.t(f"access.{person.status}"))
    else:
        await say(update, context, context.t(f"help.{person.role}"), main_menu(person))


async def cancel(update: Update, context: BotContext) -> None:
    """Stop the open flow, whatever it is."""
    user = update.effective_user
    assert user is not None
    stopped = await context.services.access.cancel_flow(update.update_id, user.id)
    prompt = context.flow.data.get(PROMPT) if context.flow is not None else None
    if stopped and isinstance(prompt, int):  # its question's buttons would do nothing now
        await drop_buttons(context, user.id, prompt)
    text = context.t("common.cancelled" if stopped else "common.nothing_to_cancel")
    person = context.person
    await say(update, context, text, main_menu(person) if person and person.active else None)


async def choose_language(update: Update, context: BotContext) -> None:
    buttons = [(context.t(f"language.name_{code}"), Language(code).data) for code in LANGUAGES]
    await say(update, context, context.t("language.choose"), inline([buttons]))


async def on_language(update: Update, context: BotContext) -> None:
    """Store the chosen language for a member or a registration draft."""
    user, query = update.effective_user, update.callback_query
    assert user is not None
    button = callbacks.parse_language(query.data if query is not None else None)
    if button is None:
        await acknowledge(update, context.t("common.button_expired"))
        return
    language = button.code
    person = context.person
    if person is not None:
        person = await context.services.profile.set_language(update.update_id, person, language)
    else:
        await context.services.registration.set_language(user.id, language)
    context.language = language
    await acknowledge(update)
    await close_buttons(update)
    menu = main_menu(person) if person is not None and person.active else None
    await say(update, context, context.t("language.changed"), menu)


def text_router(flows: Mapping[str, TextFlow], idle: IdleText | None = None) -> TextFlow:
    """Send typed text to the open flow that expects it, else to `idle`; otherwise explain
    what is possible."""

    async def route(update: Update, context: BotContext) -> None:
        flow = context.flow
        handler = flows.get(flow.name) if flow is not None else None
        if handler is not None:
            await handler(update, context)
        elif idle is None or not await idle(update, context):
            await say(update, context, context.t("common.not_understood"))

    return route


async def unknown_command(update: Update, context: BotContext) -> None:
    await say(update, context, context.t("common.unknown_command"))


async def unsupported_message(update: Update, context: BotContext) -> None:
    await say(update, context, context.t("common.unsupported_message"))


async def stale_button(update: Update, context: BotContext) -> None:
    await acknowledge(update, context.t("common.button_expired"))


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("help")), show_help),
        MessageHandler(filters.Text(list(i18n.labels("menu.help"))), show_help),
        CommandHandler(list(commands.names("cancel")), cancel),
        CommandHandler(list(commands.names("language")), choose_language),
        CallbackQueryHandler(on_language, pattern=prefix_pattern(callbacks.LANGUAGE)),
    ]


def photo_router(flows: Mapping[str, TextFlow]) -> TextFlow:
    """Send a photo to the open flow that can take one; otherwise say photos are not used."""

    async def route(update: Update, context: BotContext) -> None:
        flow = context.flow
        handler = flows.get(flow.name) if flow is not None else None
        await (handler or unsupported_message)(update, context)

    return route


def fallbacks(
    flows: Mapping[str, TextFlow],
    photo_flows: Mapping[str, TextFlow],
    idle: IdleText | None = None,
) -> list[BaseHandler[Update, BotContext, None]]:
    """Registered last: they catch whatever no feature handled."""
    return [
        MessageHandler(filters.TEXT & ~filters.COMMAND, text_router(flows, idle)),
        MessageHandler(filters.PHOTO, photo_router(photo_flows)),
        MessageHandler(filters.COMMAND, unknown_command),
        CallbackQueryHandler(stale_button),
        MessageHandler(filters.ALL, unsupported_message),
    ]
