"""/bericht (/announce) and every an: button: the draft's steps (handlers.announcements.compose),
"Gelezen 👍", and the list and cards (handlers.announcements.manage)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.announcements import callbacks
from bot.announcements.callbacks import Act
from bot.flows.callbacks import prefix_pattern
from bot.telegram import commands
from handlers.announcements import manage
from handlers.announcements.compose import CHATS, COMPOSE, CORRECT, SENDERS, on_message, preview
from handlers.core.context import BotContext
from handlers.core.guards import for_roles, member
from handlers.core.rendering import acknowledge, close_buttons, say


@for_roles(*SENDERS)
async def announce(update: Update, context: BotContext) -> None:
    """An open draft goes on where it was; else the list when there is one, or a new draft."""
    flow = context.flow
    if flow is not None and flow.name == COMPOSE.draft.name:
        if flow.step == COMPOSE.draft.summary.name:
            await preview(context, flow.data, flow.telegram_id)
        await COMPOSE.show(update, context, flow)
        return
    listed = await context.services.announcements.follow_up.listing(member(context).telegram_id)
    if listed:
        await say(update, context, *manage.list_view(context, listed))
    else:
        await new(update, context)


async def new(update: Update, context: BotContext) -> None:
    flow = await context.services.announcements.compose.start(update.update_id, member(context))
    await say(update, context, context.t("announcements.intro"))
    await COMPOSE.show(update, context, flow)


async def correct(update: Update, context: BotContext, announcement_id: int) -> None:
    service = context.services.announcements.correction
    flow = await service.start(update.update_id, member(context), announcement_id)
    await acknowledge(update)
    await close_buttons(update)
    await CORRECT.show(update, context, flow)


async def on_button(update: Update, context: BotContext) -> None:
    """Any an: button: "Gelezen 👍" for whoever got the announcement, the rest for senders."""
    press = callbacks.parse(_data(update))
    if press is not None and press.act is Act.ACK:
        if press.announcement == 0:  # the button on a draft's preview
            await acknowledge(update, context.t("announcements.preview_button"))
        else:
            await manage.acknowledge_press(update, context, press.announcement)
        return
    await _senders_button(update, context)


def _data(update: Update) -> object:
    query = update.callback_query
    return query.data if query is not None else None


@for_roles(*SENDERS)
async def _senders_button(update: Update, context: BotContext) -> None:
    """A draft's step, or the list and cards; forged data gets "button expired"."""
    data = _data(update)
    for chat in CHATS:
        step = chat.draft.parse(data)
        if step is not None:
            await chat.pressed(update, context, step)
            return
    press = callbacks.parse(data)
    if press is None:
        await acknowledge(update, context.t("common.button_expired"))
    elif press.act is Act.NEW:
        await acknowledge(update)
        await close_buttons(update)
        await new(update, context)
    elif press.act is Act.CORRECT:
        await correct(update, context, press.announcement)
    else:
        await manage.manage(update, context, press)


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("announce")), announce),
        CallbackQueryHandler(on_button, pattern=prefix_pattern(callbacks.PREFIX)),
        # A PDF for an announcement; any other document is not read, as before.
        MessageHandler(filters.Document.ALL, on_documents),
    ]


async def on_documents(update: Update, context: BotContext) -> None:
    await on_message(update, context)
