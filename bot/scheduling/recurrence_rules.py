"""RRULE text: build what coordinators pick with buttons, check what is stored, say it in words.

A rule here is one RFC 5545 RRULE value ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"), without DTSTART:
the series keeps its start (date and wall-clock time) beside it. The time of day always comes
from that start, so rules that set their own (BYHOUR, BYMINUTE, BYSECOND) or repeat more often
than daily are refused; so are rules that cannot end (INTERVAL=0) and COUNT with UNTIL (RFC 5545
forbids both).

UNTIL is inclusive and may be written three ways: a date (``UNTIL=20261231``: up to and including
that local day, what the builders write), a local time (``20261231T235959``) or a UTC time
(``20261231T225959Z``, the form calendar apps use with a zoned start).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from bot.core import i18n
from bot.core.errors import InvalidInput
from bot.scheduling.local_time import ORGANISATION_ZONE, wall_clock

__all__ = ["LAST", "InvalidRecurrence", "describe", "monthly", "rule_parts", "until_wall", "weekly"]

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # date.weekday() order
LAST = -1  # "the last <weekday> of the month"
_FREQUENCIES = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
_OWN_TIME = frozenset({"BYHOUR", "BYMINUTE", "BYSECOND"})
_UNTIL = re.compile(r"(\d{8})(T\d{6}Z?)?")
_NTH_DAY = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_NTH_LIMIT = {"MONTHLY": 5, "YEARLY": 53}  # "the 5th Monday of the month", "of the year"


class InvalidRecurrence(InvalidInput):
    """A rule that cannot be a series here; ``detail`` says why (for logs, not for people)."""

    def __init__(self, rule: str, detail: str) -> None:
        super().__init__("recurrence.invalid")
        self.rule = rule
        self.detail = detail

    def __str__(self) -> str:
        return f"invalid recurrence rule {self.rule!r}: {self.detail}"


def rule_parts(rule: str) -> dict[str, str]:
    """The rule's parts ({"FREQ": "WEEKLY", ...}), upper case; raises InvalidRecurrence.

    Checks what dateutil does not (see the module docstring); dateutil checks the values.
    """
    body = rule.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    if not body or any(sign in body for sign in "\r\n:"):
        raise InvalidRecurrence(rule, "expected one RRULE value without DTSTART")
    parts: dict[str, str] = {}
    for item in body.split(";"):
        name, equals, value = item.partition("=")
        name = name.strip().upper()
        if not equals or not value.strip() or name in parts:
            raise InvalidRecurrence(rule, f"bad or repeated part {item!r}")
        parts[name] = value.strip().upper()
    _check(rule, parts)
    return parts


def _check(rule: str, parts: dict[str, str]) -> None:
    if parts.get("FREQ") not in _FREQUENCIES:
        raise InvalidRecurrence(rule, f"FREQ must be one of {sorted(_FREQUENCIES)}")
    if own := _OWN_TIME & parts.keys():
        raise InvalidRecurrence(rule, f"the time of day comes from the start, not {sorted(own)}")
    for name in ("INTERVAL", "COUNT"):
        if name in parts and not (parts[name].isdigit() and int(parts[name]) >= 1):
            raise InvalidRecurrence(rule, f"{name} must be a whole number of at least 1")
    if "COUNT" in parts and "UNTIL" in parts:
        raise InvalidRecurrence(rule, "COUNT and UNTIL cannot both be given")
    if "UNTIL" in parts and not _UNTIL.fullmatch(parts["UNTIL"]):
        raise InvalidRecurrence(rule, "UNTIL must look like 20261231, 20261231T235959(Z)")
    for day in parts["BYDAY"].split(",") if "BYDAY" in parts else ():
        _check_day(rule, parts["FREQ"], day)


def _check_day(rule: str, frequency: str, day: str) -> None:
    match = _NTH_DAY.fullmatch(day)
    if match is None:
        raise InvalidRecurrence(rule, f"BYDAY {day!r} is not a day such as TU, 1MO or -1FR")
    limit = _NTH_LIMIT.get(frequency, 0)
    if match[1] is not None and not 1 <= abs(int(match[1])) <= limit:
        allowed = f"from -{limit} to {limit}, not 0" if limit else "no number"
        raise InvalidRecurrence(rule, f"BYDAY {day!r}: FREQ={frequency} allows {allowed}")


def until_wall(value: str, zone: ZoneInfo) -> datetime:
    """The last local wall-clock moment an UNTIL value allows (inclusive)."""
    match = _UNTIL.fullmatch(value)
    if match is None:
        raise ValueError(f"not an UNTIL value: {value!r}")
    day = datetime.strptime(match[1], "%Y%m%d")
    if match[2] is None:
        return datetime.combine(day.date(), time(23, 59, 59))
    moment = datetime.strptime(value.removesuffix("Z"), "%Y%m%dT%H%M%S")
    if value.endswith("Z"):
        return wall_clock(moment.replace(tzinfo=UTC), zone)
    return moment


# -- builders: what the buttons offer ----------------------------------------------------------


def _until_part(until: date | None) -> str:
    return "" if until is None else f";UNTIL={until:%Y%m%d}"


def _day_code(weekday: int) -> str:
    if weekday not in range(7):
        raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {weekday}")
    return DAY_CODES[weekday]


def weekly(weekday: int, *, every: int = 1, until: date | None = None) -> str:
    """Every ``every`` weeks on ``weekday`` (Monday = 0), up to and including ``until``.

    With ``every=2`` the weeks counted are those of the series' start: start it in a week it runs.
    """
    if every < 1:
        raise ValueError(f"every must be at least 1, got {every}")
    interval = "" if every == 1 else f";INTERVAL={every}"
    return f"FREQ=WEEKLY{interval};BYDAY={_day_code(weekday)}{_until_part(until)}"


def monthly(weekday: int, nth: int, *, until: date | None = None) -> str:
    """The ``nth`` (1-4, or LAST) ``weekday`` of every month, up to and including ``until``."""
    if nth not in (1, 2, 3, 4, LAST):
        raise ValueError(f"nth must be 1, 2, 3, 4 or LAST, got {nth}")
    return f"FREQ=MONTHLY;BYDAY={nth}{_day_code(weekday)}{_until_part(until)}"


# -- in words ------------------------------------------------------------------------------------


def describe(rule: str, language: str, zone: ZoneInfo = ORGANISATION_ZONE) -> str:
    """A short phrase for the rule ("elke dinsdag", "om de week op dinsdag, tot en met 31-12-2026").

    Rules the builders make get their own words; anything else is "a repeat of its own". The
    phrase is catalog text (safe HTML); the caller adds the time of day.
    """
    parts = rule_parts(rule)
    pattern = _pattern(parts, language)
    if "UNTIL" in parts:
        last = until_wall(parts["UNTIL"], zone).date()
        return i18n.raw(language, "recurrence.until", pattern=pattern, date=f"{last:%d-%m-%Y}")
    if parts.get("COUNT") == "1":
        return i18n.raw(language, "recurrence.once", pattern=pattern)
    if "COUNT" in parts:
        return i18n.raw(language, "recurrence.times", pattern=pattern, count=parts["COUNT"])
    return pattern


def _pattern(parts: dict[str, str], language: str) -> str:
    shape = {name: value for name, value in parts.items() if name not in {"UNTIL", "COUNT"}}
    every = int(shape.pop("INTERVAL", "1"))
    frequency = shape.pop("FREQ")
    day = _NTH_DAY.fullmatch(shape.pop("BYDAY", ""))
    if shape.pop("WKST", "MO") != "MO" or shape:
        return i18n.t(language, "recurrence.custom")
    if frequency == "DAILY" and day is None and every == 1:
        return i18n.t(language, "recurrence.daily")
    if day is None:
        return i18n.t(language, "recurrence.custom")
    weekday = i18n.t(language, f"common.weekday_{DAY_CODES.index(day[2])}")
    if frequency == "WEEKLY" and day[1] is None:
        if every == 1:
            return i18n.raw(language, "recurrence.weekly", weekday=weekday)
        if every == 2:
            return i18n.raw(language, "recurrence.every_other_week", weekday=weekday)
        return i18n.raw(language, "recurrence.every_n_weeks", weeks=every, weekday=weekday)
    nth = int(day[1] or 0)
    if frequency == "MONTHLY" and every == 1 and nth in (1, 2, 3, 4, LAST):
        which = i18n.t(language, f"recurrence.nth_{'last' if nth == LAST else nth}")
        return i18n.raw(language, "recurrence.monthly", nth=which, weekday=weekday)
    return i18n.t(language, "recurrence.custom")
