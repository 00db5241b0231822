"""A volunteer's own place: taking it from an offer or the list, standing by when it is full,
saying no, cancelling (before or after the cut-off), answering the day-before reminder, and
taking or passing a place held for them from standby.

Authorisation is the server's: a volunteer acts on offers made to them, on shifts that fit them
(the list), and on their own sign-ups only; each step re-reads what it acts on.
"""

from __future__ import annotations

import html
from datetime import datetime

from bot.core import i18n
from bot.core.errors import InvalidInput, NotAllowed, NotFound
from bot.core.text_input import clean_text
from bot.shifts import texts
from bot.shifts import volunteer_views as views
from bot.shifts.fit import fits
from bot.shifts.offers import OfferDesk
from bot.shifts.outcomes import (
    ALREADY,
    ALREADY_STANDBY,
    CONFIRMED,
    STANDBY,
    Cancelled,
    Declined,
    Taken,
)
from bot.shifts.rules import DAY_BEFORE, is_late
from bot.shifts.typed import typed_step, wait_for_text
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.people import Person
from storage.shift_offers import OfferRepository
from storage.shift_signups import Signup, SignupRepository
from storage.shifts import Shift

MAX_REASON = 200


class SignupService(OfferDesk):
    async def take(
        self, update_id: int | None, telegram_id: int, shift_id: int, via: str = "offer"
    ) -> Taken:
        """ "Ik kom": a place if one is free, else the standby list. `via` "offer" needs an
        offer made to them, "list" a shift that fits them."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            person = await self.volunteer(tx, telegram_id)
            shift = await self.open_shift(tx, shift_id, now)
            offer = await OfferRepository(tx).made_to(shift.id, person.id)
            if via == "offer" and offer is None:
                raise NotAllowed("no offer made to them")
            if via == "list" and not fits(person, shift, self.settings):
                raise NotAllowed("the shift does not fit them")
            outcome = await self._take(tx, person, shift, via, now)
            if offer is not None:
                await OfferRepository(tx).answer(offer.id, "yes", now)
                if via != "offer" and outcome in (CONFIRMED, STANDBY):
                    await self.retire_offer(tx, shift, person, now, standby=outcome == STANDBY)
            taken = Taken(outcome, shift)
            await self.answer(
                tx, update_id, person, lambda lang: views.taken(taken, lang, self.settings), now
            )
        return taken

    async def _take(
        self, tx: Transaction, person: Person, shift: Shift, via: str, now: datetime
    ) -> str:
        signups = SignupRepository(tx)
        existing = await signups.active(shift.id, person.id)
        if existing is not None and existing.status != "standby":
            return ALREADY
        await self.check_room(tx, person, shift)
        soon = shift.starts_at - now <= DAY_BEFORE  # no need to ask "still coming?" then
        if existing is not None:
            if not await signups.promote(existing.id, shift.id, now, via):
                return ALREADY_STANDBY
            if soon:
                await signups.still_coming(existing.id, now)
            signup_id: int | None = existing.id
        else:
            signup_id = await signups.take(shift.id, person.id, via, now, still_coming=soon)
        if signup_id is None:
            await signups.stand_by(shift.id, person.id, via, now)
            await self.event(tx, shift, person, "standby", now, about=person)
            return STANDBY
        await self.event(tx, shift, person, "confirmed", now, about=person, detail=via)
        await self.after_signup(tx, shift, signup_id, now)
        return CONFIRMED

    async def decline(self, update_id: int | None, telegram_id: int, shift_id: int) -> Declined:
        """ "Kan niet": the offer is answered; nothing else changes. On the shift already, the
        "no" is not recorded: they are told they are on it (cancelling is its own path)."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            person = await self.volunteer(tx, telegram_id)
            shift = await self.shift(tx, shift_id)
            offers = OfferRepository(tx)
            offer = await offers.made_to(shift.id, person.id)
            if offer is None:
                raise NotAllowed("no offer made to them")
            signed_up = await SignupRepository(tx).active(shift.id, person.id)
            if signed_up is None:
                await offers.answer(offer.id, "no", now)
        return Declined(shift, signed_up)

    async def cancel_is_late(self, telegram_id: int, shift_id: int) -> bool:
        """Whether cancelling now needs a reason (after the cut-off)."""
        async with self.db.read() as tx:
            person = await self.volunteer(tx, telegram_id)
            signup, shift = await self._to_cancel(tx, person, shift_id)
            return signup.status != "standby" and is_late(shift, self.clock(), self.settings)

    async def cancel(
        self, update_id: int | None, telegram_id: int, shift_id: int, reason: str | None = None
    ) -> Cancelled:
        """Give up their place (or standby). After the cut-off only with a reason: the
        coordinators are told and the place goes to standby or is offered."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            person = await self.volunteer(tx, telegram_id)
            signup, shift = await self._to_cancel(tx, person, shift_id)
            cancelled = await self._cancel(tx, person, signup, shift, reason, now)
            await self.answer(
                tx, update_id, person, lambda lang: views.cancelled(cancelled, lang), now
            )
        return cancelled

    async def _to_cancel(
        self, tx: Transaction, person: Person, shift_id: int
    ) -> tuple[Signup, Shift]:
        """Their sign-up to give up; when it is given up already (a second tap), say so."""
        try:
            return await self.own_signup(tx, person, shift_id)
        except NotFound:
            latest = await SignupRepository(tx).latest_per_shift(person.id, self.clock(), shift_id)
            if latest and latest[0][0] == "cancelled":
                raise InvalidInput("shifts.cancelled_already") from None
            raise

    async def _cancel(
        self,
        tx: Transaction,
        person: Person,
        signup: Signup,
        shift: Shift,
        reason: str | None,
        now: datetime,
    ) -> Cancelled:
        taking = signup.status != "standby"
        late = taking and shift.starts_at > now and is_late(shift, now, self.settings)
        if late and reason is None:
            raise InvalidInput("shifts.reason_needed")
        text = clean_text(reason, MAX_REASON) if late and reason is not None else None
        await SignupRepository(tx).cancel(signup.id, late, text, now)
        await self.after_signup_ends(tx, shift, signup, now)
        action = "cancelled_late" if late else "cancelled"
        await self.event(tx, shift, person, action, now, about=person, detail=text)
        refill = await self.refill(tx, shift, now) if taking else None
        if late and refill is not None:

            def notice(language: str) -> str:
                line = texts.line(shift, language, self.settings)
                what = self.refill_text(refill, language)
                return i18n.raw(
                    language,
                    "shifts.late_notice",
                    name=html.escape(person.name, quote=False),
                    shift=line,
                    reason=html.escape(text or "", quote=False),
                    then=what,
                )

            await self.tell_coordinators(tx, f"shift:{shift.id}:late:{signup.id}", notice, now)
        return Cancelled(shift, late, refill, standby=not taking)

    async def ask_reason(self, update_id: int | None, telegram_id: int, shift_id: int) -> None:
        """Their next text is the reason they cannot come (after the cut-off)."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            person = await self.volunteer(tx, telegram_id)
            _, shift = await self._to_cancel(tx, person, shift_id)
            await wait_for_text(tx, telegram_id, "reason", {"shift": shift.id}, now)

    async def cancel_typed(self, update_id: int | None, telegram_id: int, text: str) -> Cancelled:
        """The typed reason: the place is given up with it."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            person = await self.volunteer(tx, telegram_id)
            waiting = await typed_step(tx, telegram_id, "reason")
            signup, shift = await self._to_cancel(tx, person, int(waiting.data["shift"]))
            cancelled = await self._cancel(tx, person, signup, shift, text, now)
            await self.answer(
                tx, update_id, person, lambda lang: views.cancelled(cancelled, lang), now
            )
        return cancelled

    async def still_coming(self, update_id: int | None, telegram_id: int, shift_id: int) -> Shift:
        """ "Ik kom nog steeds" under the day-before reminder."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            person = await self.volunteer(tx, telegram_id)
            signup, shift = await self.own_signup(tx, person, shift_id)
            if not await SignupRepository(tx).still_coming(signup.id, now):
                raise InvalidInput("common.button_expired")
            await self.event(tx, shift, person, "still_coming", now, about=person)
        return shift

    async def answer_call(
        self, update_id: int | None, telegram_id: int, signup_id: int, take: bool
    ) -> Shift:
        """Take or pass the place held for them from standby."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            person = await self.volunteer(tx, telegram_id)
            signups = SignupRepository(tx)
            signup = await signups.get(signup_id)
            if signup is None or signup.person_id != person.id:
                raise NotAllowed("not their sign-up")
            shift = await self.open_shift(tx, signup.shift_id, now)
            if signup.status != "called":
                raise InvalidInput(_already_answered(signup.status, take))
            if take:
                await signups.move(signup.id, ("called",), "confirmed", now)
                await self.event(
                    tx, shift, person, "confirmed", now, about=person, detail="standby"
                )
                await self.after_signup(tx, shift, signup.id, now)
            else:
                await signups.move(signup.id, ("called",), "declined", now)
                await self.after_signup_ends(tx, shift, signup, now)
                await self.event(tx, shift, person, "passed", now, about=person)
                await self.refill(tx, shift, now)
            note = "shifts.held_taken" if take else "shifts.held_passed"
            await self.answer(
                tx,
                update_id,
                person,
                lambda lang: views.shift_note(shift, note, lang, self.settings),
                now,
            )
        return shift


def _already_answered(status: str, take: bool) -> str:
    """A second tap on a held place says what the first one did (a double tap, or the
    buttons pressed again) rather than that the hold lapsed."""
    if status == "confirmed":
        return "shifts.already_yours" if take else "shifts.held_already_taken"
    if status == "declined" and not take:
        return "shifts.held_already_passed"
    return "shifts.hold_over"
