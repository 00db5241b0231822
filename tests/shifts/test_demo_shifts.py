"""The sandbox demo's shifts: four recurring shifts made once by Carla, which Vera and Wim (two
volunteers in Noordoost) are offered and Carla sees in her coverage."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from bot.cli import DEMO_CONFIG
from bot.core.config import load_settings
from sandbox import demo
from sandbox.world import World
from storage.shifts import ShiftRepository
from tests.dialogue import Chatter, Harness, tick


async def test_the_demo_has_recurring_shifts_for_vera_and_wim(tmp_path: Path) -> None:
    settings = load_settings(DEMO_CONFIG)
    settings = settings.model_copy(
        update={
            "database": settings.database.model_copy(update={"path": tmp_path / "db"}),
            "telegram": settings.telegram.model_copy(
                update={"token": SecretStr("123456789:TEST"), "rate_limits": False}
            ),
        }
    )
    await demo.seed_people(settings)  # as the launcher does, before start-up
    bot = await Harness(settings).start()
    try:
        await demo.seed(bot.services, World())
        await demo.seed(bot.services, World())  # a second start adds nothing
        async with bot.services.db.read() as tx:
            series = await ShiftRepository(tx).running_series()
        assert [s.title for s in series] == [
            "Koffieochtend",
            "Boodschappenronde",
            "Voedselbank uitdelen",
            "Taalcafé",
        ]
        await tick(bot)  # the first waves
        for name, telegram_id in (("Vera", 100_003), ("Wim", 100_004)):
            chatter = Chatter(bot, {"id": telegram_id, "first_name": name, "is_bot": False})
            offers = [c for c in chatter.inbox() if "Wil je komen?" in (c.text or "")]
            assert offers, name
        carla = Chatter(bot, {"id": 100_001, "first_name": "Carla", "is_bot": False})
        reply = await carla.send("/diensten")
        assert reply.text.startswith("<b>Diensten, komende twee weken</b>")
    finally:
        await bot.stop()
