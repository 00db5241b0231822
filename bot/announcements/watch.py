"""The watcher: follows announcements while their rows go out, and tells the sender how it went.

Every few seconds it reads the announcements whose sender waits for an operation (`watching`:
'to' sending, 'fix<n>' a correction, 'del' withdrawing; an indexed column, usually none). While
copies go out it edits the sender's status message in place ("verstuurd 420 van 1.000"), at most
every PROGRESS_SECONDS, straight to Telegram: a lost edit is made good by the next. Once no row
of the operation waits any more, ONE transaction marks it done and queues its report through the
outbox (unique key), so the report comes once, also across a crash.

It holds nothing that must survive: after a restart it reads the same state from the database
and goes on. It is no timer of the scheduler because it follows delivery, seconds apart, only
while something is under way; what is due at a moment (a scheduled send, the start of the quiet
hours) is a timer (bot.announcements.timers).
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.announcements import texts
from bot.announcements.follow_up import read_view, standing
from bot.announcements.texts import Removed
from bot.core import i18n
from bot.core.deps import Deps, Service
from bot.telegram.outbox import Keyboard, Priority
from storage.announcement_recipients import RecipientRepository
from storage.announcements import (
    Announcement,
    AnnouncementRepository,
    deletes_of,
    prefix,
    report_key,
    status_key,
)
from storage.database import Transaction
from storage.outbox import OutboxRepository
from storage.people import Person, PersonRepository

log = logging.getLogger(__name__)

PROGRESS_SECONDS = 3.0


class Watch(Service):
    def __init__(self, deps: Deps, bot: Bot) -> None:
        super().__init__(deps)
        self.bot = bot
        self._shown: dict[int, tuple[str, float]] = {}  # status message text, when

    async def run(self) -> None:
        """Follow until cancelled."""
        while True:
            try:
                await self.check()
            except Exception:
                log.exception("announcement watch failed; trying again")
            await asyncio.sleep(PROGRESS_SECONDS)

    async def check(self) -> int:
        """One look at everything under way; returns how many operations it reported done."""
        async with self.db.read() as tx:
            watched = await AnnouncementRepository(tx).watched()
        done = 0
        for announcement in watched:
            done += await self._follow(announcement)
        return done

    async def _follow(self, announcement: Announcement) -> int:
        operation = announcement.watching
        assert operation is not None
        async with self.db.read() as tx:
            tally = await OutboxRepository(tx).tally(prefix(announcement.id, operation))
        if tally.get("pending", 0):
            if operation == "to":
                await self._progress(announcement)
            return 0
        async with self.db.transaction() as tx:
            fresh = await AnnouncementRepository(tx).by_id(announcement.id)
            if fresh is None or fresh.watching != operation:
                return 0  # reported by another pass, or another operation began meanwhile
            await self._report(tx, fresh, operation)
        if operation == "to":
            await self._progress(announcement, final=True)
        return 1

    async def _report(self, tx: Transaction, announcement: Announcement, operation: str) -> None:
        now = self.clock()
        repository = AnnouncementRepository(tx)
        await repository.watch(announcement.id, None)
        if operation == "to":
            await repository.finished(announcement.id, now)
            await RecipientRepository(tx).keep_message_ids(announcement.id)
            announcement = await repository.by_id(announcement.id) or announcement
        sender = await PersonRepository(tx).by_id(announcement.sender_id or 0)
        if sender is None:
            return
        text, keyboard = await self._report_text(tx, announcement, operation, sender, now)
        key = report_key(announcement.id, operation)
        await self.outbox.message(
            tx, key, sender.telegram_id, text, now, keyboard, priority=Priority.NOTICE
        )

    async def _report_text(
        self,
        tx: Transaction,
        announcement: Announcement,
        operation: str,
        sender: Person,
        now: datetime,
    ) -> tuple[str, Keyboard | None]:
        language, reference = sender.language, announcement.reference
        if operation == "to":
            view = await read_view(tx, announcement, language, self.settings, now)
            zone = self.settings.organisation.zone
            text = texts.card(
                language, announcement, view.audience, view.standing, view.acks, zone, now
            )
            return text, texts.card_buttons(language, announcement, view.standing, view.acks)
        outbox = OutboxRepository(tx)
        tally = await outbox.tally(prefix(announcement.id, operation))
        if operation.startswith("fix"):
            failed = tally.get("failed", 0) + tally.get("unreachable", 0)
            return texts.corrected(language, reference, tally.get("sent", 0), failed), None
        stopped = (await outbox.tally(prefix(announcement.id, "to"))).get("withdrawn", 0)
        reminders = (await outbox.tally(deletes_of(announcement.id, "remind"))).get("sent", 0)
        recipients = RecipientRepository(tx)
        shown = Removed(
            tally.get("sent", 0) - reminders, await recipients.still_there(announcement.id)
        )
        reminded = Removed(reminders, await recipients.still_there(announcement.id, "remind"))
        return texts.withdrawn(language, reference, shown, stopped, reminded), None

    async def _progress(self, announcement: Announcement, final: bool = False) -> None:
        """Edit the sender's status message to the count now, unless it was edited moments ago
        (or shows this already)."""
        async with self.db.read() as tx:
            message = await OutboxRepository(tx).delivered_message(status_key(announcement.id))
            sender = await PersonRepository(tx).by_id(announcement.sender_id or 0)
            now_standing = await standing(tx, announcement.id, self.clock())
        if message is None or sender is None:
            return
        shown, at = self._shown.get(announcement.id, ("", 0.0))
        if not final and time.monotonic() - at < PROGRESS_SECONDS:
            return
        paused = now_standing.paused_until
        until = (
            paused.astimezone(self.settings.organisation.zone).strftime("%H:%M")
            if paused is not None
            else None
        )
        text = texts.progress(
            sender.language,
            announcement.reference,
            now_standing.delivered,  # the unreachable and failed are the report's
            announcement.recipients,
            until,
        )
        if final:
            text += "\n" + i18n.t(sender.language, "announcements.progress_done")
        if text == shown:
            return
        self._shown[announcement.id] = (text, time.monotonic())
        if final:
            self._shown.pop(announcement.id, None)
        try:
            await self.bot.edit_message_text(
                text, chat_id=sender.telegram_id, message_id=message[0], parse_mode=ParseMode.HTML
            )
        except TelegramError as error:  # the next pass tries again; the report comes anyway
            log.info("status of announcement %s not edited: %s", announcement.id, error.message)
