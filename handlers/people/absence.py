"""/afwezig: professionals set an absence with a substitute, hand over open signals, come back.

Buttons ab:<action>; the last day travels as yyyymmdd and the substitute as a person id, both
checked again by bot.people.absence.
"""

from __future__ import annotations

from datetime import date, datetime

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.core.errors import InvalidInput
from bot.people.absence import Away
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.guards import for_roles, member
from handlers.core.rendering import acknowledge, callback_parts, edit, in_rows, inline, say
from storage.people import Role

View = tuple[str, InlineKeyboardMarkup | None]


def _day(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def _period_view(context: BotContext) -> View:
    t = context.t
    rows = [
        [(t("routing.away_today"), "ab:p:today")],
        [(t("routing.away_1w"), "ab:p:1w"), (t("routing.away_2w"), "ab:p:2w")],
        [(t("routing.away_until"), "ab:date")],
    ]
    return t("routing.away_choose_period"), inline(rows)


async def _substitute_view(context: BotContext, last_day: date) -> View:
    service = context.services.absence
    people = await service.substitutes(member(context).telegram_id)
    code = last_day.strftime("%Y%m%d")
    buttons = [(p.name, f"ab:s:{code}:{p.id}") for p in people]
    rows = [*in_rows(buttons), [(context.t("routing.away_nobody"), f"ab:s:{code}:0")]]
    return context.t("routing.away_choose_substitute", day=_day(last_day)), inline(rows)


def _away_view(context: BotContext, away: Away) -> View:
    t = context.t
    who = away.substitute.name if away.substitute else t("routing.away_coordinators")
    text = t("routing.away_status", day=_day(away.last_day), substitute=who)
    rows = []
    if away.substitute is not None and away.open_items:
        text += "\n\n" + t(
            "routing.away_handover_ask",
            signals=away.open_signals,
            questions=away.open_questions,
            name=who,
        )
        rows.append([(t("routing.away_handover", count=away.open_items), "ab:h")])
    rows.append([(t("routing.away_back"), "ab:back")])
    rows.append([(t("routing.away_change"), "ab:new")])
    return text, inline(rows)


@for_roles(Role.PROFESSIONAL)
async def show_absence(update: Update, context: BotContext) -> None:
    away = await context.services.absence.current(member(context).telegram_id)
    await say(update, context, *(_away_view(context, away) if away else _period_view(context)))


def _code_day(code: str) -> date:
    try:
        return datetime.strptime(code, "%Y%m%d").date()
    except ValueError:
        raise InvalidInput("common.button_expired") from None


async def _start(update: Update, context: BotContext, args: list[str]) -> View:
    if len(args) != 2 or not args[1].isdecimal() or len(args[1]) > 12:
        raise InvalidInput("common.button_expired")
    substitute = int(args[1]) or None
    away = await context.services.absence.start(
        update.update_id, member(context).telegram_id, _code_day(args[0]), substitute
    )
    return _away_view(context, away)


async def _simple(update: Update, context: BotContext, action: str) -> View | None:
    service, uid, tid = context.services.absence, update.update_id, member(context).telegram_id
    if action == "h":
        moved = await service.hand_over(uid, tid)
        return context.t("routing.away_handed_over", count=moved), None
    if action == "back":
        ended = await service.end(uid, tid)
        return context.t("routing.away_ended" if ended else "routing.away_not_away"), None
    if action == "new":
        return _period_view(context)
    if action == "date":
        await service.ask_date(uid, tid)
        return context.t("routing.away_type_date"), None
    return None


@for_roles(Role.PROFESSIONAL)
async def on_button(update: Update, context: BotContext) -> None:
    parts = callback_parts(update, "ab:")
    action, args = (parts[0], parts[1:]) if parts else ("", [])
    view: View | None
    if action == "p" and len(args) == 1:
        view = await _substitute_view(context, context.services.absence.period_end(args[0]))
    elif action == "s":
        view = await _start(update, context, args)
    else:
        view = await _simple(update, context, action)
    if view is None:
        await acknowledge(update, context.t("common.button_expired"))
        return
    await acknowledge(update)
    await edit(update, *view)


@for_roles(Role.PROFESSIONAL)
async def on_text(update: Update, context: BotContext) -> None:
    """The typed last day (dd-mm-jjjj); a wrong one gets a clear answer and the flow waits."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    day = await context.services.absence.typed_date(update.update_id, user.id, message.text or "")
    await say(update, context, *await _substitute_view(context, day))


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("away")), show_absence),
        CallbackQueryHandler(on_button, pattern=r"^ab:"),
    ]
