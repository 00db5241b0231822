"""Quiet hours: when a message that can wait is not sent ("not before" for an outbox row).

The window is wall-clock time in the organisation's zone (default 21:00-08:00) and may cross
midnight. Urgent messages ignore it; that choice is the caller's.

There is no "next working moment" here: ``OfficeHours.next_opening``
(bot/scheduling/working_time.py) is that, with weekends and holidays.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.scheduling.local_time import ORGANISATION_ZONE, as_utc, clock_reaches, wall_clock

__all__ = ["QuietHours"]


@dataclass(frozen=True)
class QuietHours:
    """Quiet from ``start`` (inclusive) to ``end`` (exclusive) local time; equal means never."""

    start: time = time(21, 0)
    end: time = time(8, 0)
    zone: ZoneInfo = field(default=ORGANISATION_ZONE)

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("start and end are local wall-clock times without tzinfo")

    def is_quiet(self, moment: datetime) -> bool:
        """Whether the clock shows a quiet time at ``moment``."""
        now = wall_clock(moment, self.zone).time()
        if self.start <= self.end:  # a window inside one day (or none at all)
            return self.start <= now < self.end
        return now >= self.start or now < self.end

    def next_allowed(self, moment: datetime) -> datetime:
        """``moment`` itself (UTC) when not quiet, otherwise the first instant the quiet ends.

        The end is when the clock reaches ``end``: 08:00 the next morning whatever the DST
        change did to the night's length (a night of 10 or 12 hours instead of 11).
        """
        instant = as_utc(moment)
        if not self.is_quiet(instant):
            return instant
        local = wall_clock(instant, self.zone)
        day = local.date()
        if self.start > self.end and local.time() >= self.start:
            day += timedelta(days=1)  # the evening part: quiet until tomorrow's end
        return clock_reaches(datetime.combine(day, self.end), self.zone, instant)
