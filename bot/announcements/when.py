"""When a scheduled announcement goes, as a person types it: "24-12 09:00", "24-12-2026 9.00",
"morgen 9:00" or "vandaag 16:30" (also in English), in the organisation's time zone."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.errors import InvalidInput
from bot.scheduling.local_time import as_utc, instant_of, wall_clock

MOST_AHEAD = timedelta(days=365)
_MOMENT = re.compile(
    r"^\s*(?:(?P<word>vandaag|today|morgen|tomorrow)|(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})"
    r"(?:[-/.](?P<year>\d{2}|\d{4}))?)\s+(?:om\s+|at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})"
    r"\s*$",
    re.IGNORECASE,
)
_OFFSETS = {"vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1}


def parse_moment(typed: str, now: datetime, zone: ZoneInfo) -> datetime:
    """The instant (UTC) a typed day and time name; InvalidInput when it cannot be read, has
    passed, or lies more than a year ahead."""
    found = _MOMENT.match(typed)
    if found is None:
        raise InvalidInput("announcements.at_invalid")
    today = wall_clock(now, zone).date()
    try:
        at = time(int(found["hour"]), int(found["minute"]))
        day = _day(found, today)
    except ValueError:
        raise InvalidInput("announcements.at_invalid") from None
    moment = as_utc(instant_of(datetime.combine(day, at), zone))
    if found["year"] is None and found["word"] is None and moment <= now:
        moment = as_utc(instant_of(datetime.combine(day.replace(year=day.year + 1), at), zone))
    if moment <= now:
        raise InvalidInput("announcements.at_past")
    if moment > now + MOST_AHEAD:
        raise InvalidInput("announcements.at_far")
    return moment


def _day(found: re.Match[str], today: date) -> date:
    if found["word"] is not None:
        return today + timedelta(days=_OFFSETS[found["word"].casefold()])
    year = int(found["year"]) if found["year"] else today.year
    if found["year"] and len(found["year"]) == 2:
        year += 2000
    return date(year, int(found["month"]), int(found["day"]))
