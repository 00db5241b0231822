"""Every button of the questions feature, built and read here only.

- `q:<step>:<value>`, `q:edit:<step>`, `q:drop:<step>`: the question's draft, built and read
  by its table (bot.questions.asking.DRAFT, bot.flows.draft); its step names are no actions.
- `q:<action>:<question id>`: answer, answer for everyone, ask more, mark done, pass on, send a
  held follow-up anyway or rewrite it, open the card, publish to the knowledge base;
  `q:re:<id>:again` lists whom to pass it on to once more, `q:to:<id>:<person id>[:sure]` passes
  it on.
- `faq:topic:<key>` browses the knowledge base; `faq:same` publishes the answer just given.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from bot.flows.callbacks import number, pack, unpack, word

PREFIX: Final = "q"
FAQ: Final = "faq"


class Act(StrEnum):
    ANSWER = "ans"
    ALL = "all"  # answer, then publish for everyone
    MORE = "more"  # the volunteer asks more
    DONE = "done"
    KEEP = "keep"  # a held follow-up: send it anyway
    REDO = "redo"  # a held follow-up: rewrite it
    SHOW = "show"  # the card
    PUBLISH = "pub"


@dataclass(frozen=True)
class OnQuestion:
    act: Act
    question: int

    @property
    def data(self) -> str:
        return pack(PREFIX, self.act, self.question)


@dataclass(frozen=True)
class Reassign:
    """Whom to pass it on to; `again`: the list once more, under the question about someone away."""

    question: int
    again: bool = False

    @property
    def data(self) -> str:
        return pack(PREFIX, "re", self.question, *(["again"] if self.again else []))


@dataclass(frozen=True)
class PassTo:
    question: int
    person: int
    sure: bool = False  # also while they are away

    @property
    def data(self) -> str:
        return pack(PREFIX, "to", self.question, self.person, *(["sure"] if self.sure else []))


@dataclass(frozen=True)
class FaqTopic:
    topic: str

    @property
    def data(self) -> str:
        return pack(FAQ, "topic", self.topic)


@dataclass(frozen=True)
class FaqSame:
    """Publish the answer the volunteer just got."""

    @property
    def data(self) -> str:
        return pack(FAQ, "same")


Button = OnQuestion | Reassign | PassTo
_ACTS = frozenset(act.value for act in Act)
ACTIONS: Final = _ACTS | {"re", "to"}  # the draft's step names must differ (tested)


def parse(data: object) -> Button | None:
    """A `q:` button on a thread, or None for anything these builders do not make."""
    parts = unpack(data, PREFIX)
    if not parts or len(parts) < 2 or parts[0] not in ACTIONS:
        return None
    action, args = parts[0], parts[1:]
    question = number(args[0])
    rest = args[1:]
    if question is None:
        return None
    if action in _ACTS and not rest:
        return OnQuestion(Act(action), question)
    if action == "re" and rest in ([], ["again"]):
        return Reassign(question, again=bool(rest))
    if action == "to" and len(rest) in (1, 2) and rest[1:] in ([], ["sure"]):
        person = number(rest[0])
        return PassTo(question, person, sure=len(rest) == 2) if person is not None else None
    return None


def parse_faq(data: object) -> FaqTopic | FaqSame | None:
    parts = unpack(data, FAQ)
    if parts == ["same"]:
        return FaqSame()
    if parts is not None and len(parts) == 2 and parts[0] == "topic" and word(parts[1]):
        return FaqTopic(parts[1])
    return None
