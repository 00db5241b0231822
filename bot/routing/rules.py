"""Who is accountable: the first matching routing rule, absence substitutes, coordinators last.

No signal or question is ever routed to nobody: when no rule names an available professional,
the coordinator with the fewest open items takes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from storage.database import Transaction
from storage.people import Person, PersonRepository, Role
from storage.questions import QuestionRepository
from storage.routing import RoutingRepository, RoutingRule
from storage.signals import SignalRepository

# Following substitutes stops here, so a circle of absences cannot loop.
MAX_SUBSTITUTE_HOPS = 5


class Via(StrEnum):
    RULE = "rule"
    SUBSTITUTE = "substitute"
    FALLBACK = "fallback"


@dataclass(frozen=True)
class Route:
    owner: Person
    via: Via
    rule: RoutingRule | None = None

    def describe(self) -> str:
        """For the audit trail: "to 7 via rule 2", "to 9 via substitute, rule 2", "to 3 via
        fallback"."""
        if self.rule is None:
            return f"to {self.owner.id} via {self.via.value}"
        if self.via is Via.RULE:
            return f"to {self.owner.id} via rule {self.rule.id}"
        return f"to {self.owner.id} via {self.via.value}, rule {self.rule.id}"


class NobodyAvailable(Exception):
    """Not even a coordinator is active: the organisation has nobody to take responsibility."""


async def route(
    tx: Transaction,
    category: str,
    wijk: str | None,
    now: datetime,
    open_counts: dict[int, int] | None = None,
) -> Route:
    """The accountable person for a new item of this category and wijk, at `now`."""
    people = PersonRepository(tx)
    routing = RoutingRepository(tx)
    for rule in await routing.rules():
        if not rule.matches(category, wijk):
            continue
        professional = await people.by_id(rule.professional_id)
        if professional is None or not professional.active:
            continue
        owner = await present(tx, professional, now)
        if owner is not None:
            via = Via.RULE if owner.id == professional.id else Via.SUBSTITUTE
            return Route(owner, via, rule)
    return Route(await _least_busy_coordinator(tx, open_counts), Via.FALLBACK)


async def present(tx: Transaction, person: Person, now: datetime) -> Person | None:
    """The person, or whoever substitutes for them now (following a chain of absences)."""
    people = PersonRepository(tx)
    routing = RoutingRepository(tx)
    current: Person | None = person
    seen: set[int] = set()
    for _ in range(MAX_SUBSTITUTE_HOPS):
        if current is None or current.id in seen or not current.active:
            return None
        seen.add(current.id)
        absence = await routing.absence_at(current.id, now)
        if absence is None:
            return current
        current = await people.by_id(absence.substitute_id) if absence.substitute_id else None
    return None


async def _least_busy_coordinator(tx: Transaction, open_counts: dict[int, int] | None) -> Person:
    coordinators = [
        c for c in await PersonRepository(tx).active_coordinators() if c.role is Role.COORDINATOR
    ]
    if not coordinators:
        raise NobodyAvailable
    if open_counts is None:  # counted only when the fallback is needed
        ids = [c.id for c in coordinators]
        open_counts = await SignalRepository(tx).open_counts(ids)
        for owner, count in (await QuestionRepository(tx).open_counts(ids)).items():
            open_counts[owner] = open_counts.get(owner, 0) + count
    counts = open_counts
    return min(coordinators, key=lambda c: (counts.get(c.id, 0), c.id))
