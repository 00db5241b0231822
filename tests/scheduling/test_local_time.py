"""Local wall-clock times and their instants, on the two nights a year that need a decision."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.scheduling.local_time import (
    ORGANISATION_ZONE,
    as_utc,
    clock_reaches,
    exists,
    instant_of,
    wall_clock,
)

ZONE = ORGANISATION_ZONE


def test_an_ordinary_time_has_one_instant() -> None:
    assert instant_of(datetime(2026, 6, 1, 10, 0), ZONE) == datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    assert instant_of(datetime(2026, 1, 5, 10, 0), ZONE) == datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_a_time_in_the_spring_gap_moves_forward_by_the_gap() -> None:
    gap = datetime(2026, 3, 29, 2, 30)
    assert not exists(gap, ZONE)
    instant = instant_of(gap, ZONE)
    assert instant == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert wall_clock(instant, ZONE) == datetime(2026, 3, 29, 3, 30)


def test_a_time_in_the_autumn_fold_is_the_first_of_the_two() -> None:
    twice = datetime(2026, 10, 25, 2, 30)
    assert exists(twice, ZONE)
    assert instant_of(twice, ZONE) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # still summer


def test_the_clock_reaches_a_time_in_the_gap_when_it_jumps() -> None:
    evening = datetime(2026, 3, 28, 22, 0, tzinfo=UTC)
    jump = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)  # 02:00 winter time becomes 03:00 summer time
    assert clock_reaches(datetime(2026, 3, 29, 2, 30), ZONE, evening) == jump
    assert clock_reaches(datetime(2026, 3, 29, 2, 0), ZONE, evening) == jump


def test_the_clock_reaches_a_time_in_the_fold_on_the_pass_still_to_come() -> None:
    first_pass = datetime(2026, 10, 25, 0, 10, tzinfo=UTC)  # 02:10 summer time
    second_pass = datetime(2026, 10, 25, 1, 10, tzinfo=UTC)  # 02:10 winter time
    wall = datetime(2026, 10, 25, 2, 30)
    assert clock_reaches(wall, ZONE, first_pass) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert clock_reaches(wall, ZONE, second_pass) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


def test_a_clock_already_past_the_time_has_reached_it() -> None:
    now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    assert clock_reaches(datetime(2026, 5, 1, 9, 0), ZONE, now) == now


def test_naive_and_aware_mix_ups_are_programming_errors() -> None:
    with pytest.raises(ValueError, match="aware"):
        as_utc(datetime(2026, 5, 1, 12, 0))
    with pytest.raises(ValueError, match="naive"):
        instant_of(datetime(2026, 5, 1, 12, 0, tzinfo=UTC), ZONE)
