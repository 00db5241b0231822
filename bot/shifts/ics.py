"""Calendar files (.ics) of shifts: one shift from its message, and all coming shifts from
/mijndiensten. The UID is the shift's own ("shift-12@voelspriet") and its SEQUENCE goes up with
each change, so importing again updates the event; a cancelled shift, or a place given up, is
an event marked cancelled (bot.scheduling.calendar)."""

from __future__ import annotations

from bot.core import i18n
from bot.core.errors import NotAllowed
from bot.scheduling.calendar import CalendarEvent, calendar_file
from bot.shifts.desk import ShiftDesk
from storage.people import PersonRepository, Role
from storage.shift_offers import OfferRepository
from storage.shift_signups import SignupRepository
from storage.shifts import Shift

COMING = ("confirmed", "called")


def uid(shift: Shift) -> str:
    return f"shift-{shift.id}@voelspriet"


class CalendarService(ShiftDesk):
    def calendar_event(self, shift: Shift, coming: bool, language: str) -> CalendarEvent:
        place = f"{shift.place}, {shift.wijk}" if shift.wijk else shift.place
        return CalendarEvent(
            uid=uid(shift),
            summary=i18n.t(language, "shifts.ics_summary", title=shift.title),
            start=shift.starts_at,
            end=shift.ends_at,
            location=place,
            description=shift.notes or "",
            sequence=shift.sequence,
            last_modified=shift.updated_at,
            cancelled=not (shift.planned and coming),
        )

    async def one(self, telegram_id: int, shift_id: int) -> bytes:
        """The shift for someone signed up (or who was offered it, or a coordinator)."""
        now = self.clock()
        async with self.db.read() as tx:
            person = await PersonRepository(tx).by_telegram_id(telegram_id)
            if person is None or not person.active:
                raise NotAllowed("calendar")
            shift = await self.shift(tx, shift_id)
            found = await SignupRepository(tx).latest_per_shift(person.id, now, shift.id)
            if found:
                coming = found[0][0] in COMING
            elif person.role is Role.COORDINATOR:
                coming = True
            elif await OfferRepository(tx).made_to(shift.id, person.id) is not None:
                coming = True  # not signed up: the event as offered
            else:
                raise NotAllowed("calendar")
            events = [self.calendar_event(shift, coming, person.language)]
        return calendar_file(events, created=now, name=shift.title)

    async def coming(self, telegram_id: int) -> bytes:
        """Every shift not yet over that they were signed up for."""
        now = self.clock()
        async with self.db.read() as tx:
            person = await self.volunteer(tx, telegram_id)
            found = await SignupRepository(tx).latest_per_shift(person.id, now)
        events = [
            self.calendar_event(shift, status in COMING, person.language) for status, shift in found
        ]
        name = i18n.t(person.language, "shifts.ics_name")
        return calendar_file(events, created=now, name=name)
