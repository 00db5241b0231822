"""Announcements end to end: the bot as its own process, Carla in the stand-in's chat.

- kill -9 in the middle of a broadcast to 1,000 volunteers, restart: every volunteer gets it
  exactly once, and Carla gets one report;
- Telegram answers 429 and 502 along the way, one volunteer blocked the bot and one chat is
  gone: everyone else gets it exactly once, and the report names the rest.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import pytest

from storage.database import Database
from storage.timestamps import to_db
from tests.e2e.harness import BotProcess, Person, StandInClient, db_rows, eventually

pytestmark = pytest.mark.e2e

FIRST = 7_100_001
CARLA = 7_000_500
TEXT = "Kerstlunch vrijdag 20 december om 12:00 in de buurtkamer."
HEADER = "📣 Mededeling van Carla"


async def seed(bot: BotProcess, standin: StandInClient, volunteers: int) -> Person:
    """Carla and the volunteers registered before the bot starts, each with a chat."""
    database = Database(bot.db_path)
    await database.open()  # applies the migrations
    stamp = to_db(datetime.now(UTC))
    people = [(CARLA, "coordinator", "Carla", None)]
    people += [(FIRST + i, "volunteer", f"Vrijwilliger {i}", "Noord") for i in range(volunteers)]
    async with database.transaction() as tx:
        await tx.executemany(
            "INSERT INTO people (telegram_id, role, name, wijk, language, terms_accepted_at,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, 'nl', ?, ?, ?)",
            [(*person, stamp, stamp, stamp) for person in people],
        )
    await database.close()
    world = standin.state.world
    for telegram_id, _, name, _ in people:
        world.add_person(name, "nl", person_id=telegram_id).started = True
    return Person(standin, CARLA, "Carla", "nl")


async def announce(
    carla: Person, before_sending: Callable[[], Awaitable[None]] | None = None
) -> None:
    """/bericht to every volunteer, not important, sent now."""
    await carla.send("/bericht")
    await carla.expect("Aan wie?")
    await carla.press("🔎 Kiezen: rol, wijk, interesse")
    await carla.expect("Welke rollen?")
    await carla.press("Vrijwilligers")
    await carla.expect_button("✅ Vrijwilligers")
    await carla.press("Klaar")
    await carla.expect("Welke wijken?")
    await carla.press("Klaar")
    await carla.expect("Met welke interesse?")
    await carla.press("Klaar")
    await carla.expect("Typ je mededeling.")
    await carla.send(TEXT)
    await carla.expect("Is het belangrijk?")
    await carla.press("Nee, gewoon een bericht")
    await carla.expect("Versturen, iets aanpassen of stoppen?")
    if before_sending is not None:
        await before_sending()
    await carla.press("📣 Versturen")


def copies(standin: StandInClient) -> Counter[int]:
    """Copies of the announcement per chat, as the stand-in received them (Carla's preview is
    none)."""
    found: Counter[int] = Counter()
    for chat_id, messages in standin.state.world.chats.items():
        if chat_id == CARLA:
            continue
        for message in messages:
            if message.from_bot and (message.text or "").startswith(HEADER):
                found[chat_id] += 1
    return found


def marked_sent(bot: BotProcess) -> int:
    [(count,)] = db_rows(
        bot.db_path, "SELECT count(*) FROM outbox WHERE key LIKE 'an:%:to:%' AND status = 'sent'"
    )
    return int(count)


async def test_killed_mid_broadcast_every_volunteer_gets_it_exactly_once(
    standin: StandInClient, new_bot: BotProcess
) -> None:
    bot, volunteers = new_bot, 1000
    carla = await seed(bot, standin, volunteers)
    await bot.start()
    await announce(carla)
    await carla.expect("Verstuurd: 0 van 1.000")

    async def under_way() -> bool | None:
        return True if sum(copies(standin).values()) >= 300 else None

    await eventually(under_way, "300 copies to arrive", within=60)
    # Freeze Telegram, so that every copy on its way hangs there, and wait until each copy the
    # bot marked sent has arrived: the one moment at which nothing is in flight to count twice.
    await standin.faults(latency=30)

    async def settled() -> bool | None:
        return True if marked_sent(bot) == sum(copies(standin).values()) else None

    await eventually(settled, "the marked copies to match the arrived ones", within=20)
    await bot.kill()
    arrived_before = sum(copies(standin).values())
    assert 300 <= arrived_before < volunteers
    await standin.clear_faults()

    await bot.start()

    async def all_there() -> bool | None:
        return True if len(copies(standin)) == volunteers else None

    await eventually(all_there, "every volunteer's copy", within=120)
    await carla.expect("✅ Afgeleverd: 1.000", within=30)
    await asyncio.sleep(2)  # anything sent twice would have arrived by now
    assert set(copies(standin).values()) == {1}, "a volunteer got it twice"
    assert await carla.count("— verstuurd") == 1  # one report
    assert await carla.count("A-0001\nVerstuurd: ") == 1  # one status message, edited in place
    await bot.stop()


async def test_429s_and_502s_exactly_once_and_the_rest_reported(
    standin: StandInClient, new_bot: BotProcess
) -> None:
    bot, volunteers = new_bot, 200
    carla = await seed(bot, standin, volunteers)
    world = standin.state.world
    blocked, gone = FIRST + 7, FIRST + 8
    world.people[blocked].blocked = True
    del world.people[gone]  # the chat is gone: Telegram answers "chat not found"
    await bot.start()

    async def faults() -> None:  # the copies meet them, not Carla's dialogue
        await standin.limits(True)
        await standin.faults(status=429, retry_after=1, method="sendMessage", times=4)
        await standin.faults(status=502, method="sendMessage", times=4)

    await announce(carla, faults)
    report = await carla.expect("✅ Afgeleverd: 198", within=60)
    assert "🚫 Niet bereikbaar: 1" in report["text"] and "⚠️ Mislukt: 1" in report["text"]
    await asyncio.sleep(2)
    found = copies(standin)
    assert len(found) == volunteers - 2 and set(found.values()) == {1}
    statuses = Counter(c["status"] for c in await standin.calls("sendMessage"))
    assert statuses[429] >= 4 and statuses[502] == 4
    await carla.press("📞 Wie niet bereikt (2)")
    await carla.expect("• Vrijwilliger 7 (Noord), vrijwilliger: heeft de bot geblokkeerd")
    assert await carla.count("• Vrijwilliger 8 (Noord), vrijwilliger: versturen mislukt") == 1
    await bot.stop()
