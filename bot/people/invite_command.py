"""`voelspriet invite`: a new invitation code, its deep link and a QR code to scan.

The link needs the bot's username. The bot remembers it each time it starts; before the first
start the command asks Telegram (getMe) with the configured token. Without a token, or without
a network, the code still works typed as `/start CODE`, and the command says why there is no link.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import segno
from telegram import Bot
from telegram.error import InvalidToken, NetworkError

from bot.core.clock import system_clock
from bot.core.config import Settings
from bot.core.deps import Deps
from bot.core.errors import InvalidInput
from bot.core.i18n import t
from bot.people.invites import InviteService
from bot.telegram.http import AiohttpRequest
from storage.invites import Invite
from storage.people import Role


def _note(text: str) -> None:
    print(text, file=sys.stderr)


async def invite(settings: Settings, args: argparse.Namespace, sandbox: bool) -> int:
    """Make the code; `sandbox`: no token and no configuration, so the sandbox's organisation."""
    deps = Deps.build(settings, system_clock)
    await deps.db.open()
    try:
        service = InviteService(deps)
        try:
            made = await service.create(Role(args.role), args.wijk, args.uses, args.expires)
        except InvalidInput as problem:
            _note(t("en", problem.reason, **problem.params))
            if problem.reason == "invites.unknown_wijk":
                _note("known neighbourhoods: " + ", ".join(settings.organisation.wijken))
            return 2
        # The sandbox's bot lives only in the web chat: a t.me link would lead nowhere.
        link = None if sandbox else await _link(service, made, settings)
    finally:
        await deps.db.close()
    _print(made, link, settings.database.path, sandbox)
    return 0


async def _link(service: InviteService, made: Invite, settings: Settings) -> str | None:
    """The deep link; getMe when the username is not known yet. None (said why) without one."""
    link = await service.link(made)
    token = settings.telegram.token
    if link is not None:
        return link
    if token is None:
        _note(
            "no bot token is configured, so the bot's username (for the link) is unknown; "
            "set VOELSPRIET_TELEGRAM__TOKEN or telegram.username"
        )
        return None
    api = settings.telegram.api_url
    try:
        username = await bot_username(token.get_secret_value(), api)
    except InvalidToken:
        _note("telegram: the bot token was rejected; check VOELSPRIET_TELEGRAM__TOKEN")
        return None
    except NetworkError as error:
        _note(
            f"telegram: cannot reach {api} to ask the bot's username ({error.message}), so "
            "there is no link; the code works typed as shown, or run invite again when online"
        )
        return None
    await service.remember_username(username)
    return await service.link(made)


async def bot_username(token: str, api_url: str) -> str:
    """Ask Telegram who the bot is (getMe); the HTTP sessions are closed whatever happens."""
    bot = Bot(
        token,
        base_url=api_url,
        request=AiohttpRequest(),
        get_updates_request=AiohttpRequest(connection_pool_size=1),
    )
    async with bot:
        return bot.username


def _print(made: Invite, link: str | None, database: Path, sandbox: bool) -> None:
    print(f"code: {made.code}")
    if link is not None:
        print(f"link: {link}")
        print("scan to open the link:")
        segno.make(link, error="m").terminal(out=sys.stdout, compact=True)
    else:
        print(f"send to the bot: /start {made.code}")
    if sandbox:
        print(
            "sandbox: run `make run`, add a person without an account in the web chat "
            "and send the line above"
        )
    valid = f"{made.expires_at:%Y-%m-%d %H:%M}"
    print(f"role: {made.role.value}; uses: {made.max_uses}; valid until: {valid} UTC")
    print(f"database: {database}" + (" (the sandbox's)" if sandbox else ""))
