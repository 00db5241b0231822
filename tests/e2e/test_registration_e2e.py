"""Registration for every role, end to end: the bot runs as its own process, people use HTTP."""

from __future__ import annotations

import re

import pytest

from tests.e2e.harness import BotProcess, Person, StandInClient, db_rows, plain

pytestmark = pytest.mark.e2e


async def invite_in_chat(coordinator: Person, role: str, wijk: str) -> str:
    """A coordinator makes an invitation with /uitnodigen: role → wijk → uses → days."""
    await coordinator.send("/uitnodigen")
    await coordinator.expect(plain("nl", "invites.choose_role"))
    await coordinator.press(plain("nl", f"roles.{role}"))
    await coordinator.expect(plain("nl", "invites.choose_wijk"))
    await coordinator.press(wijk)
    await coordinator.expect(plain("nl", "invites.choose_uses"))
    await coordinator.press(plain("nl", "invites.uses", count=1))
    await coordinator.expect(plain("nl", "invites.choose_days"))
    await coordinator.press(plain("nl", "invites.days", count=7))
    made = await coordinator.expect("Uitnodiging gemaakt")
    found = re.search(r"Code: (\S+)", made["text"])
    assert found, made["text"]
    return found.group(1)


async def test_each_role_registers_and_the_coordinator_hears_of_it(
    standin: StandInClient, bot: BotProcess
) -> None:
    # A coordinator, invited on the server with the CLI.
    carla = await standin.person("Carla")
    await carla.send(f"/start {await bot.invite('coordinator')}")
    await carla.expect("Welkom bij Buurtwerk E2E! Je bent uitgenodigd als coördinator.")
    await carla.expect(plain("nl", "registration.ask_name"))
    await carla.send("Carla")
    await carla.expect(plain("nl", "registration.ask_wijk"))
    await carla.press("Noord")
    terms = await carla.expect(plain("nl", "terms.question"))
    assert "Jouw taak als coördinator" in terms["text"]
    await carla.press("✅ Ik ga akkoord")
    done = await carla.expect("Je bent aangemeld, Carla.")
    assert plain("nl", "help.coordinator") in done["text"]
    assert await carla.menu() == ["🗓 Diensten", "👥 Mensen", "✉️ Uitnodigen", "👤 Profiel", "ℹ️ Hulp"]

    # A professional in English, invited by Carla in the chat, without a fixed wijk.
    code = await invite_in_chat(carla, "professional", plain("nl", "invites.any_wijk"))
    piet = await standin.person("Piet", "en")
    await piet.send(f"/start {code}")
    await piet.expect("Welcome to Buurtwerk E2E! You have been invited as professional.")
    await piet.expect(plain("en", "registration.ask_name"))
    await piet.send("Piet Jansen")
    await piet.expect(plain("en", "registration.ask_wijk"))
    await piet.press("No fixed neighbourhood")
    terms = await piet.expect(plain("en", "terms.question"))
    await piet.press("✅ I agree")
    await piet.expect("You are registered, Piet Jansen.")
    assert await piet.menu() == ["📂 Signals", "❓ Questions", "👤 Profile", "🗂 My data", "ℹ️ Help"]
    await carla.expect("Nieuw aangemeld: Piet Jansen als beroepskracht (wijk: —).")

    # A volunteer for wijk Zuid, answering every "know your volunteer" question.
    code = await invite_in_chat(carla, "volunteer", "Zuid")
    vera = await standin.person("Vera")
    await vera.send(f"/start {code}")
    await vera.expect(plain("nl", "registration.ask_name"))
    await vera.send("Vera de Vries")
    await vera.expect(plain("nl", "registration.ask_interests"))  # the wijk came with the invite
    await vera.press("Ouderen")
    await vera.expect_button("✅ Ouderen")
    await vera.press("Klaar")
    await vera.expect(plain("nl", "registration.ask_availability"))
    await vera.press("In het weekend")
    await vera.expect_button("✅ In het weekend")
    await vera.press("Klaar")
    await vera.expect(plain("nl", "registration.ask_max_shifts"))
    await vera.press("2")
    await vera.expect(plain("nl", "registration.ask_motivation"))
    await vera.send("Ik wil mijn buurt helpen.")
    terms = await vera.expect(plain("nl", "terms.question"))
    assert "Jouw taak als vrijwilliger" in terms["text"]
    await vera.press("✅ Ik ga akkoord")
    await vera.expect("Je bent aangemeld, Vera de Vries.")
    assert await vera.menu() == [
        "📣 Signaal melden",
        "📋 Mijn signalen",
        "❓ Vraag stellen",
        "📋 Mijn vragen",
        "🗓 Diensten",
        "📅 Mijn diensten",
        "👤 Profiel",
        "🗂 Mijn gegevens",
        "ℹ️ Hulp",
    ]
    await carla.expect("Nieuw aangemeld: Vera de Vries als vrijwilliger (wijk: Zuid).")

    await vera.send("/profiel")
    profile = await vera.expect("Je profiel")
    for line in ("Interesses: Ouderen", "Beschikbaar: In het weekend", "per week: 2"):
        assert line in profile["text"]

    await bot.stop()
    assert standin.state.world.updates == [], "a clean stop confirms every processed update"
    assert await carla.count("Nieuw aangemeld") == 2
    people = db_rows(bot.db_path, "SELECT telegram_id, role, name, wijk FROM people ORDER BY id")
    assert people == [
        (carla.id, "coordinator", "Carla", "Noord"),
        (piet.id, "professional", "Piet Jansen", None),
        (vera.id, "volunteer", "Vera de Vries", "Zuid"),
    ]
    # Each person got their own command menu, through the outbox, once.
    commands = db_rows(
        bot.db_path, "SELECT chat_id, status FROM outbox WHERE method = 'setMyCommands'"
    )
    assert sorted(commands) == sorted((p.id, "sent") for p in (carla, piet, vera))
    assert db_rows(bot.db_path, "SELECT count(*) FROM flows") == [(0,)]
