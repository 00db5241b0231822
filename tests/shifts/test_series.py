"""Recurring shifts: the coming weeks exist as shifts, at the same wall-clock time across the
change to and from summer time; holidays are marked, or skipped when the series says so; the
series is made further ahead later, and one occurrence changes or is cancelled alone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from bot.scheduling.local_time import ORGANISATION_ZONE, wall_clock
from bot.scheduling.recurrence_rules import monthly, weekly
from storage.shifts import ShiftRepository
from tests.dialogue import Harness
from tests.shifts.steps import coordinator, make

TUESDAY, FRIDAY, MONDAY = 1, 4, 0


def walls(shifts: list) -> list[str]:  # type: ignore[type-arg]
    return [f"{wall_clock(s.starts_at, ORGANISATION_ZONE):%a %d-%m %H:%M}" for s in shifts]


async def test_a_weekly_series_stays_at_ten_across_the_end_of_summer_time(bot: Harness) -> None:
    bot.clock.now = datetime(2026, 10, 12, 9, tzinfo=UTC)
    carla = await coordinator(bot)

    made = await make(bot, carla, day=date(2026, 10, 13), rule=weekly(TUESDAY))

    assert walls(made) == [
        "Tue 13-10 10:00",
        "Tue 20-10 10:00",
        "Tue 27-10 10:00",  # winter time from 25-10
        "Tue 03-11 10:00",
        "Tue 10-11 10:00",
        "Tue 17-11 10:00",
    ]
    assert [s.starts_at.hour for s in made[:4]] == [8, 8, 9, 9]  # UTC
    assert {(s.ends_at - s.starts_at).seconds for s in made} == {7200}


async def test_a_holiday_is_marked_or_skipped(bot: Harness) -> None:
    bot.clock.now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    carla = await coordinator(bot)

    marked = await make(
        bot, carla, day=date(2026, 12, 18), rule=weekly(FRIDAY, until=date(2027, 1, 1))
    )
    skipped = await make(
        bot,
        carla,
        day=date(2026, 12, 18),
        rule=weekly(FRIDAY, until=date(2027, 1, 1)),
        skip_holidays=True,
        title="Voedselbank",
    )

    assert [(w, s.holiday) for w, s in zip(walls(marked), marked, strict=True)] == [
        ("Fri 18-12 10:00", False),
        ("Fri 25-12 10:00", True),  # eerste kerstdag
        ("Fri 01-01 10:00", True),  # nieuwjaarsdag
    ]
    assert walls(skipped) == ["Fri 18-12 10:00"]


async def test_the_series_is_made_further_ahead_and_a_cancelled_one_stays_cancelled(
    bot: Harness,
) -> None:
    carla = await coordinator(bot)
    made = await make(bot, carla, day=date(2026, 11, 24), rule=weekly(TUESDAY), needed=1)
    assert len(made) == 6  # shifts.weeks_ahead
    await bot.services.shifts.changes.cancel(None, carla.id, made[1].id, rest_of_series=False)

    bot.clock.now = datetime(2026, 12, 15, 9, tzinfo=UTC)
    planning = bot.services.shifts.planning
    async with bot.services.db.transaction() as tx:
        series = await ShiftRepository(tx).series(made[0].series_id or 0)
        assert series is not None
        later = await planning.make_ahead(tx, series, bot.clock())
        again = await planning.make_ahead(tx, series, bot.clock())
        statuses = [
            s.status for s in [await ShiftRepository(tx).get(m.id) for m in made] if s is not None
        ]

    assert walls(later) == ["Tue 05-01 10:00", "Tue 12-01 10:00", "Tue 19-01 10:00"]
    assert again == []
    assert statuses == ["planned", "cancelled", "planned", "planned", "planned", "planned"]


async def test_the_first_monday_of_the_month(bot: Harness) -> None:
    carla = await coordinator(bot)

    made = await make(
        bot, carla, day=date(2026, 11, 24), rule=monthly(MONDAY, 1), start=time(19), end=time(21)
    )

    assert walls(made) == ["Mon 07-12 19:00"]  # 04-01 lies beyond the six weeks kept


async def test_cancelling_the_rest_of_a_series(bot: Harness) -> None:
    carla = await coordinator(bot)
    made = await make(bot, carla, day=date(2026, 11, 24), rule=weekly(TUESDAY))

    gone = await bot.services.shifts.changes.cancel(None, carla.id, made[2].id, rest_of_series=True)

    assert [s.id for s in gone] == [s.id for s in made[2:]]
    async with bot.services.db.transaction() as tx:
        series = await ShiftRepository(tx).series(made[0].series_id or 0)
        assert series is not None and series.ended_at is not None
        assert await bot.services.shifts.planning.make_ahead(tx, series, bot.clock()) == []
