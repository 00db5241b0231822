"""A coordinator assigns a volunteer directly, and after a shift marks who came.

Assigning is refused with the reason when the volunteer has an overlapping shift, or is at their
maximum for that week; the maximum (only) may be overridden with a reason, which is recorded.
Attendance: everyone confirmed counts as present unless marked otherwise; hours follow from it
(storage.shift_signups.SignupRepository.hours).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

from bot.core import i18n
from bot.core.errors import InvalidInput
from bot.core.text_input import clean_text
from bot.shifts import texts
from bot.shifts.callbacks import OnShift, ShiftAct
from bot.shifts.offers import OfferDesk
from bot.shifts.rules import DAY_BEFORE
from bot.shifts.typed import typed_step, wait_for_text
from bot.telegram.outbox import Keyboard, button
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.people import Person, PersonRepository, Role
from storage.shift_signups import Named, SignupRepository
from storage.shifts import Shift

MAX_OVERRIDE_REASON = 200


class AboveMaximum(InvalidInput):
    """The volunteer is at their maximum that week: a coordinator may assign anyway, with a reason."""

    def __init__(self, name: str, most: int) -> None:
        super().__init__("shifts.assign_at_maximum", name=name, count=most)


@dataclass(frozen=True)
class Attendance:
    shift: Shift
    people: list[Named]  # confirmed, in the order they came


def assigned_buttons(shift: Shift, language: str) -> Keyboard:
    return [
        [
            button(i18n.t(language, "shifts.button_ics"), OnShift(ShiftAct.ICS, shift.id).data),
            button(i18n.t(language, "shifts.button_mine"), OnShift(ShiftAct.MINE, shift.id).data),
        ]
    ]


class AssignService(OfferDesk):
    async def assign(
        self,
        update_id: int | None,
        telegram_id: int,
        shift_id: int,
        person_id: int,
        override_reason: str | None = None,
    ) -> tuple[Shift, Person]:
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            coordinator = await self.coordinator(tx, telegram_id)
            return await self._assign(tx, coordinator, shift_id, person_id, override_reason, now)

    async def ask_override(
        self, update_id: int | None, telegram_id: int, shift_id: int, person_id: int
    ) -> Person:
        """Their next text is why they assign this volunteer above the maximum."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            await self.coordinator(tx, telegram_id)
            shift = await self.open_shift(tx, shift_id, now)
            volunteer = await self._volunteer(tx, person_id)
            data = {"shift": shift.id, "person": volunteer.id}
            await wait_for_text(tx, telegram_id, "override", data, now)
        return volunteer

    async def assign_typed(
        self, update_id: int | None, telegram_id: int, text: str
    ) -> tuple[Shift, Person]:
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            coordinator = await self.coordinator(tx, telegram_id)
            waiting = await typed_step(tx, telegram_id, "override")
            shift_id, person_id = int(waiting.data["shift"]), int(waiting.data["person"])
            return await self._assign(tx, coordinator, shift_id, person_id, text, now)

    async def _volunteer(self, tx: Transaction, person_id: int) -> Person:
        volunteer = await PersonRepository(tx).by_id(person_id)
        if volunteer is None or not volunteer.active or volunteer.role is not Role.VOLUNTEER:
            raise InvalidInput("shifts.assign_not_available")
        return volunteer

    async def _assign(
        self,
        tx: Transaction,
        coordinator: Person,
        shift_id: int,
        person_id: int,
        override_reason: str | None,
        now: datetime,
    ) -> tuple[Shift, Person]:
        reason = clean_text(override_reason, MAX_OVERRIDE_REASON) if override_reason else None
        shift = await self.open_shift(tx, shift_id, now)
        volunteer = await self._volunteer(tx, person_id)
        signup_id = await self._place(tx, shift, volunteer, reason, now)
        await self.event(tx, shift, coordinator, "assigned", now, about=volunteer, detail=reason)
        await self.retire_offer(tx, shift, volunteer, now)
        await self.tell(
            tx,
            f"shift:{shift.id}:assigned:{signup_id}",
            volunteer,
            lambda language: i18n.raw(
                language,
                "shifts.assigned",
                name=html.escape(coordinator.name, quote=False),
                shift=texts.block(shift, language, self.settings),
            ),
            now,
            lambda language: assigned_buttons(shift, language),
        )
        return shift, volunteer

    async def _place(
        self, tx: Transaction, shift: Shift, volunteer: Person, reason: str | None, now: datetime
    ) -> int:
        """The volunteer's place (their sign-up's id); InvalidInput says why not."""
        signups = SignupRepository(tx)
        existing = await signups.active(shift.id, volunteer.id)
        if existing is not None and existing.status != "standby":
            raise InvalidInput("shifts.assign_already", name=volunteer.name)
        try:
            await self.check_room(tx, volunteer, shift)
        except InvalidInput as refused:
            if refused.reason == "shifts.overlap":
                raise InvalidInput(
                    "shifts.assign_overlap", name=volunteer.name, **refused.params
                ) from None
            if reason is None:
                raise AboveMaximum(volunteer.name, int(str(refused.params["count"]))) from None
        soon = shift.starts_at - now <= DAY_BEFORE
        if existing is not None:
            placed = await signups.promote(existing.id, shift.id, now, "assigned")
            signup_id: int | None = existing.id if placed else None
        else:
            signup_id = await signups.take(
                shift.id, volunteer.id, "assigned", now, reason, still_coming=soon
            )
        if signup_id is None:
            raise InvalidInput("shifts.assign_full")
        await self.after_signup(tx, shift, signup_id, now)
        return signup_id

    async def offer_now(self, update_id: int | None, telegram_id: int, shift_id: int) -> int:
        """ "Opnieuw aanbieden": a wave now to those who fit and were not asked yet; how many."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            coordinator = await self.coordinator(tx, telegram_id)
            shift = await self.open_shift(tx, shift_id, now)
            asked = await self.wave(tx, shift, now)
            await self.event(tx, shift, coordinator, "offer_again", now, detail=str(asked))
        return asked

    async def attendance(self, telegram_id: int, shift_id: int) -> Attendance:
        async with self.db.read() as tx:
            await self.coordinator(tx, telegram_id)
            shift = await self.shift(tx, shift_id)
            return Attendance(shift, await SignupRepository(tx).of_shift(shift.id, ("confirmed",)))

    async def mark(self, update_id: int | None, telegram_id: int, signup_id: int) -> Attendance:
        """Present becomes absent and back (a tap on a name)."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            coordinator = await self.coordinator(tx, telegram_id)
            signups = SignupRepository(tx)
            signup = await signups.get(signup_id)
            if signup is None or signup.status != "confirmed":
                raise InvalidInput("common.button_expired")
            shift = await self.shift(tx, signup.shift_id)
            if shift.starts_at > now or not shift.planned:
                raise InvalidInput("shifts.not_yet")
            present = signup.attended is not False
            await signups.set_attended(signup.id, not present, now)
            action = "absent" if present else "present"
            await self.event(tx, shift, coordinator, action, now, about=signup.person_id)
            people = await signups.of_shift(shift.id, ("confirmed",))
        return Attendance(shift, people)
