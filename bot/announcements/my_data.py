"""The announcements' part of /mijngegevens (a part of bot.people.my_data, bot.services): what
they got (and when they pressed "Gelezen"), what they sent, and their replies to one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.people.my_data_words import Words, plain_text
from storage.announcement_recipients import RecipientRepository
from storage.announcements import AnnouncementRepository
from storage.database import Transaction
from storage.outbox import OutboxRepository
from storage.people import Person


async def collect(tx: Transaction, person: Person, words: Words, now: datetime) -> dict[str, Any]:
    received = [
        {
            "announcement": r["announcement"],
            "text": r["text"],
            "sent_at": words.when(r["sent_at"]),
            "read_at": words.when(r["acknowledged_at"]),
        }
        for r in await RecipientRepository(tx).received_by(person.id)
    ]
    sent = [
        {
            "announcement": a.reference,
            "text": a.content.body,
            "sent_at": words.when(a.send_at),
            "withdrawn_at": words.when(a.withdrawn_at),
        }
        for a in await AnnouncementRepository(tx).sent_by(person.id)
    ]
    replies = [
        {"written_at": words.when(r.due_at), "text": plain_text(str(r.payload.get("text", "")))}
        for r in await OutboxRepository(tx).words_of(person.id)
    ]
    return {
        "announcements_received": received,
        "announcements_sent": sent,
        "your_replies_to_announcements": replies,
    }
