"""One running stand-in: its world (people, chats, messages), limits, faults and the call log.

Shared by the Bot API side (sandbox.server) and the control API (sandbox.control).
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.core.clock import OffsetClock
from sandbox.traffic import Faults, RateLimits
from sandbox.world import World

SANDBOX_TOKEN = "123456:offline-sandbox-token"
MAX_CALL_LOG = 50_000


@dataclass
class BotLink:
    """What the web chat may ask of the bot, when the launcher runs it beside the stand-in
    (sandbox.launcher.connect); None while there is no bot (python -m sandbox)."""

    # An invitation code for a role, for a new persona.
    make_invite: Callable[[str], Awaitable[str]] | None = None
    # The registered role of each of these Telegram ids (unknown ids absent), for the labels.
    roles: Callable[[list[int]], Awaitable[dict[int, str]]] | None = None
    # Run the bot's scheduler tick now: how many timers fired and how many wait (sandbox.clock).
    tick: Callable[[], Awaitable[dict[str, int]]] | None = None


@dataclass
class StandIn:
    """Everything one running stand-in holds."""

    token: str = SANDBOX_TOKEN
    # The organisation's time zone: the web chat shows times as the bot says them.
    timezone: str = "Europe/Amsterdam"
    world: World = field(default_factory=World)
    limits: RateLimits = field(default_factory=RateLimits)
    faults: Faults = field(default_factory=Faults)
    calls: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    poller: web.Request | None = None
    # The sandbox's time: its messages' dates, and the bot's clock when the launcher runs both.
    clock: OffsetClock = field(default_factory=OffsetClock)
    bot: BotLink = field(default_factory=BotLink)

    def __post_init__(self) -> None:
        self.world.clock = self.clock

    def record(self, method: str, status: int, params: dict[str, Any]) -> None:
        if len(self.calls) >= MAX_CALL_LOG:
            del self.calls[: MAX_CALL_LOG // 10]
        chat = params.get("chat_id")
        self.calls.append({"method": method, "status": status, "chat_id": chat, "at": time.time()})


STANDIN = web.AppKey("standin", StandIn)
