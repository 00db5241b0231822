"""A day as people type it: "26-11" (the coming one) or "26-11-2026". Shared by shifts and
meetings, which turn its two refusals into their own words."""

from __future__ import annotations

import re
from datetime import date

_DAY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{2}|\d{4}))?$")
# A typed day-month is the coming one, unless it lies this few days back (a typo, not next year).
RECENT_DAYS = 60


class NoSuchDay(ValueError):
    """Not a day: "31-02", "tomorrow", "26/13"."""


class DayGone(ValueError):
    """A day that has already passed."""


def parse_day(text: str, today: date) -> date:
    """ "26-11" (the coming one, unless it went by lately) or "26-11-2026"; not in the past."""
    found = _DAY.match(text.strip())
    if found is None:
        raise NoSuchDay(text)
    year = int(found[3]) if found[3] else today.year
    if found[3] and len(found[3]) == 2:
        year += 2000
    try:
        day = date(year, int(found[2]), int(found[1]))
        if not found[3] and (today - day).days > RECENT_DAYS:
            day = date(year + 1, day.month, day.day)
    except ValueError:
        raise NoSuchDay(text) from None
    if day < today:
        raise DayGone(text)
    return day
