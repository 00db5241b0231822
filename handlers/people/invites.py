"""Coordinators make invitations in chat: role → wijk → number of uses → days valid."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core import i18n
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.guards import for_roles, member
from handlers.core.rendering import acknowledge, callback_parts, edit, in_rows, inline, say
from storage.people import Role

USES = (1, 5, 25)
DAYS = (7, 14, 30)
_ROLE_CODES = {"c": Role.COORDINATOR, "p": Role.PROFESSIONAL, "v": Role.VOLUNTEER}


@for_roles(Role.COORDINATOR)
async def start_invite(update: Update, context: BotContext) -> None:
    buttons = [(context.t(f"roles.{role}"), f"inv:{code}") for code, role in _ROLE_CODES.items()]
    await say(update, context, context.t("invites.choose_role"), inline([buttons]))


@for_roles(Role.COORDINATOR)
async def on_button(update: Update, context: BotContext) -> None:
    """inv:<role>[:<wijk>[:<uses>[:<days>]]]; each part validated, the service checks the role."""
    parts = callback_parts(update, "inv:")
    t = context.t
    wijken = context.services.settings.organisation.wijken
    valid = (
        1 <= len(parts) <= 4
        and parts[0] in _ROLE_CODES
        and (
            len(parts) < 2
            or parts[1] == "-"
            or (parts[1].isdecimal() and int(parts[1]) < len(wijken))
        )
        and (len(parts) < 3 or (parts[2].isdecimal() and int(parts[2]) in USES))
        and (len(parts) < 4 or (parts[3].isdecimal() and int(parts[3]) in DAYS))
    )
    if not valid:
        await acknowledge(update, t("common.button_expired"))
        return
    prefix = "inv:" + ":".join(parts)
    await acknowledge(update)
    if len(parts) == 1:
        buttons = [(name, f"{prefix}:{i}") for i, name in enumerate(wijken)]
        rows = [*in_rows(buttons), [(t("invites.any_wijk"), f"{prefix}:-")]]
        await edit(update, t("invites.choose_wijk"), inline(rows))
    elif len(parts) == 2:
        buttons = [(t("invites.uses", count=n), f"{prefix}:{n}") for n in USES]
        await edit(update, t("invites.choose_uses"), inline([buttons]))
    elif len(parts) == 3:
        buttons = [(t("invites.days", count=n), f"{prefix}:{n}") for n in DAYS]
        await edit(update, t("invites.choose_days"), inline([buttons]))
    else:
        role = _ROLE_CODES[parts[0]]
        wijk = wijken[int(parts[1])] if parts[1] != "-" else None
        invite = await context.services.invites.create(
            role, wijk, int(parts[2]), int(parts[3]), by=member(context), update_id=update.update_id
        )
        link = await context.services.invites.link(invite)
        zone = context.services.settings.organisation.zone
        text = t(
            "invites.created",
            role=t(f"roles.{role}"),
            wijk=wijk or t("invites.any_wijk"),
            uses=invite.max_uses,
            until=invite.expires_at.astimezone(zone).strftime("%d-%m-%Y %H:%M"),
        )
        text += "\n\n" + i18n.raw(
            context.language, "invites.code", code=f"<code>{html.escape(invite.code)}</code>"
        )
        if link:
            text += "\n" + t("invites.link", link=link)
        await edit(update, text)


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("invite")), start_invite),
        MessageHandler(filters.Text(list(i18n.labels("menu.invite"))), start_invite),
        CallbackQueryHandler(on_button, pattern=r"^inv:"),
    ]
