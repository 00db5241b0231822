"""The scheduler tick at scale: many timers waiting for the future, a few hundred due.

Run from the project root: `make bench-scheduler` (`ARGS="--future 200000 --due 2000"` for more).
The real services on a temporary SQLite file, FakeTelegram at the edge. It seeds signals waiting
for pickup with their timers (reminder and escalation each) far in the future, and overdue ones
whose reminders are due, then times the due query (and shows its plan), a tick with nothing due,
the tick that fires the due reminders (each with its audit entry and outbox row, one transaction
per timer), the tick after it, and scheduling (upserting) timers. Figures only, no targets, in
artifacts/scheduler-bench.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.offline import offline_settings
from bot.app import build_application, start_services
from bot.scheduling import timers
from bot.services import Services
from storage.timers import DUE
from storage.timestamps import to_db
from tests.dialogue import FakeClock
from tests.fake_telegram import FakeTelegram

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # Tuesday 10:00 in Amsterdam: office hours
ARTIFACT = Path("artifacts/scheduler-bench.json")
REPEATS = 20


async def seed(services: Services, future: int, due: int) -> None:
    """People, then `future` timers for signals due weeks ahead and `due` overdue reminders."""
    stamp = to_db(NOW - timedelta(days=30))
    async with services.db.transaction() as tx:
        people = [
            (4_000_000 + n, role, f"{role} {n}", "Noordoost", "nl", stamp, stamp, stamp)
            for n, role in enumerate(
                ["coordinator"] * 3 + ["professional"] * 20 + ["volunteer"] * 100
            )
        ]
        await tx.executemany(
            "INSERT INTO people (telegram_id, role, name, wijk, language, terms_accepted_at,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            people,
        )
        ids = [r[0] for r in await tx.fetchall("SELECT id FROM people ORDER BY id")]
        professionals, volunteers = ids[3:23], ids[23:]
        waiting, overdue = future // 2, due
        signals, rows = [], []
        for n in range(1, waiting + overdue + 1):
            late = n > waiting
            created = NOW - timedelta(days=2 if late else 1)
            pickup = created + timedelta(days=1) if late else NOW + timedelta(days=30 + n % 60)
            escalation = pickup + timedelta(days=2)
            signals.append(
                (
                    n,
                    volunteers[n % len(volunteers)],
                    professionals[n % len(professionals)],
                    "eenzaamheid",
                    "Noordoost",
                    f"Melding {n}",
                    "normal",
                    "yes",
                    to_db(created),
                    to_db(pickup),
                )
            )
            rows.append((f"signal:{n}:remind", "signal.remind", n, to_db(pickup), stamp))
            if not late:  # an overdue one's escalation is left out: the tick fires reminders only
                rows.append(
                    (f"signal:{n}:escalate", "signal.escalate", n, to_db(escalation), stamp)
                )
        await tx.executemany(
            "INSERT INTO signals (id, reporter_id, owner_id, category, wijk, description, urgency,"
            " consent, created_at, pickup_due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            signals,
        )
        await tx.executemany(
            "INSERT INTO timers (key, kind, subject_id, due_at, created_at) VALUES (?, ?, ?, ?, ?)",
            rows,
        )
        await tx.execute("ANALYZE")


async def timed(repeats: int, work: Callable[[], Awaitable[Any]]) -> dict[str, float]:
    """Milliseconds per run: median and slowest."""
    runs = []
    for _ in range(repeats):
        began = time.perf_counter()
        await work()
        runs.append((time.perf_counter() - began) * 1000)
    return {"median_ms": round(statistics.median(runs), 3), "max_ms": round(max(runs), 3)}


async def counts(services: Services) -> dict[str, int]:
    async with services.db.read() as tx:
        found = {}
        for table, where in (
            ("timers", "fired_at IS NULL"),
            ("timers", "fired_at IS NOT NULL"),
            ("outbox", "1"),
            ("signal_events", "1"),
        ):
            row = await tx.fetchone(f"SELECT count(*) FROM {table} WHERE {where}")
            found[f"{table} where {where}"] = int(row[0]) if row else 0
    return found


async def run(future: int, due: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        settings = offline_settings(Path(folder))
        clock = FakeClock(NOW - timedelta(days=2))  # before the overdue ones fell due
        app, services = build_application(settings, request=FakeTelegram(), clock=clock)
        await app.initialize()
        await start_services(app, services, background=False)
        try:
            began = time.perf_counter()
            await seed(services, future, due)
            figures: dict[str, Any] = {"seed_seconds": round(time.perf_counter() - began, 2)}
            figures["before"] = await counts(services)
            async with services.db.read() as tx:
                plan = await tx.fetchall(f"EXPLAIN QUERY PLAN {DUE}", (to_db(NOW), 200))
                figures["due_query_plan"] = [r["detail"] for r in plan]

                async def due_query() -> None:
                    await tx.fetchall(DUE, (to_db(NOW), 200))

                figures["due_query_200_of_due"] = await timed(REPEATS, due_query)
            figures["tick_nothing_due"] = await timed(REPEATS, services.scheduler.tick)

            clock.now = NOW
            began = time.perf_counter()
            report = await services.scheduler.tick()
            seconds = time.perf_counter() - began
            figures["tick_firing_due"] = {
                "fired": dict(report.fired),
                "seconds": round(seconds, 3),
                "ms_per_timer": round(seconds * 1000 / max(1, sum(report.fired.values())), 3),
            }
            figures["tick_after"] = await timed(REPEATS, services.scheduler.tick)
            figures["after"] = await counts(services)
            figures["schedule_1000_upserts_one_transaction"] = await timed(
                3, lambda: upserts(services)
            )
        finally:
            await services.stop()
            await app.shutdown()
    return figures


async def upserts(services: Services) -> None:
    """A thousand causes moving their timers (a new due moment each), in one transaction."""
    moment = NOW + timedelta(days=90, seconds=time.perf_counter() % 1)
    async with services.db.transaction() as tx:
        for n in range(1, 1001):
            await timers.schedule(tx, f"signal:{n}:escalate", "signal.escalate", n, moment, NOW)


def main() -> None:
    parser = argparse.ArgumentParser(prog="make bench-scheduler", description=__doc__)
    parser.add_argument(
        "--future", type=int, default=50_000, help="timers waiting (default 50,000)"
    )
    parser.add_argument("--due", type=int, default=500, help="reminders due (default 500)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    figures = {
        "future_timers": args.future,
        "due_timers": args.due,
        **asyncio.run(run(args.future, args.due)),
    }
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
    print(f"figures in {ARTIFACT}")


if __name__ == "__main__":
    main()
