"""kill -9 at awkward moments, then a restart: nothing is lost and nothing happens twice."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.e2e.harness import (
    BotProcess,
    Person,
    StandInClient,
    assert_outbox_delivered_once,
    db_rows,
    eventually,
    finish_registration,
    plain,
    register,
)

pytestmark = pytest.mark.e2e

USE_BUTTONS = plain("nl", "common.use_buttons")


def notice(name: str, role: str, wijk: str = "—") -> str:
    return f"Nieuw aangemeld: {name} als {role} (wijk: {wijk})."


async def coordinators(standin: StandInClient, bot: BotProcess, *names: str) -> list[Person]:
    code = await bot.invite("coordinator", uses=len(names))
    people = []
    for name in names:
        person = await standin.person(name)
        await register(person, code, wijk="Noord")
        people.append(person)
    return people


async def test_killed_mid_registration_the_person_carries_on_where_they_were(
    standin: StandInClient, bot: BotProcess
) -> None:
    [carla] = await coordinators(standin, bot, "Carla")
    vera = await standin.person("Vera")
    await vera.send(f"/start {await bot.invite('volunteer')}")
    await vera.expect(plain("nl", "registration.ask_name"))
    await vera.send("Vera")
    await vera.expect(plain("nl", "registration.ask_wijk"))

    await bot.kill()  # 1: right after the name was answered
    await bot.start()
    await vera.send("/start")  # "where was I?": the draft survived, at the wijk question
    await vera.expect(plain("nl", "registration.ask_wijk"))
    await vera.press("Zuid")
    await vera.expect(plain("nl", "registration.ask_interests"))
    await vera.press("Ouderen")
    await vera.expect_button("✅ Ouderen")

    await bot.kill()  # 2: halfway through a tick-list
    await bot.start()
    await vera.press("Klaar")  # the button of before the crash still works
    await finish_registration(vera, await vera.next_message())
    await carla.expect(notice("Vera", "vrijwilliger", "Zuid"))

    await bot.stop()
    assert await vera.count(USE_BUTTONS) == 0  # no answer was taken twice
    assert await vera.count("Je bent aangemeld") == 1
    assert await carla.count(notice("Vera", "vrijwilliger", "Zuid")) == 1
    assert db_rows(
        bot.db_path, "SELECT name, wijk, interests FROM people WHERE telegram_id = ?", [vera.id]
    ) == [("Vera", "Zuid", '["ouderen"]')]
    assert db_rows(bot.db_path, "SELECT count(*) FROM flows") == [(0,)]
    assert db_rows(bot.db_path, "SELECT key FROM outbox WHERE key LIKE 'registered:%'") == [
        ("registered:2:1",)
    ]
    assert_outbox_delivered_once(bot, {p.id: await p.texts() for p in (carla, vera)})


async def test_ctrl_c_lets_the_update_in_hand_finish_and_confirms_it(
    standin: StandInClient, bot: BotProcess
) -> None:
    vera = await standin.person("Vera")
    await vera.send(f"/start {await bot.invite('volunteer')}")
    await vera.expect(plain("nl", "registration.ask_name"))

    await standin.faults(latency=0.5)  # the answer to the name takes a while
    await vera.send("Vera")

    async def stored() -> bool | None:
        rows = db_rows(bot.db_path, "SELECT step FROM flows WHERE telegram_id = ?", [vera.id])
        return True if rows == [("wijk",)] else None

    await eventually(stored, "the name to be stored")
    await bot.stop()  # SIGINT while the answer is on its way: it still goes out, exit 0
    assert await vera.count(plain("nl", "registration.ask_wijk")) == 1
    assert standin.state.world.updates == [], "the handled update is confirmed"

    await standin.clear_faults()
    await bot.start()
    await vera.press("Noord")
    await vera.expect(plain("nl", "registration.ask_interests"))


async def test_killed_with_notices_waiting_in_the_outbox_each_arrives_once(
    standin: StandInClient, new_bot: BotProcess
) -> None:
    bot = new_bot
    await bot.start(per_chat_per_second=0.2)  # per chat a burst of 3, then one every 5 s
    carla, bert = await coordinators(standin, bot, "Carla", "Bert")
    code = await bot.invite("professional", uses=5)
    names = ["Ans", "Bas", "Cas", "Dirk", "Eva"]
    professionals = [await standin.person(name) for name in names]
    await asyncio.gather(*(register(p, code) for p in professionals))

    async def menus_out() -> bool | None:
        rows = db_rows(bot.db_path, "SELECT status FROM outbox WHERE method = 'setMyCommands'")
        return True if all(status == "sent" for (status,) in rows) else None

    await eventually(menus_out, "everyone's command menu to be set")

    # Freeze Telegram (anything sent from now on hangs) and wait until the outbox has notices
    # waiting for both coordinators while every row marked sent has really arrived.
    await standin.faults(latency=30)

    async def waiting() -> bool | None:
        rows = db_rows(
            bot.db_path, "SELECT chat_id, status FROM outbox WHERE method = 'sendMessage'"
        )
        for person in (carla, bert):
            mine = [status for chat, status in rows if chat == person.id]
            if "pending" not in mine:
                return None
            if mine.count("sent") != await person.count("Nieuw aangemeld"):
                return None  # one is on its way
        return True

    await eventually(waiting, "notices waiting in the outbox")
    await bot.kill()
    await standin.clear_faults()

    await bot.start(per_chat_per_second=10)
    for name in names:
        await carla.expect(notice(name, "beroepskracht"))
        await bert.expect(notice(name, "beroepskracht"))
    await carla.expect(notice("Bert", "coördinator", "Noord"))

    await bot.stop()
    for name in names:
        assert await carla.count(notice(name, "beroepskracht")) == 1
        assert await bert.count(notice(name, "beroepskracht")) == 1
    assert await carla.count("Nieuw aangemeld") == 6
    assert await bert.count("Nieuw aangemeld") == 5
    everyone = [carla, bert, *professionals]
    assert_outbox_delivered_once(bot, {p.id: await p.texts() for p in everyone})


async def test_notices_held_for_a_blocked_coordinator_survive_a_crash(
    standin: StandInClient, bot: BotProcess
) -> None:
    carla, bert = await coordinators(standin, bot, "Carla", "Bert")
    await carla.expect(notice("Bert", "coördinator", "Noord"))
    await standin.post(f"/sandbox/people/{carla.id}/blocked", {"blocked": True})
    piet = await standin.person("Piet")
    await register(piet, await bot.invite("professional"))
    await bert.expect(notice("Piet", "beroepskracht"))
    unreachable = plain("nl", "delivery.unreachable", name="Carla", role="coördinator")
    await bert.expect(unreachable)  # Telegram said 403 for Carla: her notice is held

    async def held() -> bool | None:
        # Carla's notices are held; every other row is sent and marked so (killing between a
        # send and its bookkeeping would repeat that one message: the documented window).
        rows = db_rows(bot.db_path, "SELECT key, chat_id, status FROM outbox")
        carlas = {key for key, chat, status in rows if chat == carla.id and status == "held"}
        done = all(status != "pending" for _, _, status in rows)
        return True if done and carlas == {"registered:3:1"} else None

    await eventually(held, "Carla's notices to be held")
    await bot.kill()
    await bot.start()

    await standin.post(f"/sandbox/people/{carla.id}/blocked", {"blocked": False})
    await carla.send("/hulp")  # writing again releases what was held back
    await carla.expect(notice("Piet", "beroepskracht"))

    await bot.stop()
    print(
        await bert.texts(),
        db_rows(bot.db_path, "SELECT id, key, chat_id, status, attempts, error FROM outbox"),
    )
    assert await carla.count(notice("Piet", "beroepskracht")) == 1
    assert await bert.count(notice("Piet", "beroepskracht")) == 1
    assert await bert.count(unreachable) == 1
    assert db_rows(
        bot.db_path, "SELECT reachable FROM people WHERE telegram_id = ?", [carla.id]
    ) == [(1,)]
    assert_outbox_delivered_once(bot, {p.id: await p.texts() for p in (carla, bert, piet)})


async def test_updates_being_handled_when_killed_come_again_and_count_once(
    standin: StandInClient, bot: BotProcess
) -> None:
    [carla] = await coordinators(standin, bot, "Carla")
    code = await bot.invite("professional")
    piet = await standin.person("Piet")
    await register(piet, code, accept=False)

    # While the bot is down, Piet agrees and asks for his profile: on the next start both come
    # in one batch, the profile waiting behind the agreement (one chat is handled in order).
    await bot.kill()
    unconfirmed = {u["update_id"] for u in standin.state.world.updates}  # (the last answer, maybe)
    await piet.press("✅ Ik ga akkoord")
    await piet.send("/profiel")
    mine = [
        u["update_id"] for u in standin.state.world.updates if u["update_id"] not in unconfirmed
    ]
    assert len(mine) == 2

    # Every Bot API call now takes a while, so the bot is busy answering the agreement.
    await standin.faults(latency=0.7)
    await bot.start()

    async def committed() -> bool | None:
        rows = db_rows(bot.db_path, "SELECT 1 FROM people WHERE telegram_id = ?", [piet.id])
        return True if rows else None

    await eventually(committed, "the agreement to be stored")
    assert {u["update_id"] for u in standin.state.world.updates} >= set(mine)
    await bot.kill()  # the agreement stored but not answered, its notices not sent, the profile
    await standin.clear_faults()  # request not handled; neither update confirmed
    await bot.start()

    await carla.expect(notice("Piet", "beroepskracht"))
    await piet.expect("Je profiel")  # nothing lost: the update behind the crash is handled

    async def confirmed() -> bool | None:
        return None if any(_from(u) == piet.id for u in standin.state.world.updates) else True

    await eventually(confirmed, "the redelivered updates to be confirmed")
    await piet.send("/start")
    await piet.expect("Welkom terug, Piet!")  # registered, although the answer was lost
    assert await piet.menu() == [
        "📂 Signalen",
        "❓ Vragen",
        "👤 Profiel",
        "🗂 Mijn gegevens",
        "ℹ️ Hulp",
    ]

    await bot.stop()
    assert await carla.count(notice("Piet", "beroepskracht")) == 1
    assert await piet.count("Je profiel") == 1
    assert await piet.count("Je bent aangemeld") <= 1  # a direct answer may be lost, never doubled
    assert db_rows(bot.db_path, "SELECT count(*) FROM people WHERE telegram_id = ?", [piet.id]) == [
        (1,)
    ]
    assert db_rows(bot.db_path, "SELECT uses FROM invites WHERE code = ?", [code]) == [(1,)]
    assert db_rows(
        bot.db_path, "SELECT count(*) FROM processed_updates WHERE update_id = ?", mine[:1]
    ) == [(1,)]
    assert db_rows(
        bot.db_path,
        "SELECT status FROM outbox WHERE chat_id = ? AND method = 'setMyCommands'",
        [piet.id],
    ) == [("sent",)]
    assert_outbox_delivered_once(bot, {p.id: await p.texts() for p in (carla, piet)})


def _from(update: dict[str, Any]) -> int | None:
    """Who sent this update (a message or a button press)."""
    body = update.get("message") or update.get("callback_query") or {}
    sender = body.get("from") or {}
    return int(sender["id"]) if "id" in sender else None
