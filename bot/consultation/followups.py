"""Follow-ups: a worrying check-in answer made into work for one accountable person.

Opened when a check-in with a worrying answer is finished (or, unfinished, when its round's
digest is made): its owner is the volunteer's contact as they are now (substitute included),
its deadline `deadlines.FOLLOWUP_HOURS` working hours later, with a reminder and an escalation like
signals and questions (bot/consultation/deadlines.py). The owner gets an alert with the
answers; they, or any coordinator, close it with a short note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.consultation import deadlines
from bot.consultation.contacts import contact_of
from bot.consultation.texts import close_keyboard, reasons_text
from bot.consultation.typed import typed_step, typed_text
from bot.core import i18n
from bot.core.deps import Deps, Service
from bot.core.errors import NotAllowed, NotFound
from bot.flows import names
from bot.routing.rules import present
from bot.telegram.updates import record_update
from storage.checkins import Checkin, CheckinRepository
from storage.database import Transaction
from storage.flows import Flow, FlowRepository
from storage.followups import Followup, FollowupRepository
from storage.people import Person, PersonRepository, Role

CLOSE_STEP = "close"
MAX_CLOSE_NOTE = 500


async def open_followup(
    deps: Deps,
    tx: Transaction,
    checkin: Checkin,
    volunteer: Person,
    reasons: tuple[str, ...],
    now: datetime,
) -> Followup | None:
    """The follow-up for this check-in and its owner's alert; None when it has one already."""
    owner = await _acting_contact(tx, checkin, volunteer, now)
    due = deps.hours.add_working_hours(now, deadlines.FOLLOWUP_HOURS)
    repo = FollowupRepository(tx)
    followup_id = await repo.add(checkin.id, owner.id, reasons, due, now)
    if followup_id is None:
        return None
    followup = await repo.by_id(followup_id)
    assert followup is not None
    await deadlines.schedule(tx, deps.hours, followup, now)
    language = owner.language
    due_local = due.astimezone(deps.settings.organisation.zone)
    text = i18n.t(
        language,
        "consultation.followup_alert",
        name=volunteer.name,
        wijk=volunteer.wijk or "—",
        reasons=reasons_text(language, checkin),
        due=f"{due_local:%d-%m-%Y %H:%M}",
    )
    key = f"followup:{followup_id}:alert"
    keyboard = close_keyboard(language, followup_id)
    # An answer given late in the evening reaches the contact in the morning.
    await deps.outbox.message(
        tx, key, owner.telegram_id, text, now, keyboard, due_at=deps.quiet.next_allowed(now)
    )
    return followup


async def _acting_contact(
    tx: Transaction, checkin: Checkin, volunteer: Person, now: datetime
) -> Person:
    """The contact the check-in was sent with, or who stands in for them now."""
    if checkin.contact_id is not None:
        contact = await PersonRepository(tx).by_id(checkin.contact_id)
        acting = await present(tx, contact, now) if contact else None
        if acting is not None:
            return acting
    return (await contact_of(tx, volunteer, now)).person


async def owner_of(tx: Transaction, checkin_id: int) -> int | None:
    followup = await FollowupRepository(tx).of_checkin(checkin_id)
    return followup.owner_id if followup else None


@dataclass(frozen=True)
class Card:
    followup: Followup
    checkin: Checkin
    volunteer: Person | None
    owner: Person | None


class FollowupService(Service):
    """Reading and closing follow-ups: their owner and coordinators only."""

    async def open_list(self, person: Person) -> list[Card]:
        if person.role is Role.VOLUNTEER:
            raise NotAllowed
        mine = None if person.role is Role.COORDINATOR else person.id
        async with self.db.read() as tx:
            found = await FollowupRepository(tx).open_for(mine)
            return [await self._card(tx, f) for f in found]

    async def card(self, person: Person, followup_id: int) -> Card:
        async with self.db.read() as tx:
            followup = await FollowupRepository(tx).by_id(followup_id)
            if followup is None:
                raise NotFound("followup")
            self._may_read(person, followup)
            return await self._card(tx, followup)

    async def ask_close(self, update_id: int | None, person: Person, followup_id: int) -> Card:
        """The owner or a coordinator starts closing it: the next text is the closing note."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            followup = await FollowupRepository(tx).by_id(followup_id)
            if followup is None or not followup.open:
                raise NotFound("followup")
            self._may_read(person, followup)
            flow = Flow(person.telegram_id, names.CONSULT, CLOSE_STEP, {"followup": followup_id})
            await FlowRepository(tx).save(flow, now)
            return await self._card(tx, followup)

    async def close(self, update_id: int | None, person: Person, note: str) -> Card:
        """Close the follow-up being closed with this note."""
        note = typed_text(note, MAX_CLOSE_NOTE, "consultation.close_note_length")
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            flow = await typed_step(tx, person.telegram_id, CLOSE_STEP, "followup")
            repo = FollowupRepository(tx)
            followup = await repo.by_id(int(flow.data["followup"]))
            if followup is None:
                raise NotFound("followup")
            self._may_read(person, followup)
            if not await repo.close(followup.id, person.id, note, now):
                raise NotFound("followup")
            await deadlines.settle(tx, followup.id)
            closed = await repo.by_id(followup.id)
            assert closed is not None
            return await self._card(tx, closed)

    def _may_read(self, person: Person, followup: Followup) -> None:
        if person.role is not Role.COORDINATOR and followup.owner_id != person.id:
            raise NotAllowed

    async def _card(self, tx: Transaction, followup: Followup) -> Card:
        checkin = await CheckinRepository(tx).by_id(followup.checkin_id)
        assert checkin is not None
        people = PersonRepository(tx)
        volunteer = await people.by_id(checkin.person_id) if checkin.person_id else None
        owner = await people.by_id(followup.owner_id) if followup.owner_id else None
        return Card(followup, checkin, volunteer, owner)
