"""Audiences: the one way to say who a message is for, shared by announcements, check-in
rounds, meetings and shift offers.

An `Audience` is a set of filters, each a kind with values (bot.people.audience_kinds):
a person must pass every filter (AND), and passes a filter by matching any of its values (OR).
So `Audience.everyone().where("role", "volunteer").where("wijk", "Overvecht", "Noordoost")
.where("interest", "ouderen")` means volunteers in Overvecht or Noordoost with the interest
Ouderen, and reads "vrijwilligers in Overvecht en Noordoost met interesse Ouderen". No filters:
everyone. `alumni` reaches the people who stopped, and only that filter reaches them.

Resolved in one query (storage.audiences) that also applies the base rule: no one a coordinator
paused, no one on their own pause unless the message is urgent, no erased or alumni people
(unless asked for), and unreachable people only when asked for, flagged. Stored as a small
JSON document ({"role": ["volunteer"], "wijk": ["Noord"]}); `check` reads it against the
organisation's settings, so an unknown wijk or interest is a clear answer, not an empty list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from bot.core import i18n
from bot.core.config import Settings
from bot.core.deps import Service
from bot.core.errors import InvalidInput
from bot.people.audience_kinds import BUILT_IN, Alumni, AudienceKind, Roles
from storage.audiences import AudienceRepository, Clause, Reach, Recipient
from storage.database import Transaction

# Every kind by name, in the order filters are stored and read; a feature adds its own.
_KINDS: dict[str, AudienceKind] = {}


def register(kind: AudienceKind) -> None:
    """Make a kind of filter known (once, when its feature's module is imported)."""
    known = _KINDS.get(kind.name)
    if known is not None and type(known) is not type(kind):
        raise ValueError(f"audience kind {kind.name!r} is taken by {type(known).__name__}")
    _KINDS[kind.name] = kind


for _built_in in BUILT_IN:
    register(_built_in)


def _kind(name: str) -> AudienceKind:
    kind = _KINDS.get(name)
    if kind is None:
        raise InvalidInput("audience.unknown_kind", value=name)
    return kind


Filters = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Audience:
    """Who a message is for: filters (kind, values) in the kinds' order, each kind once."""

    filters: Filters = ()

    @classmethod
    def everyone(cls) -> Audience:
        return cls()

    @classmethod
    def alumni_only(cls) -> Audience:
        return cls().where(Alumni.name)

    @classmethod
    def new_volunteers(cls, days: int) -> Audience:
        return cls().where(Roles.name, "volunteer").where("new", str(days))

    def where(self, kind: str, *values: str) -> Audience:
        """This audience narrowed by one more filter; values of a kind already there add up."""
        _kind(kind)
        merged = dict(self.filters)
        merged[kind] = tuple(dict.fromkeys((*merged.get(kind, ()), *values)))
        order = list(_KINDS)
        return Audience(tuple(sorted(merged.items(), key=lambda item: order.index(item[0]))))

    def values(self, kind: str) -> tuple[str, ...]:
        return dict(self.filters).get(kind, ())

    @property
    def alumni(self) -> bool:
        return any(kind == Alumni.name for kind, _ in self.filters)

    def to_json(self) -> str:
        return json.dumps({kind: list(values) for kind, values in self.filters}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Audience:
        """An audience as stored; InvalidInput for anything else (the kinds check values)."""
        try:
            data = json.loads(text)
        except ValueError:
            raise InvalidInput("audience.invalid") from None
        if not isinstance(data, dict):
            raise InvalidInput("audience.invalid")
        audience = cls()
        for kind, values in data.items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise InvalidInput("audience.invalid")
            audience = audience.where(kind, *values)
        return audience


def check(audience: Audience, settings: Settings) -> Audience:
    """The audience with every value known to the organisation; a clear InvalidInput else."""
    checked = Audience()
    for name, values in audience.filters:
        kind = _kind(name)
        if kind.takes_values and not values:
            raise InvalidInput("audience.no_values", kind=name)
        if not kind.takes_values and values:
            raise InvalidInput("audience.invalid")
        checked = checked.where(name, *kind.check(values, settings))
    return checked


def clauses(audience: Audience, now: datetime) -> list[Clause]:
    found = (_kind(name).clause(values, now) for name, values in audience.filters)
    return [clause for clause in found if clause is not None]


async def recipients(
    tx: Transaction,
    audience: Audience,
    settings: Settings,
    now: datetime,
    *,
    urgent: bool = False,
    unreachable: bool = False,
) -> list[Recipient]:
    """Who the audience reaches now, inside the caller's transaction (so an announcement and
    its outbox rows are written with the same people)."""
    audience = check(audience, settings)
    return await AudienceRepository(tx).recipients(
        clauses(audience, now), now, alumni=audience.alumni, urgent=urgent, unreachable=unreachable
    )


def describe(audience: Audience, language: str, settings: Settings) -> str:
    """The audience in words: "vrijwilligers in Overvecht en Noordoost met interesse Ouderen"."""

    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    nouns: list[str] = []
    phrases: list[str] = []
    for name, values in audience.filters:
        kind = _kind(name)
        text = kind.describe(values, language, settings)
        if text:
            (nouns if kind.noun else phrases).append(text)
    who = " ".join(nouns)
    if audience.alumni:
        who = t("audience.alumni_of", who=who) if who else t("audience.alumni")
    return " ".join([who or t("audience.everyone"), *phrases])


def reach_text(reach: Reach, language: str) -> str:
    """ "Gaat naar 143 mensen", with the unreachable ones named apart."""
    text = i18n.t(language, "audience.reach", count=reach.people)
    if reach.unreachable:
        text += " " + i18n.t(language, "audience.reach_unreachable", count=reach.unreachable)
    return text


class AudienceService(Service):
    """Audiences read on their own (a preview's count); inside a use case use `recipients`."""

    def check(self, audience: Audience) -> Audience:
        return check(audience, self.settings)

    async def recipients(
        self, audience: Audience, *, urgent: bool = False, unreachable: bool = False
    ) -> list[Recipient]:
        async with self.db.read() as tx:
            return await recipients(
                tx, audience, self.settings, self.clock(), urgent=urgent, unreachable=unreachable
            )

    async def count(self, audience: Audience, *, urgent: bool = False) -> Reach:
        """How many people it goes to now (for "gaat naar 143 mensen")."""
        audience = self.check(audience)
        now = self.clock()
        async with self.db.read() as tx:
            return await AudienceRepository(tx).count(
                clauses(audience, now), now, alumni=audience.alumni, urgent=urgent
            )

    def describe(self, audience: Audience, language: str) -> str:
        return describe(self.check(audience), language, self.settings)
