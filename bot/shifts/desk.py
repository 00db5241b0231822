"""What every shift use case does inside its transaction: find the shift and the person acting
(authorised on the server, whatever the button said), tell people through the outbox, and write
the shift's history."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime

from bot.core import i18n
from bot.core.deps import Service
from bot.core.errors import InvalidInput, NotAllowed, NotFound
from bot.shifts import texts, timing
from bot.shifts.rules import maximum, week_of
from bot.telegram.outbox import Keyboard, Priority
from storage.database import Transaction
from storage.people import Person, PersonRepository, Role
from storage.shift_signups import Signup, SignupRepository
from storage.shifts import Shift, ShiftRepository

Render = Callable[[str], str]  # a text in the reader's language
Buttons = Callable[[str], Keyboard | None]


class ShiftDesk(Service):
    async def shift(self, tx: Transaction, shift_id: int) -> Shift:
        shift = await ShiftRepository(tx).get(shift_id)
        if shift is None:
            raise NotFound("shift")
        return shift

    async def volunteer(self, tx: Transaction, telegram_id: int) -> Person:
        """The active volunteer acting; anyone else may not."""
        person = await PersonRepository(tx).by_telegram_id(telegram_id)
        if person is None or not person.active or person.role is not Role.VOLUNTEER:
            raise NotAllowed("shifts: volunteers only")
        return person

    async def coordinator(self, tx: Transaction, telegram_id: int) -> Person:
        """The active coordinator acting; only coordinators make, change and assign shifts."""
        person = await PersonRepository(tx).by_telegram_id(telegram_id)
        if person is None or not person.active or person.role is not Role.COORDINATOR:
            raise NotAllowed("shifts: coordinators only")
        return person

    async def tell(
        self,
        tx: Transaction,
        key: str,
        person: Person,
        render: Render,
        now: datetime,
        buttons: Buttons | None = None,
        *,
        due_at: datetime | None = None,
        priority: Priority = Priority.NOTICE,
    ) -> bool:
        """One message to one person in their language, once per key."""
        language = person.language
        keyboard = buttons(language) if buttons is not None else None
        return await self.outbox.message(
            tx, key, person.telegram_id, render(language), now, keyboard, due_at, priority
        )

    async def answer(
        self,
        tx: Transaction,
        update_id: int | None,
        person: Person,
        view: Callable[[str], tuple[str, Keyboard | None]],
        now: datetime,
    ) -> None:
        """The answer to their tap, through the outbox in the tap's transaction: a crash after
        the commit still delivers it (once: the key is the update's)."""
        key = f"answer:{update_id if update_id is not None else secrets.token_hex(6)}"
        text, keyboard = view(person.language)
        await self.outbox.message(
            tx, key, person.telegram_id, text, now, keyboard, priority=Priority.INTERACTIVE
        )

    async def tell_coordinators(
        self,
        tx: Transaction,
        key: str,
        render: Render,
        now: datetime,
        buttons: Buttons | None = None,
        *,
        due_at: datetime | None = None,
    ) -> int:
        """A notice to every active coordinator (with buttons, unlike Outbox.tell_coordinators)."""
        told = 0
        for coordinator in await PersonRepository(tx).active_coordinators():
            told += await self.tell(
                tx, f"{key}:{coordinator.id}", coordinator, render, now, buttons, due_at=due_at
            )
        return told

    async def event(
        self,
        tx: Transaction,
        shift: Shift,
        actor: Person | None,
        action: str,
        now: datetime,
        about: Person | int | None = None,
        detail: str | None = None,
    ) -> None:
        about_id = about.id if isinstance(about, Person) else about
        actor_id = actor.id if actor is not None else None
        await ShiftRepository(tx).add_event(shift.id, actor_id, action, now, about_id, detail)

    async def check_room(self, tx: Transaction, person: Person, shift: Shift) -> None:
        """No overlapping shift, and under their maximum that week (InvalidInput says which)."""
        signups = SignupRepository(tx)
        other = await signups.overlapping(person.id, shift.starts_at, shift.ends_at, shift.id)
        if other is not None:
            when = texts.when(other, person.language, self.settings.organisation.zone)
            raise InvalidInput("shifts.overlap", title=other.title, when=when)
        most = maximum(person, self.settings)
        start, end = week_of(shift.starts_at, self.settings.organisation.zone)
        if await signups.places_in(person.id, start, end) >= most:
            raise InvalidInput("shifts.at_maximum", count=most)

    async def open_shift(self, tx: Transaction, shift_id: int, now: datetime) -> Shift:
        shift = await self.shift(tx, shift_id)
        if not shift.planned:
            raise InvalidInput("shifts.gone")
        if shift.starts_at <= now:
            raise InvalidInput("shifts.started")
        return shift

    async def own_signup(
        self, tx: Transaction, person: Person, shift_id: int
    ) -> tuple[Signup, Shift]:
        """Their own active sign-up for this shift; NotFound for anyone else's."""
        shift = await self.shift(tx, shift_id)
        signup = await SignupRepository(tx).active(shift.id, person.id)
        if signup is None:
            raise NotFound("sign-up")
        return signup, shift

    async def after_signup(
        self, tx: Transaction, shift: Shift, signup_id: int, now: datetime
    ) -> None:
        """Their reminders."""
        await timing.plan_signup(tx, self.quiet, shift, signup_id, now)

    async def after_signup_ends(
        self, tx: Transaction, shift: Shift, signup: Signup, now: datetime
    ) -> None:
        """Their reminders go, an open swap closes."""
        await timing.unplan_signup(tx, shift.id, signup.id)
        signups = SignupRepository(tx)
        swap = await signups.open_swap_of(signup.id)
        if swap is not None and await signups.close_swap(swap.id, "withdrawn", now):
            await self.outbox.retire(
                tx,
                [f"shift:{shift.id}:swap:{swap.id}:"],
                "withdrawn",
                lambda language: i18n.t(language, "shifts.swap_withdrawn_note"),
                now,
            )
