"""Telegram's flood limits and injected faults, as the stand-in applies them to the bot's calls."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

GLOBAL_PER_SECOND = 30.0
PRIVATE_PER_SECOND = 1.0
PRIVATE_BURST = 4  # a small burst, then about one per second
GROUP_PER_MINUTE = 20.0


class _Bucket:
    def __init__(self, capacity: float, per_second: float) -> None:
        self.capacity = capacity
        self.per_second = per_second
        self.level = 0.0
        self.stamp = time.monotonic()

    def take(self) -> float | None:
        """Take one; None if allowed, else the seconds until there is room."""
        now = time.monotonic()
        self.level = max(0.0, self.level - (now - self.stamp) * self.per_second)
        self.stamp = now
        if self.level + 1 <= self.capacity:
            self.level += 1
            return None
        return (self.level + 1 - self.capacity) / self.per_second


class RateLimits:
    def __init__(self) -> None:
        self.enabled = True
        self._global = _Bucket(GLOBAL_PER_SECOND, GLOBAL_PER_SECOND)
        self._chats: dict[int, _Bucket] = {}
        self.refused = 0

    def check(self, chat_id: int) -> int | None:
        """None when the send may go ahead, else retry_after in whole seconds (at least 1)."""
        if not self.enabled:
            return None
        bucket = self._chats.get(chat_id)
        if bucket is None:
            bucket = (
                _Bucket(GROUP_PER_MINUTE, GROUP_PER_MINUTE / 60)
                if chat_id < 0
                else _Bucket(PRIVATE_BURST, PRIVATE_PER_SECOND)
            )
            self._chats[chat_id] = bucket
        wait = bucket.take() or self._global.take()
        if wait is None:
            return None
        self.refused += 1
        return max(1, math.ceil(wait))


@dataclass
class Fault:
    status: int
    description: str
    method: str = "*"
    times: int = 1
    retry_after: int | None = None


@dataclass
class Faults:
    latency: float = 0.0  # seconds added to every request
    hang_get_updates: int = 0  # this many getUpdates calls never answer (until the client leaves)
    queue: list[Fault] = field(default_factory=list)

    def take(self, method: str) -> Fault | None:
        for fault in self.queue:
            if fault.method in ("*", method) or fault.method.lower() == method.lower():
                fault.times -= 1
                if fault.times <= 0:
                    self.queue.remove(fault)
                return fault
        return None

    def clear(self) -> None:
        self.latency, self.hang_get_updates, self.queue = 0.0, 0, []


def fault_from(data: dict[str, Any]) -> Fault:
    """A fault as POST /sandbox/faults describes it: {"status": 502, "method": ..., "times": 3}."""
    status = int(data.get("status", 500))
    retry_after = (
        int(data.get("retry_after", 1)) if status == 429 or "retry_after" in data else None
    )
    default = {
        429: f"Too Many Requests: retry after {retry_after}",
        502: "Bad Gateway",
        503: "Service Unavailable",
        504: "Gateway Timeout",
    }.get(status, "Internal Server Error")
    return Fault(
        status=status,
        description=str(data.get("description") or default),
        method=str(data.get("method", "*")),
        times=int(data.get("times", 1)),
        retry_after=retry_after,
    )
