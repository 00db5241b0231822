"""A volunteer's shifts: /diensten (open shifts that fit), /mijndiensten (their shifts and hours),
and their taps on offers, reminders, held places and swaps. The services check every tap again:
only offers made to them, shifts that fit them and their own sign-ups."""

from __future__ import annotations

from telegram import InputFile, Update

from bot.shifts import volunteer_views as views
from bot.shifts.callbacks import (
    CancelReason,
    OnShift,
    OnSignup,
    OnSwap,
    Reason,
    ShiftAct,
    SignupAct,
    SwapAct,
)
from bot.shifts.volunteer_views import View
from handlers.core.context import BotContext
from handlers.core.guards import member
from handlers.core.rendering import close_buttons, edit, from_outbox, patiently, say


def _markup(view: View):  # type: ignore[no-untyped-def]
    return from_outbox(view[1]) if view[1] else None


async def show(update: Update, context: BotContext, view: View, *, new: bool = False) -> None:
    """A view: in place of the pressed message, or as a new one."""
    if new or update.callback_query is None:
        await say(update, context, view[0], _markup(view))
    else:
        await edit(update, view[0], _markup(view))


async def open_shifts(update: Update, context: BotContext, *, new: bool = True) -> None:
    shifts = await context.services.shifts.reader.open_for(member(context).telegram_id)
    settings = context.services.settings
    await show(update, context, views.open_list(shifts, context.language, settings), new=new)


async def my_shifts(update: Update, context: BotContext, *, new: bool = True) -> None:
    found = await context.services.shifts.reader.mine(member(context).telegram_id)
    settings = context.services.settings
    await show(update, context, views.mine(found, context.language, settings), new=new)


async def calendar_file(update: Update, context: BotContext, shift_id: int | None) -> None:
    """The .ics of one shift, or of all their coming shifts."""
    calendar = context.services.shifts.calendar
    person = member(context)
    if shift_id is None:
        document, name = await calendar.coming(person.telegram_id), "mijn-diensten.ics"
    else:
        document, name = await calendar.one(person.telegram_id, shift_id), f"dienst-{shift_id}.ics"
    chat = update.effective_chat
    assert chat is not None
    await patiently(
        lambda: context.bot.send_document(
            chat.id, InputFile(document, filename=name), caption=context.t("shifts.ics_caption")
        )
    )


async def on_shift(update: Update, context: BotContext, button: OnShift) -> None:
    """A volunteer's act on one shift. Taking a place and cancelling are answered through the
    outbox, in the transaction that does it (bot.shifts.signing): a crash after the commit still
    delivers the answer; here the pressed buttons only go away."""
    shifts, language = context.services.shifts, context.language
    settings, uid, tid = context.services.settings, update.update_id, member(context).telegram_id
    act, shift_id = button.act, button.shift
    if act in (ShiftAct.YES, ShiftAct.JOIN):
        await shifts.signups.take(uid, tid, shift_id, "offer" if act is ShiftAct.YES else "list")
        if act is ShiftAct.YES:
            await close_buttons(update)
    elif act is ShiftAct.NO:
        declined = await shifts.signups.decline(uid, tid, shift_id)
        await show(update, context, views.declined(declined, language, settings))
    elif act is ShiftAct.ICS:
        await calendar_file(update, context, shift_id)
    elif act is ShiftAct.MINE:
        found = await shifts.reader.my_shift(tid, shift_id)
        await show(update, context, views.my_shift(found, language, settings), new=True)
    elif act is ShiftAct.CANCEL:
        late = await shifts.signups.cancel_is_late(tid, shift_id)
        found = await shifts.reader.my_shift(tid, shift_id)
        await show(update, context, views.ask_cancel(found, late, language, settings))
    elif act is ShiftAct.CANCEL_SURE:
        await shifts.signups.cancel(uid, tid, shift_id)
        await close_buttons(update)
    else:
        await _more(update, context, act, shift_id)


async def _more(update: Update, context: BotContext, act: ShiftAct, shift_id: int) -> None:
    shifts, language = context.services.shifts, context.language
    settings, uid, tid = context.services.settings, update.update_id, member(context).telegram_id
    if act is ShiftAct.STILL_COMING:
        shift = await shifts.signups.still_coming(uid, tid, shift_id)
        await show(update, context, views.shift_note(shift, "shifts.see_you", language, settings))
    elif act is ShiftAct.SWAP:
        offered = await shifts.swaps.offer(uid, tid, shift_id)
        await show(update, context, views.swap_asked(offered.asked, offered.shift, language))
    elif act is ShiftAct.WITHDRAW_SWAP:
        shift = await shifts.swaps.withdraw(uid, tid, shift_id)
        note = views.shift_note(shift, "shifts.coming_myself", language, settings)
        await show(update, context, note)


async def on_reason(update: Update, context: BotContext, button: CancelReason) -> None:
    """A late cancellation's reason: a tap, or "typed" (the next text)."""
    signups, uid = context.services.shifts.signups, update.update_id
    tid = member(context).telegram_id
    if button.reason is Reason.OTHER:
        await signups.ask_reason(uid, tid, button.shift)
        await show(update, context, (context.t("shifts.type_reason"), None))
        return
    await signups.cancel(uid, tid, button.shift, context.t(f"shifts.reason_{button.reason}"))
    await close_buttons(update)


async def on_text(update: Update, context: BotContext) -> None:
    """The typed reason of a late cancellation (answered through the outbox)."""
    message = update.effective_message
    assert message is not None
    signups = context.services.shifts.signups
    await signups.cancel_typed(update.update_id, member(context).telegram_id, message.text or "")


async def on_signup(update: Update, context: BotContext, button: OnSignup) -> None:
    """A place held from standby: taken or passed (answered through the outbox)."""
    take = button.act is SignupAct.TAKE_HELD
    signups = context.services.shifts.signups
    await signups.answer_call(update.update_id, member(context).telegram_id, button.signup, take)
    await close_buttons(update)


async def on_swap(update: Update, context: BotContext, button: OnSwap) -> None:
    swaps, uid, tid = context.services.shifts.swaps, update.update_id, member(context).telegram_id
    if button.act is SwapAct.TAKE:
        await swaps.take(uid, tid, button.swap)  # answered through the outbox
        await close_buttons(update)
        return
    shift = await swaps.decline(uid, tid, button.swap)
    view = views.shift_note(
        shift, "shifts.swap_declined", context.language, context.services.settings
    )
    await show(update, context, view)
