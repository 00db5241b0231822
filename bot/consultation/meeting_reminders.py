"""The producers of the meeting timers (bot/consultation/meeting_timers.py says what is due):
the reminder to yes and maybe, the agenda points to the organiser, a series' next meeting."""

from __future__ import annotations

from datetime import datetime

from bot.consultation.meeting_texts import agenda, reminder
from bot.consultation.meeting_timers import AGENDA, NEXT, REMIND, prefix, schedule
from bot.consultation.meetings import MeetingService
from bot.core.deps import Deps, Service
from bot.people.audiences import Audience
from bot.scheduling.recurrence import Recurrence
from bot.scheduling.timers import FIRED, STALE, Later, Outcome, Producer
from bot.telegram.outbox import Priority
from storage.database import Transaction
from storage.meetings import Meeting, MeetingRepository, NewMeeting, Rsvp
from storage.people import PersonRepository
from storage.timers import Timer


class MeetingTimers(Service):
    def __init__(self, deps: Deps, meetings: MeetingService) -> None:
        super().__init__(deps)
        self.meetings = meetings

    def producers(self) -> dict[str, Producer]:
        return {REMIND: self.remind, AGENDA: self.agenda, NEXT: self.next_occurrence}

    async def _meeting(self, tx: Transaction, timer: Timer, now: datetime) -> Meeting | None:
        meeting = await MeetingRepository(tx).by_id(timer.subject_id or 0)
        if meeting is None or meeting.cancelled or meeting.starts_at <= now:
            return None
        return meeting

    async def remind(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        meeting = await self._meeting(tx, timer, now)
        if meeting is None:
            return STALE
        if self.quiet.is_quiet(now):
            return Later(self.quiet.next_allowed(now))
        people = PersonRepository(tx)
        zone = self.settings.organisation.zone
        for invite in await MeetingRepository(tx).invites(meeting.id):
            if invite.rsvp not in (Rsvp.YES, Rsvp.MAYBE):
                continue
            guest = await people.by_id(invite.person_id)
            if guest is None or guest.status.value == "paused":
                continue
            text = reminder(guest.language, meeting, zone)
            key = f"{prefix(meeting.id)}reminder:{guest.id}"
            await self.outbox.message(
                tx, key, guest.telegram_id, text, now, priority=Priority.NOTICE
            )
        return FIRED

    async def agenda(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        meeting = await self._meeting(tx, timer, now)
        if meeting is None or meeting.organiser_id is None:
            return STALE
        if self.quiet.is_quiet(now):
            return Later(self.quiet.next_allowed(now))
        people = PersonRepository(tx)
        organiser = await people.by_id(meeting.organiser_id)
        if organiser is None:
            return STALE
        points = []
        for point in await MeetingRepository(tx).points(meeting.id):
            author = await people.by_id(point.person_id) if point.person_id else None
            points.append((author.name if author else "—", point))
        zone = self.settings.organisation.zone
        text = agenda(organiser.language, meeting, points, zone)
        key = f"{prefix(meeting.id)}agenda"
        await self.outbox.message(
            tx, key, organiser.telegram_id, text, now, priority=Priority.NOTICE
        )
        return FIRED

    async def next_occurrence(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        """The next meeting of the series, planned and invited like the first."""
        repo = MeetingRepository(tx)
        meeting = await repo.by_id(timer.subject_id or 0)
        if meeting is None or not meeting.rule:  # a cancelled occurrence: the series goes on
            return STALE
        zone = self.settings.organisation.zone
        first = await repo.by_id(meeting.series_id) if meeting.series_id else meeting
        assert first is not None
        at = Recurrence(meeting.rule, first.starts_at, zone).next_after(max(now, meeting.starts_at))
        organiser = await PersonRepository(tx).by_id(meeting.organiser_id or 0)
        if at is None or organiser is None or not organiser.active:
            return STALE
        new = NewMeeting(
            meeting.kind,
            meeting.title,
            meeting.place,
            at,
            at + (meeting.ends_at - meeting.starts_at),
            meeting.audience,
            meeting.organiser_id,
            meeting.rule,
            first.id,
        )
        next_id = await repo.add(new, now)
        following = await repo.by_id(next_id)
        assert following is not None
        audience = Audience.from_json(meeting.audience)
        await self.meetings.invite(tx, following, audience, organiser, now)
        await schedule(tx, following, now)
        return FIRED
