"""Signal alert latency: from a volunteer's confirm press to the owner's alert at the stand-in.

Run from the project root: `.venv/bin/python -m benchmarks.signal_latency` (`make bench-signals`).

The stand-in (sandbox.server) runs inside this process with Telegram's flood limits off; the bot
runs as its own process (`python -m bot run`, its rate limits off too) against it. Before the bot
starts, its SQLite file is seeded with people, routing rules (one professional per wijk; the last
wijk falls back to the least busy coordinator) and, in the main case, 100,000 stored signals with
their audit trail (signal_events), mostly closed, some open. Several volunteers then each report
signals one after another through the real dialogue (/signaal, category, wijk, description,
urgency, consent, skip photo, skip location, confirm), all at once. The clock starts when the
confirm press is queued in the stand-in and stops when the stand-in receives the alert
(`sendMessage` "Nieuw signaal ..." naming that volunteer) in the owner's chat: polling, the
transaction that stores, routes and queues, and the outbox delivery. The same run against an
empty signals table is the comparison.

Prints a table and writes the figures to artifacts/signal-latency.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.sandbox_bench import BotProcess, bot_env
from bot.core.config import Settings, load_settings
from sandbox.server import bound_port, start
from sandbox.standin import StandIn
from sandbox.world import StoredMessage, World
from storage.database import Database
from storage.timestamps import to_db

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "config.example.toml"
ARTIFACTS = ROOT / "artifacts"

FIRST_PERSON = 5_000_001
COORDINATORS = 5
PROFESSIONALS = 20
VOLUNTEERS = 300  # seeded reporters; the first --volunteers of them report during the run
STEP_TIMEOUT = 15.0
OUTCOMES = ("arranged", "referred", "no_action", "unreachable")
ALERT = re.compile(r"Nieuw signaal (S-\d+)")
REPORTER = re.compile(r"Gemeld door: (.+)")
DESCRIPTION = "Een oudere buurman komt al weken niet buiten en de gordijnen blijven dicht."


# --- the stand-in, instrumented ------------------------------------------------------------


class LatencyWorld(World):
    """The stand-in's World, with a waiter per chat and a timestamp where each alert arrives."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting: dict[int, tuple[Callable[[StoredMessage], bool], asyncio.Future[None]]] = {}
        self.alerts: dict[str, asyncio.Future[tuple[float, str]]] = {}  # reporter name
        self.alert_count: dict[str, int] = {}

    def store(self, message: StoredMessage) -> StoredMessage:
        at = time.perf_counter()
        self.chats.setdefault(message.chat_id, []).append(message)
        self._notify()  # no event log: nobody watches a web chat here
        if not message.from_bot:
            return message
        text = message.text or ""
        if (found := ALERT.search(text)) and (reporter := REPORTER.search(text)):
            name = reporter.group(1).strip()
            self.alert_count[found.group(1)] = self.alert_count.get(found.group(1), 0) + 1
            alert = self.alerts.pop(name, None)
            if alert is not None and not alert.done():
                alert.set_result((at, found.group(1)))
        waiter = self.waiting.get(message.chat_id)
        if waiter is not None and waiter[0](message) and not waiter[1].done():
            del self.waiting[message.chat_id]
            waiter[1].set_result(None)
        return message

    def changed_message(self, message: StoredMessage, kind: str = "edit") -> None:
        self._notify()

    def _event(self, kind: str, **data: Any) -> None:
        self._notify()


def has_buttons(message: StoredMessage) -> bool:
    return bool((message.reply_markup or {}).get("inline_keyboard"))


def anything(message: StoredMessage) -> bool:
    return True


# --- seeding -------------------------------------------------------------------------------


@dataclass
class Seeded:
    volunteers: list[tuple[int, str]]  # telegram id, name
    everyone: list[int]
    rows: dict[str, int]
    seconds: float


def seed(path: Path, settings: Settings, signals: int, rng: random.Random) -> Seeded:
    """People, routing rules and `signals` stored signals with their events, with executemany."""
    began = time.perf_counter()
    asyncio.run(_migrate(path))
    org = settings.organisation
    now = datetime.now(UTC)
    stamp = to_db(now - timedelta(days=400))
    people = []
    for index in range(COORDINATORS + PROFESSIONALS + VOLUNTEERS):
        if index < COORDINATORS:
            role, name = "coordinator", f"Coördinator {index}"
        elif index < COORDINATORS + PROFESSIONALS:
            role, name = "professional", f"Beroepskracht {index}"
        else:
            role, name = "volunteer", f"Vrijwilliger {index}"
        wijk = org.wijken[index % len(org.wijken)]
        people.append((FIRST_PERSON + index, role, name, wijk, "nl", stamp, stamp, stamp))
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO people (telegram_id, role, name, wijk, language, terms_accepted_at,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            people,
        )
        ids = dict(conn.execute("SELECT telegram_id, id FROM people").fetchall())
        coordinators = [ids[p[0]] for p in people if p[1] == "coordinator"]
        professionals = [ids[p[0]] for p in people if p[1] == "professional"]
        volunteers = [ids[p[0]] for p in people if p[1] == "volunteer"]
        # One professional per wijk; the last wijk has no rule and goes to the least busy
        # coordinator, so both routing paths (and the open-signal counts) are exercised.
        conn.executemany(
            "INSERT INTO routing_rules (position, category, wijk, professional_id, created_at)"
            " VALUES (?, NULL, ?, ?, ?)",
            [(i + 1, w, professionals[i], stamp) for i, w in enumerate(org.wijken[:-1])],
        )
        categories = org.category_keys()
        owners = professionals + coordinators
        rows, events, timers = [], [], []
        for signal_id in range(1, signals + 1):
            created = now - timedelta(seconds=rng.uniform(3_600, 2 * 365 * 86_400))
            roll = rng.random()
            status = "closed" if roll < 0.85 else "picked_up" if roll < 0.93 else "received"
            if status == "received":
                created = now - timedelta(seconds=rng.uniform(60, 30 * 86_400))
            due = created + timedelta(days=2)
            late = due < now and status == "received"
            closed_at = created + timedelta(days=rng.uniform(1, 20)) if status == "closed" else None
            anonymised = closed_at is not None and closed_at < now - timedelta(days=170)
            reporter = rng.choice(volunteers)
            owner = rng.choice(owners)
            rows.append(
                (
                    signal_id,
                    None if anonymised else reporter,
                    owner,
                    rng.choice(categories),
                    rng.choice(org.wijken),
                    None if anonymised else f"Melding {signal_id}: {DESCRIPTION}",
                    rng.choice(("normal", "normal", "soon", "today")),
                    rng.choice(("yes", "no", "unknown")),
                    status,
                    rng.choice(OUTCOMES) if status == "closed" else None,
                    to_db(created),
                    to_db(due),
                    to_db(closed_at) if closed_at else None,
                    to_db(closed_at + timedelta(days=180)) if anonymised and closed_at else None,
                )
            )
            at = to_db(created)
            if status == "received":  # its reminder and escalation (fired already when late)
                for what in ("remind", "escalate"):
                    fired = to_db(due) if late else None
                    timers.append(
                        (
                            f"signal:{signal_id}:{what}",
                            f"signal.{what}",
                            signal_id,
                            to_db(due),
                            fired,
                            at,
                        )
                    )
            events.append((signal_id, reporter, "reported", None, at))
            events.append((signal_id, None, "routed", f"to {owner} via rule", at))
            if status != "received":
                events.append((signal_id, owner, "picked_up", None, at))
            if closed_at is not None:
                events.append((signal_id, owner, "closed", "arranged", to_db(closed_at)))
        conn.executemany(
            """INSERT INTO signals (id, reporter_id, owner_id, category, wijk, description,
                   urgency, consent, status, outcome, created_at, pickup_due_at, closed_at,
                   anonymised_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )
        conn.executemany(
            "INSERT INTO timers (key, kind, subject_id, due_at, fired_at, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            timers,
        )
        conn.executemany(
            "INSERT INTO signal_events (signal_id, actor_id, action, detail, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            events,
        )
    conn.execute("ANALYZE")
    counts = {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("people", "routing_rules", "signals", "signal_events")
    }
    conn.close()
    reporters = [(p[0], p[2]) for p in people if p[1] == "volunteer"]
    return Seeded(reporters, [p[0] for p in people], counts, time.perf_counter() - began)


async def _migrate(path: Path) -> None:
    database = Database(path)
    await database.open()  # applies the migrations
    await database.close()


# --- one volunteer -------------------------------------------------------------------------


@dataclass
class Measured:
    latencies_ms: list[float] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    timeouts: int = 0


class Volunteer:
    def __init__(self, world: LatencyWorld, telegram_id: int, name: str, rng: random.Random):
        self.world = world
        self.id = telegram_id
        self.name = name
        self.rng = rng

    async def _await(self, act: Callable[[], object], match: Callable[[StoredMessage], bool]):
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.world.waiting[self.id] = (match, future)
        act()
        await asyncio.wait_for(future, STEP_TIMEOUT)

    def _press(self, label_prefix: str | None = None, data_prefix: str | None = None) -> None:
        """Press a button on the newest bot message that has one that fits."""
        for message in reversed(self.world.chats[self.id]):
            rows = (message.reply_markup or {}).get("inline_keyboard") or []
            buttons = [b for row in rows for b in row if "callback_data" in b]
            for button in buttons:
                if (label_prefix is None or button["text"].startswith(label_prefix)) and (
                    data_prefix is None or button["callback_data"].startswith(data_prefix)
                ):
                    self.world.person_presses(self.id, message.message_id, button["callback_data"])
                    return
        raise AssertionError(f"{self.name}: no button {label_prefix or data_prefix!r}")

    def _choose(self, data_prefix: str) -> Callable[[], None]:
        def press() -> None:
            for message in reversed(self.world.chats[self.id]):
                rows = (message.reply_markup or {}).get("inline_keyboard") or []
                options = [
                    b["callback_data"]
                    for row in rows
                    for b in row
                    if b.get("callback_data", "").startswith(data_prefix)
                ]
                if options:
                    chosen = self.rng.choice(options)
                    self.world.person_presses(self.id, message.message_id, chosen)
                    return
            raise AssertionError(f"{self.name}: no button {data_prefix!r}")

        return press

    async def report(self, number: int) -> tuple[float, str]:
        """One report through the dialogue; returns (confirm-to-alert seconds, reference)."""
        world = self.world
        await self._await(lambda: world.person_sends(self.id, text="/signaal"), has_buttons)
        await self._await(self._choose("sigr:cat:"), has_buttons)
        await self._await(self._choose("sigr:wijk:"), anything)
        text = f"{DESCRIPTION} ({self.name}, melding {number})"
        await self._await(lambda: world.person_sends(self.id, text=text), has_buttons)
        await self._await(lambda: self._press(data_prefix="sigr:urg:normal"), has_buttons)
        await self._await(self._choose("sigr:cons:"), has_buttons)
        await self._await(lambda: self._press(data_prefix="sigr:photo:skip"), has_buttons)
        await self._await(lambda: self._press(data_prefix="sigr:loc:skip"), has_buttons)
        alert: asyncio.Future[tuple[float, str]] = asyncio.get_running_loop().create_future()
        world.alerts[self.name] = alert

        def receipt(message: StoredMessage) -> bool:
            return "Je melding is verstuurd" in (message.text or "")

        pressed = time.perf_counter()
        receipt_wait = asyncio.ensure_future(
            self._await(lambda: self._press(data_prefix="sigr:sum:send"), receipt)
        )
        arrived, reference = await asyncio.wait_for(alert, STEP_TIMEOUT)
        await receipt_wait
        return arrived - pressed, reference


async def drive(
    world: LatencyWorld, volunteers: list[Volunteer], reports: int, warmup: int
) -> tuple[Measured, float]:
    """Each volunteer reports back to back until `reports` are measured (after the warm-up)."""
    measured = Measured()
    for volunteer in volunteers:  # one unmeasured report each: imports, caches, connections
        for number in range(warmup):
            await volunteer.report(-1 - number)
    counter = iter(range(reports))
    began = time.perf_counter()

    async def keep_reporting(volunteer: Volunteer) -> None:
        for number in counter:
            try:
                seconds, reference = await volunteer.report(number)
            except TimeoutError:
                measured.timeouts += 1
                world.waiting.pop(volunteer.id, None)
                world.alerts.pop(volunteer.name, None)
                continue
            measured.latencies_ms.append(seconds * 1000)
            measured.references.append(reference)

    await asyncio.gather(*(keep_reporting(v) for v in volunteers))
    return measured, time.perf_counter() - began


# --- a case --------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    stored_signals: int
    rows: dict[str, int]
    seed_seconds: float
    reports: int
    volunteers: int
    wall_seconds: float
    latencies_ms: list[float]
    timeouts: int
    alerts_twice: int
    peak_rss_mb: float

    def percentile(self, p: float) -> float:
        values = sorted(self.latencies_ms)
        if not values:
            return float("nan")
        if len(values) == 1:
            return values[0]
        return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]

    @property
    def rate(self) -> float:
        return len(self.latencies_ms) / self.wall_seconds if self.wall_seconds else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "stored_signals": self.stored_signals,
            "seeded_rows": self.rows,
            "seed_seconds": round(self.seed_seconds, 1),
            "reports_measured": len(self.latencies_ms),
            "volunteers": self.volunteers,
            "timeouts": self.timeouts,
            "alerts_sent_twice": self.alerts_twice,
            "confirm_to_alert_ms": {
                "p50": round(self.percentile(50), 1),
                "p95": round(self.percentile(95), 1),
                "p99": round(self.percentile(99), 1),
                "max": round(max(self.latencies_ms, default=float("nan")), 1),
                "mean": round(statistics.fmean(self.latencies_ms), 1)
                if self.latencies_ms
                else None,
            },
            "reports_per_second": round(self.rate, 2),
            "wall_seconds": round(self.wall_seconds, 2),
            "bot_peak_rss_mb": round(self.peak_rss_mb, 1),
        }


async def run_case(
    name: str, signals: int, args: argparse.Namespace, settings: Settings, folder: Path
) -> Case:
    database = folder / f"{name}.sqlite3"
    seeded = await asyncio.to_thread(seed, database, settings, signals, random.Random(42))
    print(
        f"{name}: seeded {sum(seeded.rows.values()):,} rows {seeded.rows}"
        f" in {seeded.seconds:.1f} s",
        flush=True,
    )
    world = LatencyWorld()
    standin = StandIn(world=world)
    standin.limits.enabled = False
    runner = await start(standin, port=0)
    try:
        for telegram_id in seeded.everyone:
            world.add_person(f"Persoon {telegram_id}", "nl", person_id=telegram_id).started = True
        bot = BotProcess(
            f"voelspriet ({name})",
            [sys.executable, "-m", "bot", "--config", str(CONFIG), "run"],
            bot_env(bound_port(runner), database, rate_limits=False),
            ARTIFACTS / f"signal-latency-{name}.log",
        )
        await bot.start(standin)
        rng = random.Random(7)
        volunteers = [
            Volunteer(world, telegram_id, vname, rng)
            for telegram_id, vname in seeded.volunteers[: args.volunteers]
        ]
        try:
            measured, wall = await drive(world, volunteers, args.reports, args.warmup)
        finally:
            await bot.stop(standin)
    finally:
        await runner.cleanup()
    print(f"{name}: {len(measured.latencies_ms)} reports in {wall:.1f} s", flush=True)
    return Case(
        name=name,
        stored_signals=signals,
        rows=seeded.rows,
        seed_seconds=seeded.seconds,
        reports=args.reports,
        volunteers=len(volunteers),
        wall_seconds=wall,
        latencies_ms=measured.latencies_ms,
        timeouts=measured.timeouts,
        alerts_twice=sum(1 for n in world.alert_count.values() if n > 1),
        peak_rss_mb=bot.peak_mb,
    )


def table(cases: list[Case]) -> str:
    header = (
        f"{'stored signals':>14}  {'reports':>7}  {'p50 ms':>7}  {'p95 ms':>7}  {'p99 ms':>7}"
        f"  {'max ms':>7}  {'reports/s':>9}  {'timeouts':>8}  {'twice':>5}"
    )
    lines = [header, "-" * len(header)]
    for c in cases:
        lines.append(
            f"{c.stored_signals:>14,}  {len(c.latencies_ms):>7}  {c.percentile(50):>7.1f}"
            f"  {c.percentile(95):>7.1f}  {c.percentile(99):>7.1f}"
            f"  {max(c.latencies_ms, default=float('nan')):>7.1f}  {c.rate:>9.2f}"
            f"  {c.timeouts:>8}  {c.alerts_twice:>5}"
        )
    return "\n".join(lines)


async def run(args: argparse.Namespace) -> int:
    ARTIFACTS.mkdir(exist_ok=True)
    settings = load_settings(CONFIG)
    folder = Path(tempfile.mkdtemp(prefix="voelspriet-signal-latency-"))
    load_before = os.getloadavg()
    cases: list[Case] = []
    try:
        cases.append(await run_case("stored", args.signals, args, settings, folder))
        if not args.no_empty:
            cases.append(await run_case("empty", 0, args, settings, folder))
    finally:
        if not args.keep:
            shutil.rmtree(folder)
    load_after = os.getloadavg()
    print()
    print("confirm press -> owner's alert at the stand-in (limits off; reports/s: whole dialogue,")
    print(f"{args.volunteers} volunteers reporting back to back)")
    print(table(cases))
    print(
        f"\nmachine: {os.cpu_count()} CPUs; load average {load_before[0]:.1f} before,"
        f" {load_after[0]:.1f} after"
    )
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
            "measure": "perf_counter at the confirm press (sigr:sum:send queued in the stand-in)"
            " to the stand-in storing the owner's sendMessage alert",
            "dialogue": "/signaal, category, wijk, description, urgency normal, consent,"
            " skip photo, skip location, confirm; each volunteer waits for each answer",
            "volunteers": args.volunteers,
            "reports": args.reports,
            "warmup_reports_per_volunteer": args.warmup,
            "rate_limits": "off (stand-in and bot)",
            "routing": "one rule per wijk for 4 of 5 wijken; the 5th: least busy coordinator",
        },
        "cases": {c.name: c.summary() for c in cases},
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"figures written to {args.json}")
    return 0 if all(c.timeouts == 0 and c.alerts_twice == 0 for c in cases) else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--signals", type=int, default=100_000, help="stored signals to seed")
    parser.add_argument("--reports", type=int, default=160, help="measured reports per case")
    parser.add_argument("--volunteers", type=int, default=8, help="volunteers reporting at once")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured reports per volunteer")
    parser.add_argument("--no-empty", action="store_true", help="skip the empty-table case")
    parser.add_argument("--json", type=Path, default=ARTIFACTS / "signal-latency.json")
    parser.add_argument("--keep", action="store_true", help="keep the temporary databases")
    args = parser.parse_args()
    sys.exit(asyncio.run(run(args)))


if __name__ == "__main__":
    main()
