"""/pauze: a person's own break. Buttons pz:<action>; every value is checked again by
bot.people.own_pause."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.people.own_pause import last_day
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.guards import member, members
from handlers.core.rendering import acknowledge, callback_parts, edit, inline, say
from storage.people import OwnPause

View = tuple[str, InlineKeyboardMarkup | None]


def _choose_view(context: BotContext) -> View:
    t = context.t
    rows = [
        [(t("pause.week_1"), "pz:p:1w"), (t("pause.weeks_2"), "pz:p:2w")],
        [(t("pause.month_1"), "pz:p:1m")],
        [(t("pause.until"), "pz:date")],
        [(t("pause.open"), "pz:p:open")],
    ]
    return t("pause.choose"), inline(rows)


def _status_view(context: BotContext, pause: OwnPause) -> View:
    t = context.t
    day = last_day(pause, context.services.settings.organisation.zone)
    lines = [
        t("pause.status_until", day=day.strftime("%d-%m-%Y")) if day else t("pause.status_open")
    ]
    if pause.reason:
        lines.append(t("pause.status_reason", reason=pause.reason))
    lines += ["", t("pause.status_meaning")]
    reason = "pause.change_reason" if pause.reason else "pause.add_reason"
    rows = [
        [(t("pause.back"), "pz:back")],
        [(t("pause.change"), "pz:new")],
        [(t(reason), "pz:reason")],
    ]
    return "\n".join(lines), inline(rows)


@members
async def show_pause(update: Update, context: BotContext) -> None:
    pause = await context.services.own_pause.current(member(context).telegram_id)
    await say(update, context, *(_status_view(context, pause) if pause else _choose_view(context)))


async def _view(update: Update, context: BotContext, action: str, args: list[str]) -> View | None:
    service, uid, tid = context.services.own_pause, update.update_id, member(context).telegram_id
    if action == "p" and len(args) == 1:
        pause = await service.start(uid, tid, service.period_end(args[0]))
        return _status_view(context, pause)
    if action == "back":
        ended = await service.end(uid, tid)
        return context.t("pause.ended" if ended else "pause.not_paused"), None
    if action == "new":
        return _choose_view(context)
    if action in ("date", "reason"):
        await service.ask(uid, tid, action)
        return context.t(f"pause.type_{action}"), None
    return None


@members
async def on_button(update: Update, context: BotContext) -> None:
    action, *args = callback_parts(update, "pz:") or [""]
    view = await _view(update, context, action, args)
    if view is None:
        await acknowledge(update, context.t("common.button_expired"))
        return
    await acknowledge(update)
    await edit(update, *view)


@members
async def on_text(update: Update, context: BotContext) -> None:
    """The typed last day or reason; a wrong one gets a clear answer and the flow waits."""
    flow, message = context.flow, update.effective_message
    assert flow is not None and message is not None
    pause = await context.services.own_pause.typed(
        update.update_id, member(context).telegram_id, flow.step, message.text or ""
    )
    if pause is None:
        await say(update, context, context.t("pause.not_paused"))
        return
    await say(update, context, *_status_view(context, pause))


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("pause")), show_pause),
        CallbackQueryHandler(on_button, pattern=r"^pz:"),
    ]
