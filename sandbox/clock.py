"""The sandbox's clock, moved forward from the web chat (⏩ +1 uur, +1 dag, naar maandag 09:00), so
a newcomer sees reminders and escalations without waiting for them.

GET /sandbox/clock tells the time; POST /sandbox/clock {"step": "hour" | "day" | "monday"} moves
it (never back) and, when the launcher runs the bot beside the stand-in, runs the bot's
scheduler tick at once and says what it did. Message dates follow the same clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from bot.scheduling.local_time import ORGANISATION_ZONE, instant_of, wall_clock
from sandbox.standin import STANDIN, StandIn


def next_monday_nine(now: datetime, zone: ZoneInfo = ORGANISATION_ZONE) -> datetime:
    """The first Monday 09:00, the organisation's time, after `now`."""
    local = wall_clock(now, zone)
    monday = local.date() + timedelta(days=(7 - local.weekday()) % 7)
    target = instant_of(datetime.combine(monday, time(9)), zone)
    if target <= now:
        target = instant_of(datetime.combine(monday + timedelta(days=7), time(9)), zone)
    return target


STEPS: dict[str, Callable[[datetime, ZoneInfo], timedelta]] = {
    "hour": lambda now, zone: timedelta(hours=1),
    "day": lambda now, zone: timedelta(days=1),
    "monday": lambda now, zone: next_monday_nine(now, zone) - now,
}


def reading(standin: StandIn) -> dict[str, Any]:
    """The sandbox's time in the organisation's zone, and how far it is ahead of the real one."""
    return {
        "now": standin.clock().astimezone(ZoneInfo(standin.timezone)).isoformat(),
        "ahead_seconds": int(standin.clock.offset.total_seconds()),
    }


async def tell(request: web.Request) -> web.Response:
    return web.json_response(reading(request.app[STANDIN]))


async def move(request: web.Request) -> web.Response:
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text="JSON body expected") from None
    step = body.get("step") if isinstance(body, dict) else None
    if step not in STEPS:
        raise web.HTTPBadRequest(text=f"step must be one of {', '.join(STEPS)}")
    standin = request.app[STANDIN]
    standin.clock.advance(STEPS[step](standin.clock(), ZoneInfo(standin.timezone)))
    now = reading(standin)
    standin.world.clock_moved(now["now"])
    tick = standin.bot.tick
    return web.json_response({**now, "tick": await tick() if tick is not None else None})


def add_routes(app: web.Application) -> None:
    app.router.add_get("/sandbox/clock", tell)
    app.router.add_post("/sandbox/clock", move)
