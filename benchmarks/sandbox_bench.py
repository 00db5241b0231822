"""End-to-end benchmark: the real bot as a separate process against the sandbox stand-in.

Run from the project root: `.venv/bin/python -m benchmarks.sandbox_bench [--quick]` (`make bench`).

The stand-in (sandbox.server) runs inside this process; simulated people act directly on its
World, and every answer the bot sends is timestamped where the stand-in receives it. Three parts:

1. Update handling. 10,000 registered people and 100,000 stored rows (people, processed update
   ids, outbox history, open flows) are seeded into SQLite before the bot starts. Volunteers press
   an interest toggle on their profile (callback `pf:int:<key>`): the gate reads the processed
   update ids, the person and their flow; the profile service records the update id, rewrites the
   person's interests, closes any flow and reads the person back; the bot answers the callback and
   edits the keyboard. Latency runs from the moment the update is queued in the stand-in to the
   moment the stand-in receives that edit. A minimal PTB echo bot (benchmarks/echo_bot.py) is
   measured the same way with text messages; each bot has its own stand-in and both run all the
   time. Two loads per bot: a closed loop of many people who each wait for the answer before
   acting again (saturation: throughput), and an open loop with Poisson arrivals at a fixed rate
   below saturation (latency: at saturation it is only queueing, concurrency / throughput). The
   windows alternate between the bots for several rounds, so a busy moment of the machine does
   not favour either; throughput is the median over the rounds. Rate limits off on both sides.
2. Delivery. An announcement to every recipient is written to the outbox in one transaction
   (as a use case would) while the bot runs; the stand-in counts what arrives per chat.
   (a) stand-in limits on, bot rate limits on: 10,000 recipients (1,000 with --quick);
   (b) limits off on both sides: 10,000 recipients.
3. Peak memory of the bot process (VmHWM / VmRSS from /proc).

Prints a table with targets and writes the figures to artifacts/bench.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import platform
import random
import shutil
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.core.config import Settings, load_settings
from bot.telegram.outbox import Outbox
from sandbox.server import bound_port, start
from sandbox.standin import SANDBOX_TOKEN, StandIn
from sandbox.traffic import GLOBAL_PER_SECOND, RateLimits
from sandbox.world import StoredMessage, World
from storage.database import Database
from storage.timestamps import to_db

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "config.example.toml"
ARTIFACTS = ROOT / "artifacts"

PEOPLE = 10_000
STORED_ROWS = 100_000
COORDINATORS = 50
PROFESSIONALS = 150
FIRST_PERSON = 2_000_001
FIRST_STRANGER = 3_000_001  # open registration flows of people not registered yet
FIRST_UPDATE_ID = 100_000_001  # the stand-in's update ids; seeded processed ids lie below
ANSWER_TIMEOUT = 10.0

TARGET_RATIO = 0.8
TARGET_P99_MS = 50.0
TARGET_PACED_SHARE = 0.95
TARGET_UNPACED_RATE = 1000.0
TARGET_RSS_MB = 150.0

ANNOUNCEMENT = (
    "<b>Buurtavond in het buurthuis</b>\n\n"
    "Beste vrijwilliger, op donderdag 14 november houden we onze buurtavond in het buurthuis "
    "aan de Gageldijk. We praten over wat jullie de afgelopen maanden hebben gezien in de wijk, "
    "over eenzaamheid bij ouderen en over de nieuwe afspraken met de voedselbank. "
    "Inloop vanaf 19.00 uur, we beginnen om 19.30 uur. Koffie, thee en iets lekkers staan klaar.\n\n"
    "Kun je niet komen? Geen probleem: de samenvatting komt hier in de chat. "
    "Vragen? Stuur je coördinator een bericht via /hulp."
)


# --- the stand-in, instrumented ------------------------------------------------------------------


class BenchWorld(World):
    """The stand-in's World with timestamps where the bot's answers arrive.

    It keeps no event log for the web chat (nobody watches it here), which spares the stand-in,
    running in this process, the rendering of every message for both bots alike.
    """

    def __init__(self) -> None:
        super().__init__()
        self._update_ids = itertools.count(FIRST_UPDATE_ID)
        self.answer_kind = "message"  # "message" (echo) or "edit" (the toggle's keyboard edit)
        self.waiting: dict[int, asyncio.Future[float]] = {}
        self.marker: str | None = None
        self.delivered: Counter[int] = Counter()
        self.delivered_at: list[float] = []

    def expect(self, chat_id: int) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[chat_id] = future
        return future

    def _answered(self, chat_id: int, at: float) -> None:
        future = self.waiting.pop(chat_id, None)
        if future is not None and not future.done():
            future.set_result(at)

    def store(self, message: StoredMessage) -> StoredMessage:
        at = time.perf_counter()
        self.chats.setdefault(message.chat_id, []).append(message)
        self._notify()
        if message.from_bot:
            if self.marker is not None and (message.text or "").startswith(self.marker):
                self.delivered[message.chat_id] += 1
                self.delivered_at.append(at)
            elif self.answer_kind == "message":
                self._answered(message.chat_id, at)
        return message

    def changed_message(self, message: StoredMessage, kind: str = "edit") -> None:
        at = time.perf_counter()
        self._notify()
        if kind == "edit" and self.answer_kind == "edit":
            self._answered(message.chat_id, at)

    def _event(self, kind: str, **data: Any) -> None:
        self._notify()


class BenchStandIn(StandIn):
    """Counts every Bot API call by method and status (the stand-in's own log is capped)."""

    def __init__(self, world: BenchWorld) -> None:
        super().__init__(world=world)
        self.statuses: Counter[tuple[str, int]] = Counter()

    def record(self, method: str, status: int, params: dict[str, Any]) -> None:
        self.statuses[(method, status)] += 1


# --- seeding -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Population:
    everyone: list[int]
    volunteers: list[int]
    interests: list[str]
    rows: dict[str, int]


async def seed(path: Path, settings: Settings, rng: random.Random) -> Population:
    """10,000 people and outbox history, processed update ids and flows up to 100,000 rows."""
    db = Database(path)
    await db.open()  # applies the migrations
    await db.close()
    org = settings.organisation
    interests = [c.key for c in org.interests]
    now = datetime.now(UTC)

    def ago(days: float) -> str:
        return to_db(now - timedelta(seconds=rng.uniform(60, days * 86_400)))

    people, volunteers = [], []
    for index in range(PEOPLE):
        telegram_id = FIRST_PERSON + index
        if index < COORDINATORS:
            role = "coordinator"
        elif index < COORDINATORS + PROFESSIONALS:
            role = "professional"
        else:
            role = "volunteer"
            volunteers.append(telegram_id)
        stamp = ago(300)
        chosen = rng.sample(interests, rng.randint(0, 3)) if role == "volunteer" else []
        people.append(
            (
                telegram_id,
                role,
                f"Persoon {index}",
                rng.choice(org.wijken),
                "en" if index % 10 == 0 else "nl",
                json.dumps(chosen),
                json.dumps(rng.sample(["mon", "tue", "wed", "thu", "fri"], 2)),
                rng.choice([None, 1, 2, 3]),
                None,
                stamp,
                stamp,
                stamp,
            )
        )
    flows = [
        (FIRST_STRANGER + i, "register", "name", json.dumps({"language": "nl"}), ago(20))
        for i in range(5_000)
    ]
    outbox_rows = 40_000
    processed = STORED_ROWS - len(people) - len(flows) - outbox_rows
    updates = [(update_id, ago(6)) for update_id in range(1, processed + 1)]
    history = []
    for index in range(outbox_rows):
        chat_id = FIRST_PERSON + rng.randrange(PEOPLE)
        created = ago(12)
        payload = {"chat_id": chat_id, "text": f"Bericht {index}", "parse_mode": "HTML"}
        history.append(
            (f"seed:{index}", chat_id, "sendMessage", json.dumps(payload), created, created)
        )

    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            """INSERT INTO people (telegram_id, role, name, wijk, language, interests,
                   availability, max_shifts_per_week, motivation, terms_accepted_at,
                   created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            people,
        )
        conn.executemany(
            "INSERT INTO flows (telegram_id, name, step, data, updated_at) VALUES (?, ?, ?, ?, ?)",
            flows,
        )
        conn.executemany(
            "INSERT INTO processed_updates (update_id, processed_at) VALUES (?, ?)", updates
        )
        conn.executemany(
            """INSERT INTO outbox (key, chat_id, method, payload, status, attempts, due_at,
                   created_at, sent_at) VALUES (?, ?, ?, ?, 'sent', 1, ?, ?, ?)""",
            [(*row, row[-1]) for row in history],
        )
    counts = {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("people", "flows", "processed_updates", "outbox")
    }
    conn.close()
    everyone = [row[0] for row in people]
    return Population(everyone, volunteers, interests, counts)


# --- the bot under test --------------------------------------------------------------------------


class BotProcess:
    """A bot started as its own process; samples its memory while it runs."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], log: Path) -> None:
        self.name = name
        self.argv = argv
        self.env = env
        self.log = log
        self.proc: asyncio.subprocess.Process | None = None
        self.hwm_kb = 0
        self.rss_kb = 0
        self._sampler: asyncio.Task[None] | None = None

    async def start(self, standin: StandIn) -> None:
        with self.log.open("wb") as out:
            self.proc = await asyncio.create_subprocess_exec(
                *self.argv, cwd=ROOT, env=self.env, stdout=out, stderr=asyncio.subprocess.STDOUT
            )
        self._sampler = asyncio.create_task(self._sample_forever())
        deadline = time.monotonic() + 60
        while standin.poller is None:  # ready once it long-polls
            if self.proc.returncode is not None or time.monotonic() > deadline:
                tail = self.log.read_text(errors="replace")[-3000:]
                raise SystemExit(f"{self.name} did not start polling:\n{tail}")
            await asyncio.sleep(0.05)

    def cpu_seconds(self) -> tuple[float, float]:
        """User and system time of the bot process so far."""
        assert self.proc is not None
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0, 0.0
        tick = os.sysconf("SC_CLK_TCK")
        return int(fields[11]) / tick, int(fields[12]) / tick

    def sample(self) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    self.hwm_kb = max(self.hwm_kb, int(line.split()[1]))
                elif line.startswith("VmRSS:"):
                    self.rss_kb = max(self.rss_kb, int(line.split()[1]))

    async def _sample_forever(self) -> None:
        while True:
            self.sample()
            await asyncio.sleep(0.1)

    async def stop(self, standin: StandIn) -> None:
        assert self.proc is not None
        self.sample()
        if self._sampler is not None:
            self._sampler.cancel()
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.proc.wait(), 20)
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()
        deadline = time.monotonic() + 15
        while standin.poller is not None:  # let the stand-in notice the closed long poll
            if time.monotonic() > deadline:
                standin.poller = None
                break
            await asyncio.sleep(0.05)

    async def profile(self, part: str, seconds: float) -> asyncio.subprocess.Process:
        """Sample the running bot with py-spy for `seconds` (artifacts/profile-<part>.txt)."""
        assert self.proc is not None
        spy = Path(sys.executable).parent / "py-spy"
        out = ARTIFACTS / f"profile-{part}.txt"
        return await asyncio.create_subprocess_exec(
            str(spy),
            "record",
            "--pid",
            str(self.proc.pid),
            "--duration",
            str(int(seconds)),
            "--rate",
            "250",
            "--format",
            "raw",
            "--output",
            str(out),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )

    @property
    def peak_mb(self) -> float:
        return max(self.hwm_kb, self.rss_kb) / 1024


def bot_env(port: int, database: Path, rate_limits: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOELSPRIET_")}
    env.update(
        {
            "VOELSPRIET_TELEGRAM__TOKEN": SANDBOX_TOKEN,
            "VOELSPRIET_TELEGRAM__API_URL": f"http://127.0.0.1:{port}/bot",
            "VOELSPRIET_TELEGRAM__RATE_LIMITS": "true" if rate_limits else "false",
            "VOELSPRIET_TELEGRAM__POLL_TIMEOUT": "10",
            "VOELSPRIET_DATABASE__PATH": str(database),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


# --- load ----------------------------------------------------------------------------------------


@dataclass
class Load:
    """One kind of load on one bot, over one or more measured windows (rounds)."""

    bot: str
    mode: str  # "closed" (saturation) or "open" (fixed arrival rate)
    offered: str
    seconds: float = 0.0
    answered: int = 0
    timeouts: int = 0
    skipped: int = 0  # open loop: arrivals while every simulated person was still waiting
    bot_cpu_seconds: float = 0.0  # CPU time of the bot process during the measured windows
    bot_system_seconds: float = 0.0  # the part of it spent in the kernel
    standin_cpu_seconds: float = 0.0  # of this process: the stand-in and the simulated people
    round_rates: list[float] = field(default_factory=list)
    latencies_ms: list[float] = field(default_factory=list, repr=False)

    @property
    def rate(self) -> float:
        """Answered updates per second: the median over the rounds."""
        return statistics.median(self.round_rates) if self.round_rates else 0.0

    @property
    def cpu_ms_per_update(self) -> float:
        return self.bot_cpu_seconds * 1000 / self.answered if self.answered else float("nan")

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    def summary(self) -> dict[str, Any]:
        seconds = self.seconds or 1.0
        return {
            "bot": self.bot,
            "mode": self.mode,
            "offered": self.offered,
            "measured_seconds": round(self.seconds, 2),
            "answered": self.answered,
            "updates_per_second_median": round(self.rate, 1),
            "updates_per_second_by_round": [round(r, 1) for r in self.round_rates],
            "p50_ms": round(self.percentile(50), 2),
            "p90_ms": round(self.percentile(90), 2),
            "p99_ms": round(self.percentile(99), 2),
            "max_ms": round(max(self.latencies_ms, default=float("nan")), 2),
            "mean_ms": round(statistics.fmean(self.latencies_ms), 2) if self.latencies_ms else None,
            "timeouts": self.timeouts,
            "skipped_arrivals": self.skipped,
            "bot_cpu_share": round(self.bot_cpu_seconds / seconds, 2),
            "bot_cpu_ms_per_update": round(self.cpu_ms_per_update, 3),
            "bot_cpu_system_share_of_it": round(self.bot_system_seconds / self.bot_cpu_seconds, 2)
            if self.bot_cpu_seconds
            else None,
            "standin_cpu_share": round(self.standin_cpu_seconds / seconds, 2),
        }


@dataclass
class Window:
    """One measured window: counts answers and latencies, and the CPU both processes used."""

    load: Load
    begin: float
    seconds: float
    answered: int = 0

    @property
    def end(self) -> float:
        return self.begin + self.seconds

    def close(self) -> None:
        self.load.seconds += self.seconds
        self.load.answered += self.answered
        self.load.round_rates.append(self.answered / self.seconds)


Act = Callable[[int], None]


async def watch(process: BotProcess, window: Window, part: str, profile: bool) -> None:
    """CPU time of the bot and of this process over the window; py-spy if asked."""
    await asyncio.sleep(max(0.0, window.begin - time.perf_counter()))
    (user, system), own_before = process.cpu_seconds(), own_cpu_seconds()
    spy = await process.profile(part, window.seconds) if profile else None
    await asyncio.sleep(window.seconds)
    user_after, system_after = process.cpu_seconds()
    window.load.bot_cpu_seconds += user_after - user + system_after - system
    window.load.bot_system_seconds += system_after - system
    window.load.standin_cpu_seconds += own_cpu_seconds() - own_before
    if spy is not None:
        await spy.wait()


def own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


async def _one(world: BenchWorld, act: Act, person: int) -> tuple[float, float] | None:
    """One update from `person`; (queued, answered) perf_counter stamps, None on timeout."""
    future = world.expect(person)
    act(person)
    queued = time.perf_counter()
    try:
        answered = await asyncio.wait_for(future, ANSWER_TIMEOUT)
    except TimeoutError:
        world.waiting.pop(person, None)
        return None
    return queued, answered


async def closed_loop(
    world: BenchWorld, act: Act, people: list[int], concurrency: int, window: Window
) -> None:
    """`concurrency` people, each acting again as soon as the answer arrives."""
    load = window.load

    async def person_loop(mine: list[int]) -> None:
        for person in itertools.cycle(mine):
            if time.perf_counter() >= window.end:
                return
            stamps = await _one(world, act, person)
            if stamps is None:
                load.timeouts += 1
                continue
            queued, answered = stamps
            if window.begin <= answered <= window.end:
                window.answered += 1
            if queued >= window.begin and answered <= window.end:
                load.latencies_ms.append((answered - queued) * 1000)

    slices = [people[i::concurrency] for i in range(concurrency)]
    await asyncio.gather(*(person_loop(mine) for mine in slices))


async def open_loop(
    world: BenchWorld,
    act: Act,
    people: list[int],
    rate: float,
    window: Window,
    rng: random.Random,
) -> None:
    """Poisson arrivals at `rate` per second from people who are not waiting for an answer."""
    load = window.load
    idle = deque(rng.sample(people, len(people)))
    tasks: set[asyncio.Task[None]] = set()

    async def arrival(person: int) -> None:
        stamps = await _one(world, act, person)
        idle.append(person)
        if stamps is None:
            load.timeouts += 1
            return
        queued, answered = stamps
        if window.begin <= queued < window.end:
            window.answered += 1
            load.latencies_ms.append((answered - queued) * 1000)

    next_at = time.perf_counter()
    while next_at < window.end:
        delay = next_at - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        if idle:
            task = asyncio.create_task(arrival(idle.popleft()))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        elif next_at >= window.begin:
            load.skipped += 1
        next_at += rng.expovariate(rate)
    if tasks:
        await asyncio.gather(*list(tasks))


@dataclass
class Subject:
    """A bot under load: its process, its stand-in's world and how its people act."""

    name: str
    process: BotProcess
    world: BenchWorld
    act: Act
    people: list[int]
    saturated: Load
    paced: Load


async def measure(subject: Subject, args: argparse.Namespace, round_no: int) -> None:
    """One round: saturation (closed loop), then latency at a fixed rate (open loop)."""
    rng = random.Random(round_no)
    for load in (subject.saturated, subject.paced):
        window = Window(load, time.perf_counter() + args.warmup, args.seconds)
        part = f"{subject.name}-{load.mode}-{round_no}"
        watcher = asyncio.create_task(watch(subject.process, window, part, args.profile))
        if load.mode == "closed":
            await closed_loop(subject.world, subject.act, subject.people, args.concurrency, window)
        else:
            await open_loop(subject.world, subject.act, subject.people, args.rate, window, rng)
        await watcher
        window.close()


# --- delivery ------------------------------------------------------------------------------------


@dataclass
class Delivery:
    label: str
    recipients: int
    limits: bool
    enqueue_seconds: float = 0.0
    first_after_commit: float = 0.0  # seconds from commit to the first arrival
    send_seconds: float = 0.0  # first to last arrival
    total_seconds: float = 0.0  # commit to last arrival
    received: int = 0
    chats: int = 0
    duplicates: int = 0
    missing: int = 0
    refused_429: int = 0
    errors: dict[str, int] = field(default_factory=dict)

    @property
    def send_rate(self) -> float:
        # The first arrival starts the clock, so it is not counted in the rate.
        return (self.received - 1) / self.send_seconds if self.send_seconds else 0.0

    @property
    def end_to_end_rate(self) -> float:
        return self.received / self.total_seconds if self.total_seconds else 0.0

    def summary(self) -> dict[str, Any]:
        data = asdict(self)
        data["send_rate_per_second"] = round(self.send_rate, 1)
        data["end_to_end_rate_per_second"] = round(self.end_to_end_rate, 1)
        for key in ("enqueue_seconds", "first_after_commit", "send_seconds", "total_seconds"):
            data[key] = round(data[key], 3)
        return data


async def deliver(
    standin: BenchStandIn,
    world: BenchWorld,
    database: Path,
    recipients: list[int],
    label: str,
    limits: bool,
    process: BotProcess,
    profile: bool,
) -> Delivery:
    """Queue one announcement per recipient in one transaction; wait until all have arrived."""
    result = Delivery(label, len(recipients), limits)
    world.marker = f"[{label}]"
    world.delivered = Counter()
    world.delivered_at = []
    refused = standin.limits.refused
    statuses = Counter(standin.statuses)

    db = Database(database)
    await db.open()
    outbox = Outbox()
    started = time.perf_counter()
    async with db.transaction() as tx:
        now = datetime.now(UTC)
        for chat_id in recipients:
            text = f"{world.marker} {ANNOUNCEMENT}"
            await outbox.message(tx, f"bench:{label}:{chat_id}", chat_id, text, now)
    committed = time.perf_counter()
    await db.close()
    spy = await process.profile(f"delivery-{label}", 8) if profile else None
    result.enqueue_seconds = committed - started

    expected = len(recipients) / (GLOBAL_PER_SECOND if limits else 500) + 60
    deadline = committed + expected
    while len(world.delivered) < len(recipients) and time.perf_counter() < deadline:
        await world.wait_for_change(min(1.0, max(0.0, deadline - time.perf_counter())))
    await asyncio.sleep(2.0)  # anything sent twice would arrive now
    if spy is not None:
        await spy.wait()
    world.marker = None

    arrivals = world.delivered_at
    if arrivals:
        last_unique = sorted(arrivals)[min(len(arrivals), len(recipients)) - 1]
        result.first_after_commit = arrivals[0] - committed
        result.send_seconds = last_unique - arrivals[0]
        result.total_seconds = last_unique - committed
    wanted = set(recipients)
    result.received = sum(world.delivered.values())
    result.chats = len(world.delivered)
    result.duplicates = sum(n - 1 for n in world.delivered.values() if n > 1)
    result.missing = len(wanted - set(world.delivered))
    result.refused_429 = standin.limits.refused - refused
    delta = standin.statuses - statuses
    result.errors = {f"{m} {s}": n for (m, s), n in sorted(delta.items()) if s != 200}
    return result


# --- report --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    measure: str
    value: str
    target: str
    ok: bool | None  # None: for information

    @property
    def verdict(self) -> str:
        return "" if self.ok is None else ("PASS" if self.ok else "MISS")


def checks(
    loads: dict[str, Load], deliveries: dict[str, Delivery], memory: dict[str, float]
) -> list[Check]:
    """The table rows for whatever parts ran."""
    rows: list[Check] = []

    def lat(load: Load) -> str:
        return f"p50 {load.percentile(50):.1f} / p99 {load.percentile(99):.1f} ms"

    for name in ("voelspriet closed", "echo closed"):
        if name in loads:
            load = loads[name]
            rows.append(
                Check(
                    f"updates/s {load.bot} ({load.offered}; median of {len(load.round_rates)})",
                    f"{load.rate:.0f} (bot CPU {load.cpu_ms_per_update:.2f} ms/update)",
                    "",
                    None,
                )
            )
    if "voelspriet closed" in loads and "echo closed" in loads:
        bot, echo = loads["voelspriet closed"], loads["echo closed"]
        ratio = bot.rate / echo.rate if echo.rate else 0.0
        rows.append(
            Check(
                "throughput ratio Voelspriet / echo",
                f"{ratio:.2f}",
                f">= {TARGET_RATIO}",
                ratio >= TARGET_RATIO,
            )
        )
    for name in ("voelspriet closed", "echo closed"):
        if name in loads:
            rows.append(
                Check(f"latency {loads[name].bot} at saturation", lat(loads[name]), "", None)
            )
    for name in ("voelspriet open", "echo open"):
        if name in loads:
            load = loads[name]
            target = name.startswith("voelspriet")
            rows.append(
                Check(
                    f"latency {load.bot} at {load.offered.split(',')[0]}",
                    lat(load),
                    f"p99 <= {TARGET_P99_MS:.0f} ms" if target else "",
                    load.percentile(99) <= TARGET_P99_MS if target else None,
                )
            )
    if loads:
        rows.append(
            Check(
                "timeouts / skipped arrivals (all loads)",
                f"{sum(x.timeouts for x in loads.values())} / "
                f"{sum(x.skipped for x in loads.values())}",
                "0 / 0",
                all(x.timeouts == 0 and x.skipped == 0 for x in loads.values()),
            )
        )
    for d in deliveries.values():
        if d.limits:
            ceiling = GLOBAL_PER_SECOND * TARGET_PACED_SHARE
            rows.append(
                Check(
                    f"delivery to {d.recipients:,}, limits on: send rate",
                    f"{d.send_rate:.1f} msg/s ({d.end_to_end_rate:.1f} from commit)",
                    f">= {ceiling:.1f} msg/s",
                    d.send_rate >= ceiling,
                )
            )
            rows.append(
                Check(
                    f"delivery to {d.recipients:,}, limits on: 429 answers",
                    str(d.refused_429),
                    "0",
                    d.refused_429 == 0,
                )
            )
        else:
            rows.append(
                Check(
                    f"delivery to {d.recipients:,}, limits off: send rate",
                    f"{d.send_rate:.0f} msg/s ({d.end_to_end_rate:.0f} from commit)",
                    f">= {TARGET_UNPACED_RATE:.0f} msg/s",
                    d.send_rate >= TARGET_UNPACED_RATE,
                )
            )
        rows.append(
            Check(
                f"delivery to {d.recipients:,}, limits {'on' if d.limits else 'off'}: each once",
                f"{d.chats:,}/{d.recipients:,} chats, {d.duplicates} twice, {d.missing} missing",
                "all, none twice",
                d.chats == d.recipients and d.duplicates == 0 and d.missing == 0,
            )
        )
    if "voelspriet" in memory:
        echo = f" (echo bot {memory['echo']:.1f} MB)" if "echo" in memory else ""
        rows.append(
            Check(
                "peak RSS of the bot process (VmHWM)",
                f"{memory['voelspriet']:.1f} MB{echo}",
                f"<= {TARGET_RSS_MB:.0f} MB",
                memory["voelspriet"] <= TARGET_RSS_MB,
            )
        )
    return rows


def table(rows: list[Check]) -> str:
    widths = [max(len(getattr(r, name)) for r in rows) for name in ("measure", "value", "target")]
    header = f"{'measure':<{widths[0]}}  {'value':<{widths[1]}}  {'target':<{widths[2]}}  result"
    lines = [header, "-" * len(header)]
    for r in rows:
        lines.append(
            f"{r.measure:<{widths[0]}}  {r.value:<{widths[1]}}  {r.target:<{widths[2]}}  {r.verdict}"
        )
    return "\n".join(lines)


# --- the run -------------------------------------------------------------------------------------


PARTS = ("updates", "delivery-off", "delivery-on")


def populate(world: BenchWorld, population: Population) -> dict[int, int]:
    """Every seeded person exists and has pressed Start; each has a profile card with buttons.

    Returns the card's message id per person (the message whose buttons they press).
    """
    cards: dict[int, int] = {}
    keyboard = {"inline_keyboard": [[{"text": "Interesses", "callback_data": "pf:int"}]]}
    for telegram_id in population.everyone:
        person = world.add_person(f"Persoon {telegram_id}", "nl", person_id=telegram_id)
        person.started = True
        card = StoredMessage(
            telegram_id,
            world.next_message_id(telegram_id),
            True,
            int(time.time()),
            text="Je profiel",
            reply_markup=keyboard,
        )
        world.chats[telegram_id].append(card)
        cards[telegram_id] = card.message_id
    return cards


async def update_handling(
    args: argparse.Namespace,
    population: Population,
    world: BenchWorld,
    bot: BotProcess,
    cards: dict[int, int],
    database: Path,
) -> tuple[list[Load], float]:
    """Both bots at once, each against its own stand-in, measured in alternating windows.

    Alternating rounds (echo, Voelspriet, echo, ...) keep a slower or busier moment of the
    machine from favouring one of them; the idle one just waits in its long poll.
    """
    echo_world = BenchWorld()
    echo_standin = BenchStandIn(echo_world)
    echo_standin.limits.enabled = False
    echo_runner = await start(echo_standin, port=0)
    for telegram_id in population.everyone:
        echo_world.add_person(f"Persoon {telegram_id}", "nl", person_id=telegram_id).started = True
    echo = BotProcess(
        "echo bot",
        [sys.executable, "-m", "benchmarks.echo_bot"],
        bot_env(bound_port(echo_runner), database, rate_limits=False),
        ARTIFACTS / "bench-echo.log",
    )
    echo_world.answer_kind, world.answer_kind = "message", "edit"
    counter = itertools.count()
    rng = random.Random(11)

    def say_something(person: int) -> None:
        echo_world.person_sends(person, text=f"Hallo, hoe gaat het? {next(counter)}")

    def toggle_interest(person: int) -> None:
        key = rng.choice(population.interests)
        world.person_presses(person, cards[person], f"pf:int:{key}")

    def loads(name: str) -> tuple[Load, Load]:
        return (
            Load(name, "closed", f"{args.concurrency} people, back to back"),
            Load(name, "open", f"{args.rate:.0f} updates/s, Poisson arrivals"),
        )

    subjects = [
        Subject("echo", echo, echo_world, say_something, population.volunteers, *loads("echo")),
        Subject(
            "voelspriet", bot, world, toggle_interest, population.volunteers, *loads("voelspriet")
        ),
    ]
    try:
        await echo.start(echo_standin)
        for round_no in range(1, args.rounds + 1):
            for subject in subjects:
                print(f"round {round_no}/{args.rounds}: {subject.name}", flush=True)
                await measure(subject, args, round_no)
        await echo.stop(echo_standin)
    finally:
        await echo_runner.cleanup()
    world.answer_kind = "none"
    world.updates.clear()
    return [load for s in subjects for load in (s.saturated, s.paced)], echo.peak_mb


async def run(args: argparse.Namespace) -> int:
    parts = set(args.parts.split(",")) if args.parts else set(PARTS)
    if unknown := parts - set(PARTS):
        raise SystemExit(f"unknown parts: {', '.join(sorted(unknown))}; choose from {PARTS}")
    ARTIFACTS.mkdir(exist_ok=True)
    settings = load_settings(CONFIG)
    rng = random.Random(42)
    world = BenchWorld()
    standin = BenchStandIn(world)
    standin.limits.enabled = False
    runner = await start(standin, port=0)
    port = bound_port(runner)
    folder = tempfile.mkdtemp(prefix="voelspriet-bench-")
    database = Path(folder) / "bench.sqlite3"
    memory: dict[str, float] = {}
    loads: dict[str, Load] = {}
    deliveries: dict[str, Delivery] = {}
    load_before = os.getloadavg()
    try:
        began = time.perf_counter()
        population = await seed(database, settings, rng)
        print(
            f"seeded {sum(population.rows.values()):,} rows {population.rows} "
            f"in {time.perf_counter() - began:.1f} s",
            flush=True,
        )
        cards = populate(world, population)
        peaks = []
        if parts & {"updates", "delivery-off"}:  # 1 and 2b: the bot with rate limits off
            bot = BotProcess(
                "voelspriet",
                [sys.executable, "-m", "bot", "--config", str(CONFIG), "run"],
                bot_env(port, database, rate_limits=False),
                ARTIFACTS / "bench-bot.log",
            )
            await bot.start(standin)
            if "updates" in parts:
                measured, memory["echo"] = await update_handling(
                    args, population, world, bot, cards, database
                )
                loads.update({f"{load.bot} {load.mode}": load for load in measured})
            if "delivery-off" in parts:
                print(f"voelspriet: delivery to {PEOPLE:,}, limits off", flush=True)
                deliveries["limits_off"] = await deliver(
                    standin,
                    world,
                    database,
                    population.everyone,
                    "limits-off",
                    False,
                    bot,
                    args.profile,
                )
            await bot.stop(standin)
            peaks.append(bot.peak_mb)
            memory["voelspriet_limits_off_run"] = bot.peak_mb

        if "delivery-on" in parts:  # 2a. the stand-in's limits and the bot's rate limits on
            standin.limits = RateLimits()
            count = 1_000 if args.quick else PEOPLE
            paced_bot = BotProcess(
                "voelspriet (rate limits on)",
                [sys.executable, "-m", "bot", "--config", str(CONFIG), "run"],
                bot_env(port, database, rate_limits=True),
                ARTIFACTS / "bench-bot-paced.log",
            )
            await paced_bot.start(standin)
            print(
                f"voelspriet: delivery to {count:,}, limits on (~{count / GLOBAL_PER_SECOND:.0f} s)",
                flush=True,
            )
            deliveries["limits_on"] = await deliver(
                standin,
                world,
                database,
                rng.sample(population.everyone, count),
                "limits-on",
                True,
                paced_bot,
                args.profile,
            )
            await paced_bot.stop(standin)
            peaks.append(paced_bot.peak_mb)
            memory["voelspriet_limits_on_run"] = paced_bot.peak_mb
        if peaks:
            memory["voelspriet"] = max(peaks)
    finally:
        await runner.cleanup()
        if not args.keep:
            shutil.rmtree(folder)

    rows = checks(loads, deliveries, memory)
    load_after = os.getloadavg()
    print()
    print(table(rows))
    print(
        f"\nmachine: {os.cpu_count()} CPUs; load average {load_before[0]:.1f} before, "
        f"{load_after[0]:.1f} after (other work on the machine skews throughput)"
    )
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "parts": sorted(parts),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": load_after,
        },
        "workload": {
            "people": PEOPLE,
            "stored_rows": population.rows,
            "update": "callback pf:int:<key> (toggle an interest) from a registered volunteer;"
            " answered with answerCallbackQuery + editMessageReplyMarkup; latency to the edit",
            "echo_update": "text message; answered with sendMessage",
            "concurrency": args.concurrency,
            "open_loop_rate": args.rate,
            "rounds": args.rounds,
            "seconds_per_window": args.seconds,
            "warmup_per_window": args.warmup,
        },
        "update_handling": {name: load.summary() for name, load in loads.items()},
        "delivery": {name: d.summary() for name, d in deliveries.items()},
        "memory_mb": {k: round(v, 1) for k, v in memory.items()},
        "checks": [{**asdict(r), "result": r.verdict} for r in rows],
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"figures written to {args.json}")
    return 0 if all(r.ok is not False for r in rows) else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="1,000 recipients (not 10,000) with limits on"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="alternating windows per bot and load"
    )
    parser.add_argument("--seconds", type=float, default=5.0, help="measured seconds per window")
    parser.add_argument("--warmup", type=float, default=1.0, help="unmeasured seconds per window")
    parser.add_argument(
        "--concurrency", type=int, default=100, help="people acting back to back (saturation)"
    )
    parser.add_argument(
        "--rate", type=float, default=100.0, help="updates per second for the latency load"
    )
    parser.add_argument("--json", type=Path, default=ARTIFACTS / "bench.json")
    parser.add_argument(
        "--parts", help=f"comma-separated subset of {','.join(PARTS)} (default: all)"
    )
    parser.add_argument(
        "--profile", action="store_true", help="run the bot under py-spy (artifacts/profile-*.txt)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    args = parser.parse_args()
    sys.exit(asyncio.run(run(args)))


if __name__ == "__main__":
    main()
