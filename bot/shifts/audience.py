"""The audience "the volunteers of shift X" (bot.people.audiences), and the coming shifts as
choices for a picker (an announcement to the people of one shift).

Values are shift ids. A shift's volunteers are those with a place (confirmed, or held for them
from standby); the standby list is not among them. The audiences' base rule still applies
(no paused people, no one on their own pause unless urgent). `describe` names a shift by its
title and time once a picker has read it (`shift_choices`); a stored audience read after a
restart shows its number until then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core import i18n
from bot.core.config import Settings
from bot.core.errors import InvalidInput
from bot.people import audiences
from bot.people.audience_kinds import AudienceKind, joined
from bot.shifts import texts
from storage.audiences import Clause
from storage.database import Transaction
from storage.shifts import Shift, ShiftRepository

NAME = "shift"
MAX_ID_DIGITS = 18
CHOICE_DAYS = 14
# Shifts a picker read, by id, so a description can name them (see the module docstring).
_known: dict[int, Shift] = {}


@dataclass(frozen=True)
class ShiftChoice:
    value: str  # the audience value: the shift's id
    label: str  # "di 24-11 10:00 Koffieochtend (2/3)"
    volunteers: int


class ShiftVolunteers(AudienceKind):
    name = NAME
    noun = True

    def check(self, values: tuple[str, ...], settings: Settings) -> tuple[str, ...]:
        for value in values:
            if not (value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS):
                raise InvalidInput("shifts.audience_unknown", value=value)
        return tuple(str(int(value)) for value in values)

    def clause(self, values: tuple[str, ...], now: datetime) -> Clause:
        marks = ", ".join("?" for _ in values)
        return Clause(
            "p.id IN (SELECT g.person_id FROM shift_signups g"
            f" WHERE g.shift_id IN ({marks}) AND g.status IN ('confirmed', 'called'))",
            tuple(int(value) for value in values),
        )

    def describe(self, values: tuple[str, ...], language: str, settings: Settings) -> str:
        names = []
        for value in values:
            shift = _known.get(int(value))
            if shift is None:
                names.append(i18n.t(language, "shifts.audience_number", number=value))
            else:
                names.append(texts.short(shift, language, settings))
        return i18n.t(language, "shifts.audience", shifts=joined(names, language))


audiences.register(ShiftVolunteers())


async def shift_choices(
    tx: Transaction, settings: Settings, language: str, now: datetime, days: int = CHOICE_DAYS
) -> list[ShiftChoice]:
    """The planned shifts of the coming `days`, by start, as picker choices."""
    found = await ShiftRepository(tx).coverage(now, now + timedelta(days=days))
    choices = []
    for coverage in found:
        shift = coverage.shift
        _known[shift.id] = shift
        taken = coverage.filled + coverage.held
        label = f"{texts.short(shift, language, settings)} ({taken}/{shift.needed})"
        choices.append(ShiftChoice(str(shift.id), label, taken))
    return choices
