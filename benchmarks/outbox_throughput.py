"""Outbox throughput: the real application, a temporary SQLite file, FakeTelegram at the edge.

Run from the project root: `.venv/bin/python -m benchmarks.outbox_throughput` (or `make bench`).
It queues messages the way use cases do (Outbox.message inside a transaction), drains them with
the delivery worker and prints messages, seconds, messages per second and peak RSS per phase.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.offline import offline_settings
from bot.app import build_application, start_services
from bot.core.config import Settings
from tests.fake_telegram import FakeTelegram

FIRST_CHAT = 3_000_000_001
ENQUEUE_BATCH = 500


@dataclass(frozen=True)
class Result:
    phase: str
    messages: int
    seconds: float
    peak_rss_mb: float  # of the whole process so far

    @property
    def rate(self) -> float:
        return self.messages / self.seconds if self.seconds else float("inf")


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


async def run_phase(
    label: str, config: Settings, chats: int, per_chat: int, results: list[Result]
) -> None:
    """Queue chats x per_chat messages, then drain them; time both and check every one arrived."""
    fake = FakeTelegram()
    app, services = build_application(config, request=fake)
    await app.initialize()
    await start_services(app, services, background=False)
    assert services.delivery is not None
    try:
        messages = [
            (FIRST_CHAT + chat, f"Bericht {n} voor chat {chat}")
            for n in range(per_chat)
            for chat in range(chats)
        ]
        started = time.perf_counter()
        for first in range(0, len(messages), ENQUEUE_BATCH):
            async with services.db.transaction() as tx:
                for index, (chat_id, text) in enumerate(messages[first : first + ENQUEUE_BATCH]):
                    key = f"bench:{first + index}"
                    await services.outbox.message(tx, key, chat_id, text, services.clock())
        elapsed = time.perf_counter() - started
        results.append(Result(f"enqueue ({label})", len(messages), elapsed, peak_rss_mb()))

        started = time.perf_counter()
        await services.delivery.drain()
        elapsed = time.perf_counter() - started
        results.append(Result(f"deliver ({label})", len(messages), elapsed, peak_rss_mb()))

        delivered = len(fake.sent(method="sendMessage"))
        if delivered != len(messages):
            raise SystemExit(f"{label}: {delivered} of {len(messages)} messages delivered")
    finally:
        await services.stop()
        await app.shutdown()


def table(results: list[Result]) -> str:
    header = f"{'phase':<44} {'messages':>8} {'seconds':>8} {'msg/s':>9} {'peak RSS MB':>11}"
    lines = [header, "-" * len(header)]
    for result in results:
        lines.append(
            f"{result.phase:<44} {result.messages:>8} {result.seconds:>8.2f}"
            f" {result.rate:>9.0f} {result.peak_rss_mb:>11.1f}"
        )
    return "\n".join(lines)


async def main(chats: int, paced_chats: int, one_chat: int) -> None:
    logging.basicConfig(level=logging.WARNING)
    results: list[Result] = []
    phases = [
        (f"{chats} chats, rate limits off", False, chats, 1),
        (f"{paced_chats} chats, rate limits on", True, paced_chats, 1),
        (f"1 chat × {one_chat}, rate limits on", True, 1, one_chat),
    ]
    for label, rate_limits, count, per_chat in phases:
        if count * per_chat == 0:
            continue
        with tempfile.TemporaryDirectory(prefix="voelspriet-bench-") as folder:
            await run_phase(
                label, offline_settings(Path(folder), rate_limits), count, per_chat, results
            )
    print(table(results))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--chats", type=int, default=5000, help="distinct chats, unpaced")
    parser.add_argument("--paced-chats", type=int, default=150, help="distinct chats, paced")
    parser.add_argument("--one-chat", type=int, default=6, help="messages to one paced chat")
    args = parser.parse_args()
    asyncio.run(main(args.chats, args.paced_chats, args.one_chat))
