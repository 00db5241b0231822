"""After an announcement went: "Gelezen 👍", the sender's card and list, the names of who was
missed, the one reminder, and cancelling a scheduled one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from bot.announcements import copies, timers
from bot.announcements.access import check_handle, fixed_audience
from bot.announcements.sending import sender_name
from bot.announcements.texts import Standing
from bot.core import i18n
from bot.core.config import Settings
from bot.core.deps import Service
from bot.core.errors import InvalidInput, NotAllowed
from bot.people import audiences
from bot.people.audiences import Audience
from bot.telegram.updates import record_update
from storage.announcement_recipients import Acknowledgements, RecipientRepository
from storage.announcements import (
    Announcement,
    AnnouncementRepository,
    State,
    prefix,
    row_key,
)
from storage.database import Transaction
from storage.outbox import NewRow, OutboxRepository
from storage.people import PersonRepository

LISTED = 8


class Read(Enum):
    """What a "Gelezen 👍" press did."""

    THANKS = "thanks"
    AGAIN = "again"  # pressed before
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class View:
    """An announcement as its card shows it."""

    announcement: Announcement
    audience: str  # in words, in the reader's language
    standing: Standing
    acks: Acknowledgements


@dataclass(frozen=True)
class Missed:
    name: str
    wijk: str | None
    role: str
    why: str  # "unreachable" or "failed"; "unread" for who got it and did not read it yet


async def standing(tx: Transaction, announcement_id: int, now: datetime) -> Standing:
    """Where its copies stand now; paused when the first waiting one is due later."""
    outbox = OutboxRepository(tx)
    copies_prefix = prefix(announcement_id, "to")
    next_due = await outbox.next_due_of(copies_prefix)
    paused = next_due if next_due is not None and next_due > now else None
    return Standing.of(await outbox.tally(copies_prefix), paused)


async def read_view(
    tx: Transaction, announcement: Announcement, language: str, settings: Settings, now: datetime
) -> View:
    acks = await RecipientRepository(tx).acknowledgements(announcement.id)
    audience = audiences.describe(Audience.from_json(announcement.audience), language, settings)
    return View(announcement, audience, await standing(tx, announcement.id, now), acks)


async def _handler(tx: Transaction, telegram_id: int, announcement_id: int) -> Announcement:
    person = await PersonRepository(tx).by_telegram_id(telegram_id)
    announcement = await AnnouncementRepository(tx).by_id(announcement_id)
    return check_handle(person, announcement)


class FollowUpService(Service):
    async def acknowledge(
        self, update_id: int | None, telegram_id: int, announcement_id: int
    ) -> Read:
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            person = await PersonRepository(tx).by_telegram_id(telegram_id)
            repository = AnnouncementRepository(tx)
            announcement = await repository.by_id(announcement_id)
            if person is None or announcement is None:
                raise InvalidInput("common.button_expired")
            recipients = RecipientRepository(tx)
            if not await recipients.includes(announcement_id, person.id):
                raise NotAllowed("acknowledge")
            if announcement.status is State.WITHDRAWN:
                return Read.WITHDRAWN
            thanks = await recipients.acknowledge(announcement_id, person.id, now)
            return Read.THANKS if thanks else Read.AGAIN

    async def view(self, telegram_id: int, announcement_id: int, language: str) -> View:
        async with self.db.read() as tx:
            announcement = await _handler(tx, telegram_id, announcement_id)
            return await read_view(tx, announcement, language, self.settings, self.clock())

    async def listing(self, telegram_id: int) -> list[Announcement]:
        """Scheduled ones and the newest others: a coordinator's all, a professional's own."""
        async with self.db.read() as tx:
            person = await PersonRepository(tx).by_telegram_id(telegram_id)
            if person is None:
                raise NotAllowed("announcements")
            # NotAllowed for who may not announce; a professional sees their own.
            mine = None if fixed_audience(person, self.settings) is None else person.id
            return await AnnouncementRepository(tx).listing(mine, LISTED)

    async def missed(self, telegram_id: int, announcement_id: int) -> list[Missed]:
        """Who it did not reach, by name, for a phone call."""
        async with self.db.read() as tx:
            await _handler(tx, telegram_id, announcement_id)
            found = await RecipientRepository(tx).missed(announcement_id)
        return [Missed(*row) for row in found]

    async def unread(self, telegram_id: int, announcement_id: int) -> list[Missed]:
        """Who got it and did not press "Gelezen 👍" yet, by name."""
        async with self.db.read() as tx:
            await _handler(tx, telegram_id, announcement_id)
            found = await RecipientRepository(tx).unread(announcement_id)
        return [Missed(*row) for row in found]

    async def remind(self, update_id: int | None, telegram_id: int, announcement_id: int) -> int:
        """Once: everyone it reached who did not press "Gelezen 👍" gets a reminder under their
        copy. Returns how many."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            announcement = await _handler(tx, telegram_id, announcement_id)
            repository = AnnouncementRepository(tx)
            if not announcement.important or announcement.status is not State.SENT:
                raise InvalidInput("announcements.remind_not_now")
            if not await repository.reminded(announcement_id, now):
                raise InvalidInput("announcements.reminded_before")
            return await self._reminders(tx, announcement, now)

    async def _reminders(self, tx: Transaction, announcement: Announcement, now: datetime) -> int:
        recipients = RecipientRepository(tx)
        acked = await recipients.acknowledged_by(announcement.id)
        chats = await recipients.chats(announcement.id)
        look = copies.look(announcement, await sender_name(tx, announcement))
        due = now if announcement.urgent else self.quiet.next_allowed(now)
        rows = []
        for copy in await OutboxRepository(tx).series(prefix(announcement.id, "to")):
            person_id = copies.person_of(copy.key)
            if copy.status != "sent" or copy.message_id is None or person_id in acked:
                continue
            if person_id not in chats:
                continue  # erased meanwhile
            chat, language = chats[person_id]
            payload = {
                "chat_id": chat,
                "text": i18n.t(language, "announcements.reminder"),
                "parse_mode": "HTML",
                "reply_parameters": {
                    "message_id": copy.message_id,
                    "allow_sending_without_reply": True,
                },
                "reply_markup": copies.keyboard(look, language),
            }
            key = row_key(announcement.id, "remind", person_id)
            rank = copies.priority(announcement)
            rows.append(NewRow(key, chat, "sendMessage", payload, due, priority=rank))
        queued = await OutboxRepository(tx).add_many(rows, now)
        tx.after_commit(self.outbox.wakeup.set)
        return queued

    async def cancel(self, update_id: int | None, telegram_id: int, announcement_id: int) -> None:
        """A scheduled announcement does not go (until it has started)."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            announcement = await _handler(tx, telegram_id, announcement_id)
            if announcement.status is not State.SCHEDULED:
                raise InvalidInput("announcements.cancel_too_late")
            await AnnouncementRepository(tx).set_status(announcement_id, State.CANCELLED)
            await timers.cancel_send(tx, announcement_id)
