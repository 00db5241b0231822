"""The rules of shifts that need no database: which part of the week a shift falls in, the week
a maximum counts in, when a cancellation is late, and when a reminder may go out."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.config import Settings
from bot.scheduling.local_time import instant_of, wall_clock
from bot.scheduling.quiet_hours import QuietHours
from storage.people import Person
from storage.shift_offers import Need
from storage.shifts import Shift

# A shift starting from this local time on a weekday is an evening shift.
EVENING = time(17, 0)
# The reminders and the notice to coordinators, before the start.
DAY_BEFORE = timedelta(hours=24)
TWO_HOURS = timedelta(hours=2)
UNCONFIRMED = timedelta(hours=12)


def slot_of(starts_at: datetime, zone: ZoneInfo) -> str:
    """The availability key (profile) of a shift's start: weekday_day, weekday_evening, weekend."""
    local = wall_clock(starts_at, zone)
    if local.weekday() >= 5:
        return "weekend"
    return "weekday_evening" if local.time() >= EVENING else "weekday_day"


def week_of(moment: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The local week (Monday 00:00 to Monday 00:00) around `moment`, as UTC instants."""
    local = wall_clock(moment, zone)
    monday = datetime.combine(local.date() - timedelta(days=local.weekday()), time(0))
    return instant_of(monday, zone), instant_of(monday + timedelta(days=7), zone)


def need_of(shift: Shift, zone: ZoneInfo, swap_id: int | None = None) -> Need:
    start, end = week_of(shift.starts_at, zone)
    return Need(shift, slot_of(shift.starts_at, zone), start, end, swap_id)


def maximum(person: Person, settings: Settings) -> int:
    """Their maximum shifts per week: their own, else the organisation's default."""
    own = person.max_shifts_per_week
    return own if own is not None else settings.shifts.default_max_per_week


def is_late(shift: Shift, now: datetime, settings: Settings) -> bool:
    """Cancelling now is after the cut-off: a reason, and the coordinators are told."""
    return shift.starts_at - now < timedelta(hours=settings.shifts.cancel_cutoff_hours)


def send_at(due: datetime, starts_at: datetime, quiet: QuietHours) -> datetime:
    """When a reminder due at `due` goes out: after the quiet hours, unless the shift starts
    before they end (then it goes at `due`: a 07:00 shift gets its reminder at 05:00)."""
    allowed = quiet.next_allowed(due)
    return due if allowed >= starts_at else allowed
