"""Creating invitation codes and the deep links that carry them."""

from __future__ import annotations

import secrets
from datetime import timedelta

from bot.core.deps import Service
from bot.core.errors import InvalidInput, NotAllowed
from bot.telegram.updates import record_update
from storage.invites import Invite, InviteRepository
from storage.people import Person, Role
from storage.updates import MetaRepository

MAX_USES = 1000
MAX_DAYS = 365
USERNAME_KEY = "bot_username"


class InviteService(Service):
    async def create(
        self,
        role: Role,
        wijk: str | None = None,
        uses: int = 1,
        days: int = 14,
        by: Person | None = None,
        update_id: int | None = None,
    ) -> Invite:
        """Make a new code. `by` is None only for the command line (the server's operator)."""
        if by is not None and not (by.role is Role.COORDINATOR and by.active):
            raise NotAllowed("invite")
        if wijk is not None and wijk not in self.settings.organisation.wijken:
            raise InvalidInput("invites.unknown_wijk", wijk=wijk)
        if not 1 <= uses <= MAX_USES:
            raise InvalidInput("invites.bad_uses", limit=MAX_USES)
        if not 1 <= days <= MAX_DAYS:
            raise InvalidInput("invites.bad_days", limit=MAX_DAYS)
        now = self.clock()
        invite = Invite(
            # 96 random bits; URL-safe, so it fits Telegram's deep-link parameter.
            code=secrets.token_urlsafe(12),
            role=role,
            wijk=wijk,
            max_uses=uses,
            uses=0,
            expires_at=now + timedelta(days=days),
            created_by=by.id if by else None,
            created_at=now,
        )
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            await InviteRepository(tx).add(invite)
        return invite

    async def remember_username(self, username: str) -> None:
        async with self.db.transaction() as tx:
            await MetaRepository(tx).set(USERNAME_KEY, username)

    async def link(self, invite: Invite) -> str | None:
        """The t.me deep link, or None when the bot's username is not known yet."""
        async with self.db.read() as tx:
            username = await MetaRepository(tx).get(USERNAME_KEY)
        username = username or self.settings.telegram.username
        return f"https://t.me/{username}?start={invite.code}" if username else None
