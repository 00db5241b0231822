"""A coordinator's shifts: the coverage of the coming two weeks, a shift's card, offering it again,
assigning (with a reason above the maximum), changing and cancelling it, its history, and who
came. Only coordinators pass the services' checks, whatever the button said."""

from __future__ import annotations

from telegram import Update

from bot.shifts import coordinator_views as views
from bot.shifts.assigning import AboveMaximum
from bot.shifts.callbacks import (
    AssignList,
    AssignTo,
    CancelShift,
    Change,
    OnShift,
    OnSignup,
    ShiftAct,
)
from bot.shifts.coordinator_views import View
from handlers.core.context import BotContext
from handlers.core.guards import member
from handlers.core.rendering import close_buttons, edit, from_outbox, say

CARD_ACTS = frozenset(
    {
        ShiftAct.CARD,
        ShiftAct.OFFER_AGAIN,
        ShiftAct.HISTORY,
        ShiftAct.ATTENDANCE,
        ShiftAct.ATTENDANCE_DONE,
        ShiftAct.EDIT,
        ShiftAct.CANCEL_SHIFT,
    }
)


async def show(update: Update, context: BotContext, view: View, *, new: bool = False) -> None:
    markup = from_outbox(view[1]) if view[1] else None
    if new or update.callback_query is None:
        await say(update, context, view[0], markup)
    else:
        await edit(update, view[0], markup)


async def coverage(update: Update, context: BotContext, *, new: bool = True) -> None:
    found = await context.services.shifts.reader.coverage(member(context).telegram_id)
    settings = context.services.settings
    await show(update, context, views.coverage(found, context.language, settings), new=new)


async def card(update: Update, context: BotContext, shift_id: int, *, new: bool = False) -> None:
    services = context.services
    found = await services.shifts.reader.card(
        member(context).telegram_id, shift_id, context.language
    )
    started = found.coverage.shift.starts_at <= services.clock()
    view = views.card(found, context.language, services.settings, started)
    await show(update, context, view, new=new)


async def on_shift(update: Update, context: BotContext, button: OnShift) -> None:
    shifts, settings, language = (
        context.services.shifts,
        context.services.settings,
        context.language,
    )
    uid, tid, shift_id = update.update_id, member(context).telegram_id, button.shift
    act = button.act
    if act is ShiftAct.CARD:
        await card(update, context, shift_id, new=True)
    elif act is ShiftAct.OFFER_AGAIN:
        asked = await shifts.assign.offer_now(uid, tid, shift_id)
        key = "shifts.offered_again" if asked else "shifts.offered_nobody"
        await say(update, context, context.t(key, count=asked))
    elif act is ShiftAct.HISTORY:
        found = await shifts.reader.card(tid, shift_id, language)
        await show(update, context, views.history(found, language, settings))
    elif act is ShiftAct.ATTENDANCE:
        attendance = await shifts.assign.attendance(tid, shift_id)
        view = views.attendance(attendance.shift, attendance.people, language, settings)
        await show(update, context, view)
    elif act is ShiftAct.ATTENDANCE_DONE:
        await close_buttons(update)
        await say(update, context, context.t("shifts.attendance_saved"))
    elif act is ShiftAct.EDIT:
        found = await shifts.reader.card(tid, shift_id, language)
        await show(update, context, views.edit_menu(found.coverage.shift, language, settings))
    elif act is ShiftAct.CANCEL_SHIFT:
        found = await shifts.reader.card(tid, shift_id, language)
        await show(
            update, context, views.ask_cancel_shift(found.coverage.shift, language, settings)
        )


async def on_toggle(update: Update, context: BotContext, button: OnSignup) -> None:
    """Present becomes absent and back."""
    attendance = await context.services.shifts.assign.mark(
        update.update_id, member(context).telegram_id, button.signup
    )
    view = views.attendance(
        attendance.shift, attendance.people, context.language, context.services.settings
    )
    await show(update, context, view)


async def on_assign_list(update: Update, context: BotContext, button: AssignList) -> None:
    shift, people, more = await context.services.shifts.reader.assignable(
        member(context).telegram_id, button.shift, button.page
    )
    view = views.assign_list(
        shift, people, more, button.page, context.language, context.services.settings
    )
    await show(update, context, view)


async def on_assign(update: Update, context: BotContext, button: AssignTo) -> None:
    assign, uid, tid = context.services.shifts.assign, update.update_id, member(context).telegram_id
    if button.over:
        volunteer = await assign.ask_override(uid, tid, button.shift, button.person)
        await show(update, context, (context.t("shifts.type_override", name=volunteer.name), None))
        return
    try:
        shift, volunteer = await assign.assign(uid, tid, button.shift, button.person)
    except AboveMaximum as refused:
        text = context.t(refused.reason, **refused.params)
        await show(update, context, views.above_maximum(button, text, context.language))
        return
    await _assigned(update, context, shift.id, volunteer.name)


async def _assigned(update: Update, context: BotContext, shift_id: int, name: str) -> None:
    await say(update, context, context.t("shifts.assigned_done", name=name))
    await card(update, context, shift_id, new=True)


async def on_change(update: Update, context: BotContext, button: Change) -> None:
    await context.services.shifts.changes.ask_change(
        update.update_id, member(context).telegram_id, button.shift, button.field
    )
    await show(update, context, (context.t(f"shifts.type_{button.field}"), None))


async def on_cancel_shift(update: Update, context: BotContext, button: CancelShift) -> None:
    gone = await context.services.shifts.changes.cancel(
        update.update_id, member(context).telegram_id, button.shift, button.rest
    )
    await show(update, context, (context.t("shifts.shift_cancelled", count=len(gone)), None))


async def on_text(update: Update, context: BotContext, step: str) -> None:
    """A typed reason to assign above the maximum, or a changed field."""
    message = update.effective_message
    assert message is not None
    shifts, uid, tid = context.services.shifts, update.update_id, member(context).telegram_id
    if step == "override":
        shift, volunteer = await shifts.assign.assign_typed(uid, tid, message.text or "")
        await _assigned(update, context, shift.id, volunteer.name)
        return
    shift = await shifts.changes.change_typed(uid, tid, message.text or "")
    await say(update, context, context.t("shifts.changed_done"))
    await card(update, context, shift.id, new=True)
