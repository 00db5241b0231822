"""Closed signals are anonymised after retention.closed_signals_days; /opschonen shows what is next."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.telegram.commands import menu
from storage.people import Person, Role
from storage.signals import NewSignal, SignalRepository
from storage.timestamps import to_db
from tests.answers import NOT_ALLOWED
from tests.dialogue import Harness, settings_for
from tests.stored import events_of

DESCRIPTION = "Mevrouw de Vries op nummer 12 eet slecht sinds haar man overleed."


async def add_signal(bot: Harness, reporter: Person, owner: Person) -> int:
    new = NewSignal(
        reporter_id=reporter.id,
        owner_id=owner.id,
        category="eenzaamheid",
        wijk="Noord",
        description=DESCRIPTION,
        urgency="soon",
        consent="yes",
        photo=b"\xff\xd8jpeg",
        latitude=52.09,
        longitude=5.12,
        privacy_kept=("address",),
        privacy_reason="Anders vindt niemand het huis",
        pickup_due_at=bot.clock() + timedelta(hours=16),
    )
    async with bot.services.db.transaction() as tx:
        signals = SignalRepository(tx)
        signal_id = await signals.add(new, bot.clock())
        await signals.add_event(signal_id, reporter.id, "reported", None, bot.clock())
        await signals.add_event(signal_id, owner.id, "question", "Buurvrouw Els helpt", bot.clock())
    return signal_id


async def close(bot: Harness, signal_id: int) -> None:
    async with bot.services.db.transaction() as tx:
        await tx.execute(
            "UPDATE signals SET status = 'closed', outcome = 'referred',"
            " closing_message = 'Mevrouw gaat naar de koffieochtend', closed_at = ? WHERE id = ?",
            (to_db(bot.clock()), signal_id),
        )


async def row(bot: Harness, signal_id: int) -> dict[str, object]:
    async with bot.services.db.read() as tx:
        found = await tx.fetchone("SELECT * FROM signals WHERE id = ?", (signal_id,))
    assert found is not None
    return dict(found)


PERSONAL = (
    "description",
    "photo",
    "reporter_id",
    "latitude",
    "longitude",
    "privacy_reason",
    "closing_message",
)
KEPT = ("category", "wijk", "urgency", "status", "outcome", "owner_id", "created_at", "closed_at")


async def test_closed_signals_are_anonymised_after_180_days_not_before(bot: Harness) -> None:
    _, carla_person = await bot.member(Role.COORDINATOR, "Carla")
    _, anna = await bot.member(Role.VOLUNTEER, "Anna")
    closed_id = await add_signal(bot, anna, carla_person)
    open_id = await add_signal(bot, anna, carla_person)
    await close(bot, closed_id)
    before = await row(bot, closed_id)

    bot.clock.advance(days=180, seconds=-1)
    assert (await bot.services.retention.purge()).signals == 0
    assert await row(bot, closed_id) == before

    bot.clock.advance(seconds=1)
    assert (await bot.services.retention.purge()).signals == 1
    after = await row(bot, closed_id)
    assert all(after[column] is None for column in PERSONAL)
    assert {c: after[c] for c in KEPT} == {c: before[c] for c in KEPT}
    assert after["anonymised_at"] == to_db(bot.clock())
    events = await events_of(bot, closed_id)
    assert [e.action for e in events] == ["reported", "question"]
    assert [e.detail for e in events] == [None, None]
    assert [e.actor_id for e in events] == [None, carla_person.id]  # the reporter's link is gone

    still_open = await row(bot, open_id)
    assert still_open["description"] == DESCRIPTION and still_open["anonymised_at"] is None
    assert [e.detail for e in await events_of(bot, open_id)] == [None, "Buurvrouw Els helpt"]

    bot.clock.advance(days=1)
    assert (await bot.services.retention.purge()).signals == 0
    assert (await row(bot, closed_id))["anonymised_at"] == after["anonymised_at"]


async def test_retention_period_is_configurable(tmp_path: Path) -> None:
    bot = await Harness(settings_for(tmp_path, retention={"closed_signals_days": 30})).start()
    try:
        _, carla = await bot.member(Role.COORDINATOR, "Carla")
        _, anna = await bot.member(Role.VOLUNTEER, "Anna")
        await close(bot, await add_signal(bot, anna, carla))
        bot.clock.advance(days=30)
        assert (await bot.services.retention.purge()).signals == 1
    finally:
        await bot.stop()


async def test_coordinator_sees_what_is_anonymised_next(bot: Harness) -> None:
    carla, carla_person = await bot.member(Role.COORDINATOR, "Carla")
    vera, anna = await bot.member(Role.VOLUNTEER, "Anna")
    first = bot.clock()
    await close(bot, await add_signal(bot, anna, carla_person))  # 23-11-2026
    bot.clock.advance(days=20)
    await close(bot, await add_signal(bot, anna, carla_person))  # 13-12-2026
    bot.clock.advance(days=1)
    await close(bot, await add_signal(bot, anna, carla_person))  # 14-12-2026
    await add_signal(bot, anna, carla_person)  # open: never counted

    bot.clock.now = first + timedelta(days=175)
    reply = await carla.send("/opschonen")
    assert "180 dagen na het afsluiten" in reply.text
    assert (
        "<b>Binnen 7 dagen:</b>\n"
        "• aantal signalen: 1, afgesloten tussen 23-11-2026 en 23-11-2026\n• geen vragen\n"
        in reply.text
    )
    assert reply.text.endswith(
        "<b>Binnen 30 dagen:</b>\n"
        "• aantal signalen: 3, afgesloten tussen 23-11-2026 en 14-12-2026\n• geen vragen"
    )

    bot.clock.now = first + timedelta(days=100)
    reply = await carla.send("/purge")
    assert "<b>Binnen 7 dagen:</b>\n• geen signalen\n• geen vragen\n" in reply.text
    assert reply.text.endswith("<b>Binnen 30 dagen:</b>\n• geen signalen\n• geen vragen")

    reply = await vera.send("/opschonen")
    assert reply.text == NOT_ALLOWED


async def test_purge_is_in_the_coordinator_menu_and_answers_in_english(bot: Harness) -> None:
    assert "opschonen" in [c["command"] for c in menu(Role.COORDINATOR, "nl")]
    assert "purge" not in [c["command"] for c in menu(Role.VOLUNTEER, "en")]
    cees, _ = await bot.member(Role.COORDINATOR, "Cees", language="en")
    reply = await cees.send("/purge")
    assert "Within 7 days:</b>\n• no signals\n• no questions" in reply.text
