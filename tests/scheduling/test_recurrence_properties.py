"""Properties of every series the buttons can build, over random starts, days and times."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

from hypothesis import assume, example, given
from hypothesis import strategies as st

from bot.scheduling.local_time import ORGANISATION_ZONE, exists, wall_clock
from bot.scheduling.recurrence import Recurrence
from bot.scheduling.recurrence_rules import LAST, monthly, weekly

YEAR = timedelta(days=366)
starts = st.builds(
    datetime.combine,
    st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45])),
)
weekdays = st.integers(0, 6)


def local(moments: list[datetime]) -> list[datetime]:
    return [wall_clock(moment, ORGANISATION_ZONE) for moment in moments]


def year_of(series: Recurrence) -> tuple[datetime, datetime]:
    first = series.start.replace(tzinfo=ORGANISATION_ZONE).astimezone(UTC) - timedelta(days=1)
    return first, first + YEAR


@given(weekday=weekdays, every=st.integers(1, 3), start=starts)
@example(weekday=6, every=1, start=datetime(2026, 3, 1, 2, 30))  # through the spring gap
@example(weekday=6, every=1, start=datetime(2026, 10, 4, 2, 30))  # through the autumn fold
def test_a_weekly_series_keeps_its_day_and_its_wall_clock_time(
    weekday: int, every: int, start: datetime
) -> None:
    series = Recurrence(weekly(weekday, every=every), start)
    found = series.occurrences(*year_of(series))
    assert found == sorted(set(found))  # strictly increasing
    walls = local(found)
    for wall in walls:
        assert wall.weekday() == weekday
        meant = datetime.combine(wall.date(), start.time())
        # The wall-clock time of the start, or an hour on where that time does not exist.
        assert wall == (meant if exists(meant, ORGANISATION_ZONE) else meant + timedelta(hours=1))
    assert {(b.date() - a.date()).days for a, b in pairwise(walls)} <= {7 * every}
    assert len(found) >= 52 // every - 1


@given(weekday=weekdays, nth=st.sampled_from([1, 2, 3, 4, LAST]), start=starts)
def test_a_monthly_series_falls_in_the_right_week_of_each_month(
    weekday: int, nth: int, start: datetime
) -> None:
    assume(start.hour != 2)  # the gap is covered by the weekly property
    series = Recurrence(monthly(weekday, nth), start)
    walls = local(series.occurrences(*year_of(series)))
    assert len({(wall.year, wall.month) for wall in walls}) == len(walls) >= 11
    for wall in walls:
        assert wall.weekday() == weekday and wall.time() == start.time()
        days_in_month = calendar.monthrange(wall.year, wall.month)[1]
        if nth == LAST:
            assert wall.day + 7 > days_in_month
        else:
            assert 7 * (nth - 1) < wall.day <= 7 * nth


@given(weekday=weekdays, start=starts, cut=st.integers(0, 365 * 24))
def test_back_to_back_windows_neither_miss_nor_repeat(
    weekday: int, start: datetime, cut: int
) -> None:
    series = Recurrence(weekly(weekday), start)
    begin, end = year_of(series)
    middle = begin + timedelta(hours=cut)
    whole = series.occurrences(begin, end)
    assert series.occurrences(begin, middle) + series.occurrences(middle, end) == whole


@given(weekday=weekdays, start=starts, offset=st.integers(-7 * 24 * 60, 300 * 24 * 60))
def test_next_after_is_the_first_occurrence_after_the_moment(
    weekday: int, start: datetime, offset: int
) -> None:
    series = Recurrence(weekly(weekday), start)
    begin, end = year_of(series)
    moment = begin + timedelta(minutes=offset)
    upcoming = series.occurrences(moment + timedelta(microseconds=1), end + YEAR)
    assert series.next_after(moment) == upcoming[0]
