"""What people look at: the coverage of the coming two weeks (coordinators), a shift's card with
its people and history, the open shifts that fit a volunteer (/diensten) and their own coming
shifts with their hours (/mijndiensten). Reads only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.core.errors import NotFound
from bot.scheduling.recurrence_rules import describe
from bot.shifts.desk import ShiftDesk
from bot.shifts.fit import fits
from bot.shifts.rules import maximum, week_of
from storage.people import Person, PersonRepository, Role, Status
from storage.shift_signups import Named, Signup, SignupRepository, Swap
from storage.shifts import Coverage, Shift, ShiftEvent, ShiftRepository

COVERAGE_DAYS = 14
LIST_LIMIT = 20
ASSIGN_PAGE = 8


@dataclass(frozen=True)
class Card:
    coverage: Coverage
    people: list[Named]  # confirmed, held, standby
    events: list[ShiftEvent]
    names: dict[int, str]
    series: str | None  # the series in words, in the reader's language


@dataclass(frozen=True)
class Mine:
    coming: list[tuple[Signup, Shift]]
    shifts_done: int
    hours: float


@dataclass(frozen=True)
class MyShift:
    signup: Signup
    shift: Shift
    swap: Swap | None


def unfilled_first(found: list[Coverage]) -> list[Coverage]:
    """Shifts still short first, each group by start."""
    return sorted(found, key=lambda c: (c.short == 0, c.shift.starts_at, c.shift.id))


class ShiftReader(ShiftDesk):
    async def coverage(self, telegram_id: int, days: int = COVERAGE_DAYS) -> list[Coverage]:
        now = self.clock()
        async with self.db.read() as tx:
            await self.coordinator(tx, telegram_id)
            found = await ShiftRepository(tx).coverage(now, now + timedelta(days=days))
        return unfilled_first(found)

    async def card(self, telegram_id: int, shift_id: int, language: str) -> Card:
        async with self.db.read() as tx:
            await self.coordinator(tx, telegram_id)
            shifts = ShiftRepository(tx)
            coverage = await shifts.coverage_of(shift_id)
            if coverage is None:
                raise NotFound("shift")
            events = await shifts.events(shift_id)
            people = PersonRepository(tx)
            names: dict[int, str] = {}
            for person_id in {e.actor_id for e in events} | {e.person_id for e in events}:
                person = await people.by_id(person_id) if person_id is not None else None
                if person is not None:
                    names[person.id] = person.name
            series = None
            if coverage.shift.series_id is not None:
                found = await shifts.series(coverage.shift.series_id)
                zone = self.settings.organisation.zone
                series = describe(found.rule, language, zone) if found else None
            signed = await SignupRepository(tx).of_shift(shift_id)
        return Card(coverage, signed, events, names, series)

    async def open_for(self, telegram_id: int) -> list[Shift]:
        """Coming shifts with a free place that fit them and that they can take."""
        now = self.clock()
        zone = self.settings.organisation.zone
        until = now + timedelta(days=self.settings.shifts.offer_days_ahead)
        async with self.db.read() as tx:
            person = await self.volunteer(tx, telegram_id)
            signups = SignupRepository(tx)
            found = []
            for coverage in await ShiftRepository(tx).coverage(now, until):
                shift = coverage.shift
                if not coverage.short or not fits(person, shift, self.settings):
                    continue
                if await signups.active(shift.id, person.id) is not None:
                    continue
                if await signups.overlapping(person.id, shift.starts_at, shift.ends_at, shift.id):
                    continue
                start, end = week_of(shift.starts_at, zone)
                if await signups.places_in(person.id, start, end) >= maximum(person, self.settings):
                    continue
                found.append(shift)
                if len(found) == LIST_LIMIT:
                    break
        return found

    async def mine(self, telegram_id: int) -> Mine:
        now = self.clock()
        async with self.db.read() as tx:
            person = await self.volunteer(tx, telegram_id)
            signups = SignupRepository(tx)
            coming = await signups.coming_for(person.id, now)
            done, hours = await signups.hours(person.id, now)
        return Mine(coming, done, hours)

    async def assignable(
        self, telegram_id: int, shift_id: int, page: int
    ) -> tuple[Shift, list[Person], bool]:
        """Active volunteers not on this shift yet, by name, one page; and whether more follow.
        The service checks overlap and maximum when one is chosen, and says why not."""
        async with self.db.read() as tx:
            await self.coordinator(tx, telegram_id)
            shift = await self.shift(tx, shift_id)
            on_it = {n.signup.person_id for n in await SignupRepository(tx).of_shift(shift.id)}
            people, _ = await PersonRepository(tx).search(
                role=Role.VOLUNTEER, status=Status.ACTIVE, limit=1000
            )
        free = [p for p in people if p.id not in on_it]
        start = page * ASSIGN_PAGE
        return shift, free[start : start + ASSIGN_PAGE], len(free) > start + ASSIGN_PAGE

    async def my_shift(self, telegram_id: int, shift_id: int) -> MyShift:
        async with self.db.read() as tx:
            person = await self.volunteer(tx, telegram_id)
            signup, shift = await self.own_signup(tx, person, shift_id)
            swap = await SignupRepository(tx).open_swap_of(signup.id)
        return MyShift(signup, shift, swap)
