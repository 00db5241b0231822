"""Shifts at scale: figures only, no targets (`make bench-shifts`; `ARGS=--quick` for less).

The organisation: 1,000 volunteers and 500 shifts a week for 8 weeks (4,000 shifts), two thirds
of their places filled, three offers per shift, seeded with executemany into a temporary SQLite
file. Then:

1. The race, over the sandbox: the stand-in runs in this process (flood limits off), the bot as
   its own process (`python -m bot run`) against it. 200 volunteers, each offered the same shift
   with 20 places, tap "Ik kom" spread over one second. Measured per tap: from the press queued
   in the stand-in to the stand-in receiving its answer ("Je staat erop!" or "Deze dienst is al
   vol."): polling, the transaction that takes the place (or the standby list), the outbox.
   Then the database is read: exactly 20 places taken, 180 on standby.
2. The scheduler tick, in process (the real services, FakeTelegram at the edge): 50,000 future
   reminders of shifts waiting, 500 due; the due query's plan (it must read only due rows, by
   the partial index timers_due), a tick with nothing due, and the tick that fires the 500.
3. The coverage view (two weeks: some 1,000 shifts with their places counted, unfilled first,
   rendered for the coordinator) and one wave's fit query over the 1,000 volunteers.

Writes artifacts/shifts-bench.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from benchmarks.sandbox_bench import BotProcess, bot_env
from bot.app import build_application, start_services
from bot.core.config import Settings, load_settings
from bot.shifts import coordinator_views
from bot.shifts.rules import need_of
from sandbox.server import bound_port, start
from sandbox.standin import StandIn
from sandbox.world import StoredMessage, World
from storage.database import Database
from storage.shift_offers import OfferRepository
from storage.shifts import ShiftRepository
from storage.timers import DUE
from storage.timestamps import to_db
from tests.dialogue import FakeClock
from tests.fake_telegram import FakeTelegram

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "config.example.toml"
ARTIFACT = ROOT / "artifacts" / "shifts-bench.json"
FIRST = 7_000_001
ANSWERS = ("Je staat erop!", "Deze dienst is al vol.")
REPEATS = 10


def seed(
    path: Path, settings: Settings, volunteers: int, per_week: int, weeks: int, now: datetime
) -> dict[str, Any]:
    """People, shifts, places, offers; returns the ids the runs need and the row counts."""
    rng = random.Random(13)
    asyncio.run(_migrate(path))
    org = settings.organisation
    stamp = to_db(now - timedelta(days=60))
    people = [(FIRST, "coordinator", "Carla", None, "[]")] + [
        (FIRST + 1 + n, "volunteer", f"Vrijwilliger {n}", org.wijken[n % len(org.wijken)],
         json.dumps([org.interests[n % len(org.interests)].key]) if n % 3 else "[]")
        for n in range(volunteers)
    ]  # fmt: skip
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO people (telegram_id, role, name, wijk, interests, language,"
            " terms_accepted_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'nl', ?, ?, ?)",
            [(*p, stamp, stamp, stamp) for p in people],
        )
        ids = [r[0] for r in conn.execute("SELECT id FROM people WHERE role = 'volunteer'")]
        monday = (now - timedelta(days=now.weekday())).replace(hour=6, minute=0, second=0)
        shifts = []
        for n in range(per_week * weeks):
            starts = monday + timedelta(weeks=n // per_week, hours=rng.randrange(0, 6 * 24, 2))
            wijk = org.wijken[n % len(org.wijken)]
            interest = org.interests[n % len(org.interests)].key
            shifts.append(("Dienst", interest, wijk, "Buurthuis", to_db(starts),
                           to_db(starts + timedelta(hours=2)), 3, stamp, stamp))  # fmt: skip
        conn.executemany(
            "INSERT INTO shifts (title, interest, wijk, place, starts_at, ends_at, needed,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            shifts,
        )
        shift_ids = [r[0] for r in conn.execute("SELECT id FROM shifts")]
        signups, offers, used = [], [], set()
        for shift_id in shift_ids:
            for person in rng.sample(ids, 3):
                offers.append((shift_id, person, 1, stamp))
            for person in rng.sample(ids, 2):  # two of three places filled
                if (shift_id, person) not in used:
                    used.add((shift_id, person))
                    signups.append((shift_id, person, "confirmed", "offer", stamp, stamp))
        conn.executemany(
            "INSERT INTO shift_signups (shift_id, person_id, status, via, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            signups,
        )
        conn.executemany(
            "INSERT OR IGNORE INTO shift_offers (shift_id, person_id, wave, offered_at)"
            " VALUES (?, ?, ?, ?)",
            offers,
        )
        race_start = monday + timedelta(weeks=weeks + 1)  # after the rest: no overlap, no full week
        race = conn.execute(
            "INSERT INTO shifts (title, wijk, place, starts_at, ends_at, needed, created_at,"
            " updated_at) VALUES ('De race', NULL, 'Buurthuis', ?, ?, 20, ?, ?)",
            (to_db(race_start), to_db(race_start + timedelta(hours=2)), stamp, stamp),
        ).lastrowid
    conn.execute("ANALYZE")
    counts = {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("people", "shifts", "shift_signups", "shift_offers")
    }
    conn.close()
    return {"race": race, "volunteers": [p[0] for p in people[1:]], "rows": counts}


async def _migrate(path: Path) -> None:
    database = Database(path)
    await database.open()
    await database.close()


# --- 1. the race over the sandbox -----------------------------------------------------------


class RaceWorld(World):
    """The stand-in's World, noting when each tapper's answer arrives."""

    def __init__(self) -> None:
        super().__init__()
        self.answered: dict[int, tuple[float, str]] = {}

    def store(self, message: StoredMessage) -> StoredMessage:
        self.chats.setdefault(message.chat_id, []).append(message)
        text = message.text or ""
        if message.from_bot and message.chat_id not in self.answered:
            for answer in ANSWERS:
                if answer in text:
                    self.answered[message.chat_id] = (time.perf_counter(), answer)
        self._notify()
        return message

    def changed_message(self, message: StoredMessage, kind: str = "edit") -> None:
        self._notify()

    def _event(self, kind: str, **data: Any) -> None:
        self._notify()


async def race(database: Path, seeded: dict[str, Any], tappers: int) -> dict[str, Any]:
    world = RaceWorld()
    standin = StandIn(world=world)
    standin.limits.enabled = False
    runner = await start(standin, port=0)
    chosen = seeded["volunteers"][:tappers]
    pressed: dict[int, float] = {}
    try:
        for telegram_id in chosen:  # each has the offer in their chat, with its button
            world.add_person(f"Persoon {telegram_id}", "nl", person_id=telegram_id).started = True
            world.store(
                StoredMessage(telegram_id, world.next_message_id(telegram_id), True,
                              world.timestamp(), text="Wil je komen?")
            )  # fmt: skip
        bot = BotProcess(
            "voelspriet (shifts)",
            [sys.executable, "-m", "bot", "--config", str(CONFIG), "run"],
            bot_env(bound_port(runner), database, rate_limits=False),
            ROOT / "artifacts" / "shifts-bench.log",
        )
        await bot.start(standin)
        _offer_to(database, seeded["race"], chosen)
        await asyncio.sleep(1.0)
        began = time.perf_counter()
        data = f"sh:y:{seeded['race']}"

        async def tap(telegram_id: int, at: float) -> None:
            await asyncio.sleep(at)
            pressed[telegram_id] = time.perf_counter()
            world.person_presses(telegram_id, 1, data)

        spread = random.Random(5)
        await asyncio.gather(*(tap(t, spread.uniform(0, 1.0)) for t in chosen))
        tapping = time.perf_counter() - began
        deadline = time.monotonic() + 60
        while len(world.answered) < len(chosen) and time.monotonic() < deadline:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        await bot.stop(standin)
    finally:
        await runner.cleanup()
    latencies = [(world.answered[t][0] - pressed[t]) * 1000 for t in chosen if t in world.answered]
    taken = dict(
        sqlite3.connect(database).execute(
            "SELECT status, count(*) FROM shift_signups WHERE shift_id = ? GROUP BY status",
            (seeded["race"],),
        )
    )
    return {
        "tappers": len(chosen),
        "places": 20,
        "tapping_seconds": round(tapping, 3),
        "answered": len(latencies),
        "confirmed_answers": sum(1 for a in world.answered.values() if a[1] == ANSWERS[0]),
        "signups_by_status": taken,
        "tap_to_answer_ms": _percentiles(latencies),
        "bot_peak_rss_mb": round(bot.peak_mb, 1),
    }


def _offer_to(database: Path, shift_id: int, telegram_ids: list[int]) -> None:
    conn = sqlite3.connect(database, timeout=10)
    with conn:
        conn.executemany(
            "INSERT OR IGNORE INTO shift_offers (shift_id, person_id, wave, offered_at)"
            " SELECT ?, id, 1, ? FROM people WHERE telegram_id = ?",
            [(shift_id, to_db(datetime.now(UTC)), t) for t in telegram_ids],
        )
    conn.close()


def _percentiles(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"p50": None, "p99": None, "max": None}
    ordered = sorted(values)
    cuts = (
        statistics.quantiles(ordered, n=100, method="inclusive")
        if len(ordered) > 1
        else ordered * 99
    )
    return {"p50": round(cuts[49], 1), "p99": round(cuts[98], 1), "max": round(ordered[-1], 1)}


# --- 2. the tick with 50,000 future reminders, 3. coverage and a wave's fit query -------------


async def in_process(
    database: Path, settings: Settings, now: datetime, future: int, due: int
) -> dict[str, Any]:
    """The real services on the seeded file (a copy of it), FakeTelegram at the edge."""
    settings = settings.model_copy(
        update={
            "database": settings.database.model_copy(update={"path": database}),
            "telegram": settings.telegram.model_copy(
                update={
                    "token": SecretStr("123456789:BENCH-TOKEN-abcdefghijklmnop"),
                    "rate_limits": False,
                }
            ),
        }
    )
    app, services = build_application(settings, request=FakeTelegram(), clock=FakeClock(now))
    await app.initialize()
    await start_services(app, services, background=False)
    figures: dict[str, Any] = {}
    try:
        await _reminders(services.db, now, future, due)
        async with services.db.read() as tx:
            plan = await tx.fetchall(f"EXPLAIN QUERY PLAN {DUE}", (to_db(now), 200))
            waiting = await tx.fetchone("SELECT count(*) FROM timers WHERE fired_at IS NULL")
        figures["timers_waiting"] = int(waiting[0]) if waiting else 0
        figures["due_query_plan"] = [r["detail"] for r in plan]
        figures["tick_nothing_due"] = await _timed(
            lambda: services.scheduler.tick(now - timedelta(hours=1))
        )
        began = time.perf_counter()
        report = await services.scheduler.tick(now)
        figures["tick_firing_due"] = {
            "ms": round((time.perf_counter() - began) * 1000, 1),
            "fired": dict(report.fired),
            "stale": dict(report.stale),
        }
        figures["tick_after"] = await _timed(lambda: services.scheduler.tick(now))
        figures["coverage"] = await _coverage(services, settings, now)
        figures["wave_fit_query"] = await _fit_query(services, settings, now)
    finally:
        await services.stop()
        await app.shutdown()
    return figures


async def _reminders(db: Database, now: datetime, future: int, due: int) -> None:
    """`future` reminders of places in shifts weeks ahead, and `due` due now (their places and
    shifts real, so the producer finds them)."""
    stamp = to_db(now)
    async with db.transaction() as tx:
        places = await tx.fetchall(
            "SELECT g.id, g.shift_id FROM shift_signups g JOIN shifts s ON s.id = g.shift_id"
            " WHERE s.starts_at > ? ORDER BY g.id",
            (to_db(now + timedelta(days=6)),),
        )
        rows = []
        for n in range(future):
            signup, shift = places[n % len(places)]
            at = now + timedelta(days=6, minutes=n)
            rows.append(
                (
                    f"bench:{shift}:signup:{signup}:day:{n}",
                    "shift.remind_day",
                    signup,
                    to_db(at),
                    stamp,
                )
            )
        await tx.executemany(
            "INSERT INTO timers (key, kind, subject_id, due_at, created_at) VALUES (?, ?, ?, ?, ?)",
            rows,
        )
        soon = await tx.fetchall(
            "SELECT g.id, g.shift_id FROM shift_signups g JOIN shifts s ON s.id = g.shift_id"
            " WHERE s.starts_at > ? AND s.starts_at < ? AND g.status = 'confirmed' ORDER BY g.id"
            " LIMIT ?",
            (to_db(now), to_db(now + timedelta(days=6)), due),
        )
        await tx.executemany(
            "INSERT INTO timers (key, kind, subject_id, due_at, created_at) VALUES (?, ?, ?, ?, ?)",
            [
                (f"bench:{s}:signup:{g}:day:due", "shift.remind_day", g, stamp, stamp)
                for g, s in soon
            ],
        )
        await tx.execute("ANALYZE")


async def _timed(work: Any) -> dict[str, float]:
    runs = []
    for _ in range(REPEATS):
        began = time.perf_counter()
        await work()
        runs.append((time.perf_counter() - began) * 1000)
    return {"median_ms": round(statistics.median(runs), 2), "max_ms": round(max(runs), 2)}


async def _coverage(services: Any, settings: Settings, now: datetime) -> dict[str, Any]:
    reader = services.shifts.reader
    found = await reader.coverage(FIRST)
    query = await _timed(lambda: reader.coverage(FIRST))
    began = time.perf_counter()
    for _ in range(REPEATS):
        coordinator_views.coverage(found, "nl", settings)
    render = (time.perf_counter() - began) * 1000 / REPEATS
    return {"shifts_in_two_weeks": len(found), "query": query, "render_ms": round(render, 2)}


async def _fit_query(services: Any, settings: Settings, now: datetime) -> dict[str, Any]:
    async with services.db.read() as tx:
        rows = await tx.fetchall(
            "SELECT id FROM shifts WHERE starts_at > ? ORDER BY starts_at LIMIT 1", (to_db(now),)
        )
        shift = await ShiftRepository(tx).get(rows[0][0])
    assert shift is not None
    need = need_of(shift, settings.organisation.zone)

    async def fit() -> list[Any]:
        async with services.db.read() as tx:
            return await OfferRepository(tx).candidates(need, now, 9, 2)

    found = await fit()
    return {"candidates": len(found), **await _timed(fit)}


# --- main -----------------------------------------------------------------------------------


async def main(args: argparse.Namespace) -> dict[str, Any]:
    settings = load_settings(CONFIG)
    now = datetime.now(UTC).replace(microsecond=0)
    ARTIFACT.parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "shifts.sqlite3"
        began = time.perf_counter()
        seeded = await asyncio.to_thread(
            seed, database, settings, args.volunteers, args.per_week, args.weeks, now
        )
        print(f"seeded {seeded['rows']} in {time.perf_counter() - began:.1f} s", flush=True)
        figures: dict[str, Any] = {"seeded_rows": seeded["rows"], "weeks": args.weeks}
        copy = Path(folder) / "in-process.sqlite3"
        copy.write_bytes(database.read_bytes())
        figures["race"] = await race(database, seeded, args.tappers)
        print(f"race: {figures['race']}", flush=True)
        figures.update(await in_process(copy, settings, now, args.future, args.due))
    return figures


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smaller organisation")
    parser.add_argument("--volunteers", type=int, default=1000)
    parser.add_argument("--per-week", type=int, default=500)
    parser.add_argument("--weeks", type=int, default=8)
    parser.add_argument("--tappers", type=int, default=200)
    parser.add_argument("--future", type=int, default=50_000)
    parser.add_argument("--due", type=int, default=500)
    args = parser.parse_args()
    if args.quick:
        args.volunteers, args.per_week, args.weeks, args.future = 300, 100, 4, 10_000
    return args


if __name__ == "__main__":
    arguments = parse()
    result = asyncio.run(main(arguments))
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"written to {ARTIFACT.relative_to(ROOT)}")
