"""The access gate end to end: strangers and the wrong role get one short answer and nothing else."""

from __future__ import annotations

import pytest

from tests.e2e.harness import BotProcess, StandInClient, db_rows, plain, register

pytestmark = pytest.mark.e2e

NOT_REGISTERED = plain("nl", "access.not_registered")
NOT_ALLOWED = plain("nl", "access.not_allowed")


async def test_strangers_and_volunteers_get_no_further_than_the_gate(
    standin: StandInClient, bot: BotProcess
) -> None:
    carla = await standin.person("Carla")
    await register(carla, await bot.invite("coordinator"), wijk="Noord")
    vera = await standin.person("Vera")
    await register(vera, await bot.invite("volunteer", wijk="Zuid"))
    await carla.expect("Nieuw aangemeld: Vera als vrijwilliger (wijk: Zuid).")
    carla_messages = await carla.texts()
    invites_before = db_rows(bot.db_path, "SELECT * FROM invites ORDER BY code")

    # Someone without an account (their client sends /start first, as Telegram's do): commands,
    # and forged buttons pressed on a message the bot sent them.
    mallory = await standin.person("Mallory")
    await mallory.send("/start")
    await mallory.expect(plain("nl", "start.no_code"))
    for command in ("/profiel", "/mensen"):
        await mallory.send(command)
        await mallory.expect(NOT_REGISTERED)
    for data in ("pp:pause:1", "inv:c:-:25:30", "pf:name"):
        await mallory.press_data(data)
        await mallory.expect_toast(NOT_REGISTERED)
    await mallory.send("/hulp")  # answered in order, so everything before it is done
    await mallory.expect(plain("nl", "help.unregistered")[:40])
    assert await mallory.texts() == [
        plain("nl", "start.no_code"),
        NOT_REGISTERED,
        NOT_REGISTERED,
        plain("nl", "help.unregistered"),
    ]

    # A volunteer: coordinators' commands and a forged "make a coordinator invitation" button.
    before = len(await vera.texts())
    await vera.send("/mensen")
    await vera.expect(NOT_ALLOWED)
    for data in ("inv:c:-:25:30", "pp:pause:1", "pp:setrole:2:c"):
        await vera.press_data(data)
        await vera.expect_toast(NOT_ALLOWED)
    await vera.send("/hulp")
    await vera.expect(plain("nl", "help.volunteer")[:40])
    assert (await vera.texts())[before:] == [NOT_ALLOWED, plain("nl", "help.volunteer")]

    await bot.stop()
    assert await carla.texts() == carla_messages  # no notice, no apology, nothing
    assert db_rows(bot.db_path, "SELECT * FROM invites ORDER BY code") == invites_before
    assert db_rows(bot.db_path, "SELECT id, telegram_id, role, status FROM people ORDER BY id") == [
        (1, carla.id, "coordinator", "active"),
        (2, vera.id, "volunteer", "active"),
    ]
    assert db_rows(bot.db_path, "SELECT count(*) FROM flows") == [(0,)]
    assert db_rows(bot.db_path, "SELECT key FROM outbox WHERE key NOT LIKE 'commands:%'") == [
        ("registered:2:1",)
    ]
