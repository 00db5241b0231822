"""Offering places: in waves to the volunteers who fit, best fitting and least recently asked
first (storage.shift_offers), and a place that opens to the first one on standby, held for them
while they confirm. Runs inside the caller's transaction."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.core import i18n
from bot.shifts import texts, timing
from bot.shifts.callbacks import OnSignup, SignupAct
from bot.shifts.desk import ShiftDesk
from bot.shifts.outcomes import Refill
from bot.shifts.rules import need_of
from bot.telegram.outbox import Keyboard, Priority, button
from storage.database import Transaction
from storage.people import Person, PersonRepository
from storage.shift_offers import OfferRepository
from storage.shift_signups import Signup, SignupRepository
from storage.shifts import Shift, ShiftRepository


def call_buttons(signup: Signup, language: str) -> Keyboard:
    return [
        [
            button(
                i18n.t(language, "shifts.button_take_held"),
                OnSignup(SignupAct.TAKE_HELD, signup.id).data,
            ),
            button(
                i18n.t(language, "shifts.button_pass_held"),
                OnSignup(SignupAct.PASS_HELD, signup.id).data,
            ),
        ]
    ]


class OfferDesk(ShiftDesk):
    async def wave(self, tx: Transaction, shift: Shift, now: datetime) -> int:
        """Offer the open places to the next volunteers who fit; how many were asked."""
        coverage = await ShiftRepository(tx).coverage_of(shift.id)
        if coverage is None or not shift.planned or shift.starts_at <= now or not coverage.short:
            return 0
        config = self.settings.shifts
        size = coverage.short * config.wave_per_place
        need = need_of(shift, self.settings.organisation.zone)
        offers = OfferRepository(tx)
        found = await offers.candidates(need, now, size, config.default_max_per_week)
        if not found:
            return 0
        wave = await ShiftRepository(tx).count_wave(shift.id)
        due = self.not_before(now)
        for candidate in found:
            await offers.record(shift.id, candidate.person_id, wave, now)
            language = candidate.language
            await self.outbox.message(
                tx,
                f"shift:{shift.id}:offer:{candidate.person_id}",
                candidate.telegram_id,
                self.offer_text(shift, language),
                now,
                texts.offer_buttons(shift, language),
                due,
                Priority.NOTICE,
            )
        await self.event(tx, shift, None, "offered", now, detail=f"{wave}:{len(found)}")
        await self.after_wave(tx, shift, wave, now)
        return len(found)

    async def retire_offer(
        self, tx: Transaction, shift: Shift, person: Person, now: datetime, standby: bool = False
    ) -> None:
        """On the shift (or its standby list) another way (the list, a coordinator, a swap):
        their offer's buttons no longer invite a decision."""
        key = "shifts.offer_on_standby" if standby else "shifts.offer_on_it"
        await self.outbox.retire(
            tx,
            [f"shift:{shift.id}:offer:{person.id}"],
            "signed",
            lambda language: i18n.t(language, key),
            now,
        )

    def offer_text(self, shift: Shift, language: str) -> str:
        block = texts.block(shift, language, self.settings)
        return i18n.raw(language, "shifts.offer", shift=block)

    async def after_wave(self, tx: Transaction, shift: Shift, wave: int, now: datetime) -> None:
        """The next wave, while places stay open."""
        await timing.next_wave(tx, self.settings, shift, wave, now)

    async def refill(self, tx: Transaction, shift: Shift, now: datetime) -> Refill:
        """A place opened: hold it for the first one on standby (who confirms), else offer it."""
        if not shift.planned or shift.starts_at <= now:
            return Refill()
        hold = timedelta(hours=self.settings.shifts.standby_hours)
        until = min(self.not_before(now) + hold, shift.starts_at)
        signup = await SignupRepository(tx).call_first_standby(shift.id, until, now)
        person = await self._person(tx, signup)
        if signup is None or person is None:
            return Refill(offered=await self.wave(tx, shift, now))
        await self.tell(
            tx,
            f"shift:{shift.id}:call:{signup.id}",
            person,
            lambda language: self.call_text(shift, until, language),
            now,
            lambda language: call_buttons(signup, language),
            due_at=self.not_before(now),
        )
        await self.event(tx, shift, None, "called", now, about=person)
        await self.after_call(tx, shift, signup, now)
        return Refill(called=person)

    def call_text(self, shift: Shift, until: datetime, language: str) -> str:
        zone = self.settings.organisation.zone
        return i18n.raw(
            language,
            "shifts.standby_call",
            shift=texts.block(shift, language, self.settings),
            until=f"{texts.day(until, language, zone)} {until.astimezone(zone):%H:%M}",
        )

    async def after_call(
        self, tx: Transaction, shift: Shift, signup: Signup, now: datetime
    ) -> None:
        """When the hold lapses."""
        assert signup.called_until is not None
        await timing.plan_hold(tx, shift, signup.id, signup.called_until, now)

    async def _person(self, tx: Transaction, signup: Signup | None) -> Person | None:
        if signup is None or signup.person_id is None:
            return None
        return await PersonRepository(tx).by_id(signup.person_id)

    def refill_text(self, refill: Refill, language: str) -> str:
        """For coordinators: where the opened place goes."""
        if refill.called is not None:
            return i18n.t(language, "shifts.refill_called", name=refill.called.name)
        if refill.offered:
            return i18n.t(language, "shifts.refill_offered", count=refill.offered)
        return i18n.t(language, "shifts.refill_nobody")
