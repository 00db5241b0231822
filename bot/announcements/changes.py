"""Changing a sent announcement: correcting its text in every copy, or withdrawing it.

Both queue one row per copy, named after the copy it acts on (ACT_ON): the delivery worker
fills in the message id that copy got, and a chat's rows go out in order, so an edit or delete
never overtakes its copy. A copy that never went (withdrawn before its turn) leaves nothing to
act on, which the report tells apart. The watcher (bot.announcements.watch) reports the outcome
to the sender once every row is settled.

Withdrawing deletes the reminders under the copies too ("🔔 Herinnering: ..."), by the same rule.
Telegram lets a bot delete its messages for 48 hours; older copies and reminders are left and
named in the withdrawal report. Edits have no such limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.announcements import copies, timers
from bot.announcements.access import check_handle
from bot.announcements.sending import sender_name
from bot.core.deps import Service
from bot.core.errors import InvalidInput
from bot.telegram.outbox import ACT_ON
from bot.telegram.updates import record_update
from storage.announcement_recipients import RecipientRepository
from storage.announcements import (
    Announcement,
    AnnouncementRepository,
    Content,
    State,
    delete_key,
    prefix,
)
from storage.announcements import row_key as key_of
from storage.database import Transaction
from storage.outbox import Copy, NewRow, OutboxRepository
from storage.people import PersonRepository

DELETE_WINDOW = timedelta(hours=48)
# Rows that still stand for a copy someone has or will get.
_LIVE = ("sent", "pending", "held")


@dataclass(frozen=True)
class Withdrawal:
    deleting: int  # copies that get a delete (delivered within 48 hours, or on their way)
    too_old: int  # delivered longer ago: Telegram keeps them


async def _handled(tx: Transaction, telegram_id: int, announcement_id: int) -> Announcement:
    person = await PersonRepository(tx).by_telegram_id(telegram_id)
    return check_handle(person, await AnnouncementRepository(tx).by_id(announcement_id))


class ChangeService(Service):
    async def correct(
        self, tx: Transaction, telegram_id: int, announcement_id: int, content: Content
    ) -> int:
        """The new text in every copy that went or will go; returns how many edits."""
        now = self.clock()
        announcement = await _handled(tx, telegram_id, announcement_id)
        if announcement.status is not State.SENT:
            raise InvalidInput(f"announcements.correct_{announcement.status}")
        if content.kind is not announcement.content.kind and content.file_id:
            raise InvalidInput("announcements.correct_text_only")
        repository = AnnouncementRepository(tx)
        version = await repository.corrected(announcement_id, content)
        corrected = await repository.by_id(announcement_id)
        assert corrected is not None
        look = copies.look(corrected, await sender_name(tx, corrected))
        recipients = RecipientRepository(tx)
        acked = await recipients.acknowledged_by(announcement_id)
        chats = await recipients.chats(announcement_id)
        rows, rank = [], copies.priority(announcement)
        for copy in await self._live(tx, prefix(announcement_id, "to")):
            person = copies.person_of(copy.key)
            if person not in chats:
                continue
            language = chats[person][1]
            method, payload = copies.correction(look, language, copy.chat_id, person in acked)
            payload[ACT_ON] = copy.key
            key = key_of(announcement_id, f"fix{version}", person)
            held = copy.status == "held"
            rows.append(NewRow(key, copy.chat_id, method, payload, now, held, rank))
        return await self._queue(tx, rows, now)

    async def withdraw(
        self, update_id: int | None, telegram_id: int, announcement_id: int
    ) -> Withdrawal:
        """Delete every copy Telegram still allows, and send none that did not go yet."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            announcement = await _handled(tx, telegram_id, announcement_id)
            if announcement.status not in (State.SENDING, State.SENT):
                raise InvalidInput(f"announcements.withdraw_{announcement.status}")
            shown = await self._live(tx, prefix(announcement_id, "to"))
            reminders = await self._live(tx, prefix(announcement_id, "remind"))
            outbox = OutboxRepository(tx)
            # What did not go yet never will. A row being sent this very moment is marked sent
            # once it is; its delete (queued below) then finds it.
            for operation in ("to", "remind"):
                await outbox.withdraw(prefix(announcement_id, operation))
            deletes = _deletes(announcement, shown, now)
            too_old = len(shown) - len(deletes)
            deleting = await self._queue(tx, deletes, now)
            await self._queue(tx, _deletes(announcement, reminders, now), now)
            await AnnouncementRepository(tx).withdrawn(announcement_id, now)
            await timers.settle(tx, announcement_id)
            return Withdrawal(deleting, too_old)

    async def _live(self, tx: Transaction, series: str) -> list[Copy]:
        found = await OutboxRepository(tx).series(series)
        return [copy for copy in found if copy.status in _LIVE]

    async def _queue(self, tx: Transaction, rows: list[NewRow], now: datetime) -> int:
        queued = await OutboxRepository(tx).add_many(rows, now)
        tx.after_commit(self.outbox.wakeup.set)
        return queued


def _deletes(announcement: Announcement, live: list[Copy], now: datetime) -> list[NewRow]:
    """A delete for each of these rows (copies or reminders) that Telegram still lets go: sent
    within 48 hours, or on its way."""
    rows, rank = [], copies.priority(announcement)
    for row in live:
        if row.status == "sent" and (row.sent_at or now) < now - DELETE_WINDOW:
            continue
        payload = {"chat_id": row.chat_id, ACT_ON: row.key}
        key = delete_key(row.key)
        rows.append(NewRow(key, row.chat_id, "deleteMessage", payload, now, priority=rank))
    return rows
