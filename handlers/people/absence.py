"""/afwezig: professionals set an absence with a substitute, hand over open signals, come back.

Buttons: bot.people.callbacks (the last day travels as yyyymmdd and the substitute as a person
id, both checked again by bot.people.absence).
"""

from __future__ import annotations

from datetime import date, datetime

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.core.errors import InvalidInput
from bot.flows.callbacks import prefix_pattern
from bot.people import callbacks
from bot.people.absence import Away
from bot.people.callbacks import AwayAct, AwayFor, AwayWith, OnAbsence
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.guards import for_roles, member
from handlers.core.rendering import acknowledge, edit, in_rows, inline, say
from storage.people import Role

View = tuple[str, InlineKeyboardMarkup | None]


def _day(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def _period_view(context: BotContext) -> View:
    t = context.t
    rows = [
        [(t("routing.away_today"), AwayFor("today").data)],
        [(t("routing.away_1w"), AwayFor("1w").data), (t("routing.away_2w"), AwayFor("2w").data)],
        [(t("routing.away_until"), OnAbsence(AwayAct.DATE).data)],
    ]
    return t("routing.away_choose_period"), inline(rows)


async def _substitute_view(context: BotContext, last_day: date) -> View:
    service = context.services.absence
    people = await service.substitutes(member(context).telegram_id)
    code = last_day.strftime("%Y%m%d")
    buttons = [(p.name, AwayWith(code, p.id).data) for p in people]
    rows = [*in_rows(buttons), [(context.t("routing.away_nobody"), AwayWith(code, 0).data)]]
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
        rows.append(
            [(t("routing.away_handover", count=away.open_items), OnAbsence(AwayAct.HAND_OVER).data)]
        )
    rows.append([(t("routing.away_back"), OnAbsence(AwayAct.BACK).data)])
    rows.append([(t("routing.away_change"), OnAbsence(AwayAct.NEW).data)])
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


async def _start(update: Update, context: BotContext, button: AwayWith) -> View:
    away = await context.services.absence.start(
        update.update_id,
        member(context).telegram_id,
        _code_day(button.last_day),
        button.substitute or None,
    )
    return _away_view(context, away)


async def _simple(update: Update, context: BotContext, act: AwayAct) -> View:
    service, uid, tid = context.services.absence, update.update_id, member(context).telegram_id
    if act is AwayAct.HAND_OVER:
        moved = await service.hand_over(uid, tid)
        return context.t("routing.away_handed_over", count=moved), None
    if act is AwayAct.BACK:
        ended = await service.end(uid, tid)
        return context.t("routing.away_ended" if ended else "routing.away_not_away"), None
    if act is AwayAct.NEW:
        return _period_view(context)
    await service.ask_date(uid, tid)
    return context.t("routing.away_type_date"), None


@for_roles(Role.PROFESSIONAL)
async def on_button(update: Update, context: BotContext) -> None:
    """An `ab:` button (bot.people.callbacks); bot.people.absence checks day and substitute."""
    query = update.callback_query
    view: View | None
    match callbacks.parse_absence(query.data if query is not None else None):
        case AwayFor(period=period):
            view = await _substitute_view(context, context.services.absence.period_end(period))
        case AwayWith() as button:
            view = await _start(update, context, button)
        case OnAbsence(act=act):
            view = await _simple(update, context, act)
        case _:
            view = None
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
        CallbackQueryHandler(on_button, pattern=prefix_pattern(callbacks.ABSENCE)),
    ]
