"""One check-in round to 10,000 volunteers: the scheduler tick that sends it, the rows it
writes, and the time to hand everything to the outbox; then its reminder and digest ticks.

Run from the project root: `make bench-consultation` (`ARGS="--volunteers 2000"` for fewer,
`--deliver` to also time the delivery worker draining the outbox into FakeTelegram). The real
services on a temporary SQLite file, FakeTelegram at the edge. It seeds the volunteers over
three wijken (one with a routing rule naming a professional, some with a contact a coordinator
set, the rest to the coordinators), takes the round every organisation has without
configuration (all volunteers, every question) and moves the clock to its first occurrence.
Figures only, no targets, in artifacts/consultation-bench.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.offline import offline_settings
from bot.app import build_application, start_services
from bot.consultation.schedule import DIGEST_AFTER, REMIND_AFTER
from bot.core.config import OrganisationSettings
from bot.scheduling.local_time import instant_of
from bot.services import Services
from storage.timestamps import to_db
from tests.dialogue import FakeClock
from tests.fake_telegram import FakeTelegram

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # Tuesday 10:00 in Amsterdam
ARTIFACT = Path("artifacts/consultation-bench.json")
TABLES = ("checkins", "outbox", "timers", "consult_followups")
WIJKEN = ["Noord", "Zuid", "Centrum"]


async def seed(services: Services, volunteers: int) -> None:
    stamp = to_db(NOW - timedelta(days=200))
    rows = [
        (5_000_000 + n, role, f"{role} {n}", WIJKEN[n % 3], "nl", stamp, stamp, stamp)
        for n, role in enumerate(
            ["coordinator"] * 3 + ["professional"] * 20 + ["volunteer"] * volunteers
        )
    ]
    async with services.db.transaction() as tx:
        await tx.executemany(
            "INSERT INTO people (telegram_id, role, name, wijk, language, terms_accepted_at,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        ids = [r[0] for r in await tx.fetchall("SELECT id FROM people ORDER BY id")]
        professionals, volunteer_ids = ids[3:23], ids[23:]
        await tx.execute(
            "INSERT INTO routing_rules (position, wijk, professional_id, created_at)"
            " VALUES (1, 'Noord', ?, ?)",
            (professionals[0], stamp),
        )
        await tx.executemany(  # a contact set for every tenth volunteer
            "INSERT INTO consult_contacts (volunteer_id, professional_id, set_at) VALUES (?, ?, ?)",
            [(v, professionals[n % 20], stamp) for n, v in enumerate(volunteer_ids[::10])],
        )


async def counts(services: Services) -> dict[str, int]:
    async with services.db.read() as tx:
        return {t: (await tx.fetchone(f"SELECT count(*) FROM {t}"))[0] for t in TABLES}  # type: ignore[index]


def written(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {table: after[table] - before[table] for table in TABLES}


async def timed_tick(services: Services) -> tuple[float, dict[str, int], dict[str, int]]:
    before = await counts(services)
    began = time.perf_counter()
    report = await services.scheduler.tick()
    seconds = time.perf_counter() - began
    return seconds, dict(report.fired), written(before, await counts(services))


async def run(volunteers: int, deliver: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        settings = offline_settings(Path(folder), organisation=OrganisationSettings(wijken=WIJKEN))
        clock = FakeClock(NOW)
        fake = FakeTelegram()
        app, services = build_application(settings, request=fake, clock=clock)
        await app.initialize()
        await start_services(app, services, background=False)
        try:
            figures = await _measure(services, fake, volunteers, deliver)
        finally:
            await services.stop()
            await app.shutdown()
    return figures


async def _measure(
    services: Services, fake: FakeTelegram, volunteers: int, deliver: bool
) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    began = time.perf_counter()
    await seed(services, volunteers)
    figures["seed_seconds"] = round(time.perf_counter() - began, 2)
    # The round every organisation has without configuration (bot.consultation.rounds).
    [round_] = await services.rounds.listed()
    occurrence = instant_of(round_.starts, services.settings.organisation.zone)
    services_clock(services).now = occurrence
    seconds, fired, rows = await timed_tick(services)
    figures["round_tick"] = {
        "seconds": round(seconds, 3),
        "ms_per_volunteer": round(seconds * 1000 / volunteers, 4),
        "fired": fired,
        "rows_written": rows,
        # the tick writes every message into the outbox in its one transaction
        "seconds_until_all_in_outbox": round(seconds, 3),
    }
    figures["tick_again_seconds"] = round((await timed_tick(services))[0], 4)
    if deliver:
        began = time.perf_counter()
        assert services.delivery is not None
        await services.delivery.drain()
        figures["delivery_drain_seconds"] = round(time.perf_counter() - began, 2)
        figures["messages_at_telegram"] = len(fake.calls)
    for name, after in (("reminder_tick", REMIND_AFTER), ("digest_tick", DIGEST_AFTER)):
        services_clock(services).now = occurrence + after
        seconds, fired, rows = await timed_tick(services)
        figures[name] = {"seconds": round(seconds, 3), "fired": fired, "rows_written": rows}
    return figures


def services_clock(services: Services) -> FakeClock:
    clock = services.clock
    assert isinstance(clock, FakeClock)
    return clock


def main() -> None:
    parser = argparse.ArgumentParser(prog="make bench-consultation", description=__doc__)
    parser.add_argument("--volunteers", type=int, default=10_000, help="default 10,000")
    parser.add_argument("--deliver", action="store_true", help="also drain the outbox")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    figures = {"volunteers": args.volunteers, **asyncio.run(run(args.volunteers, args.deliver))}
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
    print(f"figures in {ARTIFACT}")


if __name__ == "__main__":
    main()
