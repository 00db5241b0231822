"""One running stand-in: its world (people, chats, messages), limits, faults and the call log.

Shared by the Bot API side (sandbox.server) and the control API (sandbox.control).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from sandbox.traffic import Faults, RateLimits
from sandbox.world import World

SANDBOX_TOKEN = "123456:offline-sandbox-token"
MAX_CALL_LOG = 50_000


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

    def record(self, method: str, status: int, params: dict[str, Any]) -> None:
        if len(self.calls) >= MAX_CALL_LOG:
            del self.calls[: MAX_CALL_LOG // 10]
        chat = params.get("chat_id")
        self.calls.append({"method": method, "status": status, "chat_id": chat, "at": time.time()})


STANDIN = web.AppKey("standin", StandIn)
