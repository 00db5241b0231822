"""The delivery worker: drains the outbox under Telegram's limits, one row at a time per chat.

- Pacing: a per-chat aiolimiter bucket (private chats ~1/s with a burst of 3, groups 20/min);
  the overall 30/s is PTB's AIORateLimiter on the bot, shared with direct replies.
- 429: the row is rescheduled after `retry_after`; other chats keep flowing.
- Network errors and 5xx: retried with exponential backoff, then failed and reported.
- 403: the person is marked unreachable and their messages are held until they write again.
- A crash between a send and its bookkeeping re-sends that one message after restart
  (at-least-once for the single in-flight row; Telegram offers no idempotency key).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import warnings
from datetime import timedelta

from aiolimiter import AsyncLimiter
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.warnings import PTBUserWarning

from bot.core import i18n
from bot.core.clock import Clock
from bot.core.config import DeliverySettings
from bot.telegram.outbox import EDIT_OF, Outbox
from storage.database import Database
from storage.outbox import GONE_PREFIX, OutboxRepository, OutboxRow
from storage.people import PersonRepository
from storage.questions import QuestionRepository
from storage.signals import SignalRepository

log = logging.getLogger(__name__)

# Rows are replayed through do_api_request, which nags when a typed method exists.
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.", category=PTBUserWarning)

# Notices about delivery problems are never themselves reported, so failures cannot cascade.
NOTICE_PREFIX = "delivery-notice:"
PRIVATE_BURST = 3
IDLE_WAIT = 1.0
# sendPhoto rows that name the signal or question whose stored photo to send.
_PHOTO_KEYS = frozenset({"signal_photo", "question_photo"})


class DeliveryWorker:
    def __init__(
        self,
        db: Database,
        outbox: Outbox,
        bot: Bot,
        settings: DeliverySettings,
        clock: Clock,
        paced: bool = True,
    ) -> None:
        self.db = db
        self.outbox = outbox
        self.bot = bot
        self.settings = settings
        self.clock = clock
        self.paced = paced
        self._limiters: dict[int, AsyncLimiter] = {}
        self._in_flight: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._slots = asyncio.Semaphore(settings.concurrency)
        # Seconds until a chat skipped for want of pacing capacity may send again (None: none).
        self._paced_for: float | None = None
        # Delivered rows waiting to be marked sent, and the task marking them (see _mark_sent).
        self._sent: list[tuple[int, int | None, asyncio.Future[None]]] = []
        self._marking: asyncio.Task[None] | None = None

    async def run(self) -> None:
        """Deliver until cancelled."""
        while True:
            try:
                dispatched = await self.dispatch_due()
            except Exception:
                log.exception("delivery loop failed; retrying")
                dispatched = 0
            if dispatched == 0:
                await self._idle()

    async def drain(self) -> None:
        """Deliver everything that is due now and wait for it (tests and shutdown)."""
        while True:
            dispatched = await self.dispatch_due()
            if self._tasks:
                await asyncio.gather(*list(self._tasks))
            elif dispatched == 0:
                if self._paced_for is None:
                    return
                await asyncio.sleep(self._paced_for)  # due rows wait for their chat's limiter

    async def stop(self) -> None:
        if self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def dispatch_due(self) -> int:
        """Start sending every due row whose chat has capacity; return how many started."""
        free = self.settings.concurrency - len(self._in_flight)
        if free <= 0:
            return 0
        self.outbox.wakeup.clear()
        async with self.db.read() as tx:
            rows = await OutboxRepository(tx).due(self.clock(), free, frozenset(self._in_flight))
        started = 0
        self._paced_for = None
        for row in rows:
            limiter = self._limiter(row.chat_id)
            if limiter is not None and not limiter.has_capacity():
                # At most one unit has to leak out of the bucket before it has room again.
                wait = limiter.time_period / limiter.max_rate
                self._paced_for = min(wait, self._paced_for or wait)
                continue
            await self._slots.acquire()
            self._in_flight.add(row.chat_id)
            task = asyncio.create_task(self._deliver(row, limiter))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            started += 1
        return started

    async def _idle(self) -> None:
        async with self.db.read() as tx:
            next_due = await OutboxRepository(tx).next_due_at()
        wait = IDLE_WAIT
        if next_due is not None:
            wait = min(IDLE_WAIT, max(0.02, (next_due - self.clock()).total_seconds()))
            if self._paced_for is not None:  # due rows wait for their chat's pacing, not the clock
                wait = max(wait, min(IDLE_WAIT, self._paced_for))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.outbox.wakeup.wait(), timeout=wait)

    def _limiter(self, chat_id: int) -> AsyncLimiter | None:
        if not self.paced:
            return None
        limiter = self._limiters.get(chat_id)
        if limiter is None:
            if len(self._limiters) > 5000:
                self._forget_idle_limiters()
            if chat_id < 0:  # groups and channels
                limiter = AsyncLimiter(20, 60)
            else:
                rate = self.settings.per_chat_per_second
                limiter = AsyncLimiter(PRIVATE_BURST, PRIVATE_BURST / rate)
            self._limiters[chat_id] = limiter
        return limiter

    def _forget_idle_limiters(self) -> None:
        for chat_id, limiter in list(self._limiters.items()):
            if chat_id not in self._in_flight and limiter.has_capacity(limiter.max_rate):
                del self._limiters[chat_id]

    async def _deliver(self, row: OutboxRow, limiter: AsyncLimiter | None) -> None:
        try:
            if limiter is not None:
                await limiter.acquire()
            await self._attempt(row)
        except Exception:
            log.exception("delivery of outbox row %s failed unexpectedly", row.id)
        finally:
            self._in_flight.discard(row.chat_id)
            self._slots.release()
            self.outbox.wakeup.set()

    async def _attempt(self, row: OutboxRow) -> None:
        try:
            if row.method == "sendPhoto" and _PHOTO_KEYS & row.payload.keys():
                message_id = await self._send_stored_photo(row)
            elif EDIT_OF in row.payload:
                message_id = await self._edit_earlier(row)
            else:
                result = await self.bot.do_api_request(row.method, api_kwargs=row.payload)
                found = result.get("message_id") if isinstance(result, dict) else None
                message_id = found if isinstance(found, int) else None
        except RetryAfter as error:
            delay = error.retry_after
            seconds = delay.total_seconds() if isinstance(delay, timedelta) else float(delay)
            log.info("outbox row %s: 429, retrying in %.0f s", row.id, seconds)
            await self._reschedule(row, seconds, "429", count=False)
        except Forbidden as error:
            await self._unreachable(row, str(error))
        except BadRequest as error:
            if EDIT_OF in row.payload:  # best effort: the message may be gone or unchanged
                log.info("outbox row %s: edit refused (%s)", row.id, error.message)
                await self._fail(row, f"400: {error.message}", quietly=True)
            else:
                await self._fail(row, f"400: {error.message}")
        except NetworkError as error:  # includes TimedOut and 5xx answers
            if row.attempts + 1 >= self.settings.max_attempts:
                await self._fail(row, f"network: {error.message}")
            else:
                backoff = min(self.settings.max_backoff_seconds, 2.0**row.attempts)
                await self._reschedule(row, backoff * random.uniform(0.8, 1.2), "network", True)
        except TelegramError as error:
            await self._fail(row, f"telegram: {error.message}")
        else:
            if row.key.startswith(GONE_PREFIX):
                await self._forget(row.id)
            else:
                await self._mark_sent(row.id, message_id)

    async def _edit_earlier(self, row: OutboxRow) -> int | None:
        """Replace the message another row delivered (named by its key) with this row's text,
        without buttons. Not its text as sent: the message may have become a card since
        ("Oppakken"). Rows of one chat go out in order, so that message went out before; when
        it was never delivered, or is forgotten already, there is nothing to edit."""
        async with self.db.read() as tx:
            earlier = await OutboxRepository(tx).delivered_message(str(row.payload[EDIT_OF]))
        if earlier is None:
            return None
        message_id, _ = earlier
        # Rows queued before the text replaced the message carry only their line ("append").
        await self.bot.edit_message_text(
            str(row.payload.get("text") or row.payload.get("append", "")),
            chat_id=row.payload["chat_id"],
            message_id=message_id,
            parse_mode=ParseMode.HTML,
        )
        return message_id

    async def _send_stored_photo(self, row: OutboxRow) -> int | None:
        """A signal's or question's photo: the bytes live with it, not in the outbox's JSON
        payload. A photo erased meanwhile (anonymised) is simply not sent."""
        payload = row.payload
        async with self.db.read() as tx:
            if "signal_photo" in payload:
                photo = await SignalRepository(tx).photo(int(payload["signal_photo"]))
            else:
                photo = await QuestionRepository(tx).photo(int(payload["question_photo"]))
        if photo is None:
            return None
        message = await self.bot.send_photo(
            payload["chat_id"], photo=photo, caption=payload.get("caption")
        )
        return message.message_id

    async def _mark_sent(self, row_id: int, message_id: int | None = None) -> None:
        """Record a delivery; return once it is committed (the chat stays busy until then).

        Group commit: rows delivered while a bookkeeping transaction waits or runs go into the
        next one together, so a fast stream costs one transaction per batch, not per message.
        """
        done = asyncio.get_running_loop().create_future()
        self._sent.append((row_id, message_id, done))
        if self._marking is None or self._marking.done():
            self._marking = asyncio.create_task(self._mark_batches())
        await done

    async def _mark_batches(self) -> None:
        while self._sent:
            batch, self._sent = self._sent, []
            try:
                async with self.db.transaction() as tx:
                    sent = [(row_id, message_id) for row_id, message_id, _ in batch]
                    await OutboxRepository(tx).mark_sent_many(sent, self.clock())
            except Exception as error:
                for _, _, done in batch:
                    if not done.done():
                        done.set_exception(error)
            else:
                for _, _, done in batch:
                    if not done.done():
                        done.set_result(None)

    async def _forget(self, row_id: int) -> None:
        """A row about someone who asked to be forgotten keeps no copy once delivered, not even
        in the WAL (see bot.privacy.erasure)."""
        async with self.db.transaction() as tx:
            await OutboxRepository(tx).delete(row_id)
        await self.db.checkpoint()

    async def _reschedule(self, row: OutboxRow, seconds: float, error: str, count: bool) -> None:
        due = self.clock() + timedelta(seconds=seconds)
        async with self.db.transaction() as tx:
            await OutboxRepository(tx).reschedule(row.id, due, error, count)

    async def _unreachable(self, row: OutboxRow, error: str) -> None:
        """403: blocked or deactivated. Hold their messages; tell coordinators once."""
        now = self.clock()
        log.info("outbox row %s: chat unreachable (403)", row.id)
        async with self.db.transaction() as tx:
            outbox = OutboxRepository(tx)
            people = PersonRepository(tx)
            person = await people.by_telegram_id(row.chat_id)
            if person is None:
                await outbox.mark_failed(row.id, f"403: {error}")
                return
            await outbox.hold_chat(row.chat_id)
            if await people.set_reachable(row.chat_id, False):

                def notice(language: str) -> str:
                    role = i18n.t(language, f"roles.{person.role}")
                    return i18n.t(language, "delivery.unreachable", name=person.name, role=role)

                await self.outbox.tell_coordinators(
                    tx, f"{NOTICE_PREFIX}unreachable:{row.id}", now, notice, exclude=person.id
                )

    async def _fail(self, row: OutboxRow, error: str, quietly: bool = False) -> None:
        now = self.clock()
        if not quietly:
            log.warning("outbox row %s failed for good: %s", row.id, error.split(":")[0])
        async with self.db.transaction() as tx:
            await OutboxRepository(tx).mark_failed(row.id, error)
            if quietly or row.key.startswith(NOTICE_PREFIX):
                return
            person = await PersonRepository(tx).by_telegram_id(row.chat_id)
            attempts = row.attempts + 1

            def notice(language: str) -> str:
                who = person.name if person else str(row.chat_id)
                return i18n.t(language, "delivery.failed", name=who, attempts=attempts)

            await self.outbox.tell_coordinators(tx, f"{NOTICE_PREFIX}failed:{row.id}", now, notice)
