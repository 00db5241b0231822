"""A coordinator makes a shift, step by step (the steps: bot.shifts.draft.DRAFT; the chat side of
every draft: handlers.flows.draft). "Nieuwe dienst" under /diensten opens it."""

from __future__ import annotations

from telegram import Update

from bot.flows.service import Progress
from bot.shifts.draft import DRAFT, made_text
from handlers.core.context import BotContext
from handlers.core.guards import member
from handlers.core.rendering import main_menu, say
from handlers.flows.draft import DraftChat
from storage.people import Role
from storage.shifts import Shift


async def _ended(update: Update, context: BotContext, progress: Progress[list[Shift]]) -> None:
    if progress.cancelled or not progress.result:
        await say(update, context, context.t("shifts.draft_cancelled"), main_menu(member(context)))
        return
    settings = context.services.settings
    await say(update, context, made_text(progress.result, context.language, settings))


NEW_SHIFT = DraftChat(
    DRAFT, lambda services: services.shifts.draft, ended=_ended, roles=(Role.COORDINATOR,)
)
on_text = NEW_SHIFT.on_text


async def new_shift(update: Update, context: BotContext) -> None:
    """Open (or resume) a new shift's draft."""
    flow = await context.services.shifts.draft.start(update.update_id, member(context).telegram_id)
    await say(update, context, context.t("shifts.new_intro"))
    await NEW_SHIFT.show(update, context, flow)
