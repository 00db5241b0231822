"""Telling the people in charge that something broke, without turning an error storm into spam."""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.core import i18n
from bot.core.clock import Clock
from bot.telegram.outbox import Outbox, Priority
from storage.database import Database

QUIET_SECONDS = 300.0


class ErrorReporter:
    """At most one notice per quiet period; the next one says how many were held back."""

    def __init__(
        self,
        db: Database,
        outbox: Outbox,
        clock: Clock,
        admin_chat_id: int | None,
        admin_language: str = i18n.DEFAULT_LANGUAGE,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
        self.outbox = outbox
        self.clock = clock
        self.admin_chat_id = admin_chat_id
        self.admin_language = admin_language
        self.monotonic = monotonic
        self._last: float | None = None
        self._held_back = 0

    async def report(self, kind: str) -> bool:
        """Queue a notice for `kind` (an exception class name) unless one went out recently."""
        moment = self.monotonic()
        if self._last is not None and moment - self._last < QUIET_SECONDS:
            self._held_back += 1
            return False
        held_back, self._held_back, self._last = self._held_back, 0, moment
        now = self.clock()
        key = f"delivery-notice:error:{now.timestamp():.6f}"

        def notice(language: str) -> str:
            return i18n.t(language, "errors.notice", kind=kind, more=held_back)

        async with self.db.transaction() as tx:
            if self.admin_chat_id is not None:
                text = notice(self.admin_language)
                await self.outbox.message(
                    tx, key, self.admin_chat_id, text, now, priority=Priority.NOTICE
                )
            else:
                await self.outbox.tell_coordinators(tx, key, now, notice)
        return True
