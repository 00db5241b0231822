"""Every due thing of a shift is a timer of the one scheduler: the waves, the 72-hour coverage
alert, the reminders 24 and 2 hours before (not in the quiet hours unless the shift starts
before they end), the notice 12 hours before when a volunteer did not answer, a held place
that lapses, the attendance question; moved when the time changes, gone when a place ends."""

from __future__ import annotations

from datetime import UTC, datetime, time

from storage.timers import TimerRepository
from tests.dialogue import Chatter, Harness, tick
from tests.shifts.steps import coordinator, make_one, statuses, volunteer

DAY = "<b>Morgen heb je een dienst</b>"
SOON = "<b>Over 2 uur begint je dienst</b>"
UNCONFIRMED = "<b>Nog geen antwoord</b>"
SHORT = "<b>Nog niet genoeg vrijwilligers</b>"
OFFER = "<b>Wil je komen?</b>"


def got(chatter: Chatter, start: str) -> list[str]:
    return [c.text or "" for c in chatter.inbox() if (c.text or "").startswith(start)]


async def at(bot: Harness, moment: datetime) -> None:
    bot.clock.now = moment
    await tick(bot)


async def test_reminders_the_day_before_and_two_hours_before_each_once(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)  # Thursday 10:00 Amsterdam = 09:00 UTC
    vera, _ = await volunteer(bot, "Vera")
    await bot.services.shifts.signups.take(None, vera.id, shift.id, "list")

    await at(bot, datetime(2026, 11, 25, 8, 59, tzinfo=UTC))
    assert got(vera, DAY) == []
    await at(bot, datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    await at(bot, datetime(2026, 11, 25, 9, 5, tzinfo=UTC))  # a second tick: nothing twice
    assert len(got(vera, DAY)) == 1
    assert vera.inbox()[-1].buttons == ["✅ Ik kom nog steeds", "Ik kan toch niet"]

    await at(bot, datetime(2026, 11, 26, 7, 0, tzinfo=UTC))
    assert len(got(vera, SOON)) == 1
    assert got(carla, UNCONFIRMED) != []  # she did not answer the day before


async def test_still_coming_keeps_the_coordinators_out_of_it(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    await bot.services.shifts.signups.take(None, vera.id, shift.id, "list")
    await at(bot, datetime(2026, 11, 25, 9, 0, tzinfo=UTC))

    await bot.services.shifts.signups.still_coming(None, vera.id, shift.id)
    await at(bot, datetime(2026, 11, 25, 21, 0, tzinfo=UTC))

    assert got(carla, UNCONFIRMED) == []


async def test_no_reminder_in_the_quiet_hours_unless_the_shift_starts_before_they_end(
    bot: Harness,
) -> None:
    carla = await coordinator(bot)
    evening = await make_one(bot, carla, start=time(22), end=time(23, 30), needed=1)
    early = await make_one(bot, carla, start=time(7), end=time(9), needed=1, title="Vroeg")
    vera, _ = await volunteer(bot, "Vera", max_shifts_per_week=3)
    for shift in (evening, early):
        await bot.services.shifts.signups.take(None, vera.id, shift.id, "list")
    async with bot.services.db.read() as tx:
        timers = {
            t.key.split(":", 4)[4]: t.due_at
            for t in await TimerRepository(tx).with_prefix("shift:")
            if ":signup:" in t.key and t.key.startswith(f"shift:{evening.id}:")
        }
        early_timers = {
            t.key.split(":", 4)[4]: t.due_at
            for t in await TimerRepository(tx).with_prefix(f"shift:{early.id}:signup:")
        }

    # 22:00 Thursday: the day-before reminder would be at 22:00 Wednesday (quiet): 08:00
    # Thursday instead; 12 hours before is 10:00 Thursday; 2 hours before 20:00.
    assert timers == {
        "day:0": datetime(2026, 11, 26, 7, 0, tzinfo=UTC),
        "unconfirmed:0": datetime(2026, 11, 26, 9, 0, tzinfo=UTC),
        "soon:0": datetime(2026, 11, 26, 19, 0, tzinfo=UTC),
    }
    # 07:00 Thursday: 24 hours before is 07:00 Wednesday (quiet): 08:00; 12 hours before is
    # 19:00 Wednesday; 2 hours before is 05:00, quiet, but the shift starts before the quiet
    # hours end, so it goes at 05:00.
    assert early_timers == {
        "day:0": datetime(2026, 11, 25, 7, 0, tzinfo=UTC),
        "unconfirmed:0": datetime(2026, 11, 25, 18, 0, tzinfo=UTC),
        "soon:0": datetime(2026, 11, 26, 4, 0, tzinfo=UTC),
    }


async def test_a_cancelled_place_has_no_more_reminders(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    await bot.services.shifts.signups.take(None, vera.id, shift.id, "list")
    await bot.services.shifts.signups.cancel(None, vera.id, shift.id)

    await at(bot, datetime(2026, 11, 26, 8, 0, tzinfo=UTC))

    assert got(vera, DAY) == got(vera, SOON) == []


async def test_a_new_time_moves_the_reminders_and_everyone_hears_it_once(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    await bot.services.shifts.signups.take(None, vera.id, shift.id, "list")
    await at(bot, datetime(2026, 11, 25, 9, 0, tzinfo=UTC))  # the day-before reminder went
    assert len(got(vera, DAY)) == 1

    moved = (datetime(2026, 11, 27).date(), time(14), time(16))
    await bot.services.shifts.changes.change(None, carla.id, shift.id, "time", moved)
    await bot.deliver()
    assert len(got(vera, "<b>Een dienst is veranderd</b>")) == 1

    await at(bot, datetime(2026, 11, 26, 9, 0, tzinfo=UTC))  # the old 2-hour moment: nothing
    assert got(vera, SOON) == []
    await at(bot, datetime(2026, 11, 26, 13, 0, tzinfo=UTC))  # 24 hours before the new time
    assert len(got(vera, DAY)) == 2
    await at(bot, datetime(2026, 11, 27, 11, 0, tzinfo=UTC))
    assert len(got(vera, SOON)) == 1


async def test_the_first_wave_waits_and_a_short_shift_alerts_the_coordinators_once(
    bot: Harness,
) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, day=datetime(2026, 12, 17).date(), needed=2)
    vera, _ = await volunteer(bot, "Vera")

    await at(bot, datetime(2026, 12, 2, 9, 0, tzinfo=UTC))  # 15 days before: not yet
    assert got(vera, OFFER) == []
    await at(bot, datetime(2026, 12, 3, 9, 0, tzinfo=UTC))  # 14 days before
    assert len(got(vera, OFFER)) == 1
    await bot.services.shifts.signups.take(None, vera.id, shift.id)

    await at(bot, datetime(2026, 12, 14, 9, 0, tzinfo=UTC))  # 72 hours before, one short
    await at(bot, datetime(2026, 12, 14, 10, 0, tzinfo=UTC))
    alerts = got(carla, SHORT)
    assert alerts == [
        f"{SHORT}\n<b>Koffieochtend</b> · do 17-12 10:00–12:00 · Buurthuis De Boog\n"
        "1 van de 2 plekken bezet"
    ]
    assert carla.inbox()[-1].buttons == ["📣 Nu aanbieden", "Bekijken"]


async def test_a_held_place_that_is_not_answered_goes_on(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    wim, _ = await volunteer(bot, "Wim")
    ilse, _ = await volunteer(bot, "Ilse")
    signups = bot.services.shifts.signups
    for chatter in (vera, wim, ilse):
        await signups.take(None, chatter.id, shift.id, "list")
    await signups.cancel(None, vera.id, shift.id)

    await at(bot, datetime(2026, 11, 23, 15, 0, tzinfo=UTC))  # six hours later

    assert await statuses(bot, shift) == {"Vera": "cancelled", "Wim": "declined", "Ilse": "called"}
    assert (wim.inbox()[-1].text or "").startswith("We hebben je niet op tijd bereikt")


async def test_after_the_shift_the_coordinators_mark_who_came(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=2)
    for name in ("Vera", "Wim"):
        chatter, _ = await volunteer(bot, name)
        await bot.services.shifts.signups.take(None, chatter.id, shift.id, "list")

    await at(bot, datetime(2026, 11, 26, 11, 0, tzinfo=UTC))

    last = carla.inbox()[-1]
    assert (last.text or "").startswith("<b>Wie was er?</b>")
    assert last.buttons == ["✅ Vera", "✅ Wim", "Klaar"]
