"""Every button of the people feature, built and read here only.

- `reg:<step>:<value>`: registration's draft (bot.people.registration.DRAFT, bot.flows.draft).
- `lang:<code>`: the language, for members and people registering alike.
- `pf:<field>` opens a profile question, `pf:<field>:<value>` answers it; `fg:yes|no` confirms
  /vergeet.
- `pp:l:<role>:<wijk>:<status>:<page>` is a coordinator's filtered list of people,
  `pp:<action>:<person id>` acts on one, `pp:setrole:<person id>:<role>` changes a role.
- `inv:<role>[:<wijk>[:<uses>[:<days>]]]` grows an invitation one choice at a time.
- `ab:...` is a professional's absence: period, typed date, substitute, hand-over, back.
- `pz:p:<period>` starts one's own pause (/pauze), `pz:<action>` types its date or reason, ends
  it or chooses another end.

Readers check shapes only; the services check values (indexes, ids, roles) again.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from bot.core.config import LANGUAGES
from bot.flows.callbacks import number, pack, unpack, word

REGISTER: Final = "reg"
LANGUAGE: Final = "lang"
PROFILE: Final = "pf"
FORGET: Final = "fg"
PEOPLE: Final = "pp"
INVITE: Final = "inv"
ABSENCE: Final = "ab"
PAUSE: Final = "pz"
NONE: Final = "-"  # no wijk, no maximum
ALL: Final = "a"  # a filter that lets everything through
NOBODY: Final = 0  # no person has id 0


@dataclass(frozen=True)
class Language:
    code: str

    @property
    def data(self) -> str:
        return pack(LANGUAGE, self.code)


def parse_language(data: object) -> Language | None:
    parts = unpack(data, LANGUAGE)
    return Language(parts[0]) if parts is not None and parts[0] in LANGUAGES else None


# --- profile ---------------------------------------------------------------------------------


class ProfileField(StrEnum):
    NAME = "name"
    MOTIVATION = "mot"
    LANGUAGE = "lang"
    WIJK = "wijk"
    MAX_SHIFTS = "max"
    INTERESTS = "int"
    AVAILABILITY = "av"
    SHOW = "show"  # the profile card again


@dataclass(frozen=True)
class Profile:
    """Open the question about `field`, or (with a value) answer it."""

    field: ProfileField
    value: str | None = None

    @property
    def data(self) -> str:
        return pack(PROFILE, self.field, *([self.value] if self.value is not None else []))


@dataclass(frozen=True)
class Forget:
    sure: bool

    @property
    def data(self) -> str:
        return pack(FORGET, "yes" if self.sure else "no")


def parse_profile(data: object) -> Profile | None:
    parts = unpack(data, PROFILE)
    if not parts or parts[0] not in _FIELDS or len(parts) > 2:
        return None
    value = word(parts[1]) if len(parts) == 2 else None
    if len(parts) == 2 and value is None:
        return None
    return Profile(ProfileField(parts[0]), value)


def parse_forget(data: object) -> Forget | None:
    parts = unpack(data, FORGET)
    return Forget(parts == ["yes"]) if parts in (["yes"], ["no"]) else None


_FIELDS = frozenset(field.value for field in ProfileField)


# --- people (coordinators) -------------------------------------------------------------------


class PersonAct(StrEnum):
    VIEW = "v"
    ROLE = "role"  # choose the new role
    REMOVE = "rm"  # asks first
    REMOVE_SURE = "rmok"
    PAUSE = "pause"
    RESUME = "resume"


@dataclass(frozen=True)
class PeopleList:
    """Filter codes (handlers.people.admin reads them; unknown ones mean "all") and a page."""

    role: str = ALL
    wijk: str = ALL
    status: str = ALL
    page: int = 0

    @property
    def data(self) -> str:
        return pack(PEOPLE, "l", self.role, self.wijk, self.status, self.page)


@dataclass(frozen=True)
class OnPerson:
    act: PersonAct
    person: int

    @property
    def data(self) -> str:
        return pack(PEOPLE, self.act, self.person)


@dataclass(frozen=True)
class SetRole:
    person: int
    role: str  # a role code of handlers.people.admin

    @property
    def data(self) -> str:
        return pack(PEOPLE, "setrole", self.person, self.role)


_PERSON_ACTS = frozenset(act.value for act in PersonAct)


def parse_people(data: object) -> PeopleList | OnPerson | SetRole | None:
    """A list whose filter codes make no sense lists everyone (page 0); an id that is no
    number names nobody (the service answers "not found")."""
    parts = unpack(data, PEOPLE)
    if not parts:
        return None
    action, args = parts[0], parts[1:]
    if action == "l":
        codes = [word(a, 4) or ALL for a in (*args[:3], ALL, ALL, ALL)[:3]]
        page = number(args[3]) if len(args) > 3 else None
        return PeopleList(codes[0], codes[1], codes[2], page or 0)
    if action in _PERSON_ACTS and len(args) <= 1:
        person = number(args[0]) if args else None
        return OnPerson(PersonAct(action), NOBODY if person is None else person)
    person = number(args[0]) if args else None
    if action == "setrole" and person is not None and len(args) == 2 and word(args[1], 1):
        return SetRole(person, args[1])
    return None


# --- invitations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Invite:
    """The invitation so far: a role code, then a wijk (index or "-"), uses, days valid."""

    role: str
    wijk: str | None = None
    uses: int | None = None
    days: int | None = None

    def parts(self) -> list[object]:
        chosen: list[object] = [self.role, self.wijk, self.uses, self.days]
        return chosen[: chosen.index(None)] if None in chosen else chosen

    @property
    def data(self) -> str:
        return pack(INVITE, *self.parts())


def parse_invite(data: object) -> Invite | None:
    parts = unpack(data, INVITE)
    if not parts or len(parts) > 4 or not word(parts[0], 1):
        return None
    wijk = parts[1] if len(parts) > 1 else None
    if wijk is not None and wijk != NONE and number(wijk) is None:
        return None
    counts = [number(part) for part in parts[2:]]
    if None in counts:
        return None
    return Invite(parts[0], wijk, *counts)


# --- absence ---------------------------------------------------------------------------------


class AwayAct(StrEnum):
    DATE = "date"  # type the last day
    HAND_OVER = "h"
    BACK = "back"
    NEW = "new"  # set another absence


@dataclass(frozen=True)
class AwayFor:
    period: str  # bot.people.absence.period_end checks it

    @property
    def data(self) -> str:
        return pack(ABSENCE, "p", self.period)


@dataclass(frozen=True)
class AwayWith:
    """Away until `last_day` (yyyymmdd), with this substitute (0: the coordinators)."""

    last_day: str
    substitute: int

    @property
    def data(self) -> str:
        return pack(ABSENCE, "s", self.last_day, self.substitute)


@dataclass(frozen=True)
class OnAbsence:
    act: AwayAct

    @property
    def data(self) -> str:
        return pack(ABSENCE, self.act)


_AWAY_ACTS = frozenset(act.value for act in AwayAct)


def parse_absence(data: object) -> OnAbsence | AwayFor | AwayWith | None:
    parts = unpack(data, ABSENCE)
    if not parts:
        return None
    if len(parts) == 1 and parts[0] in _AWAY_ACTS:
        return OnAbsence(AwayAct(parts[0]))
    if parts[0] == "p" and len(parts) == 2 and word(parts[1], 8):
        return AwayFor(parts[1])
    if parts[0] == "s" and len(parts) == 3:
        day, substitute = number(parts[1]), number(parts[2])
        if day is not None and len(parts[1]) == 8 and substitute is not None:
            return AwayWith(parts[1], substitute)
    return None


# --- own pause -------------------------------------------------------------------------------


class PauseAct(StrEnum):
    DATE = "date"  # type the last day
    REASON = "reason"  # type (or change) the reason
    BACK = "back"  # "Ik ben er weer"
    NEW = "new"  # choose another end


@dataclass(frozen=True)
class PauseFor:
    period: str  # bot.people.own_pause.period_end checks it

    @property
    def data(self) -> str:
        return pack(PAUSE, "p", self.period)


@dataclass(frozen=True)
class OnPause:
    act: PauseAct

    @property
    def data(self) -> str:
        return pack(PAUSE, self.act)


_PAUSE_ACTS = frozenset(act.value for act in PauseAct)


def parse_pause(data: object) -> OnPause | PauseFor | None:
    parts = unpack(data, PAUSE)
    if parts is not None and len(parts) == 1 and parts[0] in _PAUSE_ACTS:
        return OnPause(PauseAct(parts[0]))
    if parts is not None and len(parts) == 2 and parts[0] == "p" and word(parts[1], 8):
        return PauseFor(parts[1])
    return None
