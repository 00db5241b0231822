"""A volunteer's contact professional: who reads their check-ins and acts on a worrying answer.

Never nobody. In this order: the professional a coordinator set for them; else the first
routing rule for their wijk (one without a category first: a rule for "geldzorgen" names a
specialist, not a contact); else the least busy coordinator. Whoever it is, their absence
substitute stands in while they are away (bot.routing.rules.present).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from bot.core.deps import Deps, Service
from bot.core.errors import InvalidInput, NotAllowed, NotFound
from bot.routing.rules import present, route
from bot.telegram.updates import record_update
from storage.checkins import ContactRepository
from storage.database import Transaction
from storage.people import Person, PersonRepository, Role, Status
from storage.routing import RoutingRepository, RoutingRule

# Routing rules name categories; no category of signals is called this.
NO_CATEGORY = "\x00consultation"


@dataclass(frozen=True)
class Contact:
    person: Person  # who acts now (the substitute when the contact is away)
    set_by_coordinator: bool


@dataclass(frozen=True)
class ContactChange:
    volunteer: Person
    contact: Contact
    moved: int  # open follow-ups that went to the new contact


def _wijk_rules(rules: list[RoutingRule], wijk: str | None) -> list[RoutingRule]:
    general = [r for r in rules if r.category is None and r.matches(NO_CATEGORY, wijk)]
    specific = [
        r for r in rules if r.category is not None and r.wijk is not None and r.wijk == wijk
    ]
    return general + specific


async def contact_of(tx: Transaction, volunteer: Person, now: datetime) -> Contact:
    """Who acts on this volunteer's check-ins now."""
    chosen = await ContactRepository(tx).of(volunteer.id)
    if chosen is not None:
        professional = await PersonRepository(tx).by_id(chosen)
        acting = await present(tx, professional, now) if professional else None
        if acting is not None:
            return Contact(acting, True)
    return Contact(await routed_contact(tx, volunteer.wijk, now), False)


async def routed_contact(tx: Transaction, wijk: str | None, now: datetime) -> Person:
    """The contact the routing rules give a volunteer of this wijk (coordinators last)."""
    people = PersonRepository(tx)
    for rule in _wijk_rules(await RoutingRepository(tx).rules(), wijk):
        professional = await people.by_id(rule.professional_id)
        if professional is None or not professional.active:
            continue
        acting = await present(tx, professional, now)
        if acting is not None:
            return acting
    # No rule can match the made-up category: the least busy coordinator.
    return (await route(tx, NO_CATEGORY, None, now)).owner


class Contacts:
    """Contacts for a whole round at once: the set contacts and the wijken read once, the
    routing worked out once per wijk."""

    def __init__(self, tx: Transaction, now: datetime) -> None:
        self.tx = tx
        self.now = now
        self._by_wijk: dict[str | None, int] = {}
        self._set: dict[int, int] | None = None
        self._wijk: dict[int, str | None] | None = None
        self._acting: dict[int, int] = {}

    async def of(self, volunteer_id: int) -> int:
        """The id of who acts on this volunteer's check-ins now."""
        if self._set is None or self._wijk is None:
            self._set = await ContactRepository(self.tx).all()
            rows = await self.tx.fetchall("SELECT id, wijk FROM people")
            self._wijk = {r[0]: r[1] for r in rows}
        chosen = self._set.get(volunteer_id)
        if chosen is not None:
            acting = await self._present(chosen)
            if acting is not None:
                return acting
        wijk = self._wijk.get(volunteer_id)
        if wijk not in self._by_wijk:
            self._by_wijk[wijk] = (await routed_contact(self.tx, wijk, self.now)).id
        return self._by_wijk[wijk]

    async def names(self) -> dict[int, str]:
        """The names of the contacts found so far, by id."""
        ids = {*self._by_wijk.values(), *(a for a in self._acting.values() if a)}
        people = PersonRepository(self.tx)
        found = {i: await people.by_id(i) for i in ids}
        return {i: p.name for i, p in found.items() if p is not None}

    async def _present(self, professional_id: int) -> int | None:
        if professional_id not in self._acting:
            person = await PersonRepository(self.tx).by_id(professional_id)
            acting = await present(self.tx, person, self.now) if person else None
            self._acting[professional_id] = acting.id if acting else 0
        return self._acting[professional_id] or None


# Moves a volunteer's open follow-ups to their new contact (bot.consultation.followups.move_open,
# passed in by the composition root: follow-ups find a volunteer's contact through this module).
MoveFollowups = Callable[[Deps, Transaction, Person, Person, datetime], Awaitable[int]]


class ContactService(Service):
    """Coordinators set a volunteer's contact professional (or leave it to the routing rules)."""

    def __init__(self, deps: Deps, move_followups: MoveFollowups) -> None:
        super().__init__(deps)
        self.move_followups = move_followups

    async def current(self, volunteer_id: int) -> Contact:
        async with self.db.read() as tx:
            volunteer = await PersonRepository(tx).by_id(volunteer_id)
            if volunteer is None:
                raise NotFound("person")
            return await contact_of(tx, volunteer, self.clock())

    async def set(
        self, update_id: int | None, coordinator: Person, volunteer_id: int, professional_id: int
    ) -> ContactChange:
        """Make `professional_id` the volunteer's contact; 0 goes back to the routing rules.
        Their open follow-ups go to whoever acts now."""
        if coordinator.role is not Role.COORDINATOR:
            raise NotAllowed
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            people = PersonRepository(tx)
            volunteer = await people.by_id(volunteer_id)
            if volunteer is None or volunteer.role is not Role.VOLUNTEER:
                raise NotFound("person")
            if professional_id:
                professional = await people.by_id(professional_id)
                if professional is None or professional.role is Role.VOLUNTEER:
                    raise InvalidInput("consultation.contact_not_staff")
            await ContactRepository(tx).set(
                volunteer_id, professional_id or None, coordinator.id, now
            )
            contact = await contact_of(tx, volunteer, now)
            moved = await self.move_followups(self.deps, tx, volunteer, contact.person, now)
            return ContactChange(volunteer, contact, moved)

    async def volunteers(self) -> list[Person]:
        """Active volunteers, by name."""
        async with self.db.read() as tx:
            found, _ = await PersonRepository(tx).search(
                role=Role.VOLUNTEER, status=Status.ACTIVE, limit=10_000
            )
        return found

    async def staff(self) -> list[Person]:
        """Who can be a contact: active professionals and coordinators."""
        async with self.db.read() as tx:
            people = PersonRepository(tx)
            professionals, _ = await people.search(
                role=Role.PROFESSIONAL, status=Status.ACTIVE, limit=100
            )
            return professionals + await people.active_coordinators()
