"""Meetings: werkoverleg, intervisie and the yearly gathering.

A coordinator or professional plans one: what, when, where, for whom (an audience; the yearly
gathering also invites alumni). Everyone invited gets an invitation with RSVP buttons (yes, no,
maybe; changeable), a calendar file on request and a button to send an agenda point. The day
before, those who said yes or maybe get a reminder and the organiser gets the agenda points
together (timers of the one scheduler, bot/consultation/schedule.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.consultation import meeting_timers
from bot.consultation.meeting_texts import invitation
from bot.consultation.typed import typed_step, typed_text
from bot.core.deps import Deps, Service
from bot.core.errors import InvalidInput, NotAllowed, NotFound
from bot.flows import names
from bot.people import audiences
from bot.people.audiences import Audience
from bot.privacy.guard import identifying_kinds
from bot.privacy.known_people import KnownPeople
from bot.privacy.texts import kinds as kinds_text
from bot.scheduling.calendar import CalendarEvent, calendar_file
from bot.telegram.outbox import Priority
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.flows import Flow, FlowRepository
from storage.meetings import (
    AgendaPoint,
    Invite,
    Meeting,
    MeetingKind,
    MeetingRepository,
    NewMeeting,
    Rsvp,
)
from storage.people import Person, PersonRepository, Role

POINT_STEP = "point"
MAX_TITLE = 80
MAX_PLACE = 80
MAX_POINT = 500
ORGANISERS = frozenset({Role.COORDINATOR, Role.PROFESSIONAL})


@dataclass(frozen=True)
class MeetingView:
    meeting: Meeting
    invite: Invite | None  # the reader's own
    counts: dict[str, int]  # yes / no / maybe / open
    guests: list[tuple[Person, Rsvp | None]]  # only for the organiser and coordinators
    points: list[AgendaPoint]  # likewise


def uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.id}@voelspriet"


class MeetingService(Service):
    def __init__(self, deps: Deps, known_people: KnownPeople) -> None:
        super().__init__(deps)
        self.known_people = known_people

    async def plan(
        self, update_id: int | None, organiser: Person, new: NewMeeting
    ) -> tuple[Meeting, int]:
        """Plan it and invite its audience; returns the meeting and how many were invited."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            return await self.plan_in(tx, organiser, new, now)

    async def plan_in(
        self, tx: Transaction, organiser: Person, new: NewMeeting, now: datetime
    ) -> tuple[Meeting, int]:
        """`plan` inside the caller's transaction (the planning draft's sending)."""
        if organiser.role not in ORGANISERS:
            raise NotAllowed
        self._check(new, now)
        audience = audiences.check(Audience.from_json(new.audience), self.settings)
        repo = MeetingRepository(tx)
        meeting = await repo.by_id(await repo.add(new, now))
        assert meeting is not None
        invited = await self.invite(tx, meeting, audience, organiser, now)
        await meeting_timers.schedule(tx, meeting, now)
        return meeting, invited

    def _check(self, new: NewMeeting, now: datetime) -> None:
        if not new.title.strip() or len(new.title) > MAX_TITLE:
            raise InvalidInput("consultation.meeting_title_length", limit=MAX_TITLE)
        if len(new.place) > MAX_PLACE:
            raise InvalidInput("consultation.meeting_place_length", limit=MAX_PLACE)
        if new.starts_at <= now:
            raise InvalidInput("consultation.meeting_in_past")
        if new.ends_at <= new.starts_at:
            raise InvalidInput("consultation.meeting_ends_early")

    async def invite(
        self,
        tx: Transaction,
        meeting: Meeting,
        audience: Audience,
        organiser: Person,
        now: datetime,
    ) -> int:
        """Invitations for everyone the audience reaches (and alumni for the gathering)."""
        reached = await audiences.recipients(tx, audience, self.settings, now)
        if meeting.kind is MeetingKind.GATHERING and not audience.alumni:
            reached += await audiences.recipients(tx, Audience.alumni_only(), self.settings, now)
        guests = {r.person_id: r for r in reached if r.person_id != organiser.id}
        await MeetingRepository(tx).invite(meeting.id, list(guests))
        for guest in guests.values():
            text, keyboard = invitation(
                guest.language, meeting, None, self.settings.organisation.zone
            )
            key = f"meeting:{meeting.id}:invite:{guest.person_id}"
            await self.outbox.message(
                tx,
                key,
                guest.telegram_id,
                text,
                now,
                keyboard,
                due_at=self.not_before(now),
                priority=Priority.BULK,
            )
        return len(guests)

    async def rsvp(
        self, update_id: int | None, person: Person, meeting_id: int, value: str
    ) -> MeetingView:
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            repo = MeetingRepository(tx)
            meeting = await repo.by_id(meeting_id)
            if meeting is None or meeting.cancelled:
                raise NotFound("meeting")
            if meeting.ends_at <= now:
                raise InvalidInput("consultation.meeting_over")
            if not await repo.answer(meeting_id, person.id, Rsvp(value), now):
                raise NotAllowed
            return await self._view(tx, person, meeting)

    async def view(self, person: Person, meeting_id: int) -> MeetingView:
        async with self.db.read() as tx:
            meeting = await MeetingRepository(tx).by_id(meeting_id)
            if meeting is None:
                raise NotFound("meeting")
            shown = await self._view(tx, person, meeting)
        if shown.invite is None and not self._organises(person, meeting):
            raise NotAllowed
        return shown

    async def upcoming(self, person: Person) -> list[Meeting]:
        async with self.db.read() as tx:
            return await MeetingRepository(tx).upcoming_for(person.id, self.clock())

    async def ask_point(self, update_id: int | None, person: Person, meeting_id: int) -> Meeting:
        """The next text the person sends is an agenda point for this meeting."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            meeting = await MeetingRepository(tx).by_id(meeting_id)
            invite = await MeetingRepository(tx).invite_of(meeting_id, person.id)
            if meeting is None or meeting.cancelled or meeting.starts_at <= now:
                raise NotFound("meeting")
            if invite is None and not self._organises(person, meeting):
                raise NotAllowed
            flow = Flow(person.telegram_id, names.CONSULT, POINT_STEP, {"meeting": meeting_id})
            await FlowRepository(tx).save(flow, now)
            return meeting

    async def add_point(self, update_id: int | None, person: Person, text: str) -> Meeting:
        """The typed agenda point; one with identifying data is refused, to be rewritten."""
        text = typed_text(text, MAX_POINT, "consultation.point_length")
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            flow = await typed_step(tx, person.telegram_id, POINT_STEP, "meeting")
            found = identifying_kinds(text, await self.known_people.names(tx))
            if found:
                raise InvalidInput(
                    "consultation.point_privacy", kinds=kinds_text(found, person.language)
                )
            meeting = await MeetingRepository(tx).by_id(int(flow.data["meeting"]))
            if meeting is None or meeting.cancelled:
                raise NotFound("meeting")
            await MeetingRepository(tx).add_point(meeting.id, person.id, text, now)
            return meeting

    async def calendar(self, person: Person, meeting_id: int) -> bytes:
        """The .ics for one meeting (its UID stays, so importing again updates it)."""
        shown = await self.view(person, meeting_id)
        meeting = shown.meeting
        event = CalendarEvent(
            uid=uid(meeting),
            summary=meeting.title,
            start=meeting.starts_at,
            end=meeting.ends_at,
            location=meeting.place,
            sequence=meeting.sequence,
            cancelled=meeting.cancelled,
        )
        return calendar_file([event], created=self.clock(), name=self.settings.organisation.name)

    def _organises(self, person: Person, meeting: Meeting) -> bool:
        return person.id == meeting.organiser_id or person.role is Role.COORDINATOR

    async def _view(self, tx: Transaction, person: Person, meeting: Meeting) -> MeetingView:
        repo = MeetingRepository(tx)
        invites = await repo.invites(meeting.id)
        counts = {value.value: 0 for value in Rsvp} | {"open": 0}
        for invite in invites:
            counts[invite.rsvp.value if invite.rsvp else "open"] += 1
        own = next((i for i in invites if i.person_id == person.id), None)
        guests: list[tuple[Person, Rsvp | None]] = []
        points: list[AgendaPoint] = []
        if self._organises(person, meeting):
            people = PersonRepository(tx)
            for invite in invites:
                guest = await people.by_id(invite.person_id)
                if guest is not None:
                    guests.append((guest, invite.rsvp))
            points = await repo.points(meeting.id)
        return MeetingView(meeting, own, counts, guests, points)


def day_before(meeting: Meeting) -> datetime:
    return meeting.starts_at - timedelta(days=1)
