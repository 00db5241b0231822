"""What /vergeet erases of announcements (an erasure step, bot.services): the person's name in
the stored texts, the formatting moved along (bot.privacy.erasure). Their rows as a recipient go
with them (foreign keys), their replies with their words prefix (storage.outbox), and an
announcement they sent stays, without them."""

from __future__ import annotations

from datetime import datetime

from bot.privacy.erasure import redact_name
from storage.announcements import AnnouncementRepository
from storage.database import Transaction
from storage.people import Person


async def forget(tx: Transaction, person: Person, now: datetime) -> None:
    announcements = AnnouncementRepository(tx)
    for announcement in await announcements.containing(person.name):
        content = announcement.content
        body, entities = redact_name(content.body, list(content.entities), person.name)
        if body != content.body:
            await announcements.set_text(announcement.id, body, entities)
