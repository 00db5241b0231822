"""Long polling that confirms an update only after its handlers ran.

PTB's Updater confirms a batch as soon as it is queued, so a crash loses whatever was still in
the queue. Here the next getUpdates offset moves past an update only once it is processed; an
update redelivered after a crash is recognised by its stored id and changes nothing twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from typing import Any

from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, TelegramError
from telegram.ext import Application

log = logging.getLogger(__name__)

MAX_BACKOFF = 30.0


class Poller:
    def __init__(
        self, app: Application[Any, Any, Any, Any, Any, Any], timeout: int, allowed: list[str]
    ) -> None:
        self.app = app
        self.timeout = timeout
        self.allowed = allowed
        self.offset: int | None = None

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until `stop` is set. Stopping interrupts only the wait for updates: a batch in
        hand is processed to the end first, so a clean stop never cuts a handler short."""
        backoff = 1.0
        while not stop.is_set():
            try:
                updates = await self._fetch(stop)
            except InvalidToken:
                log.error("Telegram rejected the token; stopping")
                stop.set()
                return
            except (NetworkError, Conflict, TelegramError) as error:
                log.warning(
                    "getUpdates failed (%s); retrying in %.0f s", type(error).__name__, backoff
                )
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), backoff)
                backoff = min(MAX_BACKOFF, backoff * 2)
                continue
            if updates is None:  # stopped while waiting; nothing was fetched
                return
            backoff = 1.0
            if updates:
                await self.process(updates)
                self.offset = updates[-1].update_id + 1

    async def _fetch(self, stop: asyncio.Event) -> tuple[Update, ...] | None:
        """The next updates, or None when `stop` is set before they come."""
        fetch: asyncio.Future[tuple[Update, ...]] = asyncio.ensure_future(
            self.app.bot.get_updates(
                offset=self.offset, timeout=self.timeout, allowed_updates=self.allowed
            )
        )
        stopping: asyncio.Future[Any] = asyncio.ensure_future(stop.wait())
        try:
            await asyncio.wait([fetch, stopping], return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
            if not fetch.done():
                fetch.cancel()
                with contextlib.suppress(asyncio.CancelledError, TelegramError):
                    await fetch
        if fetch.cancelled():
            return None
        return fetch.result()

    async def process(self, updates: tuple[Update, ...] | list[Update]) -> None:
        """Each chat's updates in order; different chats at the same time."""
        by_chat: dict[int, list[Update]] = defaultdict(list)
        for update in updates:
            chat = update.effective_chat
            by_chat[chat.id if chat else 0].append(update)

        async def in_order(batch: list[Update]) -> None:
            for update in batch:
                await self.app.process_update(update)

        await asyncio.gather(*(in_order(batch) for batch in by_chat.values()))

    async def confirm(self) -> None:
        """Tell Telegram the last processed update is done (on a clean stop)."""
        if self.offset is None:
            return
        try:
            await self.app.bot.get_updates(offset=self.offset, timeout=0, limit=1)
        except TelegramError as error:
            log.warning("could not confirm the last updates: %s", type(error).__name__)
