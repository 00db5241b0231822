"""A signal's card: the signal as its owner and the coordinators see it, with its audit trail and
the names of the people in it. Read in the caller's transaction (bot.signals.actions) and
rendered by bot.signals.work_texts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.database import Transaction
from storage.people import PersonRepository
from storage.signals import Signal, SignalEvent, SignalRepository

_TARGET = re.compile(r"^to (\d+)")
_LISTED = re.compile(r"^to (\d+(?:, \d+)*)$")


@dataclass(frozen=True)
class Card:
    """A signal as its owner and the coordinators see it: details and the audit trail."""

    signal: Signal
    events: list[SignalEvent]
    names: dict[int, str]


def target_of(event: SignalEvent) -> int | None:
    """The person a routing or reassignment event names ("to 12 via rule 3", "to 12: reason")."""
    if event.action in ("routed", "reassigned") and event.detail:
        found = _TARGET.match(event.detail)
        return int(found.group(1)) if found else None
    return None


def told_at_once(event: SignalEvent) -> list[int]:
    """Who got a "today" signal at once out of hours ("to 4, 7"; "to nobody": no one)."""
    found = _LISTED.match(event.detail or "") if event.action == "out_of_hours" else None
    return [int(n) for n in found.group(1).split(", ")] if found else []


async def card_of(tx: Transaction, signal: Signal) -> Card:
    events = await SignalRepository(tx).events(signal.id)
    ids = {signal.owner_id, signal.reporter_id, *(e.actor_id for e in events)}
    ids |= {target_of(e) for e in events}
    ids |= {n for e in events for n in told_at_once(e)}
    people = PersonRepository(tx)
    names: dict[int, str] = {}
    for person_id in ids:
        person = await people.by_id(person_id) if person_id is not None else None
        if person is not None:
            names[person.id] = person.name
    return Card(signal, events, names)
