"""Shifts with the bot as its own process against the stand-in, people acting over HTTP: many
taps for the last places at once, and kill -9 between a tap and its confirmation."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from storage.timestamps import to_db
from tests.e2e.harness import (
    BotProcess,
    Person,
    StandInClient,
    assert_outbox_delivered_once,
    db_rows,
    eventually,
    plain,
    seed_members,
)

pytestmark = pytest.mark.e2e

CONFIRMED = "Je staat erop!"
FULL = "Deze dienst is al vol."


def seed_shift(bot: BotProcess, needed: int, days_ahead: int = 3) -> int:
    """A shift in Noord that fits everyone seeded there (no interest, no availability asked)."""
    starts = (datetime.now(UTC) + timedelta(days=days_ahead)).replace(minute=0, second=0)
    now = to_db(datetime.now(UTC))
    connection = sqlite3.connect(bot.db_path)
    try:
        with connection:
            cursor = connection.execute(
                "INSERT INTO shifts (title, wijk, place, starts_at, ends_at, needed, created_at,"
                " updated_at) VALUES ('Koffieochtend', 'Noord', 'Buurthuis De Boog', ?, ?, ?, ?, ?)",
                (to_db(starts), to_db(starts + timedelta(hours=2)), needed, now, now),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid
    finally:
        connection.close()


async def volunteers(standin: StandInClient, bot: BotProcess, count: int) -> list[Person]:
    people = [await standin.person(f"Vrijwilliger{i}") for i in range(count)]
    await seed_members(bot, [(p, "volunteer", "Noord") for p in people])
    return people


async def started(*people: Person) -> None:
    """Each presses Start: the bot may write to them first."""
    for person in people:
        await person.send("/start")
        await person.expect(f"Welkom terug, {person.first_name}!")


def places(bot: BotProcess, shift_id: int) -> dict[str, int]:
    rows = db_rows(
        bot.db_path,
        "SELECT status, count(*) FROM shift_signups WHERE shift_id = ? GROUP BY status",
        [shift_id],
    )
    return {status: count for status, count in rows}


async def test_many_taps_for_the_last_places_fill_exactly_those_places(
    standin: StandInClient, new_bot: BotProcess
) -> None:
    bot = new_bot
    people = await volunteers(standin, bot, 30)
    shift_id = seed_shift(bot, needed=5)
    await bot.start()
    await asyncio.gather(*(started(p) for p in people))

    await asyncio.gather(*(p.press_data(f"sh:j:{shift_id}") for p in people))

    async def answered(person: Person) -> str:
        async def found() -> str | None:
            texts = await person.texts()
            return next((t for t in texts if CONFIRMED in t or FULL in t), None)

        return await eventually(found, f"{person}'s answer", within=30)

    answers = await asyncio.gather(*(answered(p) for p in people))
    assert sum(CONFIRMED in a for a in answers) == 5
    assert sum(FULL in a for a in answers) == 25
    assert places(bot, shift_id) == {"confirmed": 5, "standby": 25}
    await bot.stop()
    assert_outbox_delivered_once(bot, {p.id: await p.texts() for p in people})


async def test_killed_between_a_tap_and_its_confirmation_the_place_is_taken_once_and_told_once(
    standin: StandInClient, new_bot: BotProcess
) -> None:
    bot = new_bot
    [vera] = await volunteers(standin, bot, 1)
    shift_id = seed_shift(bot, needed=2)
    await bot.start()
    await started(vera)
    await standin.faults(status=502, method="sendMessage", times=1000)  # the answer waits

    await vera.press_data(f"sh:j:{shift_id}")

    async def taken_and_waiting() -> bool | None:
        pending = db_rows(
            bot.db_path,
            "SELECT status FROM outbox WHERE key LIKE 'answer:%' AND chat_id = ?",
            [vera.id],
        )
        return (
            True
            if places(bot, shift_id) == {"confirmed": 1} and pending == [("pending",)]
            else None
        )

    await eventually(taken_and_waiting, "the place taken, its answer still on its way")
    await bot.kill()  # kill -9: committed, not yet told
    await standin.clear_faults()
    await bot.start()

    await vera.expect(CONFIRMED)
    await vera.send("/mijndiensten")
    await vera.expect(plain("nl", "shifts.status_confirmed"))
    await bot.stop()
    assert await vera.count(CONFIRMED) == 1
    assert places(bot, shift_id) == {"confirmed": 1}
    assert db_rows(bot.db_path, "SELECT count(*) FROM shift_signups") == [(1,)]
    assert_outbox_delivered_once(bot, {vera.id: await vera.texts()})


async def test_killed_before_the_tap_was_confirmed_to_telegram_it_counts_once(
    standin: StandInClient, new_bot: BotProcess
) -> None:
    """The tap's update is fetched again after a crash; its id is stored with its effects."""
    bot = new_bot
    [vera] = await volunteers(standin, bot, 1)
    shift_id = seed_shift(bot, needed=2)
    await bot.start()
    await started(vera)
    await standin.faults(status=502, method="sendMessage", times=1000)  # the answer waits
    await standin.faults(latency=2.0)  # and the handler is still answering the press

    await vera.press_data(f"sh:j:{shift_id}")
    await eventually(
        lambda: _true(places(bot, shift_id) == {"confirmed": 1}), "the place to be taken"
    )
    await bot.kill()
    assert standin.state.world.updates, "the tap is not confirmed to Telegram yet"
    await standin.clear_faults()
    await bot.start()

    await vera.expect(CONFIRMED)
    await eventually(lambda: _true(not standin.state.world.updates), "the tap to be confirmed")
    await bot.stop()
    assert await vera.count(CONFIRMED) == 1
    assert places(bot, shift_id) == {"confirmed": 1}


async def _true(value: bool) -> bool | None:
    return True if value else None
