"""Every button of /routering, built and read here only: `rt:l` (the list), `rt:add`, then the
new rule's category (`rt:c:<c>`), wijk (`rt:w:<c>:<w>`) and professional (`rt:p:<c>:<w>:<id>`),
where <c> and <w> are "a" (any) or an index into the configuration; `rt:u|d|x|xok:<rule id>`
moves a rule up or down, or deletes it (asked, then sure). bot.routing.admin checks every index
and id again.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from bot.flows.callbacks import number, pack, unpack

PREFIX: Final = "rt"
ANY: Final = "a"


class RuleAct(StrEnum):
    UP = "u"
    DOWN = "d"
    DELETE = "x"  # asks first
    DELETE_SURE = "xok"


@dataclass(frozen=True)
class Rules:
    @property
    def data(self) -> str:
        return pack(PREFIX, "l")


@dataclass(frozen=True)
class AddRule:
    @property
    def data(self) -> str:
        return pack(PREFIX, "add")


@dataclass(frozen=True)
class NewRule:
    """The rule being made: its category, then wijk, then professional (None: not yet)."""

    category: str
    wijk: str | None = None
    person: int | None = None

    @property
    def data(self) -> str:
        if self.wijk is None:
            return pack(PREFIX, "c", self.category)
        if self.person is None:
            return pack(PREFIX, "w", self.category, self.wijk)
        return pack(PREFIX, "p", self.category, self.wijk, self.person)


@dataclass(frozen=True)
class OnRule:
    act: RuleAct
    rule: int

    @property
    def data(self) -> str:
        return pack(PREFIX, self.act, self.rule)


Button = Rules | AddRule | NewRule | OnRule
_ACTS = frozenset(act.value for act in RuleAct)


def _code(part: str) -> str | None:
    """ "a" (any) or an index: bot.routing.admin checks that it exists."""
    return part if part == ANY or number(part) is not None else None


def parse(data: object) -> Button | None:
    parts = unpack(data, PREFIX)
    if parts in (["l"], ["add"]):
        return Rules() if parts == ["l"] else AddRule()
    if not parts:
        return None
    action, args = parts[0], parts[1:]
    if action in _ACTS and len(args) == 1:
        rule = number(args[0])
        return OnRule(RuleAct(action), rule) if rule is not None else None
    codes = [_code(part) for part in args[:2]]
    if None in codes or action not in ("c", "w", "p") or len(args) != "cwp".index(action) + 1:
        return None
    if action == "p":
        person = number(args[2])
        return NewRule(args[0], args[1], person) if person is not None else None
    return NewRule(args[0], args[1] if action == "w" else None)
