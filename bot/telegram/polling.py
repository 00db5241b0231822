"""Long polling that confirms an update only after its handlers ran, and never stops by surprise.

PTB's Updater confirms a batch as soon as it is queued, so a crash loses whatever was still in
the queue. Here the next getUpdates offset moves past an update only once it is processed; an
update redelivered after a crash is recognised by its stored id and changes nothing twice.

Nothing Telegram sends may stop the loop. The batch is fetched as raw JSON and parsed here: an
update PTB cannot read (a field its version requires and Telegram left out, a type it does not
know) is confirmed, logged by id and kind only, counted and skipped, and the rest of the batch
goes on. Any other surprise starts the next round after a back-off. Only `stop` (or a rejected
token) ends `run`; if it ends otherwise, bot.app.serve raises PollingStopped and bot.cli exits
non-zero, so a supervisor restarts it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, TelegramError
from telegram.ext import Application
from telegram.warnings import PTBUserWarning

log = logging.getLogger(__name__)

FIRST_BACKOFF = 1.0
MAX_BACKOFF = 30.0
# The getUpdates request's own read timeout, added to the long-poll wait (as Bot.get_updates does).
READ_MARGIN = 5.0
KINDS = frozenset(str(kind) for kind in Update.ALL_TYPES)
# The raw getUpdates call goes through do_api_request, which nags when a typed method exists.
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.", category=PTBUserWarning)


class PollingStopped(RuntimeError):
    """The polling loop ended without being asked to: the process must exit and be restarted."""


class Poller:
    def __init__(
        self, app: Application[Any, Any, Any, Any, Any, Any], timeout: int, allowed: list[str]
    ) -> None:
        self.app = app
        self.timeout = timeout
        self.allowed = allowed
        self.offset: int | None = None
        self.skipped = 0  # updates confirmed without being handled (unreadable or failing)
        self.first_backoff = FIRST_BACKOFF

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until `stop` is set. Stopping interrupts only the wait for updates: a batch in
        hand is processed to the end first, so a clean stop never cuts a handler short."""
        backoff = self.first_backoff
        while not stop.is_set():
            try:
                if not await self._round(stop):
                    return  # stopped while waiting; nothing was fetched
                backoff = self.first_backoff
                continue
            except InvalidToken:
                log.error("Telegram rejected the token; stopping")
                raise
            except (NetworkError, Conflict, TelegramError) as error:
                log.warning(
                    "getUpdates failed (%s); retrying in %.0f s", type(error).__name__, backoff
                )
            except Exception as error:
                # Our own defect or a shape nobody foresaw: the traceback names no update content.
                log.error(
                    "polling round failed (%s); again in %.0f s", type(error).__name__, backoff
                )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), backoff)
            backoff = min(MAX_BACKOFF, backoff * 2)

    async def _round(self, stop: asyncio.Event) -> bool:
        """Fetch, parse and process one batch; False when `stop` came first."""
        raw = await self._fetch(stop)
        if raw is None:
            return False
        if raw:
            updates, offset = self.parse(raw)
            await self.process(updates)
            self.offset = offset
        return True

    async def _fetch(self, stop: asyncio.Event) -> list[Any] | None:
        """The next updates as Telegram sent them, or None when `stop` is set before they come."""
        fetch: asyncio.Future[list[Any]] = asyncio.ensure_future(self._get_updates(self.timeout))
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

    async def _get_updates(self, wait: int, limit: int | None = None) -> list[Any]:
        """getUpdates without PTB's parsing: Bot.get_updates fails the whole batch on one update
        it cannot read, and logs the raw batch (names, texts) at CRITICAL when it does."""
        kwargs: dict[str, Any] = {"timeout": wait, "allowed_updates": self.allowed}
        if self.offset is not None:
            kwargs["offset"] = self.offset
        if limit is not None:
            kwargs["limit"] = limit
        result = await self.app.bot.do_api_request(
            "getUpdates", api_kwargs=kwargs, read_timeout=READ_MARGIN + wait
        )
        if not isinstance(result, list):
            raise TypeError(f"getUpdates answered a {type(result).__name__}, not a list")
        return result

    def parse(self, raw: Sequence[Any]) -> tuple[list[Update], int]:
        """The updates PTB can read, and the offset that confirms the whole batch."""
        ids = [item["update_id"] for item in raw if _update_id(item) is not None]
        if not ids:
            raise ValueError("a batch of updates without update ids")
        offset = max(ids) + 1
        try:
            return list(Update.de_list(list(raw), self.app.bot)), offset
        except Exception:
            pass  # one bad update spoils de_list; read them one by one
        updates = []
        for item in raw:
            try:
                update = Update.de_json(item, self.app.bot)
            except Exception as error:
                self._skip(_update_id(item), _kind(item), "unreadable", error)
                continue
            if update is not None:
                updates.append(update)
        return updates, offset

    def _skip(self, update_id: int | None, kind: str, why: str, error: BaseException) -> None:
        """Log an update by id and kind only, never its content (names, texts, phone numbers)."""
        self.skipped += 1
        log.error(
            "update %s (%s) skipped, %s: %s; %d skipped since start",
            update_id,
            kind,
            why,
            type(error).__name__,
            self.skipped,
        )

    async def process(self, updates: Sequence[Update]) -> None:
        """Each chat's updates in order; different chats at the same time."""
        by_chat: dict[int, list[Update]] = defaultdict(list)
        for update in updates:
            by_chat[_chat_id(update)].append(update)

        async def in_order(batch: list[Update]) -> None:
            for update in batch:
                try:
                    await self.app.process_update(update)
                except Exception as error:  # handlers' errors go to the error handler; not these
                    self._skip(update.update_id, _kind_of(update), "failed", error)

        await asyncio.gather(*(in_order(batch) for batch in by_chat.values()))

    async def confirm(self) -> None:
        """Tell Telegram the last processed update is done (on a clean stop)."""
        if self.offset is None:
            return
        try:
            await self._get_updates(wait=0, limit=1)
        except Exception as error:
            log.warning("could not confirm the last updates: %s", type(error).__name__)


def _update_id(item: Any) -> int | None:
    value = item.get("update_id") if isinstance(item, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _kind(item: Any) -> str:
    """The update's type (message, callback_query, …); names Telegram has not defined as such
    are not echoed, since a forged or garbled update could carry anything there."""
    if not isinstance(item, dict):
        return "not an object"
    kinds = [key for key in item if key != "update_id"]
    known = [key for key in kinds if key in KINDS]
    return known[0] if known else ("unknown type" if kinds else "empty")


def _kind_of(update: Update) -> str:
    return next((kind for kind in sorted(KINDS) if getattr(update, kind, None)), "unknown type")


def _chat_id(update: Update) -> int:
    """The chat an update belongs to (0: none), read defensively: it decides only the order."""
    try:
        chat = update.effective_chat
    except Exception:  # an odd update must not hold up the batch; process_update judges it
        return 0
    return chat.id if chat else 0
