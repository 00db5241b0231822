"""Working-time arithmetic on a fixed calendar: explicit datetimes only, never the clock."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.scheduling.working_time import LiberationDay, OfficeHours, dutch_closed_holidays

AMS = ZoneInfo("Europe/Amsterdam")
OFFICE = OfficeHours()


def ams(year: int, month: int, day: int, hour: int = 0, minute: int = 0, fold: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMS, fold=fold)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def plus_hours(start: datetime, hours: float, office: OfficeHours = OFFICE) -> datetime:
    result = office.add_working_hours(start, hours)
    assert result.tzinfo is UTC
    return result


# -- defaults and validation ------------------------------------------------------------------


def test_defaults_are_amsterdam_nine_to_five_monday_to_friday() -> None:
    assert OFFICE.tz == AMS
    assert (OFFICE.opening, OFFICE.closing) == (time(9), time(17))
    assert OFFICE.weekdays == frozenset({0, 1, 2, 3, 4})
    assert OFFICE.good_friday_off is False
    assert OFFICE.liberation_day is LiberationDay.LUSTRUM


@pytest.mark.parametrize(
    "kwargs",
    [
        {"opening": time(17), "closing": time(9)},
        {"opening": time(9), "closing": time(9)},
        {"weekdays": frozenset()},
        {"weekdays": frozenset({0, 7})},
        {"opening": time(9, tzinfo=UTC)},
    ],
)
def test_invalid_office_hours_are_rejected(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        OfficeHours(**kwargs)  # type: ignore[arg-type]


def test_naive_datetimes_are_rejected() -> None:
    naive = datetime(2026, 3, 2, 10)
    with pytest.raises(ValueError, match="aware"):
        OFFICE.add_working_hours(naive, 1)
    with pytest.raises(ValueError, match="aware"):
        OFFICE.is_open(naive)
    with pytest.raises(ValueError, match="aware"):
        OFFICE.working_hours_between(ams(2026, 3, 2, 10), naive)


@pytest.mark.parametrize("hours", [-1.0, -0.001, math.nan, math.inf])
def test_negative_or_non_finite_hours_are_rejected(hours: float) -> None:
    with pytest.raises(ValueError):
        OFFICE.add_working_hours(ams(2026, 3, 2, 10), hours)


def test_negative_days_are_rejected() -> None:
    with pytest.raises(ValueError):
        OFFICE.add_working_days(ams(2026, 3, 2, 10), -1)


def test_any_input_zone_gives_the_same_utc_answer() -> None:
    # Monday 2 March 2026 10:00 in Amsterdam (CET) is 09:00 UTC.
    from_ams = OFFICE.add_working_hours(ams(2026, 3, 2, 10), 3)
    from_utc = OFFICE.add_working_hours(utc(2026, 3, 2, 9), 3)
    from_ny = OFFICE.add_working_hours(
        ams(2026, 3, 2, 10).astimezone(ZoneInfo("America/New_York")), 3
    )
    assert from_ams == from_utc == from_ny == utc(2026, 3, 2, 12)
    assert from_ams.tzinfo is UTC


# -- add_working_hours ------------------------------------------------------------------------


def test_within_a_day() -> None:
    assert plus_hours(ams(2026, 3, 2, 10), 3) == ams(2026, 3, 2, 13)
    assert plus_hours(ams(2026, 3, 2, 10, 15), 0.75) == ams(2026, 3, 2, 11)
    assert plus_hours(ams(2026, 3, 2, 10), 0) == ams(2026, 3, 2, 10)


def test_using_up_the_day_ends_at_closing_not_next_morning() -> None:
    assert plus_hours(ams(2026, 3, 2, 9), 8) == ams(2026, 3, 2, 17)
    assert plus_hours(ams(2026, 3, 2, 10), 7) == ams(2026, 3, 2, 17)


def test_crossing_the_evening() -> None:
    # Tuesday 15:00 + 4h: 2h on Tuesday, 2h on Wednesday morning.
    assert plus_hours(ams(2026, 3, 3, 15), 4) == ams(2026, 3, 4, 11)
    assert plus_hours(ams(2026, 3, 3, 15), 10) == ams(2026, 3, 4, 17)
    assert plus_hours(ams(2026, 3, 3, 15), 10.5) == ams(2026, 3, 5, 9, 30)


def test_crossing_a_weekend() -> None:
    assert plus_hours(ams(2026, 3, 6, 16), 1) == ams(2026, 3, 6, 17)  # Friday
    assert plus_hours(ams(2026, 3, 6, 16), 2) == ams(2026, 3, 9, 10)  # Monday
    assert plus_hours(ams(2026, 3, 6, 16), 40) == ams(2026, 3, 13, 16)  # a week later


def test_koningsdag_2026_monday_is_closed() -> None:
    assert not OFFICE.is_open(ams(2026, 4, 27, 10))
    # Friday 24 April 16:00 + 2h skips the weekend and King's Day.
    assert plus_hours(ams(2026, 4, 24, 16), 2) == ams(2026, 4, 28, 10)


def test_hemelvaart_2026_is_closed() -> None:
    assert not OFFICE.is_open(ams(2026, 5, 14, 10))
    assert plus_hours(ams(2026, 5, 13, 16), 2) == ams(2026, 5, 15, 10)


def test_tweede_pinksterdag_2026_is_closed() -> None:
    assert not OFFICE.is_open(ams(2026, 5, 25, 10))
    assert plus_hours(ams(2026, 5, 22, 16), 2) == ams(2026, 5, 26, 10)


def test_christmas_2026_plus_weekend() -> None:
    # Friday 25 and Saturday 26 December, then Sunday: Thursday 16:00 + 2h -> Monday 28 10:00.
    assert not OFFICE.is_open(ams(2026, 12, 25, 10))
    assert plus_hours(ams(2026, 12, 24, 16), 2) == ams(2026, 12, 28, 10)


def test_nieuwjaar_2027_is_closed() -> None:
    assert not OFFICE.is_open(ams(2027, 1, 1, 10))
    # Thursday 31 December 16:00 + 2h -> Monday 4 January 10:00 (Friday is New Year's Day).
    assert plus_hours(ams(2026, 12, 31, 16), 2) == ams(2027, 1, 4, 10)
    # From Christmas Eve: 1h + four full days (28-31 Dec) + 1h.
    assert plus_hours(ams(2026, 12, 24, 16), 34) == ams(2027, 1, 4, 10)


def test_easter_monday_closed_good_friday_open_by_default() -> None:
    assert OFFICE.is_open(ams(2026, 4, 3, 10))  # Goede Vrijdag
    assert not OFFICE.is_open(ams(2026, 4, 6, 10))  # Tweede Paasdag
    assert plus_hours(ams(2026, 4, 2, 16), 2) == ams(2026, 4, 3, 10)
    assert plus_hours(ams(2026, 4, 3, 16), 2) == ams(2026, 4, 7, 10)


def test_good_friday_can_be_a_day_off() -> None:
    office = OfficeHours(good_friday_off=True)
    assert not office.is_open(ams(2026, 4, 3, 10))
    assert plus_hours(ams(2026, 4, 2, 16), 2, office) == ams(2026, 4, 7, 10)


def test_bevrijdingsdag_closed_in_lustrum_year_2025() -> None:
    assert not OFFICE.is_open(ams(2025, 5, 5, 10))  # Monday 5 May 2025
    assert plus_hours(ams(2025, 5, 2, 16), 2) == ams(2025, 5, 6, 10)


def test_bevrijdingsdag_open_in_2026_by_default() -> None:
    assert OFFICE.is_open(ams(2026, 5, 5, 10))  # Tuesday 5 May 2026
    assert plus_hours(ams(2026, 5, 4, 16), 2) == ams(2026, 5, 5, 10)


def test_bevrijdingsdag_policy_is_configurable() -> None:
    never = OfficeHours(liberation_day=LiberationDay.NEVER)
    always = OfficeHours(liberation_day=LiberationDay.ALWAYS)
    assert never.is_open(ams(2025, 5, 5, 10))
    assert not always.is_open(ams(2026, 5, 5, 10))
    assert not always.is_open(ams(2025, 5, 5, 10))


def test_closed_days_2026_on_weekdays() -> None:
    weekday_closures = sorted(d for d in OFFICE.closed_days(2026) if d.weekday() < 5)
    assert weekday_closures == [
        date(2026, 1, 1),  # Nieuwjaarsdag
        date(2026, 4, 6),  # Tweede Paasdag
        date(2026, 4, 27),  # Koningsdag
        date(2026, 5, 14),  # Hemelvaartsdag
        date(2026, 5, 25),  # Tweede Pinksterdag
        date(2026, 12, 25),  # Eerste Kerstdag
    ]


def test_holiday_calendar_is_cached_per_year() -> None:
    first = dutch_closed_holidays(2031, good_friday=False, liberation_day=LiberationDay.LUSTRUM)
    again = dutch_closed_holidays(2031, good_friday=False, liberation_day=LiberationDay.LUSTRUM)
    assert first is again


def test_extra_closed_days() -> None:
    closure = frozenset(date(2026, 12, d) for d in range(28, 32))
    office = OfficeHours(extra_closed_days=closure)
    assert plus_hours(ams(2026, 12, 24, 16), 2, office) == ams(2027, 1, 4, 10)


# -- starting outside office hours ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "opening"),
    [
        (ams(2026, 3, 7, 10), ams(2026, 3, 9, 9)),  # Saturday
        (ams(2026, 3, 8, 23, 59), ams(2026, 3, 9, 9)),  # Sunday night
        (ams(2026, 3, 3, 7), ams(2026, 3, 3, 9)),  # Tuesday 07:00
        (ams(2026, 3, 3, 22), ams(2026, 3, 4, 9)),  # Tuesday 22:00
        (ams(2026, 3, 3, 17), ams(2026, 3, 4, 9)),  # exactly closing time
        (ams(2026, 3, 6, 22), ams(2026, 3, 9, 9)),  # Friday evening
    ],
)
def test_start_outside_office_hours(start: datetime, opening: datetime) -> None:
    assert not OFFICE.is_open(start)
    assert OFFICE.next_opening(start) == opening
    assert plus_hours(start, 1) == opening + timedelta(hours=1)
    assert plus_hours(start, 8) == opening + timedelta(hours=8)


def test_is_open_boundaries_and_next_opening_when_open() -> None:
    assert OFFICE.is_open(ams(2026, 3, 3, 9))
    assert OFFICE.is_open(ams(2026, 3, 3, 16, 59))
    assert not OFFICE.is_open(ams(2026, 3, 3, 17))
    assert not OFFICE.is_open(ams(2026, 3, 3, 8, 59))
    moment = ams(2026, 3, 3, 11, 30)
    assert OFFICE.next_opening(moment) == moment
    assert OFFICE.next_opening(moment).tzinfo is UTC


def test_next_opening_skips_holidays() -> None:
    assert OFFICE.next_opening(ams(2026, 12, 24, 18)) == ams(2026, 12, 28, 9)
    assert OFFICE.next_opening(ams(2026, 4, 26, 12)) == ams(2026, 4, 28, 9)


# -- daylight saving time (29 March and 25 October 2026) ----------------------------------------


def test_spring_forward_weekend() -> None:
    # Friday 16:00 CET (15:00 UTC) + 2h -> Monday 10:00 CEST (08:00 UTC).
    result = plus_hours(ams(2026, 3, 27, 16), 2)
    assert result == ams(2026, 3, 30, 10) == utc(2026, 3, 30, 8)
    assert OFFICE.next_opening(ams(2026, 3, 29, 2, 30)) == utc(2026, 3, 30, 7)
    assert OFFICE.working_hours_between(ams(2026, 3, 27, 16), ams(2026, 3, 30, 10)) == 2.0


def test_fall_back_weekend() -> None:
    # Friday 16:00 CEST (14:00 UTC) + 2h -> Monday 10:00 CET (09:00 UTC).
    result = plus_hours(ams(2026, 10, 23, 16), 2)
    assert result == ams(2026, 10, 26, 10) == utc(2026, 10, 26, 9)
    assert OFFICE.working_hours_between(ams(2026, 10, 23, 16), ams(2026, 10, 26, 10)) == 2.0
    assert OFFICE.add_working_days(ams(2026, 10, 23, 12), 1) == utc(2026, 10, 26, 16)


def test_office_open_during_the_dst_switch_counts_real_time() -> None:
    night = OfficeHours(opening=time(1), closing=time(5), weekdays=frozenset(range(7)))
    # 29 March: 02:00 jumps to 03:00, so 01:00-05:00 wall clock is 3 real hours.
    assert night.working_hours_between(ams(2026, 3, 29), ams(2026, 3, 30)) == 3.0
    assert plus_hours(ams(2026, 3, 29, 1), 1.5, night) == ams(2026, 3, 29, 3, 30)
    # 25 October: 02:00-03:00 happens twice, so 01:00-05:00 wall clock is 5 real hours.
    assert night.working_hours_between(ams(2026, 10, 25), ams(2026, 10, 26)) == 5.0
    assert night.is_open(ams(2026, 10, 25, 2, 30, fold=0))
    assert night.is_open(ams(2026, 10, 25, 2, 30, fold=1))
    # 01:00 CEST is 23:00 UTC; the first 02:30 (CEST) is 00:30 UTC, the second (CET) 01:30 UTC.
    # Compared in UTC: PEP 495 makes ambiguous wall times unequal to any other zone's datetime.
    assert plus_hours(ams(2026, 10, 25, 1), 1.5, night) == utc(2026, 10, 25, 0, 30)
    assert plus_hours(ams(2026, 10, 25, 1), 2.5, night) == utc(2026, 10, 25, 1, 30)


def test_weekend_office_day_on_the_dst_switch_is_still_eight_hours() -> None:
    daily = OfficeHours(weekdays=frozenset(range(7)))
    assert daily.working_hours_between(ams(2026, 3, 29), ams(2026, 3, 30)) == 8.0
    assert daily.working_hours_between(ams(2026, 10, 25), ams(2026, 10, 26)) == 8.0


# -- add_working_days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "deadline"),
    [
        (ams(2026, 3, 2, 10), 1, ams(2026, 3, 3, 17)),  # Monday morning
        (ams(2026, 3, 2, 20), 1, ams(2026, 3, 3, 17)),  # Monday evening: same deadline
        (ams(2026, 3, 2, 10), 3, ams(2026, 3, 5, 17)),
        (ams(2026, 3, 6, 10), 1, ams(2026, 3, 9, 17)),  # Friday -> Monday
        (ams(2026, 3, 7, 10), 1, ams(2026, 3, 9, 17)),  # Saturday -> Monday
        (ams(2026, 3, 6, 10), 5, ams(2026, 3, 13, 17)),
        (ams(2026, 4, 24, 10), 1, ams(2026, 4, 28, 17)),  # over Koningsdag
        (ams(2026, 5, 13, 10), 1, ams(2026, 5, 15, 17)),  # over Hemelvaart
        (ams(2026, 5, 22, 10), 1, ams(2026, 5, 26, 17)),  # over Pinkstermaandag
        (ams(2026, 12, 24, 10), 3, ams(2026, 12, 30, 17)),  # over Christmas + weekend
        (ams(2026, 12, 24, 10), 5, ams(2027, 1, 4, 17)),  # ... and Nieuwjaar
        (ams(2025, 5, 2, 10), 1, ams(2025, 5, 6, 17)),  # over Bevrijdingsdag 2025
        (ams(2026, 5, 4, 10), 1, ams(2026, 5, 5, 17)),  # Bevrijdingsdag 2026 is a work day
        (ams(2026, 3, 27, 10), 1, ams(2026, 3, 30, 17)),  # over the spring DST switch
        # days == 0: end of the current working day, or of the next one.
        (ams(2026, 3, 2, 10), 0, ams(2026, 3, 2, 17)),
        (ams(2026, 3, 2, 7), 0, ams(2026, 3, 2, 17)),
        (ams(2026, 3, 2, 17), 0, ams(2026, 3, 3, 17)),
        (ams(2026, 3, 7, 10), 0, ams(2026, 3, 9, 17)),
        (ams(2026, 4, 27, 10), 0, ams(2026, 4, 28, 17)),
    ],
)
def test_add_working_days(start: datetime, days: int, deadline: datetime) -> None:
    result = OFFICE.add_working_days(start, days)
    assert result == deadline
    assert result.tzinfo is UTC


def test_add_working_days_spring_dst_is_utc_correct() -> None:
    # Monday 30 March 17:00 is CEST: 15:00 UTC (on Friday it would have been 16:00 UTC).
    assert OFFICE.add_working_days(ams(2026, 3, 27, 10), 1) == utc(2026, 3, 30, 15)
    assert OFFICE.add_working_days(ams(2026, 3, 27, 10), 0) == utc(2026, 3, 27, 16)


# -- working_hours_between ----------------------------------------------------------------------


def test_working_hours_between_basic_cases() -> None:
    between = OFFICE.working_hours_between
    assert between(ams(2026, 3, 2, 10), ams(2026, 3, 2, 13)) == 3.0
    assert between(ams(2026, 3, 6, 16), ams(2026, 3, 9, 10)) == 2.0
    assert between(ams(2026, 3, 2, 10), ams(2026, 3, 2, 10)) == 0.0
    assert between(ams(2026, 3, 2, 18), ams(2026, 3, 3, 8)) == 0.0  # one night
    assert between(ams(2026, 3, 7), ams(2026, 3, 9)) == 0.0  # a weekend
    assert between(ams(2026, 3, 2), ams(2026, 3, 9)) == 40.0  # a plain week
    assert between(ams(2026, 4, 27), ams(2026, 5, 4)) == 32.0  # week with Koningsdag
    assert between(ams(2026, 12, 21), ams(2027, 1, 4)) == 64.0  # two weeks, two holidays


@pytest.mark.parametrize(
    ("a", "b", "hours"),
    [
        (ams(2026, 3, 2, 10), ams(2026, 3, 2, 13), 3.0),
        (ams(2026, 3, 6, 16), ams(2026, 3, 9, 10), 2.0),
        (ams(2026, 4, 24, 12), ams(2026, 4, 28, 12), 8.0),
        (ams(2026, 3, 7, 12), ams(2026, 3, 9, 12), 3.0),
    ],
)
def test_working_hours_between_is_antisymmetric(a: datetime, b: datetime, hours: float) -> None:
    assert OFFICE.working_hours_between(a, b) == hours
    assert OFFICE.working_hours_between(b, a) == -hours


@pytest.mark.parametrize(
    "start",
    [
        ams(2026, 3, 2, 10),
        ams(2026, 3, 6, 16, 45),
        ams(2026, 3, 7, 12),
        ams(2026, 3, 27, 15),
        ams(2026, 10, 23, 15),
        ams(2026, 12, 23, 9),
    ],
)
@pytest.mark.parametrize("hours", [0.25, 1.0, 7.5, 8.0, 13.0, 37.75, 100.0])
def test_working_hours_between_inverts_add_working_hours(start: datetime, hours: float) -> None:
    deadline = OFFICE.add_working_hours(start, hours)
    assert OFFICE.working_hours_between(start, deadline) == pytest.approx(hours)
    assert OFFICE.working_hours_between(deadline, start) == pytest.approx(-hours)


# -- configurable office hours ------------------------------------------------------------------


def test_mornings_monday_to_thursday() -> None:
    office = OfficeHours(
        opening=time(8, 30), closing=time(12, 30), weekdays=frozenset({0, 1, 2, 3})
    )
    assert office.is_open(ams(2026, 3, 5, 8, 30))  # Thursday
    assert not office.is_open(ams(2026, 3, 5, 12, 30))
    assert not office.is_open(ams(2026, 3, 6, 10))  # Friday
    # Thursday 12:00 + 1h: half an hour on Thursday, half an hour on Monday.
    assert plus_hours(ams(2026, 3, 5, 12), 1, office) == ams(2026, 3, 9, 9)
    assert office.next_opening(ams(2026, 3, 5, 13)) == ams(2026, 3, 9, 8, 30)
    assert office.add_working_days(ams(2026, 3, 5, 10), 1) == ams(2026, 3, 9, 12, 30)
    assert office.working_hours_between(ams(2026, 3, 2), ams(2026, 3, 9)) == 16.0
    # Holidays still apply: Monday 27 April 2026 (Koningsdag).
    assert plus_hours(ams(2026, 4, 23, 12), 1, office) == ams(2026, 4, 28, 9)
