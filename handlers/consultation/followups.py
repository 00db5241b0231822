"""/opvolging: a professional's follow-ups on worrying check-ins (coordinators: all); closing
one with a short note."""

from __future__ import annotations

from telegram import Update

from bot.consultation import callbacks
from bot.consultation.followups import Card
from bot.consultation.texts import close_keyboard, reasons_text
from handlers.core.context import BotContext
from handlers.core.guards import for_roles, member
from handlers.core.rendering import acknowledge, from_outbox, inline, say
from storage.people import Role

STAFF = (Role.PROFESSIONAL, Role.COORDINATOR)


def _line(context: BotContext, card: Card) -> str:
    zone = context.services.settings.organisation.zone
    due = card.followup.due_at.astimezone(zone)
    late = context.t("consultation.late") if card.followup.due_at < context.services.clock() else ""
    name = card.volunteer.name if card.volunteer else "—"
    wijk = (card.volunteer.wijk if card.volunteer else None) or "—"
    return context.t(
        "consultation.followup_line", name=name, wijk=wijk, due=f"{due:%d-%m %H:%M}", late=late
    )


@for_roles(*STAFF)
async def show_followups(update: Update, context: BotContext) -> None:
    cards = await context.services.followups.open_list(member(context))
    if not cards:
        await say(update, context, context.t("consultation.followups_none"))
        return
    lines = [context.t("consultation.followups_title")]
    rows = []
    for card in cards:
        lines.append(_line(context, card))
        label = card.volunteer.name if card.volunteer else f"#{card.followup.id}"
        rows.append([(label, callbacks.FollowupCard(card.followup.id).data)])
    await say(update, context, "\n".join(lines), inline(rows))


async def on_card(update: Update, context: BotContext, press: callbacks.FollowupCard) -> None:
    person = member(context)
    if press.close:
        card = await context.services.followups.ask_close(
            update.update_id, person, press.followup_id
        )
        await acknowledge(update)
        await say(update, context, context.t("consultation.close_ask"))
        return
    card = await context.services.followups.card(person, press.followup_id)
    await acknowledge(update)
    text = "\n".join([_line(context, card), reasons_text(person.language, card.checkin)])
    keyboard = close_keyboard(person.language, card.followup.id) if card.followup.open else None
    await say(update, context, text, from_outbox(keyboard) if keyboard else None)


async def on_close_note(update: Update, context: BotContext, text: str) -> None:
    await context.services.followups.close(update.update_id, member(context), text)
    await say(update, context, context.t("consultation.closed"))
