"""The sandbox's demo organisation: the seeded personas work like registered people."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp

from bot.app import serve
from bot.cli import DEMO_CONFIG
from bot.core.config import load_settings
from bot.services import Services
from bot.telegram.commands import menu
from sandbox import demo
from sandbox.launcher import sandbox_settings
from sandbox.server import bound_port, start
from sandbox.standin import StandIn


async def test_the_demo_personas_get_their_roles_command_menu(tmp_path: Path) -> None:
    """Carla, Pieter and Vera never registered through the bot, yet their ☰ menu is their role's,
    not the stranger's /start, /hulp, /taal."""
    settings = load_settings(DEMO_CONFIG)
    settings = settings.model_copy(
        update={"database": settings.database.model_copy(update={"path": tmp_path / "db"})}
    )
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
