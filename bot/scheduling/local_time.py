"""Wall-clock times in the organisation's zone and the instants they name.

Series, quiet hours and office hours are wall-clock rules ("Tuesday 10:00 Amsterdam time"); the
database and the scheduler deal in UTC instants. Twice a year a local time needs a decision:

* In the spring gap a time does not exist (02:30 on the last Sunday of March). ``instant_of``
  reads it with the offset from before the gap, so it lands as far past the jump as it was meant
  to be past 02:00: 02:30 becomes 03:30 summer time. RFC 5545 (3.3.5) prescribes the same.
* In the autumn fold a time happens twice (02:30 on the last Sunday of October). ``instant_of``
  takes the first of the two (``fold=0``, still summer time), so nothing happens later than meant.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

__all__ = [
    "AMSTERDAM",
    "ORGANISATION_ZONE",
    "as_utc",
    "clock_reaches",
    "exists",
    "instant_of",
    "wall_clock",
]

AMSTERDAM = "Europe/Amsterdam"
ORGANISATION_ZONE = ZoneInfo(AMSTERDAM)


def as_utc(moment: datetime, name: str = "moment") -> datetime:
    """``moment`` in UTC; a naive datetime is a programming error (whose zone would it be?)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, got naive {moment!r}")
    return moment.astimezone(UTC)


def wall_clock(moment: datetime, zone: ZoneInfo) -> datetime:
    """What the clock on the wall in ``zone`` shows at ``moment`` (naive)."""
    return as_utc(moment).astimezone(zone).replace(tzinfo=None)


def _with_fold(wall: datetime, zone: ZoneInfo, fold: int) -> datetime:
    # Subtracting the offset ourselves makes the gap rule explicit: in the gap, fold=0 gives the
    # offset from before it (PEP 495), which is what moves 02:30 to 03:30 summer time.
    offset = wall.replace(tzinfo=zone, fold=fold).utcoffset()
    assert offset is not None  # a ZoneInfo always has one
    return (wall - offset).replace(tzinfo=UTC)


def instant_of(wall: datetime, zone: ZoneInfo) -> datetime:
    """The UTC instant of the naive local time ``wall``: gap shifted forward, fold the first."""
    if wall.tzinfo is not None:
        raise ValueError(f"wall must be a naive local time, got {wall!r}")
    return _with_fold(wall, zone, 0)


def exists(wall: datetime, zone: ZoneInfo) -> bool:
    """Whether the clock in ``zone`` ever shows ``wall`` (False in the spring gap)."""
    return wall_clock(instant_of(wall, zone), zone) == wall


def clock_reaches(wall: datetime, zone: ZoneInfo, not_before: datetime) -> datetime:
    """The first instant at or after ``not_before`` at which the clock shows ``wall`` or later.

    Unlike ``instant_of`` this is the moment a wall-clock limit ("quiet until 08:00") ends: in
    the gap that is the jump itself (a limit of 02:30 ends when 01:59:59 becomes 03:00), in the
    fold the pass that comes after ``not_before``.
    """
    start = as_utc(not_before, "not_before")
    if wall_clock(start, zone) >= wall:
        return start
    for fold in (0, 1):
        candidate = _with_fold(wall, zone, fold)
        if candidate >= start and wall_clock(candidate, zone) == wall:
            return candidate
    # ``wall`` lies in the gap: the clock jumps over it between these two instants.
    low = int(max(_with_fold(wall, zone, 1), start).timestamp())
    high = int(_with_fold(wall, zone, 0).timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if wall_clock(datetime.fromtimestamp(middle, UTC), zone) >= wall:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)
