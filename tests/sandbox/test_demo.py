"""The sandbox's demo organisation: the seeded personas work like registered people."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import aiohttp
import aiosqlite
import pytest

from bot.app import serve
from bot.cli import DEMO_CONFIG
from bot.core.config import load_settings
from bot.services import Services
from bot.telegram.commands import menu
from sandbox import demo
from sandbox.launcher import run_sandbox, sandbox_settings
from sandbox.server import bound_port, start
from sandbox.standin import StandIn


async def test_the_demo_personas_get_their_roles_command_menu(tmp_path: Path) -> None:
    """Carla, Pieter and Vera never registered through the bot, yet their ☰ menu is their role's,
    not the stranger's /start, /hulp, /taal."""
    settings = load_settings(DEMO_CONFIG)
    settings = settings.model_copy(
        update={"database": settings.database.model_copy(update={"path": tmp_path / "db"})}
    )
    await demo.seed_people(settings)  # as sandbox.launcher does, before start-up
    standin = StandIn()
    runner = await start(standin, port=0)
    port = bound_port(runner)
    stop = asyncio.Event()
    menus: dict[int, list[str]] = {}
    reachable = [p for p in demo.PERSONAS if not p.blocked]

    async def ready(services: Services) -> None:
        await demo.seed(services, standin.world)
        async with aiohttp.ClientSession() as http:
            for _ in range(100):  # the outbox delivers in the background
                for persona in reachable:
                    url = f"http://127.0.0.1:{port}/sandbox/people/{persona.telegram_id}/commands"
                    async with http.get(url) as answer:
                        found = (await answer.json())["commands"]
                    menus[persona.telegram_id] = [c["command"] for c in found]
                if all("start" not in m for m in menus.values()):
                    break
                await asyncio.sleep(0.05)
        stop.set()

    try:
        await asyncio.wait_for(serve(sandbox_settings(settings, port), stop, ready), 30)
    finally:
        await runner.cleanup()
    assert menus == {
        p.telegram_id: [c["command"] for c in menu(p.role, p.language)] for p in reachable
    }
    assert "uitnodigen" in menus[100_001] and "afwezig" in menus[100_002]


async def test_a_fresh_sandbox_seeds_its_people_before_their_routing_rules(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo's routing rules name Pieter: he must exist when start-up copies them, or the
    log says "routing rule 1 … skipped: no active professional" on every fresh start."""
    settings = load_settings(DEMO_CONFIG)
    path = tmp_path / "fresh.sqlite3"
    settings = settings.model_copy(
        update={"database": settings.database.model_copy(update={"path": path})}
    )
    stop = asyncio.Event()
    caplog.set_level(logging.INFO)
    running = asyncio.create_task(run_sandbox(settings, 0, stop))
    printed = ""
    for _ in range(600):  # until the launcher says the personas are ready
        printed += capsys.readouterr().out
        if "are ready" in printed or running.done():
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(running, 30)

    assert "are ready" in printed
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    async with aiosqlite.connect(path) as db:
        rules = await db.execute_fetchall("SELECT count(*) FROM routing_rules")
    assert next(iter(rules))[0] == len(settings.routing.rules) > 0


async def test_the_demo_has_a_newcomer_and_an_experienced_volunteer_to_pair(
    tmp_path: Path,
) -> None:
    """/maatje in the demo offers Vera (new) and Wim (with us over a year), not an empty list."""
    settings = load_settings(DEMO_CONFIG)
    settings = settings.model_copy(
        update={"database": settings.database.model_copy(update={"path": tmp_path / "db"})}
    )
    await demo.seed_people(settings)
    services = Services.build(settings)
    await services.db.open()
    try:
        newcomers = [p.name for p in await services.buddies.newcomers()]
        experienced = [p.name for p in await services.buddies.experienced()]
    finally:
        await services.db.close()
    assert "Vera" in newcomers and "Wim" not in newcomers
    assert experienced == ["Wim"]
