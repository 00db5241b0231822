"""Check-ins: sending a round's occurrence, answering tap by tap, the note, the reminder.

A round's occurrence (fired by the scheduler, bot/consultation/schedule.py) resolves its
audience in one query (paused people, people on their own pause and alumni left out), gives
each person one check-in row with the contact who will read it, and one message with the first
question: all in the occurrence's one transaction, so a restart sends nobody a second one.

Each tap records one answer and shows the next question in the same message. When the last one
is answered (or the note written or declined) the check-in is finished; a worrying answer then
becomes a follow-up for the contact (bot/consultation/followups.py), and the volunteer reads
that someone will be in touch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.consultation import followups
from bot.consultation import questions as asked
from bot.consultation.contacts import Contacts
from bot.consultation.induction import nudge_buddy
from bot.consultation.texts import View, checkin_view, first_name
from bot.core import i18n
from bot.core.deps import Service
from bot.core.errors import NotFound
from bot.flows import names
from bot.people import audiences
from bot.people.audiences import Audience
from bot.telegram.outbox import Priority
from bot.telegram.updates import record_update
from storage.checkins import Checkin, CheckinRepository, NewCheckin, Round
from storage.database import Transaction
from storage.flows import Flow, FlowRepository
from storage.people import Person, PersonRepository

NOTE_FLOW = names.CHECKIN_NOTE
NOTE_FIRST = "note"  # the note draft's first step (bot.consultation.note_draft)
MAX_NOTE = 1000


@dataclass(frozen=True)
class Shown:
    """A check-in as its volunteer sees it now, with its message."""

    checkin: Checkin
    view: View


def checkin_key(checkin_id: int) -> str:
    return f"checkin:{checkin_id}"


class CheckinService(Service):
    # --- sending ----------------------------------------------------------------------------

    async def send_occurrence(
        self, tx: Transaction, round_: Round, occurrence: datetime, now: datetime
    ) -> int:
        """Everyone the round's audience reaches now gets this occurrence's check-in; returns
        how many (people who have it already are not asked again)."""
        audience = Audience.from_json(round_.audience)
        reached = await audiences.recipients(tx, audience, self.settings, now)
        contacts = Contacts(tx, now)
        new = [NewCheckin(r.person_id, await contacts.of(r.person_id)) for r in reached]
        ids = await CheckinRepository(tx).add_many(
            round_.id, occurrence, round_.questions, new, now
        )
        names_of = await contacts.names()
        for person in reached:
            checkin_id = ids.get(person.person_id)
            if checkin_id is None:
                continue
            contact = names_of.get(await contacts.of(person.person_id), "")
            await self._ask(
                tx,
                round_.id,
                checkin_id,
                person.telegram_id,
                person.name,
                person.language,
                contact,
                round_.questions,
                occurrence,
                now,
            )
        return len(ids)

    async def send_induction(
        self, tx: Transaction, newcomer: Person, occurrence: datetime, now: datetime
    ) -> int | None:
        """A new volunteer's own check-in, with the induction question; None when they had it
        already or cannot get it now (not active, or on their own pause)."""
        if not newcomer.active or newcomer.own_pause_at(now) is not None:
            return None
        contacts = Contacts(tx, now)
        contact_id = await contacts.of(newcomer.id)
        questions = asked.with_induction(asked.DEFAULT)
        ids = await CheckinRepository(tx).add_many(
            None, occurrence, questions, [NewCheckin(newcomer.id, contact_id)], now
        )
        checkin_id = ids.get(newcomer.id)
        if checkin_id is None:
            return None
        contact = (await contacts.names()).get(contact_id, "")
        await self._ask(
            tx,
            None,
            checkin_id,
            newcomer.telegram_id,
            newcomer.name,
            newcomer.language,
            contact,
            questions,
            occurrence,
            now,
        )
        return checkin_id

    async def _ask(
        self,
        tx: Transaction,
        round_id: int | None,
        checkin_id: int,
        telegram_id: int,
        name: str,
        language: str,
        contact: str,
        questions: tuple[str, ...],
        occurrence: datetime,
        now: datetime,
    ) -> None:
        fresh = Checkin(checkin_id, round_id, occurrence, None, None, questions)
        text, keyboard = checkin_view(language, fresh, first_name(name), first_name(contact))
        # Bulk: a round to thousands never holds up an alert (the round waited for the end
        # of the quiet hours already).
        await self.outbox.message(
            tx, checkin_key(checkin_id), telegram_id, text, now, keyboard, priority=Priority.BULK
        )

    # --- answering --------------------------------------------------------------------------

    async def answer(
        self,
        update_id: int | None,
        person: Person,
        checkin_id: int,
        question: str,
        value: str,
        message_id: int | None = None,
    ) -> Shown:
        """One tap; an answer may change until the check-in is finished. `message_id`: the
        message showing the check-in (the note's draft remembers it)."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            checkin = await self._own(tx, person, checkin_id)
            if question not in checkin.questions or not asked.valid_answer(question, value):
                raise NotFound("question")
            if checkin.finished:
                return await self.shown(tx, person, checkin)
            checkins = CheckinRepository(tx)
            await checkins.answer(checkin.id, question, value)
            if question == asked.INDUCTION.key and value == "not_good":
                await nudge_buddy(tx, self.outbox, self.quiet, person, checkin.id, now)
            checkin = await self._reread(tx, checkin.id)
            if asked.next_question(checkin.questions, checkin.answers) is None:
                if asked.NOTE in checkin.questions:
                    await self._open_note(tx, person, checkin.id, message_id, now)
                else:
                    checkin = await self._finish(tx, person, checkin, now)
            return await self.shown(tx, person, checkin)

    async def _open_note(
        self,
        tx: Transaction,
        person: Person,
        checkin_id: int,
        message_id: int | None,
        now: datetime,
    ) -> None:
        """The note's draft waits for typed text (unless a signal or question draft is open:
        that is never replaced; /checkin opens the note again later)."""
        flows = FlowRepository(tx)
        current = await flows.get(person.telegram_id)
        if current is not None and current.name in names.DRAFTS:
            return
        data: dict[str, object] = {"checkin": checkin_id}
        if message_id is not None:
            data["message"] = message_id
        await flows.save(Flow(person.telegram_id, NOTE_FLOW, NOTE_FIRST, data), now)

    async def skip_note(self, update_id: int | None, person: Person, checkin_id: int) -> Shown:
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            checkin = await self._own(tx, person, checkin_id)
            if not checkin.finished:
                if asked.next_question(checkin.questions, checkin.answers) is not None:
                    raise NotFound("question")
                await self._drop_flow(tx, person, checkin.id)
                checkin = await self._finish(tx, person, checkin, now)
            return await self.shown(tx, person, checkin)

    async def finish_with_note(
        self, tx: Transaction, person: Person, checkin_id: int, note: str, reason: str | None
    ) -> Shown:
        """The note's draft was sent (bot.consultation.note_draft), in its transaction."""
        checkin = await self._own(tx, person, checkin_id)
        if not checkin.finished:
            await CheckinRepository(tx).set_note(checkin.id, note, reason)
            checkin = await self._finish(
                tx, person, await self._reread(tx, checkin.id), self.clock()
            )
        return await self.shown(tx, person, checkin)

    async def current(self, person: Person) -> Shown | None:
        """The person's newest open check-in, to show again (/checkin); at its note, the
        note's draft opens again."""
        async with self.db.transaction() as tx:
            checkin = await CheckinRepository(tx).open_of(person.id)
            if checkin is None:
                return None
            if asked.next_question(checkin.questions, checkin.answers) is None:
                await self._open_note(tx, person, checkin.id, None, self.clock())
            return await self.shown(tx, person, checkin)

    async def open_question(self, person: Person) -> Shown | None:
        """The person's open check-in while a question with buttons waits (read only)."""
        async with self.db.read() as tx:
            checkin = await CheckinRepository(tx).open_of(person.id)
            if checkin is None or asked.next_question(checkin.questions, checkin.answers) is None:
                return None
            return await self.shown(tx, person, checkin)

    async def remember_message(self, person: Person, checkin_id: int, message_id: int) -> None:
        """The message that shows the check-in now (after /checkin), for the note's draft."""
        async with self.db.transaction() as tx:
            flows = FlowRepository(tx)
            flow = await flows.get(person.telegram_id)
            if (
                flow is not None
                and flow.name == NOTE_FLOW
                and flow.data.get("checkin") == checkin_id
            ):
                flow.data["message"] = message_id
                await flows.save(flow, self.clock())

    # --- inside ------------------------------------------------------------------------------

    async def _own(self, tx: Transaction, person: Person, checkin_id: int) -> Checkin:
        checkin = await CheckinRepository(tx).by_id(checkin_id)
        if checkin is None or checkin.person_id != person.id:
            raise NotFound("checkin")
        return checkin

    async def _reread(self, tx: Transaction, checkin_id: int) -> Checkin:
        checkin = await CheckinRepository(tx).by_id(checkin_id)
        assert checkin is not None
        return checkin

    async def _drop_flow(self, tx: Transaction, person: Person, checkin_id: int) -> None:
        flows = FlowRepository(tx)
        flow = await flows.get(person.telegram_id)
        if flow is not None and flow.name == NOTE_FLOW and flow.data.get("checkin") == checkin_id:
            await flows.delete(person.telegram_id)

    async def _finish(
        self, tx: Transaction, person: Person, checkin: Checkin, now: datetime
    ) -> Checkin:
        if await CheckinRepository(tx).finish(checkin.id, now):
            reasons = asked.worries(checkin.answers, checkin.note)
            if reasons:
                await followups.open_followup(self.deps, tx, checkin, person, reasons, now)
        return await self._reread(tx, checkin.id)

    async def shown(self, tx: Transaction, person: Person, checkin: Checkin) -> Shown:
        contact = await _contact_name(tx, checkin, person.language)
        view = checkin_view(person.language, checkin, first_name(person.name), contact)
        return Shown(checkin, view)


async def _contact_name(tx: Transaction, checkin: Checkin, language: str) -> str:
    followup = await followups.owner_of(tx, checkin.id)
    contact_id = followup or checkin.contact_id
    contact = await PersonRepository(tx).by_id(contact_id) if contact_id else None
    return first_name(contact.name) if contact else i18n.t(language, "consultation.someone")
