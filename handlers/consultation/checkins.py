"""A volunteer's check-in: the taps, the note (typed, through the privacy guard) and /checkin."""

from __future__ import annotations

from telegram import Update

from bot.consultation import callbacks
from bot.privacy.texts import kinds
from handlers.core.context import BotContext
from handlers.core.guards import member, members
from handlers.core.rendering import acknowledge, edit, from_outbox, inline, say


async def on_answer(update: Update, context: BotContext, press: callbacks.Answer) -> None:
    shown = await context.services.checkins.answer(
        update.update_id, member(context), press.checkin_id, press.question, press.answer
    )
    await acknowledge(update)
    text, keyboard = shown.view
    await edit(update, text, from_outbox(keyboard) if keyboard else None)


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
    await say(update, context, text, from_outbox(keyboard) if keyboard else None)


async def on_note(update: Update, context: BotContext, text: str) -> None:
    """The typed note; with identifying data it waits for a rewrite or "send anyway"."""
    flow = context.flow
    service, person = context.services.checkins, member(context)
    if flow is not None and flow.data.get("keeping"):
        shown = await service.keep_note(update.update_id, person, text)
    else:
        shown = await service.note(update.update_id, person, text)
    if shown.findings:
        found = kinds(list(shown.findings), person.language)
        warning = context.t("consultation.note_privacy", kinds=found)
        keep = inline([[(context.t("consultation.note_keep"), callbacks.KeepNote().data)]])
        await say(update, context, warning, keep)
        return
    view_text, keyboard = shown.view
    await say(update, context, view_text, from_outbox(keyboard) if keyboard else None)


async def on_keep(update: Update, context: BotContext) -> None:
    """ "Toch versturen": ask for the reason, which sends the note."""
    await context.services.checkins.ask_keep_reason(update.update_id, member(context))
    await acknowledge(update)
    await edit(update, context.t("consultation.note_keep_reason"))
