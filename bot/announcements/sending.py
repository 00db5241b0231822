"""Sending an announcement: who it reaches, and every copy written at once.

`fan_out` is the heart: in the transaction that starts the sending (the sender's press, or the
timer of a scheduled one) it resolves the audience, records the recipients and writes one
outbox row per recipient with a unique key ('an:<id>:to:<person>', bot.announcements.copies),
all with one statement each. So a crash mid-way leaves either nothing or every row, and the
delivery worker resumes where it stopped: nobody gets it twice. People who blocked the bot get
their row held at once (it goes out when they write again) and count as unreachable.

The copies are bulk rows: the delivery worker sends direct answers, alerts and reminders first.
A broadcast that is not urgent waits for the end of the quiet hours and pauses when they start
(bot.announcements.timers).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.announcements import copies, texts, timers
from bot.core.config import LANGUAGES
from bot.core.deps import Service
from bot.people import audiences
from bot.people.audiences import Audience
from bot.scheduling.quiet_hours import QuietHours
from bot.telegram.outbox import Outbox
from storage.announcement_recipients import RecipientRepository
from storage.announcements import (
    Announcement,
    AnnouncementRepository,
    Content,
    NewAnnouncement,
    State,
    row_key,
    status_key,
)
from storage.audiences import AudienceRepository, Clause, Reach, Recipient
from storage.database import Transaction
from storage.outbox import NewRow, OutboxRepository
from storage.people import Person, PersonRepository


@dataclass(frozen=True)
class Outgoing:
    """A finished draft: what goes to whom, and how."""

    audience: Audience
    content: Content
    important: bool = False
    urgent: bool = False


def _not_the_sender(sender_id: int | None) -> list[Clause]:
    """The sender has the preview; their own announcement does not come to them again."""
    return [] if sender_id is None else [Clause("p.id != ?", (sender_id,))]


async def reach(
    tx: Transaction, audience: Audience, sender: Person, urgent: bool, now: datetime
) -> Reach:
    """How many people it goes to now, unreachable ones counted apart ("gaat naar 143 mensen")."""
    found = audiences.clauses(audience, now) + _not_the_sender(sender.id)
    return await AudienceRepository(tx).count(found, now, alumni=audience.alumni, urgent=urgent)


async def recipients(
    tx: Transaction, announcement: Announcement, audience: Audience, now: datetime
) -> list[Recipient]:
    """Everyone it goes to, unreachable people included (their copy waits for them)."""
    found = audiences.clauses(audience, now) + _not_the_sender(announcement.sender_id)
    return await AudienceRepository(tx).recipients(
        found, now, alumni=audience.alumni, urgent=announcement.urgent, unreachable=True
    )


async def sender_name(tx: Transaction, announcement: Announcement) -> str | None:
    sender = await PersonRepository(tx).by_id(announcement.sender_id or 0)
    return sender.name if sender else None


async def fan_out(
    tx: Transaction,
    outbox: Outbox,
    quiet: QuietHours,
    announcement: Announcement,
    audience: Audience,
    now: datetime,
) -> int:
    """Write every copy and the sender's status message; returns how many people it goes to."""
    people = await recipients(tx, announcement, audience, now)
    look = copies.look(announcement, await sender_name(tx, announcement))
    calls: dict[str, tuple[str, dict[str, Any]]] = {
        language: copies.copy(look, language, 0) for language in LANGUAGES
    }
    due = now if announcement.urgent else quiet.next_allowed(now)
    rank = copies.priority(announcement)
    rows = []
    for person in people:
        method, payload = calls.get(person.language, calls[LANGUAGES[0]])
        key = row_key(announcement.id, "to", person.person_id)
        chat = person.telegram_id
        payload = {**payload, "chat_id": chat}
        rows.append(NewRow(key, chat, method, payload, due, not person.reachable, rank))
    repository = AnnouncementRepository(tx)
    await RecipientRepository(tx).add(announcement.id, [p.person_id for p in people])
    await OutboxRepository(tx).add_many(rows, now)
    await repository.started(announcement.id, len(people), now)
    await _status_message(tx, outbox, announcement, len(people), now)
    if not announcement.urgent:
        await timers.schedule_quiet(tx, quiet, announcement.id, due, now)
    tx.after_commit(outbox.wakeup.set)
    return len(people)


async def _status_message(
    tx: Transaction, outbox: Outbox, announcement: Announcement, count: int, now: datetime
) -> None:
    """The sender's status message, edited in place while the copies go (bot.announcements
    .watch); one key per announcement, so a restart never sends a second one."""
    sender = await PersonRepository(tx).by_id(announcement.sender_id or 0)
    if sender is None:
        return
    text = texts.progress(sender.language, announcement.reference, 0, count, None)
    await outbox.message(tx, status_key(announcement.id), sender.telegram_id, text, now)


class SendingService(Service):
    """Starting an announcement now or at a set moment (the draft's last press)."""

    async def add(
        self, tx: Transaction, sender: Person, outgoing: Outgoing, send_at: datetime | None
    ) -> Announcement:
        """The announcement as the draft describes it: sent now (`send_at` None) or scheduled."""
        now = self.clock()
        repository = AnnouncementRepository(tx)
        announcement_id = await repository.add(
            NewAnnouncement(
                sender_id=sender.id,
                audience=outgoing.audience.to_json(),
                content=outgoing.content,
                important=outgoing.important,
                urgent=outgoing.urgent,
                status=State.SCHEDULED if send_at else State.SENDING,
                send_at=send_at or now,
            ),
            now,
        )
        announcement = await repository.by_id(announcement_id)
        assert announcement is not None
        if send_at is None:
            await fan_out(tx, self.outbox, self.quiet, announcement, outgoing.audience, now)
        else:
            await timers.schedule_send(tx, announcement, now)
        return announcement
