"""Every button of consultation, built and read here only (prefix "co").

- `co:a:<check-in>:<question>:<answer>` answers one check-in question; `co:n:<check-in>` ends
  a check-in without a note; the note's draft has `co:nt:<step>:<value>`.
- `co:f:<follow-up>` opens a follow-up's card, `co:fc:<follow-up>` asks for the closing note.
- `co:r:<meeting>:<yes|no|maybe>` is an RSVP, `co:p:<meeting>` asks for an agenda point,
  `co:ics:<meeting>` sends the calendar file, `co:m:<meeting>` shows a meeting (with the list
  for its organiser), `co:x:<meeting>` asks to cancel it, `co:xy:<meeting>` cancels it,
  `co:mv:<meeting>` asks for its new moment.
- `co:rs:<round>` shows a round, `co:rx:<round>` stops it; `co:nr:<who>:<often>:<mask>:<go>`
  puts a new one together.
- `co:cv|cp|bn|bb|bp:...`: a coordinator picks a volunteer's contact or a newcomer's buddy.
- `co:plan` starts planning a meeting; the planning draft's buttons are `co:pm:<step>:<value>`.

Readers check shapes only; the services check ids, people and values again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from bot.flows.callbacks import number, pack, unpack, word

PREFIX: Final = "co"
PLAN: Final = "co:pm"  # planning a meeting: the draft's buttons (bot.consultation.meeting_draft)
NOTE: Final = "co:nt"  # a check-in's note: the draft's buttons (bot.consultation.note_draft)


def _pack(*parts: object) -> str:
    return pack(PREFIX, *parts)


@dataclass(frozen=True)
class Answer:
    checkin_id: int
    question: str
    answer: str

    @property
    def data(self) -> str:
        return _pack("a", self.checkin_id, self.question, self.answer)


@dataclass(frozen=True)
class NoNote:
    checkin_id: int

    @property
    def data(self) -> str:
        return _pack("n", self.checkin_id)


@dataclass(frozen=True)
class FollowupCard:
    followup_id: int
    close: bool = False

    @property
    def data(self) -> str:
        return _pack("fc" if self.close else "f", self.followup_id)


@dataclass(frozen=True)
class MeetingPress:
    """An action on a meeting: "r" RSVP (with `value`), "p" agenda point, "ics", "m" show,
    "x" ask to cancel, "xy" cancel, "mv" move."""

    action: str
    meeting_id: int
    value: str = ""

    @property
    def data(self) -> str:
        return _pack(self.action, self.meeting_id, *([self.value] if self.value else []))


@dataclass(frozen=True)
class RoundPress:
    round_id: int
    stop: bool = False

    @property
    def data(self) -> str:
        return _pack("rx" if self.stop else "rs", self.round_id)


@dataclass(frozen=True)
class NewRound:
    """A round being put together with buttons: who, how often, which questions (a bit per
    question of bot.consultation.questions.CHOOSABLE), then `go` ("now" or "later")."""

    who: str = ""
    often: str = ""
    mask: int = 0
    go: str = ""

    @property
    def data(self) -> str:
        return _pack("nr", self.who or "-", self.often or "-", self.mask, self.go or "-")


@dataclass(frozen=True)
class Pick:
    """A coordinator's choice of people. Contacts: "cv" a page of volunteers (`first` the page),
    "cs" volunteer `first` chosen, "cp" volunteer `first` gets `second` (0: the routing rules).
    Buddies: "bn" a page of new volunteers, "bs" newcomer `first` chosen, "bp" a page
    (`second`) of possible buddies for newcomer `first`, "bb" newcomer `first` gets `second`."""

    what: str
    first: int
    second: int = -1

    @property
    def data(self) -> str:
        return _pack(self.what, self.first, *([self.second] if self.second >= 0 else []))


@dataclass(frozen=True)
class PlanMeeting:
    """Start planning a meeting (the draft's own buttons are `co:pm:<step>:<value>`)."""

    @property
    def data(self) -> str:
        return _pack("plan")


Press = Answer | NoNote | FollowupCard | MeetingPress | RoundPress | NewRound | Pick | PlanMeeting
PICKS = ("cv", "cs", "cp", "bn", "bs", "bp", "bb")


def parse(data: object) -> Press | None:
    """The press `data` stands for; None for anything this module did not build."""
    parts = unpack(data, PREFIX)
    if not parts:
        return None
    action, *rest = parts
    ids = [number(part) for part in rest]
    if action == "a" and len(rest) == 3 and ids[0] is not None:
        question, answer = word(rest[1]), word(rest[2])
        return Answer(ids[0], question, answer) if question and answer else None
    if len(rest) == 1 and ids[0] is not None:
        single: dict[str, Press] = {
            "n": NoNote(ids[0]),
            "f": FollowupCard(ids[0]),
            "fc": FollowupCard(ids[0], close=True),
            "rs": RoundPress(ids[0]),
            "rx": RoundPress(ids[0], stop=True),
            "p": MeetingPress("p", ids[0]),
            "ics": MeetingPress("ics", ids[0]),
            "m": MeetingPress("m", ids[0]),
            "x": MeetingPress("x", ids[0]),
            "xy": MeetingPress("xy", ids[0]),
            "mv": MeetingPress("mv", ids[0]),
        }
        if action in single:
            return single[action]
    if action == "r" and len(rest) == 2 and ids[0] is not None and rest[1] in RSVPS:
        return MeetingPress("r", ids[0], rest[1])
    if action in PICKS and 1 <= len(rest) <= 2 and all(i is not None for i in ids):
        return Pick(action, ids[0] or 0, ids[1] if len(ids) == 2 and ids[1] is not None else -1)
    if action == "nr" and len(rest) == 4 and ids[2] is not None:
        who, often, go = (word(p) if p != "-" else "" for p in (rest[0], rest[1], rest[3]))
        if None in (who, often, go):
            return None
        return NewRound(who or "", often or "", ids[2], go or "")
    if action == "plan" and not rest:
        return PlanMeeting()
    return None


RSVPS: Final = ("yes", "no", "maybe")
