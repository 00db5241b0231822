"""A volunteer's check-in: the taps, the note (typed, through the privacy guard) and /checkin."""

from __future__ import annotations

from telegram import Update

from bot.consultation import callbacks
from bot.consultation.note_draft import DRAFT, Noted
from bot.flows.service import Progress
from handlers.core.context import BotContext
from handlers.core.guards import member, members
from handlers.core.rendering import acknowledge, edit, edit_message, from_outbox, say
from handlers.flows.choices import typed_choice
from handlers.flows.draft import DraftChat


async def on_answer(update: Update, context: BotContext, press: callbacks.Answer) -> None:
    query = update.callback_query
    message_id = query.message.message_id if query is not None and query.message else None
    shown = await context.services.checkins.answer(
        update.update_id,
        member(context),
        press.checkin_id,
        press.question,
        press.answer,
        message_id,
    )
    await acknowledge(update)
    text, keyboard = shown.view
    await edit(update, text, from_outbox(keyboard) if keyboard else None)


async def on_typed_answer(update: Update, context: BotContext) -> bool:
    """Text outside any flow that names one button of the open check-in's question ("te
    veel") counts as tapping it, as in the drafts (handlers.flows.choices). False otherwise."""
    person, message = context.person, update.effective_message
    if person is None or message is None:
        return False
    shown = await context.services.checkins.open_question(person)
    keyboard = shown.view[1] if shown is not None else None
    data = typed_choice(message.text or "", from_outbox(keyboard) if keyboard else None)
    press = callbacks.parse(data)
    if not isinstance(press, callbacks.Answer):
        return False
    answered = await context.services.checkins.answer(
        update.update_id, person, press.checkin_id, press.question, press.answer
    )
    text, keyboard = answered.view
    sent = await say(update, context, text, from_outbox(keyboard) if keyboard else None)
    await context.services.checkins.remember_message(person, answered.checkin.id, sent.message_id)
    return True


async def on_no_note(update: Update, context: BotContext, press: callbacks.NoNote) -> None:
    shown = await context.services.checkins.skip_note(
        update.update_id, member(context), press.checkin_id
    )
    await acknowledge(update)
    text, keyboard = shown.view
    await edit(update, text, from_outbox(keyboard) if keyboard else None)


@members
async def show_checkin(update: Update, context: BotContext) -> None:
    """The person's open check-in again, to answer it now."""
    shown = await context.services.checkins.current(member(context))
    if shown is None:
        await say(update, context, context.t("consultation.no_open_checkin"))
        return
    text, keyboard = shown.view
    sent = await say(update, context, text, from_outbox(keyboard) if keyboard else None)
    await context.services.checkins.remember_message(
        member(context), shown.checkin.id, sent.message_id
    )


async def _ended(update: Update, context: BotContext, progress: Progress[Noted]) -> None:
    """The note sent: the check-in shows finished (where it showed, and once more here)."""
    if progress.cancelled or progress.result is None:
        await say(update, context, context.t("consultation.note_stopped"))
        return
    text, _ = progress.result.shown.view
    chat = update.effective_chat
    if progress.result.message_id is not None and chat is not None:
        await edit_message(context, chat.id, progress.result.message_id, text)
    await say(update, context, thanks_line(text))


def thanks_line(text: str) -> str:
    """The last paragraph of a finished check-in: the thanks and who will be in touch."""
    return text.rsplit("\n\n", 1)[-1]


NOTES = DraftChat(DRAFT, lambda services: services.checkin_notes, ended=_ended)
on_note = NOTES.on_text
