"""A broadcast to 10,000 volunteers with Telegram's limits on, and what it does to everyone else.

Run from the project root: `.venv/bin/python -m benchmarks.broadcast_bench` (`make bench-broadcast`;
`ARGS=--quick` sends to 1,000).

1. The fan-out transaction in this process: one announcement and its 10,000 copies written
   with executemany, against a fresh database (and, for comparison, one INSERT per row).
2. The bot as its own process (`python -m bot run`, rate limits on) against the stand-in, in
   this process, with Telegram's flood limits on (30/s overall, about 1/s per chat). Seeded:
   the coordinators, professionals and routing rules of benchmarks.signal_latency, the
   volunteers who report (on their own pause, so the broadcast leaves them out and their chats
   carry only their own dialogue) and the recipients.
   - Without a broadcast: the reporters report signals back to back; confirm press to the
     owner's alert at the stand-in, p50/p99.
   - A coordinator sends the announcement through the real dialogue (/bericht ... 📣 Versturen);
     while the copies go out the reporters report again. Measured: the send press to the status
     message, copies per second over the whole run (first to last copy, and press to last),
     429s Telegram answered, copies that arrived twice or not at all, the report, and the same
     alert latency.

Figures only, no targets. Printed, and written to artifacts/broadcast-bench.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.sandbox_bench import BotProcess, bot_env
from benchmarks.signal_latency import (
    CONFIG,
    LatencyWorld,
    Measured,
    Volunteer,
    anything,
    has_buttons,
    seed,
)
from bot.core.config import load_settings
from sandbox.server import bound_port, start
from sandbox.standin import StandIn
from sandbox.world import StoredMessage
from storage.timestamps import to_db

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
RECIPIENT_ID = 6_000_001
COPY = "📣 Mededeling van "
STATUS = "Verstuurd: "
TEXT = "Kerstlunch vrijdag 20 december om 12:00 in de buurtkamer. Opgeven kan tot woensdag."
# Whenever it runs: a broadcast that is not urgent would wait for the morning otherwise.
NO_QUIET_HOURS = {"VOELSPRIET_ORGANISATION__QUIET_HOURS": "00:00-00:00"}


class BroadcastWorld(LatencyWorld):
    """The signal benchmark's world, also counting the announcement's copies as they arrive."""

    def __init__(self) -> None:
        super().__init__()
        self.copies: Counter[int] = Counter()
        self.sender: int | None = None  # whose preview is no copy
        self.first_copy = 0.0
        self.last_copy = 0.0
        self.status_at = 0.0

    def store(self, message: StoredMessage) -> StoredMessage:
        at = time.perf_counter()
        copy = message.from_bot and (message.text or "").startswith(COPY)
        if copy and message.chat_id != self.sender:
            self.copies[message.chat_id] += 1
            self.first_copy = self.first_copy or at
            self.last_copy = at
        elif message.from_bot and STATUS in (message.text or "") and not self.status_at:
            self.status_at = at
        return super().store(message)


class CountingStandIn(StandIn):
    """Counts every Bot API call by method and status (the stand-in's own log is capped)."""

    def __init__(self, world: BroadcastWorld) -> None:
        super().__init__(world=world)
        self.statuses: Counter[tuple[str, int]] = Counter()

    def record(self, method: str, status: int, params: dict[str, Any]) -> None:
        self.statuses[(method, status)] += 1


# --- 1. the fan-out transaction ------------------------------------------------------------


def _people(path: Path, recipients: int) -> None:
    stamp = to_db(datetime.now(UTC))
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO people (telegram_id, role, name, wijk, language, terms_accepted_at,"
            " created_at, updated_at) VALUES (1, 'coordinator', 'Carla', NULL, 'nl', ?, ?, ?)",
            (stamp, stamp, stamp),
        )
        conn.executemany(
            "INSERT INTO people (telegram_id, role, name, wijk, language, terms_accepted_at,"
            " created_at, updated_at) VALUES (?, 'volunteer', ?, 'Noord', ?, ?, ?, ?)",
            [
                (100 + i, f"Vrijwilliger {i}", "en" if i % 7 == 0 else "nl", stamp, stamp, stamp)
                for i in range(recipients)
            ],
        )
    conn.close()


async def fan_out_ms(folder: Path, recipients: int, one_by_one: bool) -> float:
    """Milliseconds for the transaction that writes the announcement and every copy."""
    from bot.announcements.sending import Outgoing, SendingService
    from bot.core.deps import Deps
    from bot.people.audiences import Audience
    from storage.announcements import Content, Kind
    from storage.outbox import OutboxRepository
    from storage.people import PersonRepository

    settings = load_settings(CONFIG)
    path = folder / f"fanout-{recipients}-{int(one_by_one)}.sqlite3"
    settings = settings.model_copy(
        update={"database": settings.database.model_copy(update={"path": path})}
    )
    deps = Deps.build(settings)
    await deps.db.open()
    _people(path, recipients)
    original = OutboxRepository.add_many
    if one_by_one:

        async def add_each(self: OutboxRepository, rows: list[Any], now: datetime) -> int:
            added = 0
            for r in rows:
                added += await self.add(
                    r.key, r.chat_id, r.method, r.payload, now, r.due_at, r.priority
                )
            return added

        OutboxRepository.add_many = add_each  # type: ignore[method-assign]
    try:
        async with deps.db.read() as tx:
            carla = await PersonRepository(tx).by_telegram_id(1)
        assert carla is not None
        content = Content(Kind.TEXT, TEXT, ({"type": "bold", "offset": 0, "length": 10},))
        outgoing = Outgoing(Audience().where("role", "volunteer"), content, urgent=True)
        began = time.perf_counter()
        async with deps.db.transaction() as tx:
            await SendingService(deps).add(tx, carla, outgoing, None)
        return (time.perf_counter() - began) * 1000
    finally:
        OutboxRepository.add_many = original  # type: ignore[method-assign]
        await deps.db.close()


# --- 2. over the sandbox -------------------------------------------------------------------


def seed_recipients(
    path: Path, recipients: int, reporters: list[int], wijken: list[str]
) -> tuple[list[int], list[int]]:
    """The reporters move to the last wijk, which the broadcast leaves out, so their chats carry
    only their own dialogue; volunteers are added in the first wijk until the other wijken
    hold `recipients`. Returns (every recipient, the added ones)."""
    stamp = to_db(datetime.now(UTC))
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "UPDATE people SET wijk = ? WHERE telegram_id = ?",
            [(wijken[-1], tid) for tid in reporters],
        )
        [(present,)] = conn.execute(
            "SELECT count(*) FROM people WHERE role = 'volunteer' AND wijk != ?", (wijken[-1],)
        ).fetchall()
        added = [RECIPIENT_ID + i for i in range(max(0, recipients - present))]
        conn.executemany(
            "INSERT INTO people (telegram_id, role, name, wijk, language, terms_accepted_at,"
            " created_at, updated_at) VALUES (?, 'volunteer', ?, ?, 'nl', ?, ?, ?)",
            [(tid, f"Ontvanger {tid}", wijken[0], stamp, stamp, stamp) for tid in added],
        )
        everyone = [
            tid
            for (tid,) in conn.execute(
                "SELECT telegram_id FROM people WHERE role = 'volunteer' AND wijk != ?",
                (wijken[-1],),
            )
        ]
    conn.execute("ANALYZE")
    conn.close()
    return everyone, added


class Sender(Volunteer):
    """The coordinator who sends the announcement, through the dialogue: to the volunteers of
    every wijk but the last."""

    async def tick(self, data: str) -> None:
        """A tick edits the question's buttons in place: no new message to wait for."""
        self._press(data_prefix=data)
        await asyncio.sleep(1.5)  # the chat's pace: about one answer a second

    async def announce(self, wijken: int) -> float:
        """Up to the send press; returns when it was pressed."""
        world = self.world
        await self._await(lambda: world.person_sends(self.id, text="/bericht"), has_buttons)
        await self._await(lambda: self._press(data_prefix="an:who:some"), has_buttons)
        await self.tick("an:roles:volunteer")
        await self._await(lambda: self._press(data_prefix="an:roles:done"), has_buttons)
        for index in range(wijken - 1):
            await self.tick(f"an:wijken:{index}")
        await self._await(lambda: self._press(data_prefix="an:wijken:done"), has_buttons)
        await self._await(lambda: self._press(data_prefix="an:ints:done"), anything)
        await self._await(lambda: world.person_sends(self.id, text=TEXT), has_buttons)
        await self._await(lambda: self._press(data_prefix="an:imp:no"), _summary)
        pressed = time.perf_counter()
        self._press(data_prefix="an:sum:send")
        return pressed


def _summary(message: StoredMessage) -> bool:
    return "Versturen, iets aanpassen of stoppen?" in (message.text or "")


async def report_until(
    volunteers: list[Volunteer], done: asyncio.Event | None, reports: int
) -> tuple[Measured, float]:
    """Reporters report back to back: `reports` of them, or until `done` is set."""
    measured = Measured()
    counter = iter(range(10**9))
    began = time.perf_counter()

    async def keep_reporting(volunteer: Volunteer) -> None:
        for number in counter:
            if (done is not None and done.is_set()) or (done is None and number >= reports):
                return
            try:
                seconds, reference = await volunteer.report(number)
            except TimeoutError:
                measured.timeouts += 1
                volunteer.world.waiting.pop(volunteer.id, None)
                volunteer.world.alerts.pop(volunteer.name, None)
                continue
            measured.latencies_ms.append(seconds * 1000)
            measured.references.append(reference)

    await asyncio.gather(*(keep_reporting(v) for v in volunteers))
    return measured, time.perf_counter() - began


def percentile(values: list[float], p: int) -> float:
    ordered = sorted(values)
    if len(ordered) < 2:
        return ordered[0] if ordered else float("nan")
    return statistics.quantiles(ordered, n=100, method="inclusive")[p - 1]


def latency(measured: Measured) -> dict[str, Any]:
    values = measured.latencies_ms
    return {
        "reports": len(values),
        "timeouts": measured.timeouts,
        "p50_ms": round(percentile(values, 50), 1),
        "p99_ms": round(percentile(values, 99), 1),
        "max_ms": round(max(values, default=float("nan")), 1),
    }


@dataclass
class Broadcast:
    recipients: int
    press_to_status_s: float = 0.0
    first_to_last_s: float = 0.0
    press_to_last_s: float = 0.0
    received: int = 0
    duplicates: int = 0
    missing: int = 0
    refused_429: int = 0
    errors: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return (self.received - 1) / self.first_to_last_s if self.first_to_last_s else 0.0

    @property
    def end_to_end_rate(self) -> float:
        return self.received / self.press_to_last_s if self.press_to_last_s else 0.0


async def over_the_sandbox(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    settings = load_settings(CONFIG)
    database = folder / "broadcast.sqlite3"
    seeded = await asyncio.to_thread(seed, database, settings, 0, random.Random(42))
    reporters = seeded.volunteers[: args.reporters]
    wijken = settings.organisation.wijken
    recipients, added = await asyncio.to_thread(
        seed_recipients, database, args.recipients, [tid for tid, _ in reporters], wijken
    )
    world = BroadcastWorld()
    standin = CountingStandIn(world)
    standin.limits.enabled = True  # Telegram's flood limits, as they are
    runner = await start(standin, port=0)
    result = Broadcast(len(recipients))
    try:
        for telegram_id in [*seeded.everyone, *added]:
            world.add_person(f"Persoon {telegram_id}", "nl", person_id=telegram_id).started = True
        bot = BotProcess(
            "voelspriet (broadcast)",
            [sys.executable, "-m", "bot", "--config", str(CONFIG), "run"],
            {**bot_env(bound_port(runner), database, rate_limits=True), **NO_QUIET_HOURS},
            ARTIFACTS / "broadcast-bench.log",
        )
        await bot.start(standin)
        rng = random.Random(7)
        volunteers = [Volunteer(world, tid, name, rng) for tid, name in reporters]
        sender_id = seeded.everyone[0]  # a coordinator
        sender = Sender(world, sender_id, "Coördinator 0", rng)
        world.sender = sender_id
        try:
            for volunteer in volunteers:  # warm up: imports, caches, connections
                await volunteer.report(-1)
            quiet, _ = await report_until(volunteers, None, args.reports)
            print(f"without a broadcast: {len(quiet.latencies_ms)} reports", flush=True)
            statuses = Counter(standin.statuses)
            refused = standin.limits.refused
            pressed = await sender.announce(len(wijken))
            done = asyncio.Event()
            busy = asyncio.create_task(report_until(volunteers, done, 0))
            deadline = time.perf_counter() + args.recipients / 25 + 120
            while len(world.copies) < len(recipients) and time.perf_counter() < deadline:
                await world.wait_for_change(1.0)
            done.set()
            await asyncio.sleep(3)  # anything sent twice would arrive now
            during, _ = await busy
        finally:
            await bot.stop(standin)
    finally:
        await runner.cleanup()
    result.press_to_status_s = world.status_at - pressed if world.status_at else float("nan")
    result.first_to_last_s = world.last_copy - world.first_copy
    result.press_to_last_s = world.last_copy - pressed
    result.received = sum(world.copies.values())
    result.duplicates = sum(n - 1 for n in world.copies.values() if n > 1)
    result.missing = len(set(recipients) - set(world.copies))
    result.refused_429 = standin.limits.refused - refused
    delta = standin.statuses - statuses
    result.errors = {f"{m} {s}": n for (m, s), n in sorted(delta.items()) if s != 200}
    return {
        "broadcast": {
            "recipients": result.recipients,
            "received": result.received,
            "duplicates": result.duplicates,
            "missing": result.missing,
            "429s_received": result.refused_429,
            "errors": result.errors,
            "send_press_to_status_message_s": round(result.press_to_status_s, 3),
            "first_to_last_copy_s": round(result.first_to_last_s, 1),
            "send_press_to_last_copy_s": round(result.press_to_last_s, 1),
            "copies_per_second": round(result.rate, 1),
            "copies_per_second_from_press": round(result.end_to_end_rate, 1),
        },
        "alert_latency_without_broadcast": latency(quiet),
        "alert_latency_during_broadcast": latency(during),
        "reporters": len(volunteers),
        "bot_peak_rss_mb": round(bot.peak_mb, 1),
    }


async def run(args: argparse.Namespace) -> int:
    ARTIFACTS.mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="voelspriet-broadcast-"))
    load_before = os.getloadavg()
    try:
        fan_out = {
            "executemany_ms": round(await fan_out_ms(folder, args.recipients, False), 1),
            "one_insert_per_row_ms": round(await fan_out_ms(folder, args.recipients, True), 1),
        }
        print(f"fan-out of {args.recipients:,} copies: {fan_out}", flush=True)
        sandbox = await over_the_sandbox(args, folder)
    finally:
        if not args.keep:
            shutil.rmtree(folder)
    load_after = os.getloadavg()
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": load_after,
        },
        "workload": {
            "recipients": args.recipients,
            "limits": "on: the stand-in's 30/s overall and ~1/s per chat; the bot's own pacing",
            "alert_latency": "confirm press (sigr:sum:send queued) to the owner's alert stored",
        },
        "fan_out_transaction": fan_out,
        **sandbox,
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"figures written to {args.json}")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="1,000 recipients")
    parser.add_argument("--reporters", type=int, default=4, help="volunteers reporting at once")
    parser.add_argument("--reports", type=int, default=40, help="reports without a broadcast")
    parser.add_argument("--json", type=Path, default=ARTIFACTS / "broadcast-bench.json")
    parser.add_argument("--keep", action="store_true", help="keep the temporary databases")
    args = parser.parse_args()
    if args.quick:
        args.recipients = min(args.recipients, 1_000)
    sys.exit(asyncio.run(run(args)))


if __name__ == "__main__":
    main()
