"""The audience "the volunteers of shift X" (registered by bot.shifts.audience): who it reaches,
how it reads, and the coming shifts as choices for a picker."""

from __future__ import annotations

from datetime import time

import pytest

from bot.core.errors import InvalidInput
from bot.people.audiences import Audience
from bot.shifts.audience import shift_choices
from tests.dialogue import Harness
from tests.shifts.steps import coordinator, make_one, volunteer


async def test_the_volunteers_of_a_shift_are_those_with_a_place(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    other = await make_one(bot, carla, needed=1, title="Ronde", start=time(14), end=time(16))
    vera, _ = await volunteer(bot, "Vera")
    wim, _ = await volunteer(bot, "Wim")
    ilse, _ = await volunteer(bot, "Ilse")
    signups = bot.services.shifts.signups
    await signups.take(None, vera.id, shift.id, "list")
    await signups.take(None, wim.id, shift.id, "list")  # full: standby
    await signups.take(None, ilse.id, other.id, "list")
    audiences = bot.services.audiences

    found = await audiences.recipients(Audience().where("shift", str(shift.id)))
    both = await audiences.recipients(Audience().where("shift", str(shift.id), str(other.id)))

    assert [r.name for r in found] == ["Vera"]
    assert [r.name for r in both] == ["Vera", "Ilse"]
    assert (await audiences.count(Audience().where("shift", str(shift.id)))).people == 1


async def test_it_reads_as_the_shift_once_a_picker_has_shown_it(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=2)
    audience = Audience().where("shift", str(shift.id))
    audiences = bot.services.audiences
    assert audiences.describe(audience, "nl") == f"vrijwilligers van dienst {shift.id}"

    async with bot.services.db.read() as tx:
        choices = await shift_choices(tx, bot.settings, "nl", bot.clock())

    assert [(c.value, c.label) for c in choices] == [
        (str(shift.id), "do 26-11 10:00 Koffieochtend (0/2)")
    ]
    assert audiences.describe(audience, "nl") == "vrijwilligers van do 26-11 10:00 Koffieochtend"
    assert audiences.describe(audience, "en") == "volunteers of Thu 26-11 10:00 Koffieochtend"


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "9" * 19])
def test_a_value_that_is_no_shift_is_refused(bot: Harness, value: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        bot.services.audiences.check(Audience().where("shift", value))
    assert refused.value.reason == "shifts.audience_unknown"
