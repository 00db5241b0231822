"""Series in Amsterdam wall-clock time: DST weeks, holidays, until and count, catch-up once."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.core import i18n
from bot.scheduling.local_time import ORGANISATION_ZONE, wall_clock
from bot.scheduling.recurrence import Recurrence, is_holiday
from bot.scheduling.recurrence_rules import LAST, InvalidRecurrence, monthly, weekly
from bot.scheduling.working_time import OfficeHours

MONDAY, TUESDAY, THURSDAY, FRIDAY, SUNDAY = 0, 1, 3, 4, 6


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def local(moments: list[datetime]) -> list[datetime]:
    return [wall_clock(moment, ORGANISATION_ZONE) for moment in moments]


def days(moments: list[datetime]) -> list[date]:
    return [moment.date() for moment in local(moments)]


def test_every_tuesday_at_ten_stays_at_ten_across_both_changes_of_2026() -> None:
    series = Recurrence(weekly(TUESDAY), datetime(2026, 3, 3, 10, 0))
    found = series.occurrences(utc(2026, 3, 1), utc(2026, 12, 1))
    assert len(found) == 39  # every Tuesday from 3 March to 24 November
    assert {moment.time() for moment in local(found)} == {time(10, 0)}
    assert {moment.weekday() for moment in local(found)} == {TUESDAY}
    around_spring = [
        moment for moment in found if date(2026, 3, 24) <= moment.date() <= date(2026, 3, 31)
    ]
    around_autumn = [
        moment for moment in found if date(2026, 10, 20) <= moment.date() <= date(2026, 10, 27)
    ]
    assert around_spring == [utc(2026, 3, 24, 9, 0), utc(2026, 3, 31, 8, 0)]
    assert around_autumn == [utc(2026, 10, 20, 8, 0), utc(2026, 10, 27, 9, 0)]


def test_a_sunday_series_on_the_very_days_of_the_changes_in_2027() -> None:
    series = Recurrence(weekly(SUNDAY), datetime(2027, 3, 21, 10, 0))
    spring = series.occurrences(utc(2027, 3, 20), utc(2027, 4, 5))
    assert spring == [utc(2027, 3, 21, 9, 0), utc(2027, 3, 28, 8, 0), utc(2027, 4, 4, 8, 0)]
    autumn = series.occurrences(utc(2027, 10, 24), utc(2027, 11, 8))
    assert autumn == [utc(2027, 10, 24, 8, 0), utc(2027, 10, 31, 9, 0), utc(2027, 11, 7, 9, 0)]


def test_an_occurrence_in_the_spring_gap_moves_forward_an_hour() -> None:
    series = Recurrence("FREQ=DAILY", datetime(2026, 3, 27, 2, 30))
    found = series.occurrences(utc(2026, 3, 28), utc(2026, 3, 31))
    assert local(found) == [
        datetime(2026, 3, 28, 2, 30),
        datetime(2026, 3, 29, 3, 30),  # 02:30 does not exist that night
        datetime(2026, 3, 30, 2, 30),
    ]


def test_an_occurrence_in_the_autumn_fold_happens_once_the_first_time() -> None:
    series = Recurrence("FREQ=DAILY", datetime(2026, 10, 20, 2, 30))
    found = series.occurrences(utc(2026, 10, 24), utc(2026, 10, 27))
    assert found == [utc(2026, 10, 24, 0, 30), utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30)]


def test_koningsdag_is_skipped_or_marked_as_the_series_chooses() -> None:
    start = datetime(2027, 4, 13, 10, 0)  # Koningsdag 2027 is a Tuesday
    window = (utc(2027, 4, 1), utc(2027, 5, 10))
    kept = Recurrence(weekly(TUESDAY), start)
    skipping = Recurrence(weekly(TUESDAY), start, skip_holidays=True)
    assert days(kept.occurrences(*window)) == [
        date(2027, 4, 13),
        date(2027, 4, 20),
        date(2027, 4, 27),
        date(2027, 5, 4),
    ]
    assert [kept.is_holiday(moment) for moment in kept.occurrences(*window)] == [
        False,
        False,
        True,
        False,
    ]
    assert date(2027, 4, 27) not in days(skipping.occurrences(*window))
    assert skipping.next_after(utc(2027, 4, 21)) == utc(2027, 5, 4, 8, 0)


def test_hemelvaart_and_christmas_are_skipped() -> None:
    thursdays = Recurrence(weekly(THURSDAY), datetime(2026, 5, 7, 19, 30), skip_holidays=True)
    assert days(thursdays.occurrences(utc(2026, 5, 1), utc(2026, 5, 29))) == [
        date(2026, 5, 7),
        date(2026, 5, 21),  # 14 May is Hemelvaartsdag
        date(2026, 5, 28),
    ]
    fridays = Recurrence(weekly(FRIDAY), datetime(2026, 12, 4, 14, 0), skip_holidays=True)
    assert date(2026, 12, 25) not in days(fridays.occurrences(utc(2026, 12, 1), utc(2027, 1, 1)))
    assert is_holiday(utc(2026, 12, 26, 12, 0))  # Tweede Kerstdag, a Saturday


def test_the_organisation_decides_whether_goede_vrijdag_is_a_holiday() -> None:
    start = datetime(2026, 3, 27, 10, 0)
    window = (utc(2026, 4, 1), utc(2026, 4, 8))
    default = Recurrence(weekly(FRIDAY), start, skip_holidays=True)
    closed = OfficeHours(good_friday_off=True)
    policy = Recurrence(weekly(FRIDAY), start, skip_holidays=True, holidays=closed.closed_days)
    assert days(default.occurrences(*window)) == [date(2026, 4, 3)]
    assert policy.occurrences(*window) == []


def test_every_other_week_counts_from_the_start() -> None:
    series = Recurrence(weekly(TUESDAY, every=2), datetime(2026, 3, 3, 10, 0))
    assert days(series.occurrences(utc(2026, 3, 1), utc(2026, 4, 20))) == [
        date(2026, 3, 3),
        date(2026, 3, 17),
        date(2026, 3, 31),
        date(2026, 4, 14),
    ]


def test_first_monday_and_last_friday_of_the_month() -> None:
    first = Recurrence(monthly(MONDAY, 1), datetime(2026, 1, 1, 10, 0))
    last = Recurrence(monthly(FRIDAY, LAST), datetime(2026, 1, 1, 16, 0))
    window = (utc(2026, 1, 1), utc(2026, 5, 1))
    assert days(first.occurrences(*window)) == [
        date(2026, 1, 5),
        date(2026, 2, 2),
        date(2026, 3, 2),
        date(2026, 4, 6),
    ]
    assert days(last.occurrences(*window)) == [
        date(2026, 1, 30),
        date(2026, 2, 27),
        date(2026, 3, 27),
        date(2026, 4, 24),
    ]
    assert {moment.time() for moment in local(first.occurrences(*window))} == {time(10, 0)}


def test_until_is_the_last_day_inclusive() -> None:
    series = Recurrence(weekly(TUESDAY, until=date(2026, 3, 17)), datetime(2026, 3, 3, 10, 0))
    assert days(series.occurrences(utc(2026, 1, 1), utc(2027, 1, 1))) == [
        date(2026, 3, 3),
        date(2026, 3, 10),
        date(2026, 3, 17),
    ]
    assert series.next_after(utc(2026, 3, 17, 9, 0)) is None


@pytest.mark.parametrize(
    ("until", "last_day"),
    [("20260317T090000Z", date(2026, 3, 17)), ("20260317T085959Z", date(2026, 3, 10))],
)
def test_a_utc_until_counts_to_the_second(until: str, last_day: date) -> None:
    series = Recurrence(f"FREQ=WEEKLY;BYDAY=TU;UNTIL={until}", datetime(2026, 3, 3, 10, 0))
    assert days(series.occurrences(utc(2026, 1, 1), utc(2027, 1, 1)))[-1] == last_day


def test_count_counts_a_skipped_holiday_as_an_exdate_would() -> None:
    start = datetime(2027, 4, 20, 10, 0)
    assert (
        len(
            Recurrence("FREQ=WEEKLY;BYDAY=TU;COUNT=3", start).occurrences(
                utc(2027, 1, 1), utc(2028, 1, 1)
            )
        )
        == 3
    )
    skipping = Recurrence("FREQ=WEEKLY;BYDAY=TU;COUNT=3", start, skip_holidays=True)
    assert days(skipping.occurrences(utc(2027, 1, 1), utc(2028, 1, 1))) == [
        date(2027, 4, 20),
        date(2027, 5, 4),
    ]


def test_next_after_downtime_is_the_next_one_to_come_not_the_missed_ones() -> None:
    series = Recurrence(weekly(TUESDAY), datetime(2026, 3, 3, 10, 0))
    back_up = utc(2026, 3, 26, 12, 0)  # three Tuesdays were missed while the bot was down
    assert series.next_after(back_up) == utc(2026, 3, 31, 8, 0)
    assert series.next_after(utc(2026, 3, 31, 8, 0)) == utc(2026, 4, 7, 8, 0)  # strictly after
    assert series.next_after(utc(2020, 1, 1)) == utc(2026, 3, 3, 9, 0)


def test_a_series_that_only_falls_on_holidays_has_no_next_when_skipping() -> None:
    christmas = Recurrence(
        "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25", datetime(2026, 12, 25, 11, 0), skip_holidays=True
    )
    assert christmas.next_after(utc(2026, 1, 1)) is None
    assert christmas.occurrences(utc(2026, 1, 1), utc(2030, 1, 1)) == []


def test_an_aware_start_counts_by_its_amsterdam_wall_clock() -> None:
    series = Recurrence(weekly(TUESDAY), utc(2026, 3, 3, 9, 0))  # 10:00 in Amsterdam
    assert series.start == datetime(2026, 3, 3, 10, 0)
    assert series.next_after(utc(2026, 6, 1)) == utc(2026, 6, 2, 8, 0)


def test_an_empty_or_backwards_window_has_no_occurrences() -> None:
    series = Recurrence(weekly(TUESDAY), datetime(2026, 3, 3, 10, 0))
    assert series.occurrences(utc(2026, 4, 1), utc(2026, 3, 1)) == []
    assert series.occurrences(utc(2026, 3, 3, 9, 0), utc(2026, 3, 3, 9, 0)) == []


@pytest.mark.parametrize(
    "rule",
    [
        "",
        "garbage",
        "FREQ=FOO",
        "FREQ=HOURLY",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=WEEKLY;INTERVAL=0",
        "FREQ=WEEKLY;BYHOUR=9",
        "FREQ=WEEKLY;FOO=1",
        "FREQ=WEEKLY;FREQ=DAILY",
        "FREQ=WEEKLY;COUNT=2;UNTIL=20261231",
        "FREQ=WEEKLY;UNTIL=2026",
        "FREQ=MONTHLY;BYDAY=9MO",
        "FREQ=WEEKLY;BYDAY=1MO",
        "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260101",
        "DTSTART:20260101T000000\nRRULE:FREQ=DAILY",
    ],
)
def test_a_bad_rule_is_a_domain_error_with_a_clear_message(rule: str) -> None:
    with pytest.raises(InvalidRecurrence) as caught:
        Recurrence(rule, datetime(2026, 3, 3, 10, 0))
    assert caught.value.reason == "recurrence.invalid"
    assert str(caught.value).startswith(f"invalid recurrence rule {rule!r}: ")
    assert i18n.t("nl", caught.value.reason).startswith("Deze herhaling klopt niet.")


def test_the_rule_is_kept_in_one_spelling() -> None:
    series = Recurrence(" rrule:freq=weekly;byday=tu ", datetime(2026, 3, 3, 10, 0))
    assert series.rule == "FREQ=WEEKLY;BYDAY=TU"
    assert series.occurrences(utc(2026, 3, 3), utc(2026, 3, 4)) == [utc(2026, 3, 3, 9, 0)]
    assert Recurrence(series.rule, series.start).rule == series.rule
