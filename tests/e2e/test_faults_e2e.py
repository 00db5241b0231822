"""Telegram misbehaves (429, 502, slow answers): every outbox message still arrives exactly once."""

from __future__ import annotations

import pytest

from tests.e2e.harness import (
    BotProcess,
    Person,
    StandInClient,
    assert_outbox_delivered_once,
    db_rows,
    eventually,
    plain,
    register,
)

pytestmark = pytest.mark.e2e

SOMETHING_WRONG = "Er ging iets mis"


async def test_notices_arrive_once_through_429s_502s_and_latency(
    standin: StandInClient, bot: BotProcess
) -> None:
    code = await bot.invite("coordinator", uses=3)
    coordinators: list[Person] = []
    for name in ("Carla", "Bert", "Cor"):
        coordinators.append(await standin.person(name))
        await register(coordinators[-1], code, wijk="Noord")
    carla = coordinators[0]
    piet = await standin.person("Piet")
    await register(piet, await bot.invite("professional"), accept=False)

    # 1. Piet's agreement queues a notice for each of three coordinators. The first three
    # sendMessage calls fail (429, 429, 502): the notices, which leave at once, while Piet's
    # welcome follows two slow calls (answer the button, close its keyboard) later.
    await standin.faults(latency=0.3)
    await standin.faults(status=429, retry_after=1, method="sendMessage", times=2)
    await standin.faults(status=502, method="sendMessage", times=1)
    await piet.press("✅ Ik ga akkoord")
    await piet.expect("Je bent aangemeld, Piet.")
    for coordinator in coordinators:
        await coordinator.expect("Nieuw aangemeld: Piet als beroepskracht")
    assert (await standin.faults())["queued"] == 0, "every injected fault was used"
    await standin.clear_faults()

    # 2. Carla pauses and resumes Piet three times in a row, quickly. Each change queues a
    # message for Piet; the first try meets a 429, the second a 502, and then Telegram's own
    # flood limit (a burst of 4, then 1 per second) answers 429 to the bot's faster pace.
    await carla.send("/mensen")
    await carla.expect("Mensen")
    await carla.press("Piet · beroepskracht")
    await carla.expect_button("Pauzeren")
    card, _ = await carla.button("Pauzeren")
    [(piet_id,)] = db_rows(bot.db_path, "SELECT id FROM people WHERE telegram_id = ?", [piet.id])
    await standin.limits(True)
    await standin.faults(latency=0.05)
    await standin.faults(status=429, retry_after=1, method="sendMessage", times=1)
    await standin.faults(status=502, method="sendMessage", times=1)
    for _ in range(3):
        await carla.press_data(f"pp:pause:{piet_id}", card)
        await carla.press_data(f"pp:resume:{piet_id}", card)
    paused = plain("nl", "people.you_are_paused", name="Piet")
    active = plain("nl", "people.you_are_active", name="Piet")

    async def all_told() -> bool | None:
        return True if (await piet.texts())[-6:] == [paused, active] * 3 else None

    await eventually(all_told, "Piet to hear of every change", within=20)

    await bot.stop()
    statuses = [c["status"] for c in await standin.calls("sendMessage")]
    assert statuses.count(502) == 2, statuses
    refused_by_limits = (await standin.get("/sandbox/calls"))["refused"]
    assert refused_by_limits >= 1, statuses
    assert statuses.count(429) == 3 + refused_by_limits, statuses
    assert await piet.count(paused) == 3
    assert await piet.count(active) == 3
    for coordinator in coordinators:
        assert await coordinator.count("Nieuw aangemeld: Piet als beroepskracht") == 1
    everyone = [*coordinators, piet]
    for person in everyone:
        assert await person.count(SOMETHING_WRONG) == 0
    assert_outbox_delivered_once(bot, {p.id: await p.texts() for p in everyone})
    assert db_rows(bot.db_path, "SELECT status FROM people WHERE telegram_id = ?", [piet.id]) == [
        ("active",)
    ]
