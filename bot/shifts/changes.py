"""A coordinator changes one shift (time, place, title, notes, places needed) or cancels it, or
cancels the rest of its series. Everyone signed up hears it once (the outbox key names the
change), their reminders follow the new time, and offers of a cancelled shift lose their buttons.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from bot.core import i18n
from bot.core.deps import Deps
from bot.core.errors import InvalidInput
from bot.core.text_input import clean_text
from bot.privacy.guard import identifying_kinds
from bot.privacy.known_people import KnownPeople
from bot.privacy.texts import kinds
from bot.scheduling.local_time import instant_of, wall_clock
from bot.shifts import texts, timing
from bot.shifts.callbacks import OnShift, ShiftAct
from bot.shifts.offers import OfferDesk
from bot.shifts.planning import MAX_NEEDED, MAX_NOTES, MAX_PLACE, MAX_TITLE
from bot.shifts.typed import parse_number, parse_when, typed_step, wait_for_text
from bot.telegram.outbox import Keyboard, button
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.people import Person, PersonRepository
from storage.shift_signups import SignupRepository
from storage.shifts import Shift, ShiftRepository

# What a coordinator may change, and how a typed value is read.
FIELDS = ("time", "place", "needed", "title", "notes")


def changed_buttons(shift: Shift, language: str) -> Keyboard:
    return [[button(i18n.t(language, "shifts.button_ics"), OnShift(ShiftAct.ICS, shift.id).data)]]


class ChangeService(OfferDesk):
    def __init__(self, deps: Deps, known_people: KnownPeople) -> None:
        super().__init__(deps)
        self.known_people = known_people  # staff are no residents (privacy guard)

    async def change(
        self, update_id: int | None, telegram_id: int, shift_id: int, field: str, value: Any
    ) -> Shift:
        """Change one field of one shift (a series' occurrence leaves its series for it)."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            coordinator = await self.coordinator(tx, telegram_id)
            return await self._change(tx, coordinator, shift_id, field, value, now)

    async def ask_change(
        self, update_id: int | None, telegram_id: int, shift_id: int, field: str
    ) -> Shift:
        """Their next text is the new value of `field`."""
        if field not in FIELDS:
            raise InvalidInput("common.button_expired")
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            await self.coordinator(tx, telegram_id)
            shift = await self.open_shift(tx, shift_id, now)
            data = {"shift": shift.id, "field": field}
            await wait_for_text(tx, telegram_id, "change", data, now)
        return shift

    async def change_typed(self, update_id: int | None, telegram_id: int, text: str) -> Shift:
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            coordinator = await self.coordinator(tx, telegram_id)
            waiting = await typed_step(tx, telegram_id, "change")
            field = str(waiting.data["field"])
            value = await self._read(tx, coordinator, field, text, now)
            return await self._change(
                tx, coordinator, int(waiting.data["shift"]), field, value, now
            )

    async def _read(
        self, tx: Transaction, coordinator: Person, field: str, text: str, now: datetime
    ) -> Any:
        """A typed value as the field takes it; texts pass the privacy guard first."""
        if field == "time":
            return parse_when(text, wall_clock(now, self.settings.organisation.zone).date())
        if field == "needed":
            return parse_number(text, MAX_NEEDED)
        if field == "notes" and text.strip() == "-":
            return None
        found = identifying_kinds(text, await self.known_people.names(tx))
        if found:
            raise InvalidInput("shifts.privacy", kinds=kinds(found, coordinator.language))
        return text

    async def _change(
        self,
        tx: Transaction,
        coordinator: Person,
        shift_id: int,
        field: str,
        value: Any,
        now: datetime,
    ) -> Shift:
        shift = await self.open_shift(tx, shift_id, now)
        changes = await self._changes(tx, shift, field, value, now)
        await ShiftRepository(tx).change(shift.id, now, **changes)
        changed = await self.shift(tx, shift.id)
        await self.event(tx, changed, coordinator, "changed", now, detail=field)
        if field in ("time", "place", "title"):
            await self._tell_signed_up(tx, shift, changed, now)
        if field == "time":
            await self.after_time_change(tx, changed, now)
        if changed.needed > shift.needed:
            await self.refill(tx, changed, now)
        return changed

    async def _changes(
        self, tx: Transaction, shift: Shift, field: str, value: Any, now: datetime
    ) -> dict[str, Any]:
        if field == "time":
            day, start, end = value
            return self._times(day, start, end, now)
        if field == "needed":
            return {"needed": await self._needed(tx, shift, value)}
        limits = {"place": MAX_PLACE, "title": MAX_TITLE, "notes": MAX_NOTES}
        if field not in limits or not isinstance(value, str | None):
            raise InvalidInput("common.button_expired")
        if field == "notes" and not value:
            return {"notes": None}
        return {field: clean_text(value or "", limits[field])}

    def _times(self, day: date, start: time, end: time, now: datetime) -> dict[str, Any]:
        zone = self.settings.organisation.zone
        if end <= start:  # no overnight shifts (bot.shifts.typed.parse_times)
            raise InvalidInput("shifts.time_end_before_start")
        starts = instant_of(datetime.combine(day, start), zone)
        ends = instant_of(datetime.combine(day, end), zone)
        if starts <= now:
            raise InvalidInput("shifts.date_past")
        return {"starts_at": starts, "ends_at": ends}

    async def _needed(self, tx: Transaction, shift: Shift, value: Any) -> int:
        if not isinstance(value, int) or not 1 <= value <= MAX_NEEDED:
            raise InvalidInput("shifts.needed_range", most=MAX_NEEDED)
        coverage = await ShiftRepository(tx).coverage_of(shift.id)
        taken = coverage.filled + coverage.held if coverage else 0
        if value < taken:
            raise InvalidInput("shifts.needed_below_taken", count=taken)
        return value

    async def _tell_signed_up(
        self, tx: Transaction, before: Shift, shift: Shift, now: datetime
    ) -> None:
        """Everyone signed up or on standby, once per change (the key has its sequence)."""
        for named in await SignupRepository(tx).of_shift(shift.id):
            person = await PersonRepository(tx).by_id(named.signup.person_id or 0)
            if person is None:
                continue
            await self.tell(
                tx,
                f"shift:{shift.id}:changed:{shift.sequence}:{person.id}",
                person,
                lambda language: i18n.raw(
                    language,
                    "shifts.changed",
                    before=texts.line(before, language, self.settings),
                    shift=texts.block(shift, language, self.settings),
                ),
                now,
                lambda language: changed_buttons(shift, language),
            )

    async def cancel(
        self, update_id: int | None, telegram_id: int, shift_id: int, rest_of_series: bool
    ) -> list[Shift]:
        """Cancel the shift, or it and every later one of its series (which then ends)."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            coordinator = await self.coordinator(tx, telegram_id)
            shift = await self.open_shift(tx, shift_id, now)
            shifts = ShiftRepository(tx)
            doomed = [shift]
            if rest_of_series and shift.series_id is not None:
                doomed = await shifts.of_series(shift.series_id, shift.starts_at)
                await shifts.end_series(shift.series_id, now)
            cancelled = []
            for each in doomed:
                if await shifts.cancel(each.id, now):
                    cancelled.append(await self._cancelled(tx, each, coordinator, now))
        return cancelled

    async def _cancelled(
        self, tx: Transaction, shift: Shift, coordinator: Person, now: datetime
    ) -> Shift:
        gone = await self.shift(tx, shift.id)
        await self.event(tx, gone, coordinator, "cancelled_shift", now)
        for named in await SignupRepository(tx).of_shift(shift.id):
            person = await PersonRepository(tx).by_id(named.signup.person_id or 0)
            if person is None:
                continue
            await self.tell(
                tx,
                f"shift:{shift.id}:cancelled:{person.id}",
                person,
                lambda language: i18n.raw(
                    language, "shifts.cancelled", shift=texts.line(gone, language, self.settings)
                ),
                now,
                lambda language: changed_buttons(gone, language),
            )
        await self.outbox.retire(
            tx,
            [f"shift:{shift.id}:offer:", f"shift:{shift.id}:swap:", f"shift:{shift.id}:call:"],
            "cancelled",
            lambda language: i18n.t(language, "shifts.cancelled_note"),
            now,
        )
        await self.after_shift_cancelled(tx, gone, now)
        return gone

    async def after_time_change(self, tx: Transaction, shift: Shift, now: datetime) -> None:
        """Reminders and the shift's own timers follow the new time."""
        await timing.replan_time(tx, self.settings, self.quiet, shift, now)

    async def after_shift_cancelled(self, tx: Transaction, shift: Shift, now: datetime) -> None:
        """Every timer of the shift goes."""
        await timing.unplan_shift(tx, shift.id)
