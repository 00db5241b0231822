"""Every "co:" button and every typed consultation answer, to the handler of what it is.

Callback data is read by bot.consultation.callbacks (never trusted: anything it did not build
is "button expired"); typed text goes by the step of the person's consultation flow.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.consultation import callbacks
from bot.consultation.followups import CLOSE_STEP
from bot.consultation.meeting_changes import MOVE_STEP
from bot.consultation.meetings import POINT_STEP
from bot.flows.callbacks import prefix_pattern
from bot.telegram import commands
from handlers.consultation import checkins, followups, meetings, pairing, planning, rounds
from handlers.core.context import BotContext
from handlers.core.guards import member, members
from handlers.core.rendering import acknowledge


@members
async def on_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    press = callbacks.parse(query.data if query else None)
    member(context)
    if isinstance(press, callbacks.Answer):
        await checkins.on_answer(update, context, press)
    elif isinstance(press, callbacks.NoNote):
        await checkins.on_no_note(update, context, press)
    elif isinstance(press, callbacks.FollowupCard):
        await followups.on_card(update, context, press)
    elif isinstance(press, callbacks.MeetingPress):
        await meetings.on_meeting(update, context, press)
    elif isinstance(press, callbacks.NewRound):
        await rounds.on_new(update, context, press)
    elif isinstance(press, callbacks.RoundPress):
        await rounds.on_round(update, context, press)
    elif isinstance(press, callbacks.PlanMeeting):
        await planning.start(update, context)
    elif isinstance(press, callbacks.Pick):
        await pairing.on_pick(update, context, press)
    else:
        await acknowledge(update, context.t("common.button_expired"))


@members
async def on_text(update: Update, context: BotContext) -> None:
    """Typed text while a consultation flow waits for it (bot.app.TEXT_FLOWS)."""
    message, flow = update.effective_message, context.flow
    assert message is not None and flow is not None
    text = message.text or ""
    if flow.step == CLOSE_STEP:
        await followups.on_close_note(update, context, text)
    elif flow.step == POINT_STEP:
        await meetings.on_point(update, context, text)
    elif flow.step == MOVE_STEP:
        await meetings.on_move(update, context, text)


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("checkin")), checkins.show_checkin),
        CommandHandler(list(commands.names("followups")), followups.show_followups),
        CommandHandler(list(commands.names("meetings")), meetings.show_meetings),
        CommandHandler(list(commands.names("rounds")), rounds.show_rounds),
        CommandHandler(list(commands.names("contact")), pairing.show_contacts),
        CommandHandler(list(commands.names("buddy")), pairing.show_buddies),
        # The drafts' buttons (co:pm:..., co:nt:...) first: the rest of co: is read below.
        CallbackQueryHandler(planning.PLANNING.on_button, pattern=prefix_pattern(callbacks.PLAN)),
        CallbackQueryHandler(checkins.NOTES.on_button, pattern=prefix_pattern(callbacks.NOTE)),
        CallbackQueryHandler(on_button, pattern=prefix_pattern(callbacks.PREFIX)),
    ]
