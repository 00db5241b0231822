"""Who is offered a shift: the volunteers who fit (wijk, interest, availability), not paused,
on their own pause or gone, without an overlapping shift and under their maximum; in waves,
the best fitting and least recently asked first."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from storage.people import PersonRepository, Status
from storage.shift_offers import OfferRepository
from storage.timestamps import to_db
from tests.dialogue import Chatter, Harness
from tests.shifts.steps import coordinator, make_one, volunteer, wave

OFFER = "<b>Wil je komen?</b>"


def offered(*chatters: Chatter) -> list[str]:
    """Who of these got an offer."""
    return [
        c.user["first_name"]
        for c in chatters
        if any(OFFER in (call.text or "") for call in c.inbox())
    ]


async def test_only_volunteers_who_fit_are_offered(bot: Harness) -> None:
    bot.clock.now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=5)  # Thursday morning, Noord, ouderen
    fit = [
        (await volunteer(bot, "Vera"))[0],
        (await volunteer(bot, "Wim", wijk=None))[0],  # no wijk: any
        (await volunteer(bot, "Ilse", interests=()))[0],  # no interests: any
        (await volunteer(bot, "Jan", availability=("weekday_day",)))[0],
        (await volunteer(bot, "Kim", availability=("flexible",)))[0],
    ]
    unfit = [
        (await volunteer(bot, "Zoë", wijk="Zuid"))[0],
        (await volunteer(bot, "Otto", interests=("jeugd",)))[0],
        (await volunteer(bot, "Eva", availability=("weekend", "weekday_evening")))[0],
        (await volunteer(bot, "Noor", max_shifts_per_week=0))[0],
    ]
    gone = []
    for name, status in (("Piet", Status.PAUSED), ("Ali", Status.ALUMNI)):
        gone.append((await volunteer(bot, name))[0])
        async with bot.services.db.transaction() as tx:
            person = await PersonRepository(tx).by_telegram_id(gone[-1].id)
            assert person is not None
            await PersonRepository(tx).set_status(person.id, status, bot.clock())
    resting, _ = await volunteer(bot, "Rust")
    async with bot.services.db.transaction() as tx:
        await tx.execute(
            "UPDATE people SET own_pause_since = ? WHERE telegram_id = ?",
            (to_db(bot.clock()), resting.id),
        )
    gone.append(resting)
    blocked, _ = await volunteer(bot, "Bas")
    async with bot.services.db.transaction() as tx:
        await PersonRepository(tx).set_reachable(blocked.id, False)

    assert await wave(bot, shift) == 5

    assert offered(*fit, *unfit, *gone, blocked) == ["Vera", "Wim", "Ilse", "Jan", "Kim"]


async def test_someone_with_a_shift_at_that_time_or_at_their_maximum_is_not_asked(
    bot: Harness,
) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=3)
    early = await make_one(bot, carla, start=time(9, 0), end=time(10, 30), title="Ronde")
    monday = await make_one(bot, carla, day=date(2026, 11, 24), title="Maandag")
    busy, _ = await volunteer(bot, "Bea")
    full, _ = await volunteer(bot, "Fien", max_shifts_per_week=1)
    free, _ = await volunteer(bot, "Vera")
    signups = bot.services.shifts.signups
    assert (await signups.take(None, busy.id, early.id, "list")).outcome == "confirmed"
    assert (await signups.take(None, full.id, monday.id, "list")).outcome == "confirmed"

    await wave(bot, shift)

    assert offered(busy, full, free) == ["Vera"]


async def test_a_wave_asks_a_few_per_open_place_best_fitting_and_least_recently_asked_first(
    bot: Harness,
) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)  # one place: three asked (wave_per_place)
    other = await make_one(bot, carla, day=date(2026, 12, 3), title="Eerder")
    vague = (await volunteer(bot, "Anna", interests=()))[0]  # fits, but names nothing
    asked_lately = (await volunteer(bot, "Bert"))[0]
    asked_long_ago = (await volunteer(bot, "Cor"))[0]
    never_asked = (await volunteer(bot, "Dirk"))[0]
    also_never = (await volunteer(bot, "Els"))[0]
    async with bot.services.db.transaction() as tx:
        offers = OfferRepository(tx)
        for chatter, day in ((asked_lately, 20), (asked_long_ago, 2)):
            person = await PersonRepository(tx).by_telegram_id(chatter.id)
            assert person is not None
            await offers.record(other.id, person.id, 1, datetime(2026, 11, day, tzinfo=UTC))

    assert await wave(bot, shift) == 3
    assert offered(vague, asked_lately, asked_long_ago, never_asked, also_never) == [
        "Cor",
        "Dirk",
        "Els",
    ]

    assert await wave(bot, shift) == 2  # the next wave: the ones not asked yet
    assert offered(vague, asked_lately) == ["Anna", "Bert"]
    assert await wave(bot, shift) == 0


async def test_a_shift_made_near_enough_is_offered_at_once(bot: Harness) -> None:
    carla = await coordinator(bot)
    vera, _ = await volunteer(bot, "Vera")
    await make_one(bot, carla)  # Thursday: within the 14 days
    await bot.deliver()
    assert offered(vera) == ["Vera"]

    later = await make_one(bot, carla, day=date(2027, 1, 14), title="Later")
    await bot.deliver()
    assert len([c for c in vera.inbox() if OFFER in (c.text or "")]) == 1  # the later one waits
    assert later.id
