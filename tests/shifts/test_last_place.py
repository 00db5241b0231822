"""The race for the last places: many taps at the same moment fill exactly the places needed,
everyone else stands by; also with two processes on the same database file."""

from __future__ import annotations

import asyncio
from collections import Counter

from bot.core.deps import Deps
from bot.shifts.signing import SignupService
from storage.database import Database
from tests.dialogue import Harness
from tests.shifts.steps import coordinator, make_one, statuses, volunteer


async def test_many_taps_at_once_fill_exactly_the_places(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=5)
    people = [await volunteer(bot, f"Vrijwilliger {i}") for i in range(40)]
    taps = [bot.services.shifts.signups.take(None, c.id, shift.id, "list") for c, _ in people]

    taken = await asyncio.gather(*taps)

    assert Counter(t.outcome for t in taken) == {"confirmed": 5, "standby": 35}
    assert Counter((await statuses(bot, shift)).values()) == {"confirmed": 5, "standby": 35}


async def test_two_processes_tapping_the_last_place_give_it_to_exactly_one(bot: Harness) -> None:
    """A second connection to the same file stands for a second process: SQLite's write lock
    (BEGIN IMMEDIATE) orders the two transactions, so the count check holds across them."""
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=3)
    people = [await volunteer(bot, f"Vrijwilliger {i}") for i in range(20)]
    other_db = Database(bot.settings.database.path)
    await other_db.open()
    try:
        other = SignupService(Deps.build(bot.settings, bot.clock, db=other_db))
        mine = bot.services.shifts.signups
        taps = [
            (mine if i % 2 else other).take(None, chatter.id, shift.id, "list")
            for i, (chatter, _) in enumerate(people)
        ]
        taken = await asyncio.gather(*taps)
    finally:
        await other_db.close()

    assert Counter(t.outcome for t in taken) == {"confirmed": 3, "standby": 17}
    assert Counter((await statuses(bot, shift)).values()) == {"confirmed": 3, "standby": 17}


async def test_a_tap_again_changes_nothing(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    signups = bot.services.shifts.signups

    first = await signups.take(None, vera.id, shift.id, "list")
    again = await signups.take(None, vera.id, shift.id, "list")

    assert (first.outcome, again.outcome) == ("confirmed", "already")
    assert await statuses(bot, shift) == {"Vera": "confirmed"}
