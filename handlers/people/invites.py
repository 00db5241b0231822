"""Coordinators make invitations in chat: role → wijk → number of uses → days valid."""

from __future__ import annotations

import html
from dataclasses import replace

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core import i18n
from bot.flows.callbacks import number, prefix_pattern
from bot.people import callbacks
from bot.people.callbacks import NONE, Invite
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.guards import for_roles, member
from handlers.core.rendering import acknowledge, edit, in_rows, inline, say
from storage.people import Role

USES = (1, 5, 25)
DAYS = (7, 14, 30)
_ROLE_CODES = {"c": Role.COORDINATOR, "p": Role.PROFESSIONAL, "v": Role.VOLUNTEER}


@for_roles(Role.COORDINATOR)
async def start_invite(update: Update, context: BotContext) -> None:
    buttons = [
        (context.t(f"roles.{role}"), Invite(code).data) for code, role in _ROLE_CODES.items()
    ]
    await say(update, context, context.t("invites.choose_role"), inline([buttons]))


def _valid(invite: Invite | None, wijk_count: int) -> bool:
    if invite is None or invite.role not in _ROLE_CODES:
        return False
    wijk = number(invite.wijk) if invite.wijk not in (None, NONE) else None
    return (
        (wijk is None or wijk < wijk_count)
        and (invite.uses is None or invite.uses in USES)
        and (invite.days is None or invite.days in DAYS)
    )


@for_roles(Role.COORDINATOR)
async def on_button(update: Update, context: BotContext) -> None:
    """The invitation so far (bot.people.callbacks.Invite): ask the next choice, or make it.
    Each part is validated; the service checks the role again."""
    query = update.callback_query
    invite = callbacks.parse_invite(query.data if query is not None else None)
    t = context.t
    wijken = context.services.settings.organisation.wijken
    if invite is None or not _valid(invite, len(wijken)):
        await acknowledge(update, t("common.button_expired"))
        return
    await acknowledge(update)
    if invite.wijk is None:
        buttons = [(name, replace(invite, wijk=str(i)).data) for i, name in enumerate(wijken)]
        rows = [*in_rows(buttons), [(t("invites.any_wijk"), replace(invite, wijk=NONE).data)]]
        await edit(update, t("invites.choose_wijk"), inline(rows))
    elif invite.uses is None:
        buttons = [(t("invites.uses", count=n), replace(invite, uses=n).data) for n in USES]
        await edit(update, t("invites.choose_uses"), inline([buttons]))
    elif invite.days is None:
        buttons = [(t("invites.days", count=n), replace(invite, days=n).data) for n in DAYS]
        await edit(update, t("invites.choose_days"), inline([buttons]))
    else:
        await _create(update, context, invite, invite.uses, invite.days)


async def _create(
    update: Update, context: BotContext, invite: Invite, uses: int, days: int
) -> None:
    t, wijken = context.t, context.services.settings.organisation.wijken
    role = _ROLE_CODES[invite.role]
    wijk = wijken[int(invite.wijk)] if invite.wijk not in (None, NONE) else None
    made = await context.services.invites.create(
        role, wijk, uses, days, by=member(context), update_id=update.update_id
    )
    link = await context.services.invites.link(made)
    zone = context.services.settings.organisation.zone
    text = t(
        "invites.created",
        role=t(f"roles.{role}"),
        wijk=wijk or t("invites.any_wijk"),
        uses=made.max_uses,
        until=made.expires_at.astimezone(zone).strftime("%d-%m-%Y %H:%M"),
    )
    text += "\n\n" + i18n.raw(
        context.language, "invites.code", code=f"<code>{html.escape(made.code)}</code>"
    )
    if link:
        text += "\n" + t("invites.link", link=link)
    await edit(update, text)


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("invite")), start_invite),
        MessageHandler(filters.Text(list(i18n.labels("menu.invite"))), start_invite),
        CallbackQueryHandler(on_button, pattern=prefix_pattern(callbacks.INVITE)),
    ]
