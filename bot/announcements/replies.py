"""A reply to an announcement reaches the one who sent it, marked with the announcement, and
nobody else.

A recipient replies to their copy (swipe, or "Beantwoorden"), or to the reminder under it; the
message replied to is looked up among the copies (`replied_to`). The sender gets the reply,
marked with the announcement and who wrote it; when the sender is gone or paused, the coordinators
get it. The replier's words live only in that message: its key starts with their words prefix
(storage.outbox.words_key), so erasing them (/vergeet) removes it too.
"""

from __future__ import annotations

from bot.announcements.texts import preview_of
from bot.core import i18n
from bot.core.deps import Service
from bot.core.errors import NotFound
from bot.telegram.outbox import person_label
from bot.telegram.updates import record_update
from storage.announcement_recipients import RecipientRepository
from storage.announcements import AnnouncementRepository
from storage.outbox import words_key
from storage.people import PersonRepository


class ReplyService(Service):
    async def replied_to(self, telegram_id: int, message_id: int) -> int | None:
        """The announcement whose copy (or reminder) in this person's chat has this id."""
        async with self.db.read() as tx:
            person = await PersonRepository(tx).by_telegram_id(telegram_id)
            if person is None:
                return None
            return await RecipientRepository(tx).answered_by(person.id, telegram_id, message_id)

    async def forward(
        self, update_id: int | None, telegram_id: int, announcement_id: int, text: str
    ) -> str | None:
        """Pass the reply on; returns the sender's name (None: it went to the coordinators).
        NotFound when the person did not get this announcement."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            people = PersonRepository(tx)
            replier = await people.by_telegram_id(telegram_id)
            repository = AnnouncementRepository(tx)
            announcement = await repository.by_id(announcement_id)
            if replier is None or announcement is None:
                raise NotFound("announcement")
            if not await RecipientRepository(tx).includes(announcement_id, replier.id):
                raise NotFound("announcement")
            sender = await people.by_id(announcement.sender_id or 0)
            key = words_key(replier.id, f"an:{announcement_id}:reply:{update_id or now}")

            def render(language: str) -> str:
                return i18n.t(
                    language,
                    "announcements.reply",
                    who=person_label(replier),
                    role=i18n.t(language, f"roles.{replier.role}"),
                    reference=announcement.reference,
                    about=preview_of(announcement, language),
                    text=text,
                )

            if sender is not None and sender.active:
                await self.outbox.message(tx, key, sender.telegram_id, render(sender.language), now)
                return sender.name
            await self.outbox.tell_coordinators(tx, key, now, render)
            return None
