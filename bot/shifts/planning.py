"""Coordinators make shifts (one, or a recurring series), change one and cancel one or the rest
of a series. A series keeps its RRULE and wall-clock start (bot.scheduling.recurrence); its
coming `shifts.weeks_ahead` weeks exist as rows, made again further ahead every day, so one
occurrence changes or is cancelled alone. Holidays are marked, and skipped if the series says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from bot.core.errors import InvalidInput
from bot.core.text_input import clean_text
from bot.scheduling.local_time import instant_of, wall_clock
from bot.scheduling.recurrence import Recurrence
from bot.shifts import timing
from bot.shifts.offers import OfferDesk
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.people import Person
from storage.shifts import NewShift, Series, Shift, ShiftRepository

MAX_TITLE, MAX_PLACE, MAX_NOTES = 60, 100, 300
MAX_NEEDED = 50


@dataclass(frozen=True)
class ShiftPlan:
    """A shift as a coordinator describes it; `rule` (an RRULE) makes it a series."""

    title: str
    interest: str | None
    wijk: str | None
    place: str
    notes: str | None
    day: date  # the local date of the (first) shift
    start: time
    end: time  # before the start: the next day
    needed: int
    rule: str | None = None
    skip_holidays: bool = False


def _minutes(start: time, end: time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


class PlanningService(OfferDesk):
    def clean(self, plan: ShiftPlan) -> ShiftPlan:
        """The plan with its texts cleaned and its values checked (InvalidInput says what)."""
        org = self.settings.organisation
        if plan.interest is not None and plan.interest not in {c.key for c in org.interests}:
            raise InvalidInput("common.button_expired")
        if plan.wijk is not None and plan.wijk not in org.wijken:
            raise InvalidInput("common.button_expired")
        if not 1 <= plan.needed <= MAX_NEEDED:
            raise InvalidInput("shifts.needed_range", most=MAX_NEEDED)
        if plan.end <= plan.start:  # no overnight shifts (bot.shifts.typed.parse_times)
            raise InvalidInput("shifts.time_end_before_start")
        today = wall_clock(self.clock(), org.zone).date()
        if plan.day < today or self._start_of(plan) <= self.clock():
            raise InvalidInput("shifts.date_past")
        notes = clean_text(plan.notes, MAX_NOTES) if plan.notes else None
        return replace(
            plan,
            title=clean_text(plan.title, MAX_TITLE),
            place=clean_text(plan.place, MAX_PLACE),
            notes=notes,
        )

    def _start_of(self, plan: ShiftPlan) -> datetime:
        return instant_of(datetime.combine(plan.day, plan.start), self.settings.organisation.zone)

    def template(self, plan: ShiftPlan) -> NewShift:
        starts = self._start_of(plan)
        return NewShift(
            title=plan.title,
            interest=plan.interest,
            wijk=plan.wijk,
            place=plan.place,
            notes=plan.notes,
            starts_at=starts,
            ends_at=self._end_of(starts, _minutes(plan.start, plan.end)),
            needed=plan.needed,
        )

    def _end_of(self, starts_at: datetime, minutes: int) -> datetime:
        """The end in wall-clock time: 10:00-12:00 stays two hours on the wall."""
        zone = self.settings.organisation.zone
        return instant_of(wall_clock(starts_at, zone) + timedelta(minutes=minutes), zone)

    async def create(self, update_id: int | None, telegram_id: int, plan: ShiftPlan) -> list[Shift]:
        """Make the shift, or the series and its coming weeks; the shifts made, in order."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            coordinator = await self.coordinator(tx, telegram_id)
            return await self.create_in(tx, coordinator, plan, now)

    async def create_in(
        self, tx: Transaction, coordinator: Person, plan: ShiftPlan, now: datetime
    ) -> list[Shift]:
        """Inside the caller's transaction (the draft's send)."""
        plan = self.clean(plan)
        if plan.rule is None:
            shift_id = await ShiftRepository(tx).add(self.template(plan), coordinator.id, now)
            assert shift_id is not None
            made = [await self.shift(tx, shift_id)]
        else:
            made = await self._create_series(tx, coordinator, plan, now)
        for shift in made:
            await self.event(tx, shift, coordinator, "made", now)
            await self.after_shift_made(tx, shift, now)
        return made

    async def _create_series(
        self, tx: Transaction, coordinator: Person, plan: ShiftPlan, now: datetime
    ) -> list[Shift]:
        assert plan.rule is not None
        start = datetime.combine(plan.day, plan.start)
        Recurrence(plan.rule, start, self.settings.organisation.zone)  # InvalidInput if it is none
        shifts = ShiftRepository(tx)
        template = self.template(plan)
        series_id = await shifts.add_series(
            template, plan.rule, start, plan.skip_holidays, coordinator.id, now
        )
        series = await shifts.series(series_id)
        assert series is not None
        made = await self.make_ahead(tx, series, now)
        if not made:
            raise InvalidInput("shifts.series_empty")
        await timing.plan_series(tx, self.settings, series, now)
        return made

    def recurrence(self, series: Series) -> Recurrence:
        zone = self.settings.organisation.zone
        return Recurrence(series.rule, series.first_start, zone, skip_holidays=series.skip_holidays)

    async def make_ahead(self, tx: Transaction, series: Series, now: datetime) -> list[Shift]:
        """The series' occurrences up to `weeks_ahead` from now that are not rows yet."""
        until = now + timedelta(weeks=self.settings.shifts.weeks_ahead)
        if series.ended_at is not None or until <= series.made_until:
            return []
        recurrence = self.recurrence(series)
        shifts = ShiftRepository(tx)
        made = []
        for occurrence in recurrence.occurrences(max(series.made_until, now), until):
            new = NewShift(
                title=series.title,
                interest=series.interest,
                wijk=series.wijk,
                place=series.place,
                notes=series.notes,
                starts_at=occurrence,
                ends_at=self._end_of(occurrence, series.minutes),
                needed=series.needed,
                holiday=recurrence.is_holiday(occurrence),
                series_id=series.id,
                occurrence=occurrence,
            )
            shift_id = await shifts.add(new, None, now)
            if shift_id is not None:
                made.append(await self.shift(tx, shift_id))
        await shifts.made_until(series.id, until)
        return made

    async def after_shift_made(self, tx: Transaction, shift: Shift, now: datetime) -> None:
        """Its first wave (at once when it is near enough: the coordinator sees it go), the
        coverage check and the attendance question."""
        offered = timing.offer_from(self.settings, shift) <= now and await self.wave(tx, shift, now)
        await timing.plan_shift(tx, self.settings, shift, now, first_wave=not offered)
