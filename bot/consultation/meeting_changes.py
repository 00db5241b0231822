"""A meeting to come cancelled or moved by its organiser or a coordinator.

Cancelled: everyone invited who did not say no is told once; its reminder and agenda stop (a
recurring series still makes its next one). Moved: everyone invited gets the invitation again
with the new moment and is asked again (a yes was for the old moment); the reminder and agenda
move with it. Either way the calendar file's SEQUENCE goes up, so calendars take the change.
"""

from __future__ import annotations

from datetime import datetime

from bot.consultation import meeting_timers
from bot.consultation.meeting_texts import cancelled, moved
from bot.consultation.meetings import organises
from bot.consultation.moments import moment
from bot.consultation.typed import typed_step
from bot.core.deps import Service
from bot.core.errors import InvalidInput, NotAllowed, NotFound
from bot.flows import names
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.flows import Flow, FlowRepository
from storage.meetings import Meeting, MeetingRepository, Rsvp
from storage.people import Person, PersonRepository

MOVE_STEP = "move"


class MeetingChanges(Service):
    async def cancel(self, update_id: int | None, person: Person, meeting_id: int) -> int:
        """Cancel it; returns how many were told."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            meeting = await self._changeable(tx, person, meeting_id, now)
            repo = MeetingRepository(tx)
            await repo.cancel(meeting_id, now)
            await meeting_timers.cancel(tx, meeting.id)
            told = [i.person_id for i in await repo.invites(meeting_id) if i.rsvp is not Rsvp.NO]
            guests = await PersonRepository(tx).by_ids(told)
            zone = self.settings.organisation.zone
            for guest in guests.values():
                text = cancelled(guest.language, meeting, zone)
                key = f"meeting:{meeting.id}:cancelled:{guest.id}"
                await self.outbox.message(
                    tx, key, guest.telegram_id, text, now, due_at=self.not_before(now)
                )
            return len(guests)

    async def ask_move(self, update_id: int | None, person: Person, meeting_id: int) -> None:
        """The next text the person sends is the meeting's new moment."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            await self._changeable(tx, person, meeting_id, now)
            flow = Flow(person.telegram_id, names.CONSULT, MOVE_STEP, {"meeting": meeting_id})
            await FlowRepository(tx).save(flow, now)

    async def move(self, update_id: int | None, person: Person, typed: str) -> tuple[Meeting, int]:
        """Move it to the typed moment (checked as the planning checks it); returns the moved
        meeting and how many were told. A moment that cannot be is asked again."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            flow = await typed_step(tx, person.telegram_id, MOVE_STEP, "meeting")
            meeting = await self._changeable(tx, person, int(flow.data["meeting"]), now)
            starts = moment(typed, now, self.settings)
            repo = MeetingRepository(tx)
            await repo.move(meeting.id, starts, starts + (meeting.ends_at - meeting.starts_at))
            changed = await repo.by_id(meeting.id)
            assert changed is not None
            await meeting_timers.schedule(tx, changed, now)
            return changed, await self._tell_moved(tx, changed, now)

    async def _tell_moved(self, tx: Transaction, meeting: Meeting, now: datetime) -> int:
        invited = [i.person_id for i in await MeetingRepository(tx).invites(meeting.id)]
        guests = await PersonRepository(tx).by_ids(invited)
        zone = self.settings.organisation.zone
        for guest in guests.values():
            text, keyboard = moved(guest.language, meeting, zone)
            key = f"meeting:{meeting.id}:moved:{meeting.sequence}:{guest.id}"
            await self.outbox.message(
                tx, key, guest.telegram_id, text, now, keyboard, due_at=self.not_before(now)
            )
        return len(guests)

    async def _changeable(
        self, tx: Transaction, person: Person, meeting_id: int, now: datetime
    ) -> Meeting:
        """The meeting, when it is still to come and this person may change it."""
        meeting = await MeetingRepository(tx).by_id(meeting_id)
        if meeting is None or meeting.cancelled:
            raise NotFound("meeting")
        if not organises(person, meeting):
            raise NotAllowed
        if meeting.ends_at <= now:
            raise InvalidInput("consultation.meeting_over")
        return meeting
