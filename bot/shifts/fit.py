"""Whether a shift fits a volunteer's profile: the same rule as the offers' query
(storage.shift_offers), for one person at a time (/diensten, and a tap from that list)."""

from __future__ import annotations

from bot.core.config import Settings
from bot.shifts.rules import slot_of
from storage.people import Person
from storage.shifts import Shift

FLEXIBLE = "flexible"


def fits(person: Person, shift: Shift, settings: Settings) -> bool:
    """Their wijk, interests and availability as far as their profile names them."""
    if shift.wijk is not None and person.wijk not in (None, shift.wijk):
        return False
    if shift.interest is not None and person.interests and shift.interest not in person.interests:
        return False
    slot = slot_of(shift.starts_at, settings.organisation.zone)
    return not person.availability or bool({slot, FLEXIBLE} & set(person.availability))
