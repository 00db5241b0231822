"""Swaps: a volunteer offers their place to the others who fit; the first to accept takes it
over, both are told, and the shift's history shows it. Until then the place stays theirs."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

from bot.core import i18n
from bot.core.errors import InvalidInput, NotAllowed
from bot.shifts import texts
from bot.shifts import volunteer_views as views
from bot.shifts.callbacks import OnSwap, SwapAct
from bot.shifts.offers import OfferDesk
from bot.shifts.rules import need_of
from bot.telegram.outbox import Keyboard, Priority, button
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.people import Person, PersonRepository
from storage.shift_offers import OfferRepository
from storage.shift_signups import SignupRepository, Swap
from storage.shifts import Shift

# One place, so a swap asks a few more than a wave asks per place.
SWAP_FACTOR = 2


@dataclass(frozen=True)
class SwapOffered:
    shift: Shift
    asked: int


def swap_buttons(swap_id: int, language: str) -> Keyboard:
    return [
        [
            button(i18n.t(language, "shifts.button_take_swap"), OnSwap(SwapAct.TAKE, swap_id).data),
            button(i18n.t(language, "shifts.button_no"), OnSwap(SwapAct.DECLINE, swap_id).data),
        ]
    ]


class SwapService(OfferDesk):
    async def offer(self, update_id: int | None, telegram_id: int, shift_id: int) -> SwapOffered:
        """Offer their confirmed place to others who fit; 0 asked: nobody fits now."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            person = await self.volunteer(tx, telegram_id)
            signup, shift = await self.own_signup(tx, person, shift_id)
            await self.open_shift(tx, shift.id, now)
            if signup.status != "confirmed":
                raise InvalidInput("common.button_expired")
            signups = SignupRepository(tx)
            swap_id = await signups.open_swap(signup, now)
            if swap_id is None:
                raise InvalidInput("shifts.swap_open_already")
            asked = await self._ask(tx, shift, person, swap_id, now)
            if not asked:
                await signups.close_swap(swap_id, "withdrawn", now)
            else:
                await self.event(tx, shift, person, "swap_offered", now, about=person)
        return SwapOffered(shift, asked)

    async def _ask(
        self, tx: Transaction, shift: Shift, person: Person, swap_id: int, now: datetime
    ) -> int:
        config = self.settings.shifts
        need = need_of(shift, self.settings.organisation.zone, swap_id)
        offers = OfferRepository(tx)
        size = config.wave_per_place * SWAP_FACTOR
        found = await offers.candidates(need, now, size, config.default_max_per_week)
        due = self.not_before(now)
        for candidate in found:
            await offers.record(shift.id, candidate.person_id, 0, now, swap_id)
            language = candidate.language
            text = i18n.raw(
                language,
                "shifts.swap_offer",
                name=html.escape(person.name, quote=False),
                shift=texts.block(shift, language, self.settings),
            )
            await self.outbox.message(
                tx,
                f"shift:{shift.id}:swap:{swap_id}:{candidate.person_id}",
                candidate.telegram_id,
                text,
                now,
                swap_buttons(swap_id, language),
                due,
                Priority.NOTICE,
            )
        return len(found)

    async def take(self, update_id: int | None, telegram_id: int, swap_id: int) -> Shift:
        """Take a place over; InvalidInput when someone was first or it was withdrawn."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            taker = await self.volunteer(tx, telegram_id)
            swap, offer_id = await self._offered(tx, swap_id, taker)
            shift = await self.open_shift(tx, swap.shift_id, now)
            if swap.status != "open":
                mine_now = swap.status == "taken" and swap.taken_by == taker.id
                raise InvalidInput("shifts.already_on_it" if mine_now else "shifts.swap_gone")
            signups = SignupRepository(tx)
            mine = await signups.active(shift.id, taker.id)
            if mine is not None and mine.status != "standby":
                raise InvalidInput("shifts.already_on_it")
            await self.check_room(tx, taker, shift)
            await signups.close_swap(swap.id, "taken", now, taker.id)
            await OfferRepository(tx).answer(offer_id, "yes", now)
            await self._hand_over(tx, swap, shift, taker, now)
            await self.answer(
                tx,
                update_id,
                taker,
                lambda lang: views.shift_note(shift, "shifts.swap_yours", lang, self.settings),
                now,
            )
        return shift

    async def _hand_over(
        self, tx: Transaction, swap: Swap, shift: Shift, taker: Person, now: datetime
    ) -> None:
        signups = SignupRepository(tx)
        original = await signups.get(swap.signup_id)
        assert original is not None
        await signups.move(original.id, ("confirmed",), "swapped", now)
        await self.after_signup_ends(tx, shift, original, now)
        mine = await signups.active(shift.id, taker.id)
        if mine is not None:  # on standby: that sign-up becomes the place
            await signups.cancel(mine.id, False, None, now)
        new_id = await signups.insert_taken_over(shift.id, taker.id, now)
        assert new_id is not None
        await self.after_signup(tx, shift, new_id, now)
        giver = await PersonRepository(tx).by_id(original.person_id or 0)
        await self.event(tx, shift, taker, "swapped", now, about=giver)
        await self.retire_offer(tx, shift, taker, now)
        if giver is not None:
            await self.tell(
                tx,
                f"shift:{shift.id}:swapped:{swap.id}",
                giver,
                lambda language: i18n.raw(
                    language,
                    "shifts.swap_done_giver",
                    name=html.escape(taker.name, quote=False),
                    shift=texts.line(shift, language, self.settings),
                ),
                now,
            )
        # The others asked: this swap is over (the taker's own message shows the answer).
        asked = await OfferRepository(tx).asked_for_swap(swap.id)
        await self.outbox.retire(
            tx,
            [f"shift:{shift.id}:swap:{swap.id}:{person}" for person in asked if person != taker.id],
            "taken",
            lambda language: i18n.t(language, "shifts.swap_taken_note"),
            now,
        )

    async def _offered(self, tx: Transaction, swap_id: int, person: Person) -> tuple[Swap, int]:
        """The swap, if it was offered to them (authorisation), and the offer's id."""
        swap = await SignupRepository(tx).swap(swap_id)
        if swap is None:
            raise NotAllowed("no such swap")
        offer = await OfferRepository(tx).made_to(swap.shift_id, person.id, swap.id)
        if offer is None:
            raise NotAllowed("swap not offered to them")
        return swap, offer.id

    async def decline(self, update_id: int | None, telegram_id: int, swap_id: int) -> Shift:
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            person = await self.volunteer(tx, telegram_id)
            swap, offer_id = await self._offered(tx, swap_id, person)
            await OfferRepository(tx).answer(offer_id, "no", now)
            return await self.shift(tx, swap.shift_id)

    async def withdraw(self, update_id: int | None, telegram_id: int, shift_id: int) -> Shift:
        """ "Ik kom toch zelf": the swap is withdrawn, the place stays theirs."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            person = await self.volunteer(tx, telegram_id)
            signup, shift = await self.own_signup(tx, person, shift_id)
            signups = SignupRepository(tx)
            swap = await signups.open_swap_of(signup.id)
            if swap is None and signup.status == "confirmed":  # withdrawn already: a second tap
                raise InvalidInput("shifts.coming_myself")
            if swap is None or not await signups.close_swap(swap.id, "withdrawn", now):
                raise InvalidInput("shifts.swap_gone")
            await self.event(tx, shift, person, "swap_withdrawn", now, about=person)
            await self.outbox.retire(
                tx,
                [f"shift:{shift.id}:swap:{swap.id}:"],
                "withdrawn",
                lambda language: i18n.t(language, "shifts.swap_withdrawn_note"),
                now,
            )
        return shift
