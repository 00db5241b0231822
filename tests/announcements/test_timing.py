"""When copies go: a scheduled announcement is a timer of the one scheduler (cancelled until it
starts); quiet hours hold a broadcast that is not urgent until the morning, also one that runs
into them; and bulk copies never go before an interactive message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.announcements.sending import Outgoing
from storage.announcements import State
from storage.people import PersonRepository
from tests.announcements.steps import (
    LUNCH,
    NOORD_VOLUNTEERS,
    announce,
    copies_to,
    neighbourhood,
    settle,
    stored,
)
from tests.dialogue import Harness, tick
from tests.people.steps import seed

# 20:59:30 in Amsterdam (UTC+1 in November): half a minute before the quiet hours.
EVENING = datetime(2026, 11, 23, 19, 59, 30, tzinfo=UTC)


async def schedule(bot: Harness, sender_chat: int, at: datetime) -> int:
    async with bot.services.db.transaction() as tx:
        sender = await PersonRepository(tx).by_telegram_id(sender_chat)
        assert sender is not None
        sending = bot.services.announcements.sending
        added = await sending.add(tx, sender, Outgoing(NOORD_VOLUNTEERS, LUNCH), at)
    return added.id


async def test_a_scheduled_announcement_goes_at_its_moment_and_not_before(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    at = bot.clock() + timedelta(days=1)
    announcement_id = await schedule(bot, carla.id, at)
    assert (await stored(bot, announcement_id)).status is State.SCHEDULED
    await tick(bot)
    assert copies_to(bot, people["Vera"][0]) == []
    bot.clock.now = at
    await tick(bot)
    await settle(bot)
    assert [len(copies_to(bot, people[n][0])) for n in ("Vera", "Wim", "Eva")] == [1, 1, 1]
    assert (await stored(bot, announcement_id)).status is State.SENT
    await tick(bot)  # fires once
    assert len(copies_to(bot, people["Vera"][0])) == 1


async def test_a_cancelled_one_never_goes(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    at = bot.clock() + timedelta(hours=2)
    announcement_id = await schedule(bot, carla.id, at)
    await bot.services.announcements.follow_up.cancel(None, carla.id, announcement_id)
    bot.clock.now = at + timedelta(minutes=5)
    await tick(bot)
    assert copies_to(bot, people["Vera"][0]) == []
    assert (await stored(bot, announcement_id)).status is State.CANCELLED


async def test_at_night_only_an_urgent_one_goes_at_once(bot: Harness) -> None:
    people = await neighbourhood(bot)
    bot.clock.now = EVENING + timedelta(hours=2)  # 23:00
    await announce(bot, people["Carla"][1])
    await announce(bot, people["Carla"][1], urgent=True)
    await settle(bot)
    vera = people["Vera"][0]
    assert [c.params["text"].split("\n")[0] for c in copies_to(bot, vera)] == [
        "📣 Mededeling van Carla"
    ]
    bot.clock.now = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)  # 08:00 in Amsterdam
    await settle(bot)
    assert len(copies_to(bot, vera)) == 2


async def test_a_broadcast_running_into_the_quiet_hours_pauses_until_the_morning(
    bot: Harness,
) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    bot.clock.now = EVENING
    announcement = await announce(bot, people["Carla"][1])
    bot.clock.now = EVENING + timedelta(seconds=40)  # 21:00:10: the tick comes
    await tick(bot)
    await settle(bot)
    assert copies_to(bot, people["Vera"][0]) == []
    status = bot.fake.delivered(carla.id)[0]
    assert status.params["text"] == "📣 <b>Mededeling A-0001</b>\nVerstuurd: 0 van 3"
    [progress] = bot.fake.delivered(carla.id, "editMessageText")
    assert progress.params["text"].endswith(
        "⏸ Gepauzeerd tot 08:00 (stille uren). Daarna gaat het vanzelf verder."
    )
    bot.clock.now = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)
    await tick(bot)
    await settle(bot)
    assert [len(copies_to(bot, people[n][0])) for n in ("Vera", "Wim", "Eva")] == [1, 1, 1]
    assert (await stored(bot, announcement.id)).status is State.SENT


async def test_bulk_copies_never_go_before_interactive_messages(bot: Harness) -> None:
    people = await neighbourhood(bot)
    for number in range(40):
        await seed(bot, f"Vrijwilliger {number}")
    await announce(bot, people["Carla"][1])
    pieter = people["Pieter"][0]
    async with bot.services.db.transaction() as tx:
        await bot.services.outbox.message(tx, "alert", pieter.id, "Nieuw signaal", bot.clock())
    await bot.deliver()
    sent = [c for c in bot.fake.calls if c.method == "sendMessage"]
    assert sent[0].chat_id == people["Carla"][0].id  # the sender's status: interactive
    assert sent[1].params["text"] == "Nieuw signaal"  # before any of the 43 copies
    assert len(sent) == 45
