"""What a volunteer's tap came to, for the answer and its view (bot.shifts.volunteer_views)."""

from __future__ import annotations

from dataclasses import dataclass

from storage.people import Person
from storage.shift_signups import Signup
from storage.shifts import Shift

# What a tap on "Ik kom" came to.
CONFIRMED, STANDBY, ALREADY, ALREADY_STANDBY = "confirmed", "standby", "already", "already_standby"


@dataclass(frozen=True)
class Refill:
    """What happened to a place that opened: held for someone on standby, or offered."""

    called: Person | None = None
    offered: int = 0


@dataclass(frozen=True)
class Taken:
    outcome: str
    shift: Shift


@dataclass(frozen=True)
class Declined:
    """ "Kan niet" on an offer: declined, or nothing at all when they are on the shift already
    (signed up another way, or on standby): then they are told so, never a silent "no"."""

    shift: Shift
    signed_up: Signup | None


@dataclass(frozen=True)
class Cancelled:
    shift: Shift
    late: bool
    refill: Refill | None
    standby: bool = False  # they left the standby list
