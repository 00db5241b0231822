"""/opschonen (/purge): coordinators see which signals and questions are anonymised next."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.privacy.anonymise import Due
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.guards import for_roles
from handlers.core.rendering import say
from storage.people import Role


@for_roles(Role.COORDINATOR)
async def show_upcoming(update: Update, context: BotContext) -> None:
    services = context.services
    zone = services.settings.organisation.zone
    days = services.settings.retention
    t = context.t
    lines = [
        t("retention.title"),
        t("retention.rule", count=days.closed_signals_days),
        t("retention.rule_questions", count=days.finished_questions_days),
    ]
    for window in await services.retention.upcoming():
        lines += [
            "",
            t("retention.window", days=window.days),
            _due_line(context, window.signals, zone, "retention.window_signals"),
            _due_line(context, window.questions, zone, "retention.window_questions"),
        ]
    await say(update, context, "\n".join(lines))


def _due_line(context: BotContext, due: Due, zone: ZoneInfo, key: str) -> str:
    """`key` with how many are due and between which dates; `key` + "_none" when none are."""
    if not (due.count and due.oldest and due.newest):
        return context.t(key + "_none")
    return context.t(
        key,
        count=due.count,
        oldest=due.oldest.astimezone(zone).strftime("%d-%m-%Y"),
        newest=due.newest.astimezone(zone).strftime("%d-%m-%Y"),
    )


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [CommandHandler(list(commands.names("purge")), show_upcoming)]
