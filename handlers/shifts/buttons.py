"""Shifts in the chat: /diensten (coordinators: coverage; volunteers: open shifts that fit),
/mijndiensten, every `sh:` button (bot.shifts.callbacks reads it; forged data is "button
expired") and the typed steps. A refusal the volunteer or coordinator can act on (full week,
overlapping shift, a reason needed) comes as a message, not a toast: it is too long for one."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core import i18n
from bot.core.errors import InvalidInput
from bot.flows.callbacks import prefix_pattern
from bot.shifts.callbacks import (
    DRAFT,
    PREFIX,
    AssignList,
    AssignTo,
    Button,
    CancelReason,
    CancelShift,
    Change,
    ListAct,
    Lists,
    OnShift,
    OnSignup,
    OnSwap,
    SignupAct,
    parse,
)
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.guards import for_roles, member
from handlers.core.rendering import acknowledge, say
from handlers.shifts import coordinator, create, volunteer
from storage.people import Role


@for_roles(Role.COORDINATOR, Role.VOLUNTEER)
async def shifts_command(update: Update, context: BotContext) -> None:
    if member(context).role is Role.COORDINATOR:
        await coordinator.coverage(update, context)
    else:
        await volunteer.open_shifts(update, context)


@for_roles(Role.VOLUNTEER)
async def my_shifts_command(update: Update, context: BotContext) -> None:
    await volunteer.my_shifts(update, context)


async def on_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    button = parse(query.data if query is not None else None)
    if button is None or context.person is None:
        await acknowledge(update, context.t("common.button_expired"))
        return
    try:
        await _dispatch(update, context, button)
    except InvalidInput as refused:
        await acknowledge(update)
        await say(update, context, context.t(refused.reason, **refused.params))
        return
    await acknowledge(update)


async def _dispatch(update: Update, context: BotContext, button: Button) -> None:
    if isinstance(button, OnShift):
        if button.act in coordinator.CARD_ACTS:
            await coordinator.on_shift(update, context, button)
        else:
            await volunteer.on_shift(update, context, button)
    elif isinstance(button, Lists):
        await _list(update, context, button.act)
    elif isinstance(button, OnSignup):
        if button.act is SignupAct.TOGGLE:
            await coordinator.on_toggle(update, context, button)
        else:
            await volunteer.on_signup(update, context, button)
    elif isinstance(button, OnSwap):
        await volunteer.on_swap(update, context, button)
    elif isinstance(button, CancelReason):
        await volunteer.on_reason(update, context, button)
    elif isinstance(button, AssignList):
        await coordinator.on_assign_list(update, context, button)
    elif isinstance(button, AssignTo):
        await coordinator.on_assign(update, context, button)
    elif isinstance(button, Change):
        await coordinator.on_change(update, context, button)
    elif isinstance(button, CancelShift):
        await coordinator.on_cancel_shift(update, context, button)


async def _list(update: Update, context: BotContext, act: ListAct) -> None:
    if act is ListAct.COVERAGE:
        await coordinator.coverage(update, context, new=False)
    elif act is ListAct.MINE:
        await volunteer.my_shifts(update, context, new=True)
    elif act is ListAct.OPEN:
        await volunteer.open_shifts(update, context, new=True)
    elif act is ListAct.ALL_ICS:
        await volunteer.calendar_file(update, context, None)
    elif act is ListAct.NEW:
        await create.new_shift(update, context)


async def on_text(update: Update, context: BotContext) -> None:
    """Typed text while a shift step waits for it (bot.shifts.typed)."""
    flow = context.flow
    assert flow is not None
    if flow.step == "reason":
        await volunteer.on_text(update, context)
    else:
        await coordinator.on_text(update, context, flow.step)


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("shifts")), shifts_command),
        MessageHandler(filters.Text(list(i18n.labels("menu.shifts"))), shifts_command),
        CommandHandler(list(commands.names("myshifts")), my_shifts_command),
        MessageHandler(filters.Text(list(i18n.labels("menu.myshifts"))), my_shifts_command),
        CallbackQueryHandler(on_button, pattern=prefix_pattern(PREFIX)),
        CallbackQueryHandler(
            for_roles(Role.COORDINATOR)(create.NEW_SHIFT.on_button), pattern=prefix_pattern(DRAFT)
        ),
    ]
