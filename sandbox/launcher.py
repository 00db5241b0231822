"""`voelspriet run` without a token: the stand-in, the bot polling it, and the web chat."""

from __future__ import annotations

import asyncio
import logging
import signal

from pydantic import SecretStr

from bot.app import serve  # the normal run path, only pointed elsewhere
from bot.core.config import Settings
from bot.services import Services
from sandbox import demo
from sandbox.server import bound_port, start
from sandbox.standin import SANDBOX_TOKEN, BotLink, StandIn
from storage.people import Role

log = logging.getLogger("sandbox")


def sandbox_settings(settings: Settings, port: int) -> Settings:
    """The same settings, pointed at the local stand-in."""
    telegram = settings.telegram.model_copy(
        update={
            "token": SecretStr(SANDBOX_TOKEN),
            "api_url": f"http://127.0.0.1:{port}/bot",
            "poll_timeout": 10,
        }
    )
    return settings.model_copy(update={"telegram": telegram})


def connect(standin: StandIn, services: Services) -> None:
    """Let the web chat reach the bot: invitations for new personas, their roles for the labels,
    and a tick as soon as someone moves the clock (the bot runs on the stand-in's clock)."""

    async def make_invite(role: str) -> str:
        return (await services.invites.create(Role(role), days=1)).code

    async def roles(telegram_ids: list[int]) -> dict[int, str]:
        wanted = set(telegram_ids)
        async with services.db.transaction() as tx:
            rows = await tx.fetchall("SELECT telegram_id, role FROM people")
        return {int(row[0]): str(row[1]) for row in rows if int(row[0]) in wanted}

    async def clock_moved() -> dict[str, int]:
        report = await services.scheduler.tick()
        return {"fired": sum(report.fired.values()), "waiting": sum(report.later.values())}

    standin.bot = BotLink(make_invite=make_invite, roles=roles, tick=clock_moved)


async def run_sandbox(settings: Settings, port: int, stop: asyncio.Event | None = None) -> None:
    """Until SIGINT/SIGTERM (or `stop`)."""
    standin = StandIn(timezone=settings.organisation.timezone)
    # Before start-up, which copies the rules naming them; on the clock the bot will run on.
    await demo.seed_people(settings, standin.clock)
    runner = await start(standin, port=port)
    port = bound_port(runner)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)

    async def ready(services: Services) -> None:
        await demo.seed(services, standin.world)
        connect(standin, services)
        print(
            f"\nVoelspriet sandbox: open http://127.0.0.1:{port}/ in your browser.\n"
            "Carla (coördinator), Pieter (beroepskracht), Vera and Wim (vrijwilligers) are ready. "
            "Ctrl-C stops everything.\n",
            flush=True,
        )

    try:
        await serve(
            sandbox_settings(settings, port), stop=stop, on_ready=ready, clock=standin.clock
        )
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        await runner.cleanup()
