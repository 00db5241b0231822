"""Whom to pass a signal or question on to: the active professionals, each with their absence.

Shared by signals (bot.signals.actions) and questions (bot.questions.threads). Someone who is away
is marked in the list ("afwezig t/m 15-12 · vervanger: Pim"); choosing them asks first whether it
goes to whoever substitutes for them now, or to them anyway (an explicit second press).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core import i18n
from bot.routing.rules import present
from bot.telegram.outbox import person_label
from storage.database import Transaction
from storage.people import Person, PersonRepository, Role, Status
from storage.routing import RoutingRepository

MAX_CANDIDATES = 40


@dataclass(frozen=True)
class Candidate:
    """A professional who could take an item over; `away_until` is their last day away."""

    person: Person
    away_until: date | None = None
    substitute: Person | None = None  # who gets their new work now, following absences

    @property
    def away(self) -> bool:
        return self.away_until is not None

    def label(self, language: str) -> str:
        name = person_label(self.person)
        if self.away_until is None:
            return name
        day = self.away_until.strftime("%d-%m")
        if self.substitute is None:
            return i18n.t(language, "routing.candidate_away_alone", name=name, day=day)
        sub = self.substitute.name
        return i18n.t(language, "routing.candidate_away", name=name, day=day, substitute=sub)


async def candidate(tx: Transaction, person: Person, now: datetime, zone: ZoneInfo) -> Candidate:
    absence = await RoutingRepository(tx).absence_at(person.id, now)
    if absence is None:
        return Candidate(person)
    last_day = (absence.ends_at.astimezone(zone) - timedelta(microseconds=1)).date()
    return Candidate(person, last_day, await present(tx, person, now))


async def candidates(
    tx: Transaction, owner_id: int | None, now: datetime, zone: ZoneInfo
) -> list[Candidate]:
    """The active professionals other than the current owner, marked when away."""
    found, _ = await PersonRepository(tx).search(
        Role.PROFESSIONAL, None, Status.ACTIVE, limit=MAX_CANDIDATES
    )
    return [await candidate(tx, p, now, zone) for p in found if p.id != owner_id]


@dataclass(frozen=True)
class Absent:
    """The chosen person is away: ask whether it goes to `offer` (their substitute) instead."""

    candidate: Candidate
    offer: Person | None  # None: no substitute who could take it; only "anyway" remains
    reference: str


async def check_away(
    tx: Transaction,
    taker: Person,
    owner_id: int | None,
    reference: str,
    now: datetime,
    zone: ZoneInfo,
) -> Absent | None:
    """None when `taker` is at work; otherwise what to ask before passing it to them."""
    found = await candidate(tx, taker, now, zone)
    if not found.away:
        return None
    sub = found.substitute
    usable = sub is not None and sub.id != owner_id and sub.role is Role.PROFESSIONAL
    return Absent(found, sub if usable else None, reference)


def owner_label(owner: Person | None, language: str) -> str:
    """Who is accountable, for notices about an item: "Piet (Noord)", or "niemand"."""
    return person_label(owner) if owner else i18n.t(language, "escalation.no_owner")


def passed_to(taker: Person, item: Callable[[str], str]) -> Callable[[str], str]:
    """The line that replaces earlier alerts once an item (`item`: its reference and subject
    in a language) went to `taker` (bot.telegram.outbox.retire)."""
    return lambda language: i18n.t(
        language, "routing.passed_on", item=item(language), name=taker.name
    )
