"""The rules of swaps, assigning, attendance and hours, and erasure, at the services."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.core.errors import InvalidInput, NotAllowed
from bot.shifts.assigning import AboveMaximum
from storage.shifts import ShiftRepository
from tests.dialogue import Harness
from tests.shifts.steps import coordinator, hours_of, make_one, statuses, volunteer


async def test_a_swap_goes_to_the_first_who_accepts_and_both_are_told(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    wim, _ = await volunteer(bot, "Wim")
    ilse, _ = await volunteer(bot, "Ilse")
    signups, swaps = bot.services.shifts.signups, bot.services.shifts.swaps
    await signups.take(None, vera.id, shift.id, "list")

    offered = await swaps.offer(None, vera.id, shift.id)
    await bot.deliver()
    assert offered.asked == 2
    swap_id = int(wim.inbox()[-1].keyboard[0][0]["callback_data"].rsplit(":", 1)[1])

    await swaps.take(None, wim.id, swap_id)
    with pytest.raises(InvalidInput) as late:
        await swaps.take(None, ilse.id, swap_id)
    await bot.deliver()

    assert late.value.reason == "shifts.swap_gone"
    assert await statuses(bot, shift) == {"Vera": "swapped", "Wim": "confirmed"}
    assert (vera.inbox()[-1].text or "").startswith("Wim neemt je dienst over")
    async with bot.services.db.read() as tx:
        history = [e.action for e in await ShiftRepository(tx).events(shift.id)]
    assert history[-2:] == ["swap_offered", "swapped"]


async def test_a_swap_not_offered_to_you_cannot_be_taken(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    zoe, _ = await volunteer(bot, "Zoë", wijk="Zuid")  # does not fit: not asked
    await bot.services.shifts.signups.take(None, vera.id, shift.id, "list")
    offered = await bot.services.shifts.swaps.offer(None, vera.id, shift.id)
    assert offered.asked == 0  # nobody fits: the swap is not left open

    with pytest.raises(NotAllowed):
        await bot.services.shifts.swaps.take(None, zoe.id, 1)
    with pytest.raises(NotAllowed):
        await bot.services.shifts.signups.take(None, zoe.id, shift.id, "offer")


async def test_assigning_is_refused_with_the_reason_and_the_maximum_overridden_with_one(
    bot: Harness,
) -> None:
    carla = await coordinator(bot)
    thursday = await make_one(bot, carla, needed=2)
    overlapping = await make_one(bot, carla, start=time(11), end=time(13), title="Ronde")
    monday = await make_one(bot, carla, day=date(2026, 11, 24), title="Maandag")
    _, vera = await volunteer(bot, "Vera", max_shifts_per_week=1)
    assign = bot.services.shifts.assign
    await assign.assign(None, carla.id, monday.id, vera.id)

    with pytest.raises(AboveMaximum) as at_most:
        await assign.assign(None, carla.id, thursday.id, vera.id)
    assert at_most.value.params == {"name": "Vera", "count": 1}
    await assign.assign(None, carla.id, thursday.id, vera.id, "Ze vroeg er zelf om")
    with pytest.raises(InvalidInput) as overlap:
        await assign.assign(None, carla.id, overlapping.id, vera.id, "toch")
    assert overlap.value.reason == "shifts.assign_overlap"

    async with bot.services.db.read() as tx:
        events = await ShiftRepository(tx).events(thursday.id)
        reasons = await tx.fetchall("SELECT override_reason FROM shift_signups ORDER BY id")
    assert [(e.action, e.detail) for e in events][-1] == ("assigned", "Ze vroeg er zelf om")
    assert [r[0] for r in reasons] == [None, "Ze vroeg er zelf om"]


async def test_only_coordinators_assign_and_make_shifts(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla)
    vera, person = await volunteer(bot, "Vera")
    with pytest.raises(NotAllowed):
        await bot.services.shifts.assign.assign(None, vera.id, shift.id, person.id)
    with pytest.raises(NotAllowed):
        await make_one(bot, vera)


async def test_hours_count_from_attendance_present_by_default(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=2)  # two hours
    vera, vera_person = await volunteer(bot, "Vera")
    wim, wim_person = await volunteer(bot, "Wim")
    for chatter in (vera, wim):
        await bot.services.shifts.signups.take(None, chatter.id, shift.id, "list")
    assert await hours_of(bot, vera_person) == (0, 0.0)  # not yet over

    bot.clock.now = datetime(2026, 11, 26, 12, tzinfo=UTC)
    attendance = await bot.services.shifts.assign.attendance(carla.id, shift.id)
    wim_signup = next(n.signup.id for n in attendance.people if n.name == "Wim")
    await bot.services.shifts.assign.mark(None, carla.id, wim_signup)  # Wim did not come

    assert await hours_of(bot, vera_person) == (1, 2.0)
    assert await hours_of(bot, wim_person) == (0, 0.0)


async def test_erasure_opens_future_places_and_keeps_past_hours_anonymously(
    bot: Harness,
) -> None:
    carla = await coordinator(bot)
    past = await make_one(bot, carla, needed=1, day=date(2026, 11, 24), title="Eerder")
    coming = await make_one(bot, carla, needed=1)
    vera, person = await volunteer(bot, "Vera")
    await volunteer(bot, "Wim")
    for shift in (past, coming):
        await bot.services.shifts.signups.take(None, vera.id, shift.id, "list")
    bot.clock.now = datetime(2026, 11, 25, 9, tzinfo=UTC)

    await bot.services.profile.forget(None, person)
    await bot.deliver()

    notices = [c.text for c in carla.inbox()]
    assert notices[-2:] == [
        "<b>Plekken vrijgekomen</b>\nOmdat Vera alle gegevens liet wissen, staat Vera niet meer"
        " op deze diensten:\n• <b>Koffieochtend</b> · do 26-11 10:00–12:00 · Buurthuis De Boog\n"
        "De plekken worden opnieuw aangeboden.",
        "Vera (vrijwilliger) heeft gevraagd om alle gegevens te wissen. Dat is gebeurd.",
    ]
    async with bot.services.db.read() as tx:
        rows = await tx.fetchall(
            "SELECT shift_id, person_id, status FROM shift_signups ORDER BY id"
        )
        hours = await tx.fetchall("SELECT count(*) FROM shift_signups WHERE person_id IS NULL")
    assert [tuple(r) for r in rows] == [(past.id, None, "confirmed"), (coming.id, None, "removed")]
    assert hours[0][0] == 2


async def test_the_words_around_a_shift_go_on_schedule_and_the_hours_stay(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    _, vera = await volunteer(bot, "Vera", max_shifts_per_week=0)
    await bot.services.shifts.assign.assign(None, carla.id, shift.id, vera.id, "Vroeg er zelf om")
    bot.clock.now = datetime(2027, 2, 20, 9, tzinfo=UTC)  # 86 days after: not yet
    assert (await bot.services.retention.purge()).shift_details == 0

    bot.clock.now = datetime(2027, 2, 25, 9, tzinfo=UTC)  # 91 days after
    assert (await bot.services.retention.purge()).shift_details == 2

    async with bot.services.db.read() as tx:
        reasons = await tx.fetchall("SELECT override_reason FROM shift_signups")
        details = await tx.fetchall("SELECT detail FROM shift_events WHERE action = 'assigned'")
    assert [r[0] for r in reasons] == [None] and [d[0] for d in details] == [None]
    assert await hours_of(bot, vera) == (1, 2.0)
