"""What the buttons build, and how a series is said in Dutch and English."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.scheduling.recurrence import Recurrence
from bot.scheduling.recurrence_rules import LAST, InvalidRecurrence, describe, monthly, weekly

MONDAY, TUESDAY, FRIDAY = 0, 1, 4


def test_the_builders_write_plain_rrules() -> None:
    assert weekly(TUESDAY) == "FREQ=WEEKLY;BYDAY=TU"
    assert weekly(TUESDAY, every=2, until=date(2026, 12, 31)) == (
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20261231"
    )
    assert monthly(MONDAY, 1) == "FREQ=MONTHLY;BYDAY=1MO"
    assert (
        monthly(FRIDAY, LAST, until=date(2027, 6, 30)) == "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270630"
    )


def test_the_builders_refuse_what_no_button_offers() -> None:
    with pytest.raises(ValueError, match="every"):
        weekly(TUESDAY, every=0)
    with pytest.raises(ValueError, match="nth"):
        monthly(MONDAY, 5)
    with pytest.raises(ValueError, match="weekday"):
        weekly(-1)


@pytest.mark.parametrize(
    ("rule", "dutch", "english"),
    [
        (weekly(TUESDAY), "elke dinsdag", "every Tuesday"),
        (weekly(TUESDAY, every=2), "om de week op dinsdag", "every other week on Tuesday"),
        (weekly(FRIDAY, every=3), "elke 3 weken op vrijdag", "every 3 weeks on Friday"),
        (monthly(MONDAY, 1), "elke eerste maandag van de maand", "every first Monday of the month"),
        (
            monthly(FRIDAY, LAST),
            "elke laatste vrijdag van de maand",
            "every last Friday of the month",
        ),
        ("FREQ=DAILY", "elke dag", "every day"),
        (
            weekly(TUESDAY, until=date(2026, 12, 31)),
            "elke dinsdag, tot en met 31-12-2026",
            "every Tuesday, up to and including 31-12-2026",
        ),
        ("FREQ=WEEKLY;BYDAY=TU;COUNT=6", "elke dinsdag, 6 keer", "every Tuesday, 6 times"),
        ("FREQ=WEEKLY;BYDAY=TU;COUNT=1", "elke dinsdag, één keer", "every Tuesday, once"),
        ("FREQ=WEEKLY;BYDAY=MO,WE", "volgens een eigen herhaling", "on a repeat of its own"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "volgens een eigen herhaling", "on a repeat of its own"),
    ],
)
def test_describe_says_the_series_in_plain_words(rule: str, dutch: str, english: str) -> None:
    assert describe(rule, "nl") == dutch
    assert describe(rule, "en") == english


def test_a_utc_until_is_told_as_the_amsterdam_date() -> None:
    # 23:00 UTC on 31 December is already 00:00 on 1 January in Amsterdam.
    assert describe("FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231T230000Z", "nl") == (
        "elke dinsdag, tot en met 01-01-2027"
    )


def test_describe_refuses_a_bad_rule() -> None:
    with pytest.raises(InvalidRecurrence):
        describe("FREQ=SOMETIMES", "nl")


@pytest.mark.parametrize("weekday", range(7))
@pytest.mark.parametrize("nth", [1, 2, 3, 4, LAST])
def test_every_built_rule_expands_and_has_words_of_its_own(weekday: int, nth: int) -> None:
    for rule in (weekly(weekday), weekly(weekday, every=2), monthly(weekday, nth)):
        series = Recurrence(rule, datetime(2026, 1, 1, 10, 0))
        assert series.next_after(datetime(2026, 6, 1, tzinfo=UTC)) is not None
        assert describe(rule, "nl") != describe("FREQ=WEEKLY;BYDAY=MO,WE", "nl")
