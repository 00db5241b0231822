"""Announcements (/bericht): coordinators reach exactly the right people, exactly once, and see
who was reached. See bot.announcements.sending (the fan-out), watch (progress and reports),
follow_up (acknowledgements, reminders, the card), changes (correct, withdraw) and replies."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

from telegram import Bot

from bot.announcements.changes import ChangeService
from bot.announcements.compose import ComposeService
from bot.announcements.correcting import CorrectionService
from bot.announcements.follow_up import FollowUpService
from bot.announcements.replies import ReplyService
from bot.announcements.sending import SendingService
from bot.announcements.watch import Watch
from bot.core.deps import Deps
from bot.privacy.known_people import KnownPeople


@dataclass
class Announcements:
    """The feature's services, built once (bot.services); the watcher starts with the bot."""

    deps: Deps
    sending: SendingService
    compose: ComposeService
    correction: CorrectionService
    follow_up: FollowUpService
    changes: ChangeService
    replies: ReplyService
    watch: Watch | None = None
    _task: asyncio.Task[None] | None = field(default=None, repr=False)

    @classmethod
    def build(cls, deps: Deps, known_people: KnownPeople) -> Announcements:
        sending, changes = SendingService(deps), ChangeService(deps)
        return cls(
            deps=deps,
            sending=sending,
            compose=ComposeService(deps, known_people, sending),
            correction=CorrectionService(deps, known_people, changes),
            follow_up=FollowUpService(deps),
            changes=changes,
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
