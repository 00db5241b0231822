"""Quiet hours (default 21:00-08:00 Amsterdam): across midnight, and on the nights DST changes."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.scheduling.local_time import ORGANISATION_ZONE, wall_clock
from bot.scheduling.quiet_hours import QuietHours
from tests.dialogue import Harness, settings_for

QUIET = QuietHours()


def amsterdam(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ORGANISATION_ZONE)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize("month", [1, 7])  # winter and summer time
def test_quiet_from_nine_in_the_evening_to_eight_in_the_morning(month: int) -> None:
    assert not QUIET.is_quiet(amsterdam(2026, month, 6, 20, 59))
    assert QUIET.is_quiet(amsterdam(2026, month, 6, 21, 0))
    assert QUIET.is_quiet(amsterdam(2026, month, 7, 0, 0))
    assert QUIET.is_quiet(amsterdam(2026, month, 7, 7, 59))
    assert not QUIET.is_quiet(amsterdam(2026, month, 7, 8, 0))


def test_outside_quiet_hours_a_message_may_go_at_once() -> None:
    assert QUIET.next_allowed(amsterdam(2026, 5, 6, 14, 0)) == utc(2026, 5, 6, 12, 0)


def test_in_the_evening_it_waits_for_tomorrow_morning() -> None:
    assert QUIET.next_allowed(amsterdam(2026, 5, 6, 23, 30)) == amsterdam(2026, 5, 7, 8, 0)


def test_after_midnight_it_waits_for_this_morning() -> None:
    assert QUIET.next_allowed(amsterdam(2026, 5, 7, 3, 0)) == amsterdam(2026, 5, 7, 8, 0)


def test_the_spring_night_is_an_hour_shorter_and_still_ends_at_eight() -> None:
    evening = amsterdam(2026, 3, 28, 22, 0)  # winter time
    morning = QUIET.next_allowed(evening)
    assert morning == utc(2026, 3, 29, 6, 0)  # 08:00 summer time
    assert morning - evening == timedelta(hours=9)


def test_the_autumn_night_is_an_hour_longer_and_still_ends_at_eight() -> None:
    evening = amsterdam(2026, 10, 24, 22, 0)  # summer time
    morning = QUIET.next_allowed(evening)
    assert morning == utc(2026, 10, 25, 7, 0)  # 08:00 winter time
    assert morning - evening == timedelta(hours=11)


def test_the_same_across_the_changes_of_2027() -> None:
    assert QUIET.next_allowed(amsterdam(2027, 3, 27, 23, 0)) == utc(2027, 3, 28, 6, 0)
    assert QUIET.next_allowed(amsterdam(2027, 10, 30, 23, 0)) == utc(2027, 10, 31, 7, 0)


def test_a_window_inside_one_day() -> None:
    lunch = QuietHours(start=time(12, 0), end=time(13, 0))
    assert lunch.is_quiet(amsterdam(2026, 5, 6, 12, 30))
    assert not lunch.is_quiet(amsterdam(2026, 5, 6, 13, 0))
    assert not lunch.is_quiet(amsterdam(2026, 5, 6, 23, 0))
    assert lunch.next_allowed(amsterdam(2026, 5, 6, 12, 30)) == amsterdam(2026, 5, 6, 13, 0)


def test_equal_start_and_end_means_never_quiet() -> None:
    never = QuietHours(start=time(8, 0), end=time(8, 0))
    assert not never.is_quiet(amsterdam(2026, 5, 6, 8, 0))
    assert not never.is_quiet(amsterdam(2026, 5, 6, 3, 0))


def test_an_end_in_the_spring_gap_ends_when_the_clock_jumps() -> None:
    night = QuietHours(start=time(1, 0), end=time(2, 30))
    assert night.next_allowed(utc(2026, 3, 29, 0, 30)) == utc(
        2026, 3, 29, 1, 0
    )  # 03:00 summer time


def test_an_end_in_the_autumn_fold_ends_on_the_pass_still_to_come() -> None:
    night = QuietHours(start=time(1, 0), end=time(2, 30))
    assert night.next_allowed(utc(2026, 10, 25, 0, 10)) == utc(2026, 10, 25, 0, 30)  # 1st pass
    assert night.next_allowed(utc(2026, 10, 25, 1, 10)) == utc(2026, 10, 25, 1, 30)  # 2nd pass


def test_times_with_a_zone_or_moments_without_one_are_refused() -> None:
    with pytest.raises(ValueError, match="wall-clock"):
        QuietHours(start=time(21, 0, tzinfo=UTC))
    with pytest.raises(ValueError, match="aware"):
        QUIET.is_quiet(datetime(2026, 5, 6, 23, 0))


minutes = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))
moments = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)


@given(start=minutes, end=minutes, moment=moments)
@example(start=time(21), end=time(8), moment=utc(2026, 3, 28, 21, 0))
@example(start=time(21), end=time(8), moment=utc(2026, 10, 24, 20, 0))
@example(start=time(1), end=time(2, 30), moment=utc(2026, 3, 29, 0, 30))
@example(start=time(1), end=time(2, 30), moment=utc(2026, 10, 25, 1, 10))
@example(start=time(2, 15), end=time(2, 45), moment=utc(2026, 10, 25, 1, 20))
def test_next_allowed_is_the_first_moment_that_is_not_quiet(
    start: time, end: time, moment: datetime
) -> None:
    quiet = QuietHours(start=start, end=end)
    allowed = quiet.next_allowed(moment)
    assert allowed >= moment and allowed.tzinfo is UTC
    assert not quiet.is_quiet(allowed)
    assert (allowed == moment) == (not quiet.is_quiet(moment))
    assert allowed - moment <= timedelta(hours=25)
    # Nothing earlier would do: every minute in between is quiet.
    step = moment
    while step < allowed:
        assert quiet.is_quiet(step), wall_clock(step, ORGANISATION_ZONE)
        step += timedelta(minutes=1)


async def test_the_organisation_sets_the_quiet_hours_that_messages_wait_for(tmp_path: Path) -> None:
    """Service.not_before gives an outbox row's "not before" from organisation.quiet_hours."""
    settings = settings_for(tmp_path, organisation={"quiet_hours": "22:30-07:00"})
    bot = await Harness(settings).start()
    try:
        service = bot.services.signals
        assert service.not_before(amsterdam(2026, 5, 6, 22, 29)) == amsterdam(2026, 5, 6, 22, 29)
        assert service.not_before(amsterdam(2026, 5, 6, 22, 30)) == amsterdam(2026, 5, 7, 7, 0)
        assert service.not_before(amsterdam(2026, 5, 7, 6, 59)) == amsterdam(2026, 5, 7, 7, 0)
    finally:
        await bot.stop()


def test_by_default_the_organisation_is_quiet_from_nine_to_eight(tmp_path: Path) -> None:
    assert settings_for(tmp_path).organisation.quiet_window == (time(21, 0), time(8, 0))
