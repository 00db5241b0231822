"""/pauze: a person's own break. Buttons: bot.people.callbacks (the period is checked again by
bot.people.own_pause)."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.flows.callbacks import prefix_pattern
from bot.people import callbacks
from bot.people.callbacks import OnPause, PauseAct, PauseFor
from bot.people.own_pause import OPEN, last_day
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.guards import member, members
from handlers.core.rendering import acknowledge, edit, inline, say
from storage.people import OwnPause

View = tuple[str, InlineKeyboardMarkup | None]


def _choose_view(context: BotContext) -> View:
    t = context.t
    rows = [
        [(t("pause.week_1"), PauseFor("1w").data), (t("pause.weeks_2"), PauseFor("2w").data)],
        [(t("pause.month_1"), PauseFor("1m").data)],
        [(t("pause.until"), OnPause(PauseAct.DATE).data)],
        [(t("pause.open"), PauseFor(OPEN).data)],
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
        [(t("pause.back"), OnPause(PauseAct.BACK).data)],
        [(t("pause.change"), OnPause(PauseAct.NEW).data)],
        [(t(reason), OnPause(PauseAct.REASON).data)],
    ]
    return "\n".join(lines), inline(rows)


@members
async def show_pause(update: Update, context: BotContext) -> None:
    pause = await context.services.own_pause.current(member(context).telegram_id)
    await say(update, context, *(_status_view(context, pause) if pause else _choose_view(context)))


async def _view(update: Update, context: BotContext, button: OnPause | PauseFor) -> View:
    service, uid, tid = context.services.own_pause, update.update_id, member(context).telegram_id
    match button:
        case PauseFor(period=period):
            return _status_view(context, await service.start(uid, tid, service.period_end(period)))
        case OnPause(act=PauseAct.BACK):
            ended = await service.end(uid, tid)
            return context.t("pause.ended" if ended else "pause.not_paused"), None
        case OnPause(act=PauseAct.NEW):
            return _choose_view(context)
        case OnPause(act=act):  # DATE or REASON: the flow waits for it typed
            await service.ask(uid, tid, act.value)
            return context.t(f"pause.type_{act}"), None


@members
async def on_button(update: Update, context: BotContext) -> None:
    """A `pz:` button (bot.people.callbacks)."""
    query = update.callback_query
    button = callbacks.parse_pause(query.data if query is not None else None)
    view = await _view(update, context, button) if button is not None else None
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
        CallbackQueryHandler(on_button, pattern=prefix_pattern(callbacks.PAUSE)),
    ]
