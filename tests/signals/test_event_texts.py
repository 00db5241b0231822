"""Every kind of step stored in a signal's history reads as words on its card, in Dutch and in
English: a new kind without its text fails here (and cannot be stored unlisted)."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core import i18n
from bot.core.config import LANGUAGES
from storage.people import Role
from storage.signals import EVENT_ACTIONS, SignalRepository
from tests.dialogue import FakeClock, Harness, settings_for
from tests.signals.steps import latest, report, route_all_to

ROOT = Path(__file__).resolve().parents[2]
MONDAY_2000 = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)


def stored_literally() -> set[str]:
    """The kinds the code stores by name: add_event(signal, actor, "<kind>", ...)."""
    found = set()
    for path in ROOT.glob("bot/**/*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "add_event"
                and len(node.args) >= 3
                and isinstance(node.args[2], ast.Constant)
            ):
                found.add(str(node.args[2].value))
    return found


def test_every_kind_the_code_stores_is_listed() -> None:
    assert stored_literally() <= EVENT_ACTIONS
    assert {"picked_up", "contact_made"} <= EVENT_ACTIONS  # stored as the new status


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_has_a_text(language: str) -> None:
    texts = i18n.catalog(language)
    assert sorted(k for k in EVENT_ACTIONS if f"signal_work.event_{k}" not in texts) == []


async def test_an_unlisted_kind_is_not_stored(bot: Harness) -> None:
    with pytest.raises(ValueError, match="out_of_office"):
        async with bot.services.db.transaction() as tx:
            await SignalRepository(tx).add_event(1, None, "out_of_office", None, bot.clock())


async def test_the_out_of_hours_step_reads_as_words(tmp_path: Path) -> None:
    bot = await Harness(settings_for(tmp_path), clock=FakeClock(MONDAY_2000)).start()
    try:
        carla, _ = await bot.member(Role.COORDINATOR, "Carla")
        _, piet = await bot.member(Role.PROFESSIONAL, "Piet")
        anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
        await route_all_to(bot, piet)
        await report(anna, urgency="Vandaag nog")
        reply = await carla.press_data(f"sig:view:{(await latest(bot)).id}")
        assert "out_of_hours" not in reply.text
        assert "buiten kantooruren meteen gestuurd naar Carla" in reply.text
    finally:
        await bot.stop()
