"""Every button of the shifts feature, built and read here only (`sh:<act>:...`).

- `sh:<act>:<shift>`: an act on one shift (OnShift): a volunteer's yes, no, from the list, the
  calendar file, their own card, cancel, still coming, swap, withdraw the swap; a coordinator's
  card, offer again, history, attendance, cancel.
- `sh:<act>:<signup>`: a place held from standby taken or passed, attendance toggled (OnSignup).
- `sh:<act>:<swap>`: a swap taken over or declined (OnSwap).
- `sh:cr:<shift>:<reason>` a reason for a late cancellation; `sh:as:<shift>:<page>` the
  volunteers to assign; `sh:ap:<shift>:<person>[:over]` assign (above the maximum: asks why);
  `sh:ed:<shift>:<field>` change one field; `sh:cx:<shift>:<one|rest>` cancel it or the rest of
  its series; `sh:<act>` the lists (coverage, mine, all in the calendar, a new shift).

Data is never trusted: `parse` returns None for anything it did not build, and the services
check every id against who is pressing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final, TypeVar

from bot.flows.callbacks import number, pack, unpack

E = TypeVar("E", bound=StrEnum)
PREFIX: Final = "sh"
DRAFT: Final = "shd"  # the new shift's draft (bot.shifts.draft)


class ShiftAct(StrEnum):
    YES = "y"
    NO = "n"
    JOIN = "j"
    ICS = "ics"
    MINE = "me"
    CANCEL = "x"
    CANCEL_SURE = "xy"
    STILL_COMING = "ok"
    SWAP = "sw"
    WITHDRAW_SWAP = "sww"
    CARD = "c"
    OFFER_AGAIN = "w"
    HISTORY = "h"
    ATTENDANCE = "av"
    ATTENDANCE_DONE = "atok"
    EDIT = "e"  # the fields to change
    CANCEL_SHIFT = "cs"  # asks: this one, or the rest of the series too?


class SignupAct(StrEnum):
    TAKE_HELD = "ct"
    PASS_HELD = "cn"
    TOGGLE = "at"


class SwapAct(StrEnum):
    TAKE = "sy"
    DECLINE = "sn"


class ListAct(StrEnum):
    COVERAGE = "cov"
    MINE = "mine"
    ALL_ICS = "icsall"
    NEW = "new"
    OPEN = "open"


class Field(StrEnum):
    TIME = "time"
    PLACE = "place"
    NEEDED = "needed"
    TITLE = "title"
    NOTES = "notes"


class Reason(StrEnum):
    SICK = "sick"
    CAME_UP = "cameup"
    OTHER = "other"  # typed


@dataclass(frozen=True)
class OnShift:
    act: ShiftAct
    shift: int

    @property
    def data(self) -> str:
        return pack(PREFIX, self.act, self.shift)


@dataclass(frozen=True)
class OnSignup:
    act: SignupAct
    signup: int

    @property
    def data(self) -> str:
        return pack(PREFIX, self.act, self.signup)


@dataclass(frozen=True)
class OnSwap:
    act: SwapAct
    swap: int

    @property
    def data(self) -> str:
        return pack(PREFIX, self.act, self.swap)


@dataclass(frozen=True)
class Lists:
    act: ListAct

    @property
    def data(self) -> str:
        return pack(PREFIX, self.act)


@dataclass(frozen=True)
class CancelReason:
    shift: int
    reason: Reason

    @property
    def data(self) -> str:
        return pack(PREFIX, "cr", self.shift, self.reason)


@dataclass(frozen=True)
class AssignList:
    shift: int
    page: int = 0

    @property
    def data(self) -> str:
        return pack(PREFIX, "as", self.shift, self.page)


@dataclass(frozen=True)
class AssignTo:
    shift: int
    person: int
    over: bool = False  # above their maximum: the coordinator is asked why

    @property
    def data(self) -> str:
        return pack(PREFIX, "ap", self.shift, self.person, *(["over"] if self.over else []))


@dataclass(frozen=True)
class Change:
    shift: int
    field: Field

    @property
    def data(self) -> str:
        return pack(PREFIX, "ed", self.shift, self.field)


@dataclass(frozen=True)
class CancelShift:
    shift: int
    rest: bool  # the rest of its series too

    @property
    def data(self) -> str:
        return pack(PREFIX, "cx", self.shift, "rest" if self.rest else "one")


Button = (
    OnShift
    | OnSignup
    | OnSwap
    | Lists
    | CancelReason
    | AssignList
    | AssignTo
    | Change
    | CancelShift
)


def _member(kind: type[E], value: str) -> E | None:
    return next((member for member in kind if member.value == value), None)


def parse(data: object) -> Button | None:
    """The button `data` stands for, or None when it is not one of ours."""
    parts = unpack(data, PREFIX)
    if not parts:
        return None
    act, *rest = parts
    ids = [number(part) for part in rest]
    if not rest:
        listed = _member(ListAct, act)
        return Lists(listed) if listed else None
    first = ids[0]
    if first is None:
        return None
    if len(rest) == 1:
        for kind, build in ((ShiftAct, OnShift), (SignupAct, OnSignup), (SwapAct, OnSwap)):
            found = _member(kind, act)
            if found is not None:
                return build(found, first)  # type: ignore[arg-type]
        return None
    return _parse_more(act, first, rest[1:], ids[1:])


def _parse_more(act: str, first: int, rest: list[str], ids: list[int | None]) -> Button | None:
    if act == "cr" and len(rest) == 1 and (reason := _member(Reason, rest[0])):
        return CancelReason(first, reason)
    if act == "as" and len(rest) == 1 and ids[0] is not None:
        return AssignList(first, ids[0])
    if act == "ap" and ids[0] is not None and rest[1:] in ([], ["over"]):
        return AssignTo(first, ids[0], rest[1:] == ["over"])
    if act == "ed" and len(rest) == 1 and (field := _member(Field, rest[0])):
        return Change(first, field)
    if act == "cx" and rest in (["one"], ["rest"]):
        return CancelShift(first, rest == ["rest"])
    return None
