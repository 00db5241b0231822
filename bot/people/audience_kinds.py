"""The kinds of filter an audience is made of (bot.people.audiences): what each accepts, the
SQL condition it adds (storage.audiences) and how it reads in a sentence.

A feature adds a kind by subclassing `AudienceKind` and registering it once
(`audiences.register(ShiftVolunteers())`); nothing else changes. Its values are strings, so an
audience fits in a small JSON document stored with an announcement, a round or a meeting.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import ClassVar

from bot.core import i18n
from bot.core.config import Settings
from bot.core.errors import InvalidInput
from storage.audiences import Clause, interest_in, registered_since, role_in, wijk_in
from storage.people import Role

MAX_NEW_DAYS = 365


def joined(items: Sequence[str], language: str, word: str = "audience.and") -> str:
    """'A, B en C' / 'A, B of C' (`word`: "audience.or")."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {i18n.t(language, word)} {items[-1]}"


class AudienceKind(ABC):
    """One kind of filter. A person passes it when they match any of its values."""

    name: ClassVar[str]  # the key in the stored JSON: never changes once stored
    # Describes who (a noun: "vrijwilligers") rather than which of them ("in Noord").
    noun: ClassVar[bool] = False
    # Values it needs: at least one, or none at all (alumni).
    takes_values: ClassVar[bool] = True

    @abstractmethod
    def check(self, values: tuple[str, ...], settings: Settings) -> tuple[str, ...]:
        """The values as stored; InvalidInput (a clear answer) for one it does not know."""

    @abstractmethod
    def clause(self, values: tuple[str, ...], now: datetime) -> Clause | None:
        """The SQL condition on the person; None when the kind adds none."""

    @abstractmethod
    def describe(self, values: tuple[str, ...], language: str, settings: Settings) -> str:
        """How it reads: a noun ("vrijwilligers") or a phrase after it ("in Noord")."""


def _unknown(key: str, value: str, known: Sequence[str]) -> InvalidInput:
    return InvalidInput(key, value=value, known=", ".join(known))


class Roles(AudienceKind):
    name = "role"
    noun = True

    def check(self, values: tuple[str, ...], settings: Settings) -> tuple[str, ...]:
        for value in values:
            if value not in {role.value for role in Role}:
                raise InvalidInput("audience.unknown_role", value=value)
        return values

    def clause(self, values: tuple[str, ...], now: datetime) -> Clause:
        return role_in(values)

    def describe(self, values: tuple[str, ...], language: str, settings: Settings) -> str:
        return joined([i18n.t(language, f"audience.role_{v}") for v in values], language)


class Wijken(AudienceKind):
    name = "wijk"

    def check(self, values: tuple[str, ...], settings: Settings) -> tuple[str, ...]:
        known = settings.organisation.wijken
        for value in values:
            if value not in known:
                raise _unknown("audience.unknown_wijk", value, known)
        return values

    def clause(self, values: tuple[str, ...], now: datetime) -> Clause:
        return wijk_in(values)

    def describe(self, values: tuple[str, ...], language: str, settings: Settings) -> str:
        return i18n.t(language, "audience.in_wijken", wijken=joined(values, language))


class Interests(AudienceKind):
    name = "interest"

    def check(self, values: tuple[str, ...], settings: Settings) -> tuple[str, ...]:
        known = [c.key for c in settings.organisation.interests]
        for value in values:
            if value not in known:
                raise _unknown("audience.unknown_interest", value, known)
        return values

    def clause(self, values: tuple[str, ...], now: datetime) -> Clause:
        return interest_in(values)

    def describe(self, values: tuple[str, ...], language: str, settings: Settings) -> str:
        labels = {c.key: c.label(language) for c in settings.organisation.interests}
        names = [labels.get(v, v) for v in values]
        return i18n.t(
            language, "audience.with_interest", interests=joined(names, language, "audience.or")
        )


class NewPeople(AudienceKind):
    """Registered within the last N days (one value: N). "New volunteers" is this with the
    volunteer role; a later induction (buddy) feature may widen it to "induction not finished"."""

    name = "new"

    def check(self, values: tuple[str, ...], settings: Settings) -> tuple[str, ...]:
        if len(values) != 1 or not values[0].isdecimal() or not 1 <= int(values[0]) <= MAX_NEW_DAYS:
            raise InvalidInput("audience.bad_days", most=MAX_NEW_DAYS)
        return (str(int(values[0])),)

    def clause(self, values: tuple[str, ...], now: datetime) -> Clause:
        return registered_since(now - timedelta(days=int(values[0])))

    def describe(self, values: tuple[str, ...], language: str, settings: Settings) -> str:
        return i18n.t(language, "audience.new", count=int(values[0]))


class Alumni(AudienceKind):
    """People who stopped (status alumni), who are otherwise never reached. It adds no
    condition of its own: it changes the base rule (storage.audiences)."""

    name = "alumni"
    noun = True
    takes_values = False

    def check(self, values: tuple[str, ...], settings: Settings) -> tuple[str, ...]:
        return ()

    def clause(self, values: tuple[str, ...], now: datetime) -> None:
        return None

    def describe(self, values: tuple[str, ...], language: str, settings: Settings) -> str:
        return ""  # bot.people.audiences words the noun: "oud-deelnemers (vrijwilligers)"


BUILT_IN: tuple[AudienceKind, ...] = (Roles(), Alumni(), Wijken(), Interests(), NewPeople())
