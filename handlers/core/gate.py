"""The access gate: runs before every feature handler (group -1).

It drops updates whose effects are already committed (Telegram redelivers after a crash), works
out who is writing, and lets unregistered or paused people reach only what is meant for them.
"""

from __future__ import annotations

from typing import NoReturn

from telegram import Update
from telegram.constants import ChatType, MessageEntityType
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.core import i18n
from bot.flows.callbacks import SEPARATOR
from bot.flows.names import REGISTER as REGISTRATION_FLOW
from bot.people import callbacks
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.rendering import acknowledge, say
from handlers.core.reply_failures import log_failed_reply


def prefix(name: str) -> str:
    return name + SEPARATOR


# What someone without an account may use: enough to register, get help and pick a language.
_PUBLIC_COMMANDS = {
    "start",
    *commands.names("help"),
    *commands.names("language"),
    *commands.names("cancel"),
}
_PUBLIC_CALLBACKS = (prefix(callbacks.REGISTER), prefix(callbacks.LANGUAGE))
# Paused people and alumni keep their AVG rights: see, take and erase their data.
_INACTIVE_COMMANDS = _PUBLIC_COMMANDS | {
    *commands.names("mydata"),
    *commands.names("forget"),
    *commands.names("profile"),
}
_INACTIVE_CALLBACKS = (prefix(callbacks.LANGUAGE), prefix(callbacks.FORGET))
# The reply-keyboard menu sends its labels as text; each counts as the command it stands for.
_MENU_COMMANDS = {
    label: command
    for command in (
        "help",
        "profile",
        "mydata",
        "invite",
        "people",
        "report",
        "mysignals",
        "signals",
        "shifts",
        "myshifts",
    )
    for label in i18n.labels(f"menu.{command}")
}


def _command(update: Update) -> str | None:
    """The command as Telegram marked it (a bot_command entity at the start), like PTB's
    CommandHandler reads it; "/" alone or "/ x" is no command but text."""
    message = update.message
    if message is None or not message.text:
        return None
    if message.text in _MENU_COMMANDS:
        return _MENU_COMMANDS[message.text]
    for entity in message.entities:
        if entity.type == MessageEntityType.BOT_COMMAND and entity.offset == 0:
            name = message.parse_entity(entity)[1:].split("@")[0].lower()
            return name or None
    return None


def _callback(update: Update) -> str | None:
    query = update.callback_query
    return query.data if query is not None and isinstance(query.data, str) else None


def _allowed(update: Update, commands_ok: set[str], callbacks_ok: tuple[str, ...]) -> bool:
    command = _command(update)
    if command is not None:
        return command in commands_ok
    data = _callback(update)
    return data is not None and data.startswith(callbacks_ok)


async def gate(update: Update, context: BotContext) -> None:
    """Identify the sender; stop the update here unless they may go on."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != ChatType.PRIVATE or user.is_bot:
        raise ApplicationHandlerStop  # the bot works in private chats only
    visitor = await context.services.access.identify(update.update_id, user.id)
    if visitor.seen:
        raise ApplicationHandlerStop
    context.person, context.flow = visitor.person, visitor.flow
    person, flow = visitor.person, visitor.flow
    if person is not None:
        context.language = person.language
    elif flow is not None and "language" in flow.data:
        context.language = str(flow.data["language"])
    else:
        context.language = i18n.language_for(
            user.language_code, context.services.settings.organisation.default_language
        )
    if person is None:
        in_registration = flow is not None and flow.name == REGISTRATION_FLOW
        free_text = update.message is not None and _command(update) is None
        if (in_registration and free_text) or _allowed(update, _PUBLIC_COMMANDS, _PUBLIC_CALLBACKS):
            return
        key = "access.finish_registration" if in_registration else "access.not_registered"
        await _refuse(update, context, key)
    elif not person.active:
        if _allowed(update, _INACTIVE_COMMANDS, _INACTIVE_CALLBACKS):
            return
        await _refuse(update, context, f"access.{person.status.value}")


async def _refuse(update: Update, context: BotContext, key: str) -> NoReturn:
    """Answer why not, then stop the update. The answer is a courtesy: when it cannot be sent
    (blocked, Telegram down), the update stops all the same and nobody is alarmed."""
    try:
        if update.callback_query is not None:
            await acknowledge(update, context.t(key))
        else:
            await say(update, context, context.t(key))
    except Exception as error:
        log_failed_reply(update, error)
    raise ApplicationHandlerStop


def gate_handler() -> TypeHandler[Update, BotContext, None]:
    return TypeHandler(Update, gate)
