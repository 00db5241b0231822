"""Office hours and deadlines in working time (Dutch public holidays included).

Terms used throughout:

* A *working day* is a local calendar date (in the office time zone) whose weekday is one of
  ``OfficeHours.weekdays`` and that is not a closed holiday (see ``OfficeHours.closed_days``).
* On a working day the office is open during ``[opening, closing)`` local wall-clock time;
  ``opening`` and ``closing`` lie on the same date (no shifts across midnight).
* *Working time* is real elapsed time inside those open intervals. On the days daylight saving
  time changes, the office day is still ``closing - opening`` long in wall-clock terms, and since
  the Amsterdam switch happens at night (02:00/03:00) that is also its real length.

Every function takes aware datetimes in any zone and returns aware datetimes in UTC; all
arithmetic happens on UTC instants, because Python compares and subtracts two datetimes that
share a ``ZoneInfo`` by wall-clock time, which is wrong across DST transitions.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from bot.scheduling.local_time import AMSTERDAM, as_utc

__all__ = ["LiberationDay", "OfficeHours"]

MONDAY_TO_FRIDAY = frozenset({0, 1, 2, 3, 4})
_HOUR = timedelta(hours=1)


class LiberationDay(enum.Enum):
    """Whether Bevrijdingsdag (5 May) is a day off.

    Many Dutch collective agreements only give it off in lustrum years (2025, 2030, ...).
    """

    NEVER = "never"
    LUSTRUM = "lustrum"
    ALWAYS = "always"

    def closed_in(self, year: int) -> bool:
        if self is LiberationDay.ALWAYS:
            return True
        if self is LiberationDay.LUSTRUM:
            return year % 5 == 0
        return False


def _easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=256)
def dutch_closed_holidays(
    year: int, *, good_friday: bool, liberation_day: LiberationDay
) -> frozenset[date]:
    """The Dutch public holidays of ``year`` on which the office is closed.

    Starts from ``holidays.country_holidays("NL")`` (Nieuwjaar, Pasen, Koningsdag, Hemelvaart,
    Pinksteren, Kerst; the package itself lists Goede Vrijdag every year and Bevrijdingsdag only
    in lustrum years), then applies this office's policy for Goede Vrijdag and Bevrijdingsdag.
    Holidays are matched by date, not by name, so the package's language does not matter.
    """
    days = set(holidays.country_holidays("NL", years=year).keys())
    good_friday_date = _easter_sunday(year) - timedelta(days=2)
    liberation_date = date(year, 5, 5)
    days.discard(good_friday_date)
    days.discard(liberation_date)
    if good_friday:
        days.add(good_friday_date)
    if liberation_day.closed_in(year):
        days.add(liberation_date)
    return frozenset(days)


@dataclass(frozen=True)
class OfficeHours:
    """When the office is open; answers "is it open" and computes deadlines in working time.

    ``weekdays`` uses ``date.weekday()`` numbering (Monday = 0 ... Sunday = 6).
    ``extra_closed_days`` are local dates the office is closed besides public holidays
    (for example a collective closure between Christmas and New Year).
    """

    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo(AMSTERDAM))
    opening: time = time(9, 0)
    closing: time = time(17, 0)
    weekdays: frozenset[int] = MONDAY_TO_FRIDAY
    good_friday_off: bool = False
    liberation_day: LiberationDay = LiberationDay.LUSTRUM
    extra_closed_days: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        if self.opening.tzinfo is not None or self.closing.tzinfo is not None:
            raise ValueError("opening and closing are local wall-clock times without tzinfo")
        if not self.opening < self.closing:
            raise ValueError(f"opening {self.opening} must be before closing {self.closing}")
        if not self.weekdays or not self.weekdays <= frozenset(range(7)):
            raise ValueError(f"weekdays must be a non-empty subset of 0..6, got {self.weekdays}")

    # -- calendar ---------------------------------------------------------------------------

    def closed_days(self, year: int) -> frozenset[date]:
        """Holidays (public, by this office's policy, plus extra closures) in ``year``."""
        public = dutch_closed_holidays(
            year, good_friday=self.good_friday_off, liberation_day=self.liberation_day
        )
        return public | {d for d in self.extra_closed_days if d.year == year}

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.weekdays and day not in self.closed_days(day.year)

    def _at(self, day: date, wall: time) -> datetime:
        # A wall time that does not exist (DST gap) resolves with the pre-transition offset.
        return datetime.combine(day, wall, tzinfo=self.tz).astimezone(UTC)

    def _open_interval(self, day: date) -> tuple[datetime, datetime] | None:
        if not self.is_working_day(day):
            return None
        return self._at(day, self.opening), self._at(day, self.closing)

    def _intervals_from(self, moment: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Open intervals (UTC) from the UTC instant ``moment`` on, the first one clipped.

        Endless: callers stop iterating. Terminates per step because ``weekdays`` is non-empty
        and every year has only finitely many closed days.
        """
        day = moment.astimezone(self.tz).date() - timedelta(days=1)
        while True:
            interval = self._open_interval(day)
            if interval is not None and interval[1] > moment:
                yield max(interval[0], moment), interval[1]
            day += timedelta(days=1)

    # -- queries ----------------------------------------------------------------------------

    def is_open(self, moment: datetime) -> bool:
        """Whether ``moment`` falls inside ``[opening, closing)`` on a working day."""
        instant = as_utc(moment, "moment")
        interval = self._open_interval(instant.astimezone(self.tz).date())
        return interval is not None and interval[0] <= instant < interval[1]

    def next_opening(self, moment: datetime) -> datetime:
        """The earliest instant at or after ``moment`` at which the office is open (UTC).

        Returns ``moment`` itself (in UTC) when the office is already open.
        """
        instant = as_utc(moment, "moment")
        start, _ = next(self._intervals_from(instant))
        return start

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """The earliest instant ``t >= start`` with ``hours`` of working time in ``[start, t]``.

        So work starts counting at ``start`` or, outside office hours, at the next opening;
        a deadline that uses up a day exactly ends at that day's closing time (Friday 16:00 + 1h
        is Friday 17:00, + 2h is Monday 10:00). ``hours == 0`` returns ``start``.
        Resolution is one microsecond. Raises ValueError for negative or non-finite hours.
        """
        instant = as_utc(start, "start")
        if not math.isfinite(hours) or hours < 0:
            raise ValueError(f"hours must be a finite number >= 0, got {hours!r}")
        remaining = timedelta(hours=hours)
        if not remaining:
            return instant
        for begin, end in self._intervals_from(instant):
            if end - begin >= remaining:
                return begin + remaining
            remaining -= end - begin
        raise AssertionError("unreachable: _intervals_from is endless")

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """Closing time (UTC) of the ``days``-th working day after the local date of ``start``.

        * ``days >= 1``: count working days strictly after the calendar date of ``start`` in the
          office time zone, whatever the time of day; the deadline is the closing time of the
          ``days``-th one. So there are always at least ``days`` full working days between
          ``start`` and the deadline (the rest of the start day is a bonus): Monday 10:00 and
          Monday 20:00 + 1 both give Tuesday 17:00; Friday or Saturday + 1 give Monday 17:00.
        * ``days == 0``: "end of business": the closing time of the start date if that is a
          working day and ``start`` is before its closing, otherwise of the next working day.
          (For a start after closing, 0 and 1 days therefore give the same deadline.)

        Raises ValueError for negative ``days``.
        """
        instant = as_utc(start, "start")
        if days < 0:
            raise ValueError(f"days must be >= 0, got {days}")
        day = instant.astimezone(self.tz).date()
        if days == 0:
            while True:
                interval = self._open_interval(day)
                if interval is not None and interval[1] > instant:
                    return interval[1]
                day += timedelta(days=1)
        counted = 0
        while counted < days:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return self._at(day, self.closing)

    def working_hours_between(self, a: datetime, b: datetime) -> float:
        """Working time from ``a`` to ``b`` in hours; negative when ``b`` is before ``a``.

        Antisymmetric (``between(a, b) == -between(b, a)``) and the inverse of
        ``add_working_hours`` for ``hours > 0``.
        """
        first, second = as_utc(a, "a"), as_utc(b, "b")
        if second < first:
            return -self.working_hours_between(second, first)
        total = timedelta()
        for begin, end in self._intervals_from(first):
            if begin >= second:
                break
            total += min(end, second) - begin
        return total / _HOUR
