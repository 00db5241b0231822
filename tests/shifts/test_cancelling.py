"""Cancelling: before the cut-off the place simply opens again; after it only with a reason,
the coordinators are told, and the place goes to the first one on standby (who confirms) or is
offered to those who fit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.errors import InvalidInput
from tests.dialogue import Harness
from tests.fake_telegram import Call
from tests.shifts.steps import coordinator, make_one, statuses, volunteer

LATE_NOTICE = (
    "<b>Afmelding kort van tevoren</b>\nVera kan toch niet komen:\n"
    "<b>Koffieochtend</b> · do 26-11 10:00–12:00 · Buurthuis De Boog\nReden: Ik ben ziek\n"
)


async def test_before_the_cut_off_the_place_opens_and_is_offered_without_a_reason(
    bot: Harness,
) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)  # Thursday 10:00, 72 hours ahead
    vera, _ = await volunteer(bot, "Vera")
    wim, _ = await volunteer(bot, "Wim")
    signups = bot.services.shifts.signups
    await signups.take(None, vera.id, shift.id, "list")

    assert not await signups.cancel_is_late(vera.id, shift.id)
    cancelled = await signups.cancel(None, vera.id, shift.id)
    await bot.deliver()

    assert not cancelled.late and cancelled.refill is not None
    assert cancelled.refill.offered == 1
    assert "<b>Wil je komen?</b>" in (wim.inbox()[-1].text or "")
    assert carla.inbox() == []  # nothing for the coordinators


async def test_after_the_cut_off_a_reason_is_needed_and_standby_gets_the_place(
    bot: Harness,
) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    wim, _ = await volunteer(bot, "Wim")
    signups = bot.services.shifts.signups
    await signups.take(None, vera.id, shift.id, "list")
    assert (await signups.take(None, wim.id, shift.id, "list")).outcome == "standby"
    bot.clock.now = datetime(2026, 11, 25, 9, tzinfo=UTC)  # 24 hours before

    assert await signups.cancel_is_late(vera.id, shift.id)
    with pytest.raises(InvalidInput) as refused:
        await signups.cancel(None, vera.id, shift.id)
    assert refused.value.reason == "shifts.reason_needed"
    await signups.cancel(None, vera.id, shift.id, "Ik ben ziek")
    await bot.deliver()

    assert await statuses(bot, shift) == {"Vera": "cancelled", "Wim": "called"}
    assert carla.inbox()[-1].text == LATE_NOTICE + (
        "De plek gaat eerst naar Wim van de reservelijst; die moet nog bevestigen."
    )
    call = wim.inbox()[-1]
    assert (call.text or "").startswith("<b>Er is een plek vrij!</b>")
    assert "We houden de plek voor je vast tot" in (call.text or "")

    await signups.answer_call(None, wim.id, _signup_id(call), take=True)
    assert await statuses(bot, shift) == {"Vera": "cancelled", "Wim": "confirmed"}


async def test_a_held_place_passed_on_goes_to_the_next_on_standby(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    wim, _ = await volunteer(bot, "Wim")
    ilse, _ = await volunteer(bot, "Ilse")
    signups = bot.services.shifts.signups
    for chatter in (vera, wim, ilse):
        await signups.take(None, chatter.id, shift.id, "list")
    await signups.cancel(None, vera.id, shift.id)
    await bot.deliver()
    held = _signup_id(wim.inbox()[-1])

    other_tap = await signups.take(None, vera.id, shift.id, "list")  # the place is held
    assert other_tap.outcome == "standby"
    await signups.answer_call(None, wim.id, held, take=False)
    await bot.deliver()

    assert await statuses(bot, shift) == {"Vera": "standby", "Wim": "declined", "Ilse": "called"}


def _signup_id(call: Call) -> int:
    """The sign-up a standby call holds the place for (its first button's data)."""
    return int(call.keyboard[0][0]["callback_data"].rsplit(":", 1)[1])
