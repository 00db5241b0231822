"""/signaal: a volunteer reports a signal, step by step (the steps: bot.signals.report.DRAFT;
the chat side of every draft: handlers.flows.draft), and /mijnsignalen: the signals they
reported, with their status."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core import i18n
from bot.flows.callbacks import prefix_pattern
from bot.flows.service import Progress
from bot.signals import callbacks
from bot.signals import texts as signal_texts
from bot.signals.report import DRAFT
from bot.signals.report import URGENCY as URGENCY_STEP
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.guards import for_roles, member
from handlers.core.rendering import main_menu, say
from handlers.flows.draft import DraftChat
from storage.flows import Flow
from storage.people import Role
from storage.signals import Signal


async def _ended(update: Update, context: BotContext, progress: Progress[Signal]) -> None:
    if progress.cancelled:
        await say(update, context, context.t("signals.cancelled"), main_menu(member(context)))
    # After sending, the receipt (reference and promise) arrives through the outbox.


async def _before_next(update: Update, context: BotContext, before: Flow, after: Flow) -> None:
    """ "Vandaag nog" chosen: the safety line again, before the next question."""
    if before.step == URGENCY_STEP and after.data.get("urgency") == "today":
        await say(update, context, signal_texts.safety(context.language))


REPORT = DraftChat(
    DRAFT,
    lambda services: services.signals,
    ended=_ended,
    before_next=_before_next,
    roles=(Role.VOLUNTEER,),
)
on_text, on_photo, on_location = REPORT.on_text, REPORT.on_photo, REPORT.on_location


@for_roles(Role.VOLUNTEER)
async def report(update: Update, context: BotContext) -> None:
    """Open (or resume) a report, with the safety line first."""
    flow = await context.services.signals.start(update.update_id, member(context))
    safety = signal_texts.safety(context.language)
    await say(update, context, context.t("signals.intro") + "\n\n" + safety)
    await REPORT.show(update, context, flow)


@for_roles(Role.VOLUNTEER)
async def my_signals(update: Update, context: BotContext) -> None:
    """The volunteer's own signals and their status; no case details beyond their own words."""
    person = member(context)
    signals = await context.services.signals.mine(person)
    if not signals:
        await say(update, context, context.t("signals.mine_none"))
        return
    settings = context.services.settings
    lines = [signal_texts.my_signal_line(s, settings, context.language) for s in signals]
    await say(update, context, context.t("signals.mine_title") + "\n\n" + "\n".join(lines))


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("report")), report),
        MessageHandler(filters.Text(list(i18n.labels("menu.report"))), report),
        CommandHandler(list(commands.names("mysignals")), my_signals),
        MessageHandler(filters.Text(list(i18n.labels("menu.mysignals"))), my_signals),
        CallbackQueryHandler(
            for_roles(Role.VOLUNTEER)(REPORT.on_button), pattern=prefix_pattern(callbacks.REPORT)
        ),
        MessageHandler(filters.LOCATION, on_location),
    ]
