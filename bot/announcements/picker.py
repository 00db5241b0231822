"""Who an announcement is for, as the draft asks it: "Aan wie?" with everyone, a choice of
roles, wijken and interests (ticked; nothing ticked: all of them), alumni, and the kinds other
features offer.

A feature offers a kind whose values come from the database (the volunteers of a coming shift)
with one `offer(...)` line in the composition root (bot/services.py):

    picker.offer(Listed(shift_audience.NAME, "announcements.who_shift", "announcements.ask_shift",
                        shift_audience.shift_choices))

`Listed.values(tx, settings, language, now)` lists choices (anything with a `value` and a
`label`); the chosen value becomes the audience filter `{kind: [value]}`, so the kind must be
registered with bot.people.audiences.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Protocol

from bot.core import i18n
from bot.core.config import Settings
from bot.flows.callbacks import word
from bot.flows.steps import Option
from bot.people.audience_kinds import Interests, Roles, Wijken
from bot.people.audiences import Audience
from storage.database import Transaction
from storage.people import Role

EVERYONE: Final = "all"
SOME: Final = "some"  # roles, wijken and interests ticked
ALUMNI: Final = "alumni"
# How many values of a listed kind are offered (the soonest first).
MOST_LISTED = 12


class Choice(Protocol):
    """One value a listed kind offers, and how its button reads."""

    @property
    def value(self) -> str: ...

    @property
    def label(self) -> str: ...


Lister = Callable[[Transaction, Settings, str, datetime], Awaitable[Sequence[Choice]]]


@dataclass(frozen=True)
class Listed:
    """A kind whose values are listed when it is chosen (one button under "Aan wie?")."""

    kind: str  # the audience kind, registered with bot.people.audiences
    label: str  # catalog key of its button under "Aan wie?"
    ask: str  # catalog key of the question above its list
    values: Lister

    def __post_init__(self) -> None:
        if word(self.kind) is None or self.kind in (EVERYONE, SOME, ALUMNI):
            raise ValueError(f"a listed kind needs a short name of its own, not {self.kind!r}")


_LISTED: dict[str, Listed] = {}


def offer(listed: Listed) -> None:
    """Offer a kind under "Aan wie?" (once, from the composition root)."""
    _LISTED[listed.kind] = listed


def listed(kind: object) -> Listed | None:
    return _LISTED.get(kind) if isinstance(kind, str) else None


def who(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    def t(key: str) -> str:
        return i18n.t(language, key)

    offered = [Option(kind, t(item.label)) for kind, item in _LISTED.items()]
    return [
        Option(EVERYONE, t("announcements.who_all")),
        Option(SOME, t("announcements.who_some")),
        *offered,
        Option(ALUMNI, t("announcements.who_alumni")),
    ]


def roles(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    def label(role: Role) -> str:
        words = i18n.t(language, f"audience.role_{role.value}")
        return words[:1].upper() + words[1:]  # "Vrijwilligers" on its own button

    return [Option(r.value, label(r)) for r in Role]


def wijken(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    """By number (a wijk's name may be long for a button's data)."""
    return [Option(str(i), w, kept=w) for i, w in enumerate(settings.organisation.wijken)]


def interests(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    return [Option(c.key, c.label(language)) for c in settings.organisation.interests]


def picked(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    """The values listed for the chosen kind (loaded into the draft by `load`), by number."""
    values = data.get("listed") or []
    return [Option(str(i), str(label), kept=str(value)) for i, (value, label) in enumerate(values)]


async def load(
    tx: Transaction, data: dict[str, Any], settings: Settings, now: datetime, language: str
) -> None:
    """Before the listed kind's question: its values as they are now."""
    chosen = listed(data.get("who"))
    if chosen is not None:
        found = await chosen.values(tx, settings, language, now)
        data["listed"] = [[c.value, c.label] for c in found[:MOST_LISTED]]
        data["question"] = i18n.t(language, chosen.ask)  # asked above the list


def audience(data: Mapping[str, Any]) -> Audience:
    """The audience the draft's answers describe."""
    fixed = data.get("fixed")
    if isinstance(fixed, str):
        return Audience.from_json(fixed)
    chosen = data.get("who")
    if chosen == ALUMNI:
        return Audience.alumni_only()
    if chosen == SOME:
        found = Audience()
        for kind, field in (
            (Roles.name, "roles"),
            (Wijken.name, "wijken"),
            (Interests.name, "interests"),
        ):
            if data.get(field):
                found = found.where(kind, *data[field])
        return found
    offered = listed(chosen)
    if offered is not None and data.get("picked"):
        return Audience().where(offered.kind, str(data["picked"]))
    return Audience()


def chooses(data: Mapping[str, Any]) -> bool:
    """Whether this sender picks the audience (a professional's is fixed)."""
    return "fixed" not in data
