"""Meetings from the invitee's side: RSVP, the calendar file, an agenda point, /overleg."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, InputFile, Update

from bot.consultation import callbacks
from bot.consultation.meeting_texts import invitation, organiser_lines, when_text
from bot.consultation.meetings import ORGANISERS, MeetingView
from bot.telegram.outbox import button
from handlers.core.context import BotContext
from handlers.core.guards import member, members
from handlers.core.rendering import acknowledge, edit, from_outbox, inline, patiently, say


def _view_text(context: BotContext, shown: MeetingView) -> tuple[str, InlineKeyboardMarkup]:
    person = member(context)
    zone = context.services.settings.organisation.zone
    rsvp = shown.invite.rsvp if shown.invite else None
    invited = shown.invite is not None
    text, keyboard = invitation(person.language, shown.meeting, rsvp, zone, invited)
    keyboard = keyboard or []
    if shown.guests or shown.meeting.organiser_id == person.id:
        text += "\n" + "\n".join(
            organiser_lines(person.language, shown.counts, shown.guests, shown.points)
        )
    if not invited:
        keyboard = keyboard[1:]  # the organiser has no RSVP of their own
    if shown.guests or shown.meeting.organiser_id == person.id:  # the organiser or a coordinator
        move = callbacks.MeetingPress("mv", shown.meeting.id).data
        cancel = callbacks.MeetingPress("x", shown.meeting.id).data
        changes = [
            button(context.t("consultation.move_meeting"), move),
            button(context.t("consultation.cancel_meeting"), cancel),
        ]
        keyboard = [*keyboard, changes]
    return text, from_outbox(keyboard)


@members
async def show_meetings(update: Update, context: BotContext) -> None:
    person = member(context)
    found = await context.services.meetings.upcoming(person)
    zone = context.services.settings.organisation.zone
    rows = [
        [
            (
                f"{m.title} · {when_text(person.language, m, zone)}",
                callbacks.MeetingPress("m", m.id).data,
            )
        ]
        for m in found
    ]
    if person.role in ORGANISERS:
        rows.append([(context.t("consultation.plan_new"), callbacks.PlanMeeting().data)])
    title = "consultation.meetings_title" if found else "consultation.meetings_none"
    await say(update, context, context.t(title), inline(rows) if rows else None)


async def on_meeting(update: Update, context: BotContext, press: callbacks.MeetingPress) -> None:
    service, person = context.services.meetings, member(context)
    if press.action == "r":
        shown = await service.rsvp(update.update_id, person, press.meeting_id, press.value)
        await acknowledge(update)
        await edit(update, *_view_text(context, shown))
    elif press.action == "m":
        shown = await service.view(person, press.meeting_id)
        await acknowledge(update)
        await say(update, context, *_view_text(context, shown))
    elif press.action == "x":
        await service.view(person, press.meeting_id)  # only who may see it is asked
        await acknowledge(update)
        sure = callbacks.MeetingPress("xy", press.meeting_id).data
        rows = [[(context.t("consultation.cancel_sure_yes"), sure)]]
        await say(update, context, context.t("consultation.cancel_sure"), inline(rows))
    elif press.action == "xy":
        told = await context.services.meeting_changes.cancel(
            update.update_id, person, press.meeting_id
        )
        await acknowledge(update)
        await edit(update, context.t("consultation.meeting_cancelled_done", count=told))
    elif press.action == "mv":
        await context.services.meeting_changes.ask_move(update.update_id, person, press.meeting_id)
        await acknowledge(update)
        await say(update, context, context.t("consultation.move_ask"))
    elif press.action == "ics":
        document = await service.calendar(person, press.meeting_id)
        await acknowledge(update)
        chat = update.effective_chat
        assert chat is not None
        await patiently(
            lambda: context.bot.send_document(
                chat.id,
                InputFile(document, filename=f"overleg-{press.meeting_id}.ics"),
                caption=context.t("consultation.ics_caption"),
            )
        )
    elif press.action == "p":
        await service.ask_point(update.update_id, person, press.meeting_id)
        await acknowledge(update)
        await say(update, context, context.t("consultation.point_ask"))


async def on_move(update: Update, context: BotContext, text: str) -> None:
    """The typed new moment; one that cannot be is answered and asked again."""
    changes = context.services.meeting_changes
    meeting, told = await changes.move(update.update_id, member(context), text)
    zone = context.services.settings.organisation.zone
    when = when_text(context.language, meeting, zone)
    await say(update, context, context.t("consultation.meeting_moved_done", when=when, count=told))


async def on_point(update: Update, context: BotContext, text: str) -> None:
    await context.services.meetings.add_point(update.update_id, member(context), text)
    await say(update, context, context.t("consultation.point_added"))
