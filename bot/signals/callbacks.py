"""Every button of the signals feature, built and read here only.

- `sigr:<step>:<value>`: the report's draft (bot.signals.report.DRAFT, bot.flows.draft).
- `sig:<action>:<signal id>`: working on a signal (view, photo, pick up, contact, ask, close,
  no closing message, the volunteer's answer, and her choice about an answer the privacy
  guard held: send it anyway or rewrite it); `sig:reassign:<id>[:again]` lists whom to pass
  it on to, `sig:to:<id>:<person id>[:sure]` passes it on, `sig:out:<id>:<outcome>` closes it,
  `sig:list:<wijk>:<category>:<status>` filters a coordinator's /signalen.

The reminder and the escalation (bot.signals.deadlines) carry `sig:pick:<id>` and
`sig:reassign:<id>` built here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from bot.flows.callbacks import number, pack, unpack, word

PREFIX: Final = "sig"
REPORT: Final = "sigr"


class Act(StrEnum):
    VIEW = "view"
    PHOTO = "photo"
    PICK = "pick"
    CONTACT = "contact"
    ASK = "ask"
    CLOSE = "close"
    NO_MESSAGE = "nomsg"
    ANSWER = "answer"
    KEEP = "keep"  # the volunteer's answer the privacy guard held: send it anyway
    REDO = "redo"  # ... or type it again


@dataclass(frozen=True)
class OnSignal:
    """One action on one signal."""

    act: Act
    signal: int

    @property
    def data(self) -> str:
        return pack(PREFIX, self.act, self.signal)


@dataclass(frozen=True)
class Reassign:
    """Whom to pass it on to; `again`: the list once more, under the question about someone away."""

    signal: int
    again: bool = False

    @property
    def data(self) -> str:
        return pack(PREFIX, "reassign", self.signal, *(["again"] if self.again else []))


@dataclass(frozen=True)
class PassTo:
    """Pass it on to this person; `sure`: also while they are away."""

    signal: int
    person: int
    sure: bool = False

    @property
    def data(self) -> str:
        return pack(PREFIX, "to", self.signal, self.person, *(["sure"] if self.sure else []))


@dataclass(frozen=True)
class CloseAs:
    signal: int
    outcome: str  # checked against bot.signals.actions.OUTCOMES by the service

    @property
    def data(self) -> str:
        return pack(PREFIX, "out", self.signal, self.outcome)


@dataclass(frozen=True)
class Worklist:
    """A coordinator's filter: codes, "a" for all (handlers.signals.filter reads them)."""

    wijk: str = "a"
    category: str = "a"
    status: str = "o"

    @property
    def data(self) -> str:
        return pack(PREFIX, "list", self.wijk, self.category, self.status)


def action(name: str, signal: int) -> OnSignal | Reassign:
    """An action button of an alert or card, by the name its label has (signals.action_<name>)."""
    return Reassign(signal) if name == "reassign" else OnSignal(Act(name), signal)


Button = OnSignal | Reassign | PassTo | CloseAs | Worklist
_ACTS = frozenset(act.value for act in Act)


def parse(data: object) -> Button | None:
    """The button this data stands for, or None for anything these builders do not make."""
    parts = unpack(data, PREFIX)
    if not parts:
        return None
    action, args = parts[0], parts[1:]
    if action == "list":  # codes that make no sense show everything open
        if len(args) != 3 or not all(word(a, 4) for a in args):
            return Worklist()
        return Worklist(args[0], args[1], args[2])
    signal = number(args[0]) if args else None
    if signal is None:
        return None
    rest = args[1:]
    if action in _ACTS and not rest:
        return OnSignal(Act(action), signal)
    if action == "reassign" and rest in ([], ["again"]):
        return Reassign(signal, again=bool(rest))
    if action == "out" and len(rest) == 1 and word(rest[0]):
        return CloseAs(signal, rest[0])
    if action == "to" and len(rest) in (1, 2) and rest[1:] in ([], ["sure"]):
        person = number(rest[0])
        return PassTo(signal, person, sure=len(rest) == 2) if person is not None else None
    return None
