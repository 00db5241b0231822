"""Announcements (/bericht): coordinators reach exactly the right people, exactly once, and see
who was reached. See bot.announcements.sending (the fan-out), watch (progress and reports),
follow_up (acknowledgements, reminders, the card), changes (correct, withdraw) and replies."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

from telegram import Bot

from bot.announcements.changes import ChangeService
from bot.announcements.follow_up import FollowUpService
from bot.announcements.replies import ReplyService
from bot.announcements.sending import SendingService
from bot.announcements.watch import Watch
from bot.core.deps import Deps


@dataclass
class Announcements:
    """The feature's services, built once (bot.services); the watcher starts with the bot."""

    deps: Deps
    sending: SendingService
    follow_up: FollowUpService
    changes: ChangeService
    replies: ReplyService
    watch: Watch | None = None
    _task: asyncio.Task[None] | None = field(default=None, repr=False)

    @classmethod
    def build(cls, deps: Deps) -> Announcements:
        return cls(
            deps=deps,
            sending=SendingService(deps),
            follow_up=FollowUpService(deps),
            changes=ChangeService(deps),
            replies=ReplyService(deps),
        )

    def start(self, bot: Bot, background: bool) -> None:
        self.watch = Watch(self.deps, bot)
        if background:
            self._task = asyncio.create_task(self.watch.run(), name="announcement-watch")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
