"""Recurring series: an RRULE expanded in wall-clock time, so "Tuesday 10:00" stays 10:00.

dateutil expands the rule from a naive local start, the wall clock, and every occurrence gets its
instant only afterwards (``local_time.instant_of``: a time in the spring gap moves forward by the
gap, one in the autumn fold is the first of the two). Expanding from an aware start would keep
the start's UTC offset instead, and a series begun in winter would meet at 11:00 in summer.

Holidays: with ``skip_holidays`` an occurrence on a holiday is left out as an EXDATE would be
(so COUNT still counts it, as in RFC 5545). Which days are holidays is the organisation's policy:
pass its ``OfficeHours.closed_days`` (Goede Vrijdag, Bevrijdingsdag, extra closures); the default
is that of ``OfficeHours()``, the Dutch public holidays the office is closed on.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from bot.scheduling.local_time import ORGANISATION_ZONE, as_utc, instant_of, wall_clock
from bot.scheduling.recurrence_rules import InvalidRecurrence, rule_parts, until_wall
from bot.scheduling.working_time import OfficeHours

__all__ = ["HolidayCalendar", "Recurrence", "dutch_holidays", "is_holiday"]

HolidayCalendar = Callable[[int], Collection[date]]  # year -> the local dates that are holidays

_DAY = timedelta(days=1)
# A search for the next occurrence gives up after this many holidays in a row: only a series
# pinned to a holiday (every 25 December) gets there, and it has no next occurrence.
_MAX_SKIPPED_IN_A_ROW = 50
_DEFAULT_HOURS = OfficeHours()


def dutch_holidays(year: int) -> frozenset[date]:
    """The Dutch public holidays of ``year`` that the default office policy closes on."""
    return _DEFAULT_HOURS.closed_days(year)


def is_holiday(
    moment: datetime, zone: ZoneInfo = ORGANISATION_ZONE, holidays: HolidayCalendar = dutch_holidays
) -> bool:
    """Whether the local date of ``moment`` in ``zone`` is a holiday."""
    day = wall_clock(moment, zone).date()
    return day in holidays(day.year)


class Recurrence:
    """A series: an RRULE, the start that fixes its first date and time of day, and the zone.

    ``start`` is a naive local time or an aware datetime (its wall-clock time in ``zone`` counts);
    seconds are kept, microseconds dropped. The start is an occurrence only if the rule matches it
    (dateutil's reading; RFC 5545 would always count it): ``weekly(TUESDAY)`` begun on a Monday
    first meets the next day. A rule that is malformed or never happens raises InvalidRecurrence
    (for a rule that never happens this takes a scan of up to a few seconds; no builder writes one).
    """

    __slots__ = ("_expansion", "holidays", "rule", "skip_holidays", "start", "zone")

    def __init__(
        self,
        rule: str,
        start: datetime,
        zone: ZoneInfo = ORGANISATION_ZONE,
        *,
        skip_holidays: bool = False,
        holidays: HolidayCalendar = dutch_holidays,
    ) -> None:
        parts = rule_parts(rule)
        self.rule = ";".join(f"{name}={value}" for name, value in parts.items())
        self.zone = zone
        local = wall_clock(start, zone) if start.tzinfo is not None else start
        self.start = local.replace(microsecond=0)
        self.skip_holidays = skip_holidays
        self.holidays = holidays
        self._expansion = _expand(rule, parts, self.start, zone)

    def __repr__(self) -> str:
        return f"Recurrence({self.rule!r}, {self.start.isoformat()!r}, {self.zone.key!r})"

    def occurrences(self, start: datetime, end: datetime) -> list[datetime]:
        """The occurrences from ``start`` (inclusive) to ``end`` (exclusive), UTC, in order.

        Half open, so consecutive windows (materialising the coming weeks) neither miss nor
        repeat an occurrence.
        """
        low, high = as_utc(start, "start"), as_utc(end, "end")
        if high <= low:
            return []
        # Widened by a day: the window's wall-clock edges are only known up to the offset.
        walls = self._expansion.between(
            wall_clock(low, self.zone) - _DAY, wall_clock(high, self.zone) + _DAY, inc=True
        )
        instants = (instant_of(wall, self.zone) for wall in walls)
        return [moment for moment in instants if low <= moment < high and self._kept(moment)]

    def next_after(self, moment: datetime) -> datetime | None:
        """The first occurrence strictly after ``moment`` (UTC), or None when the series ended.

        For "schedule the next one after now": after downtime the missed occurrences are not
        returned one by one, only the next one to come (catch up once).
        """
        instant = as_utc(moment)
        skipped = 0
        for wall in self._expansion.xafter(wall_clock(instant, self.zone) - _DAY, inc=True):
            candidate = instant_of(wall, self.zone)
            if candidate <= instant:
                continue
            if self._kept(candidate):
                return candidate
            skipped += 1
            if skipped >= _MAX_SKIPPED_IN_A_ROW:
                return None
        return None

    def is_holiday(self, occurrence: datetime) -> bool:
        """Whether ``occurrence`` falls on one of this series' holidays (to mark it)."""
        return is_holiday(occurrence, self.zone, self.holidays)

    def _kept(self, occurrence: datetime) -> bool:
        return not (self.skip_holidays and self.is_holiday(occurrence))


def _expand(rule: str, parts: dict[str, str], start: datetime, zone: ZoneInfo) -> rrule:
    """dateutil's expansion of the rule from the naive local start; InvalidRecurrence if none."""
    if "UNTIL" in parts:  # dateutil wants a naive UNTIL with a naive start
        parts = {**parts, "UNTIL": f"{until_wall(parts['UNTIL'], zone):%Y%m%dT%H%M%S}"}
    text = ";".join(f"{name}={value}" for name, value in parts.items())
    try:
        expansion = rrulestr(text, dtstart=start)
        # Some values (BYDAY=9MO) only fail when expanded; the first occurrence finds them.
        first = next(iter(expansion), None)
    except (ValueError, IndexError, KeyError, TypeError, OverflowError) as error:
        raise InvalidRecurrence(rule, str(error) or type(error).__name__) from error
    if not isinstance(expansion, rrule):
        raise InvalidRecurrence(rule, "expected a single rule")
    if first is None:
        raise InvalidRecurrence(rule, "the series has no occurrence after its start")
    return expansion
