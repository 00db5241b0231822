"""/opschonen (/purge): coordinators see which closed signals are anonymised next."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot import commands
from bot.context import BotContext
from handlers.guards import for_roles
from handlers.rendering import say
from storage.people import Role


@for_roles(Role.COORDINATOR)
async def show_upcoming(update: Update, context: BotContext) -> None:
    services = context.services
    zone = services.settings.organisation.zone
    t = context.t
    lines = [
        t("retention.title"),
        t("retention.rule", days=services.settings.retention.closed_signals_days),
        "",
    ]
    for window in await services.retention.upcoming():
        if window.count and window.oldest and window.newest:
            lines.append(
                t(
                    "retention.window",
                    days=window.days,
                    count=window.count,
                    oldest=window.oldest.astimezone(zone).strftime("%d-%m-%Y"),
                    newest=window.newest.astimezone(zone).strftime("%d-%m-%Y"),
                )
            )
        else:
            lines.append(t("retention.window_none", days=window.days))
    await say(update, context, "\n".join(lines))


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [CommandHandler(list(commands.names("purge")), show_upcoming)]
