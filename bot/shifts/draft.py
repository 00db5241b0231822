"""A coordinator makes a shift, step by step (DRAFT, read it as the dialogue): what, the interest
it needs, the wijk, the place (a public place; the privacy guard checks it), the day, the times,
how many volunteers, whether and how it repeats (until when, and whether holidays are skipped),
notes, then a summary to make, change or stop. Sending makes the shift or the series in one
transaction (bot.shifts.planning).

The draft keeps the day it was opened on ("opened"), so the day buttons are the coming weeks
from then, also after a restart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from bot.core import i18n
from bot.core.config import Settings
from bot.core.deps import Deps
from bot.core.errors import NotAllowed
from bot.flows import names
from bot.flows.draft import Draft
from bot.flows.service import DraftService
from bot.flows.steps import Choice, Option, Privacy, Summary, Text, labelled
from bot.privacy.guard import identifying_kinds
from bot.privacy.known_people import KnownPeople
from bot.scheduling.local_time import wall_clock
from bot.scheduling.recurrence_rules import LAST, describe, monthly, weekly
from bot.shifts import callbacks, texts
from bot.shifts.planning import MAX_NOTES, MAX_PLACE, MAX_TITLE, PlanningService, ShiftPlan
from bot.shifts.typed import parse_times
from storage.database import Transaction
from storage.flows import Flow
from storage.people import PersonRepository, Role
from storage.shifts import Shift

DAYS_OFFERED = 21
NEEDED = ("1", "2", "3", "4", "5", "6", "8", "10")
REPEATS = ("once", "weekly", "biweekly", "monthly")
UNTILS = {"none": None, "1m": 30, "3m": 91, "6m": 182}
NONE: Final = "none"


@dataclass(frozen=True)
class Times(Text):
    """ "10:00-12:00", kept as written the standard way."""

    def clean(self, typed: str) -> str:
        start, end = parse_times(super().clean(typed))
        return f"{start:%H:%M}-{end:%H:%M}"


def _day_of(data: Mapping[str, Any]) -> date:
    return date.fromisoformat(str(data.get("day") or data["opened"]))


def _interests(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    found = [Option(c.key, c.label(language)) for c in settings.organisation.interests]
    return [*found, Option(NONE, i18n.t(language, "shifts.any_interest"), kept=None)]


def _wijken(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    wijken = settings.organisation.wijken
    found = [Option(str(i), name, kept=name) for i, name in enumerate(wijken)]
    return [*found, Option(NONE, i18n.t(language, "shifts.any_wijk"), kept=None)]


def _days(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    opened = date.fromisoformat(str(data["opened"]))
    days = [opened + timedelta(days=n) for n in range(DAYS_OFFERED)]
    return [Option(f"{d:%Y%m%d}", _day_label(d, language), kept=d.isoformat()) for d in days]


def _day_label(day: date, language: str) -> str:
    return f"{i18n.t(language, f'shifts.day_{day.weekday()}')} {day:%d-%m}"


def _nth(day: date) -> int:
    """Which of its weekday in the month the day is: 1-4, or LAST for a fifth (not every month
    has one)."""
    nth = (day.day - 1) // 7 + 1
    return LAST if nth == 5 else nth


def rule_of(repeat: str | None, day: date, until_days: int | None) -> str | None:
    """The RRULE the choices stand for (None: once)."""
    until = day + timedelta(days=until_days) if until_days is not None else None
    if repeat == "weekly":
        return weekly(day.weekday(), until=until)
    if repeat == "biweekly":
        return weekly(day.weekday(), every=2, until=until)
    if repeat == "monthly":
        return monthly(day.weekday(), _nth(day), until=until)
    return None


def _repeats(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    day = _day_of(data)
    options = [Option("once", i18n.t(language, "shifts.repeat_once"))]
    for repeat in REPEATS[1:]:
        rule = rule_of(repeat, day, None)
        assert rule is not None
        options.append(Option(repeat, describe(rule, language).capitalize()))
    return options


def _repeating(data: Mapping[str, Any]) -> bool:
    return data.get("repeat") not in (None, "once")


TITLE_PRIVACY = Privacy(
    "tpriv",
    checks="title",
    reason="treason",
    ask_reason="shifts.ask_kept",
    ask="shifts.privacy_ask",
)
PLACE_PRIVACY = Privacy(
    "ppriv",
    checks="place",
    reason="preason",
    ask_reason="shifts.ask_kept",
    ask="shifts.privacy_ask",
)
NOTES_PRIVACY = Privacy(
    "npriv",
    checks="notes",
    reason="nreason",
    ask_reason="shifts.ask_kept",
    ask="shifts.privacy_ask",
)


def summary(settings: Settings, data: Mapping[str, Any], language: str) -> str:
    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    day = _day_of(data)
    lines = [
        t("shifts.summary_title"),
        t("shifts.line_title", value=data["title"]),
        t(
            "shifts.line_interest",
            value=texts.interest_label(settings, data.get("interest"), language)
            or t("shifts.any_interest"),
        ),
        t("shifts.line_wijk", value=data.get("wijk") or t("shifts.any_wijk")),
        t("shifts.line_place", value=data["place"]),
        t("shifts.line_when", value=f"{_day_label(day, language)} {data['times']}"),
        t("shifts.line_needed", value=data["needed"]),
    ]
    rule = rule_of(data.get("repeat"), day, UNTILS.get(str(data.get("until"))))
    if rule is not None:
        repeat = describe(rule, language, settings.organisation.zone)
        lines.append(i18n.raw(language, "shifts.line_repeat", value=repeat))
        key = "shifts.holidays_skip" if data.get("holidays") == "skip" else "shifts.holidays_keep"
        lines.append(t(key))
    if data.get("notes"):
        lines.append(t("shifts.line_notes", value=data["notes"]))
    return "\n".join(lines)


DRAFT = Draft(
    names.SHIFT,
    callbacks.DRAFT,
    Text("title", "title", limit=MAX_TITLE, ask="shifts.ask_title", edit="shifts.edit_title"),
    TITLE_PRIVACY,
    Choice(
        "int",
        "interest",
        _interests,
        ask="shifts.ask_interest",
        line="shifts.line_interest",
        edit="shifts.edit_interest",
    ),
    Choice(
        "wijk",
        "wijk",
        _wijken,
        ask="shifts.ask_wijk",
        line="shifts.line_wijk",
        edit="shifts.edit_wijk",
    ),
    Text("place", "place", limit=MAX_PLACE, ask="shifts.ask_place", edit="shifts.edit_place"),
    PLACE_PRIVACY,
    Choice(
        "day",
        "day",
        _days,
        columns=3,
        ask="shifts.ask_day",
        line="shifts.line_day",
        edit="shifts.edit_day",
    ),
    Times("times", "times", limit=20, ask="shifts.ask_times", edit="shifts.edit_times"),
    Choice(
        "needed",
        "needed",
        lambda s, d, lang: [Option(n, n, kept=int(n)) for n in NEEDED],
        columns=4,
        ask="shifts.ask_needed",
        line="shifts.line_needed",
        edit="shifts.edit_needed",
    ),
    Choice(
        "rep",
        "repeat",
        _repeats,
        columns=1,
        ask="shifts.ask_repeat",
        line="shifts.line_repeat_choice",
        edit="shifts.edit_repeat",
    ),
    Choice(
        "until",
        "until",
        labelled("shifts.until_", tuple(UNTILS)),
        columns=2,
        ask="shifts.ask_until",
        line="shifts.line_until",
        when=_repeating,
        edit="shifts.edit_until",
    ),
    Choice(
        "hol",
        "holidays",
        labelled("shifts.holidays_", ("keep", "skip")),
        columns=1,
        ask="shifts.ask_holidays",
        when=_repeating,
        edit="shifts.edit_holidays",
    ),
    Text(
        "notes",
        "notes",
        limit=MAX_NOTES,
        skip=True,
        ask="shifts.ask_notes",
        edit="shifts.edit_notes",
    ),
    NOTES_PRIVACY,
    Summary("sum", summary, send="shifts.make", cancel="shifts.stop"),
)


class ShiftDraftService(DraftService[list[Shift]]):
    draft = DRAFT

    def __init__(self, deps: Deps, known_people: KnownPeople, planning: PlanningService) -> None:
        super().__init__(deps)
        self.known_people = known_people  # staff are no residents (privacy guard)
        self.planning = planning

    async def start(self, update_id: int | None, telegram_id: int) -> Flow:
        """Open a new shift's draft, or the one already open (it survives restarts). Only a
        coordinator: the button says nothing about who presses it."""
        async with self.db.read() as tx:
            person = await PersonRepository(tx).by_telegram_id(telegram_id)
        if person is None or person.role is not Role.COORDINATOR or not person.active:
            raise NotAllowed("shifts: coordinators only")
        today = wall_clock(self.clock(), self.settings.organisation.zone).date()
        return await self.open(update_id, telegram_id, {"opened": today.isoformat()})

    async def findings(self, tx: Transaction, text: str) -> list[str]:
        return identifying_kinds(text, await self.known_people.names(tx))

    async def send(self, tx: Transaction, flow: Flow) -> list[Shift]:
        person = await PersonRepository(tx).by_telegram_id(flow.telegram_id)
        if person is None or person.role is not Role.COORDINATOR or not person.active:
            raise NotAllowed("shifts: coordinators only")
        return await self.planning.create_in(tx, person, plan_of(flow.data), self.clock())


def plan_of(data: Mapping[str, Any]) -> ShiftPlan:
    day = _day_of(data)
    start, end = parse_times(str(data["times"]))
    return ShiftPlan(
        title=str(data["title"]),
        interest=data.get("interest"),
        wijk=data.get("wijk"),
        place=str(data["place"]),
        notes=data.get("notes"),
        day=day,
        start=start,
        end=end,
        needed=int(data["needed"]),
        rule=rule_of(data.get("repeat"), day, UNTILS.get(str(data.get("until")))),
        skip_holidays=data.get("holidays") == "skip",
    )


def made_text(made: list[Shift], language: str, settings: Settings) -> str:
    """The answer after making: the first shift, and how many more in the coming weeks."""
    first = texts.line(made[0], language, settings)
    key = "shifts.made_series" if len(made) > 1 else "shifts.made_one"
    days = settings.shifts.offer_days_ahead
    return i18n.raw(language, key, shift=first, count=len(made) - 1, days=days)
