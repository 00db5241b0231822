"""/vergeet for shifts: the person leaves their coming shifts (the coordinators are told which
places opened, and those places are offered again), and their past attendance stays for the
totals without them: no link to the person, no reason in their words (storage.shift_signups)."""

from __future__ import annotations

import html
from datetime import datetime

from bot.core import i18n
from bot.shifts import texts
from bot.shifts.offers import OfferDesk
from storage.database import Transaction
from storage.outbox import GONE_PREFIX
from storage.people import Person
from storage.shift_signups import SignupRepository
from storage.shifts import Shift, ShiftRepository


class ShiftErasure(OfferDesk):
    async def forget(self, tx: Transaction, person: Person, now: datetime) -> None:
        """Run inside /vergeet's transaction, before the person's row is deleted."""
        signups = SignupRepository(tx)
        opened: list[Shift] = []
        for signup in await signups.future_of(person.id, now):
            shift = await self.shift(tx, signup.shift_id)
            await signups.move(signup.id, (signup.status,), "removed", now)
            await self.after_signup_ends(tx, shift, signup, now)
            await self.event(tx, shift, None, "erased", now)
            if signup.status != "standby":
                await self.refill(tx, shift, now)
                opened.append(shift)
        await ShiftRepository(tx).forget_details(person.id)
        await signups.anonymise(person.id)
        if opened:

            def notice(language: str) -> str:
                lines = "\n".join(
                    f"• {texts.line(shift, language, self.settings)}" for shift in opened
                )
                name = html.escape(person.name, quote=False)
                return i18n.raw(language, "shifts.erased_notice", name=name, shifts=lines)

            # Named, so deleted once delivered like erasure's own notice.
            await self.tell_coordinators(tx, f"{GONE_PREFIX}shifts:{person.id}", notice, now)
