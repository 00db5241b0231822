"""What the scheduler fires for announcements (bot.announcements.timers has the keys):

- 'announcement.send': a scheduled announcement goes now, resolved against the audience as it
  is now (bot.announcements.sending.fan_out), in the transaction that marks the timer fired;
  cancelled or gone meanwhile: nothing.
- 'announcement.quiet': the quiet hours begin while a non-urgent broadcast is still going: its
  waiting copies wait for the morning (their due_at moves; the status message says so), and the
  next evening gets a timer of its own. The tick looks every minute, so the pause starts within
  a minute of the quiet hours.
"""

from __future__ import annotations

from datetime import datetime

from bot.announcements import timers
from bot.announcements.sending import fan_out
from bot.core.deps import Service
from bot.people.audiences import Audience
from bot.scheduling.timers import FIRED, STALE, Outcome, Producer
from storage.announcements import AnnouncementRepository, State, prefix
from storage.database import Transaction
from storage.outbox import OutboxRepository
from storage.people import PersonRepository
from storage.timers import Timer


class AnnouncementTimers(Service):
    """The producers of the announcements' timers (registered with the tick in bot.services)."""

    def producers(self) -> dict[str, Producer]:
        return {timers.SEND: self.send, timers.QUIET: self.pause}

    async def send(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        repository = AnnouncementRepository(tx)
        announcement = await repository.by_id(timer.subject_id or 0)
        if announcement is None or announcement.status is not State.SCHEDULED:
            return STALE
        sender = await PersonRepository(tx).by_id(announcement.sender_id or 0)
        if sender is None or not sender.active:  # left meanwhile: nobody to report to
            await repository.set_status(announcement.id, State.CANCELLED)
            return STALE
        audience = Audience.from_json(announcement.audience)
        await fan_out(tx, self.outbox, self.quiet, announcement, audience, now)
        return FIRED

    async def pause(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        announcement = await AnnouncementRepository(tx).by_id(timer.subject_id or 0)
        if announcement is None or announcement.status is not State.SENDING:
            return STALE
        morning = self.quiet.next_allowed(now)
        await OutboxRepository(tx).postpone(prefix(announcement.id, "to"), morning)
        await timers.schedule_quiet(tx, self.quiet, announcement.id, morning, now)
        return FIRED
