"""A shift's times: an end at or before the start is refused with a clear message, when the
shift is made and when its time is changed; there are no overnight shifts."""

from __future__ import annotations

import pytest

from bot.core.errors import InvalidInput
from bot.shifts.typed import parse_times
from tests.dialogue import Harness
from tests.shifts.steps import coordinator, make_one

END_BEFORE = "De eindtijd ligt voor de begintijd. Typ bijvoorbeeld 10:00-12:00."


async def test_an_end_before_the_start_is_refused_and_asked_again(bot: Harness) -> None:
    carla = await coordinator(bot)
    await carla.send("/diensten")
    await carla.press("➕ Nieuwe dienst")
    await carla.send("Koffieochtend")
    await carla.press("Ouderen")
    await carla.press("Noord")
    await carla.send("Buurthuis De Boog")
    await carla.press("wo 25-11")

    assert (await carla.send("14:00-12:00")).texts == [END_BEFORE]
    reply = await carla.send("12:00-14:00")
    assert reply.buttons == ["1", "2", "3", "4", "5", "6", "8", "10"]


async def test_an_end_before_the_start_is_refused_in_english(bot: Harness) -> None:
    carla = await coordinator(bot, language="en")
    await carla.send("/shifts")
    await carla.press("➕ New shift")
    await carla.send("Coffee morning")
    await carla.press("Older people")
    await carla.press("Noord")
    await carla.send("Buurthuis De Boog")
    await carla.press("Thu 26-11")

    assert (await carla.send("14-12")).texts == [
        "The end time is before the start time. Type for example 10:00-12:00."
    ]


async def test_changing_the_time_to_an_end_before_the_start_is_refused(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla)
    changes = bot.services.shifts.changes
    await changes.ask_change(None, carla.id, shift.id, "time")
    with pytest.raises(InvalidInput) as refused:
        await changes.change_typed(None, carla.id, "26-11 14:00-12:00")
    assert refused.value.reason == "shifts.time_end_before_start"


@pytest.mark.parametrize("typed", ["14:00-12:00", "23-1", "12:00-12:00", "0-0"])
def test_no_overnight_or_empty_shift(typed: str) -> None:
    with pytest.raises(InvalidInput):
        parse_times(typed)
