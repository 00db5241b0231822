"""The producers of the shifts' timers (bot.shifts.timing says which and when): the next wave of
offers, the coverage alert 72 hours before, the reminders 24 and 2 hours before, the notice
when a volunteer has not answered 12 hours before, a place held from standby that lapses, the
attendance question, and each series made further ahead. Each re-reads what it is about and
writes its outbox rows in the tick's transaction (fired once, also across restarts)."""

from __future__ import annotations

import html
from datetime import datetime

from bot.core import i18n
from bot.core.deps import Deps
from bot.scheduling.timers import FIRED, STALE, Outcome, Producer
from bot.shifts import texts, timing
from bot.shifts.callbacks import OnShift, ShiftAct
from bot.shifts.offers import OfferDesk
from bot.shifts.planning import PlanningService
from bot.shifts.rules import send_at
from bot.telegram.outbox import Keyboard, Priority, button
from storage.database import Transaction
from storage.people import Person, PersonRepository
from storage.shift_signups import Signup, SignupRepository
from storage.shifts import Shift, ShiftRepository
from storage.timers import Timer


def reminder_buttons(shift: Shift, language: str) -> Keyboard:
    return [
        [
            button(
                i18n.t(language, "shifts.button_still_coming"),
                OnShift(ShiftAct.STILL_COMING, shift.id).data,
            )
        ],
        [button(i18n.t(language, "shifts.button_cannot"), OnShift(ShiftAct.CANCEL, shift.id).data)],
    ]


def alert_buttons(shift: Shift, language: str) -> Keyboard:
    return [
        [
            button(
                i18n.t(language, "shifts.button_offer_again"),
                OnShift(ShiftAct.OFFER_AGAIN, shift.id).data,
            )
        ],
        [button(i18n.t(language, "shifts.button_view"), OnShift(ShiftAct.CARD, shift.id).data)],
    ]


class ShiftDue(OfferDesk):
    def __init__(self, deps: Deps, planning: PlanningService) -> None:
        super().__init__(deps)
        self.planning = planning

    def producers(self) -> dict[str, Producer]:
        return {
            timing.WAVE: self.wave_due,
            timing.COVERAGE: self.coverage_due,
            timing.ATTENDANCE: self.attendance_due,
            timing.REMIND_DAY: self.day_before,
            timing.REMIND_SOON: self.soon,
            timing.UNCONFIRMED_KIND: self.unconfirmed,
            timing.HOLD: self.hold_lapsed,
            timing.SERIES: self.series_ahead,
        }

    async def _coming(self, tx: Transaction, timer: Timer, now: datetime) -> Shift | None:
        shift = await ShiftRepository(tx).get(timer.subject_id or 0)
        return shift if shift is not None and shift.planned and shift.starts_at > now else None

    async def wave_due(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        shift = await self._coming(tx, timer, now)
        if shift is None:
            return STALE
        return FIRED if await self.wave(tx, shift, now) else STALE

    async def coverage_due(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        """Still short: every coordinator once, with a button that offers it again."""
        shift = await self._coming(tx, timer, now)
        coverage = await ShiftRepository(tx).coverage_of(shift.id) if shift else None
        if shift is None or coverage is None or not coverage.short:
            return STALE

        def alert(language: str) -> str:
            return i18n.raw(
                language,
                "shifts.coverage_alert",
                shift=texts.line(shift, language, self.settings),
                places=texts.places(shift.needed, coverage.filled, language),
            )

        key = f"shift:{shift.id}:short:{shift.sequence}"
        due = self.not_before(now)
        buttons = lambda language: alert_buttons(shift, language)  # noqa: E731
        await self.tell_coordinators(tx, key, alert, now, buttons, due_at=due)
        await self.event(tx, shift, None, "coverage_alert", now, detail=str(coverage.short))
        return FIRED

    async def attendance_due(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        """Over: the coordinators mark who came (everyone present unless they tap a name)."""
        shift = await ShiftRepository(tx).get(timer.subject_id or 0)
        if shift is None or not shift.planned:
            return STALE
        people = await SignupRepository(tx).of_shift(shift.id, ("confirmed",))
        if not people:
            return STALE
        await self.tell_coordinators(
            tx,
            f"shift:{shift.id}:attendance:{shift.sequence}",
            lambda language: texts.attendance(shift, people, language, self.settings),
            now,
            lambda language: texts.attendance_buttons(shift, people, language),
            due_at=self.not_before(now),
        )
        return FIRED

    async def _place(
        self, tx: Transaction, timer: Timer, now: datetime
    ) -> tuple[Signup, Shift, Person] | None:
        """The confirmed place a reminder is for, while the shift is still to come."""
        signup = await SignupRepository(tx).get(timer.subject_id or 0)
        if signup is None or signup.status != "confirmed" or signup.person_id is None:
            return None
        shift = await ShiftRepository(tx).get(signup.shift_id)
        person = await PersonRepository(tx).by_id(signup.person_id)
        if shift is None or not shift.planned or shift.starts_at <= now or person is None:
            return None
        return signup, shift, person

    async def _remind(self, tx: Transaction, timer: Timer, now: datetime, what: str) -> Outcome:
        found = await self._place(tx, timer, now)
        if found is None:
            return STALE
        signup, shift, person = found
        await self.outbox.message(
            tx,
            f"shift:{shift.id}:remind:{signup.id}:{what}:{shift.sequence}",
            person.telegram_id,
            i18n.raw(
                person.language,
                f"shifts.remind_{what}",
                shift=texts.block(shift, person.language, self.settings),
            ),
            now,
            reminder_buttons(shift, person.language) if what == "day" else None,
            send_at(now, shift.starts_at, self.quiet),
            Priority.NOTICE,
        )
        return FIRED

    async def day_before(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        """ "Tomorrow: still coming?" with a button for yes and one for no."""
        return await self._remind(tx, timer, now, "day")

    async def soon(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        return await self._remind(tx, timer, now, "soon")

    async def unconfirmed(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        """12 hours before, no answer to the day-before reminder: the coordinators hear it."""
        found = await self._place(tx, timer, now)
        if found is None or found[0].still_coming_at is not None:
            return STALE
        signup, shift, person = found

        def notice(language: str) -> str:
            return i18n.raw(
                language,
                "shifts.unconfirmed",
                name=html.escape(person.name, quote=False),
                shift=texts.line(shift, language, self.settings),
            )

        due = send_at(now, shift.starts_at, self.quiet)
        await self.tell_coordinators(
            tx, f"shift:{shift.id}:unconfirmed:{signup.id}", notice, now, due_at=due
        )
        await self.event(tx, shift, None, "unconfirmed", now, about=person)
        return FIRED

    async def hold_lapsed(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        """No answer in time to the place held for them: it goes on (kindly said)."""
        signups = SignupRepository(tx)
        signup = await signups.get(timer.subject_id or 0)
        if signup is None or signup.status != "called":
            return STALE
        await signups.move(signup.id, ("called",), "declined", now)
        shift = await self.shift(tx, signup.shift_id)
        person = await PersonRepository(tx).by_id(signup.person_id or 0)
        await self.event(tx, shift, None, "hold_lapsed", now, about=person)
        if person is not None:
            await self.tell(
                tx,
                f"shift:{shift.id}:lapsed:{signup.id}",
                person,
                lambda language: i18n.raw(
                    language, "shifts.hold_lapsed", shift=texts.line(shift, language, self.settings)
                ),
                now,
                due_at=self.not_before(now),
            )
        await self.refill(tx, shift, now)
        return FIRED

    async def series_ahead(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        series = await ShiftRepository(tx).series(timer.subject_id or 0)
        if series is None or series.ended_at is not None:
            return STALE
        for shift in await self.planning.make_ahead(tx, series, now):
            await self.event(tx, shift, None, "made", now)
            await self.planning.after_shift_made(tx, shift, now)
        await timing.plan_series(tx, self.settings, series, now)
        return FIRED
