"""The one tick (bot/scheduling/tick.py): every due timer fires exactly once, whatever happens.

Two ticks at once, two processes, a restart, a crash in the middle of a producer, downtime, a
producer that raises: each timer's outbox rows and its fired mark are written together, or not
at all. The producers here are small stand-ins; the signals' and questions' real ones are tested
with their features (tests/signals/test_deadlines.py, tests/questions/test_rounds.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.scheduling import timers
from bot.scheduling.recurrence import Recurrence
from bot.scheduling.tick import Scheduler
from bot.scheduling.timers import FIRED, STALE, Later, Outcome, Producer
from bot.telegram.outbox import Outbox
from storage.database import Database, Transaction
from storage.timers import DUE, Timer, TimerRepository
from tests.dialogue import FakeClock

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Monday 10:00 in Amsterdam
KIND = "test.notice"


class Notices:
    """A producer that writes one outbox row per firing and remembers what it fired."""

    def __init__(self, outbox: Outbox) -> None:
        self.outbox = outbox
        self.fired: list[str] = []

    async def __call__(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        await self.outbox.message(tx, f"notice:{timer.key}", 42, f"due {timer.key}", now)
        self.fired.append(timer.key)
        return FIRED


async def opened(path: Path) -> Database:
    db = Database(path)
    await db.open()
    return db


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await opened(tmp_path / "tick.sqlite3")
    yield database
    await database.close()


def scheduler(
    db: Database, clock: FakeClock, producers: dict[str, Producer] | None = None
) -> Scheduler:
    tick = Scheduler(db, clock, batch=7)  # a small batch, so ticks read several
    for kind, producer in (producers or {}).items():
        tick.register(kind, producer)
    return tick


async def add(db: Database, key: str, due: datetime, kind: str = KIND) -> None:
    async with db.transaction() as tx:
        await timers.schedule(tx, key, kind, None, due, NOW)


async def outbox_keys(db: Database) -> list[str]:
    async with db.read() as tx:
        return [r[0] for r in await tx.fetchall("SELECT key FROM outbox ORDER BY key")]


async def timer(db: Database, key: str) -> Timer:
    async with db.read() as tx:
        found = await TimerRepository(tx).by_key(key)
    assert found is not None
    return found


async def test_two_ticks_at_once_fire_each_due_timer_once(db: Database) -> None:
    clock = FakeClock(NOW)
    notices = Notices(Outbox())
    tick = scheduler(db, clock, {KIND: notices})
    for n in range(30):
        await add(db, f"t:{n:02d}", NOW - timedelta(minutes=n))
    await add(db, "t:later", NOW + timedelta(seconds=1))

    first, second = await asyncio.gather(tick.tick(), tick.tick())

    assert first.fired[KIND] + second.fired[KIND] == 30
    assert sorted(notices.fired) == [f"t:{n:02d}" for n in range(30)]
    assert await outbox_keys(db) == [f"notice:t:{n:02d}" for n in range(30)]
    assert (await tick.tick()).fired == {}
    assert (await timer(db, "t:later")).fired_at is None


async def test_two_processes_on_one_database_fire_each_timer_once(
    db: Database, tmp_path: Path
) -> None:
    other = await opened(tmp_path / "tick.sqlite3")  # a second connection: another process
    try:
        clock = FakeClock(NOW)
        here, there = Notices(Outbox()), Notices(Outbox())
        for n in range(20):
            await add(db, f"t:{n:02d}", NOW - timedelta(seconds=n))
        await asyncio.gather(
            scheduler(db, clock, {KIND: here}).tick(),
            scheduler(other, clock, {KIND: there}).tick(),
        )
        assert sorted(here.fired + there.fired) == [f"t:{n:02d}" for n in range(20)]
        assert len(await outbox_keys(db)) == 20
    finally:
        await other.close()


class Crash(BaseException):
    """The process dies (kill -9) while a producer is at work."""


async def test_a_crash_in_the_middle_leaves_neither_rows_nor_mark_and_a_restart_fires_once(
    tmp_path: Path,
) -> None:
    path, clock = tmp_path / "crash.sqlite3", FakeClock(NOW)
    db = await opened(path)
    await add(db, "t:crash", NOW - timedelta(hours=1))

    async def dies(tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        await Outbox().message(tx, "notice:half", 42, "half written", now)
        raise Crash

    with pytest.raises(Crash):
        await scheduler(db, clock, {KIND: dies}).tick()
    await db.close()

    db = await opened(path)  # the restart
    try:
        assert await outbox_keys(db) == []
        assert (await timer(db, "t:crash")).fired_at is None
        notices = Notices(Outbox())
        assert (await scheduler(db, clock, {KIND: notices}).tick()).fired == {KIND: 1}
        await db.close()
        db = await opened(path)  # and again: nothing more
        assert (await scheduler(db, clock, {KIND: notices}).tick()).fired == {}
        assert notices.fired == ["t:crash"] and await outbox_keys(db) == ["notice:t:crash"]
    finally:
        await db.close()


async def test_after_downtime_everything_that_fell_due_fires_once(db: Database) -> None:
    clock = FakeClock(NOW)
    notices = Notices(Outbox())
    for days in (1, 3, 10):
        await add(db, f"t:{days}", NOW + timedelta(days=days))
    clock.advance(days=30)  # the bot was down for a month
    assert (await scheduler(db, clock, {KIND: notices}).tick()).fired == {KIND: 3}
    clock.advance(minutes=1)
    assert (await scheduler(db, clock, {KIND: notices}).tick()).fired == {}
    assert notices.fired == ["t:1", "t:3", "t:10"]  # in the order they fell due


async def test_a_series_after_downtime_catches_up_once_and_goes_on_from_now(
    db: Database,
) -> None:
    """A weekly digest, Mondays 09:00: three missed weeks give one digest, not three."""
    clock = FakeClock(NOW)
    weekly = Recurrence("FREQ=WEEKLY;BYDAY=MO", datetime(2026, 11, 30, 9, 0))  # local time
    digests: list[str] = []

    async def digest(tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        digests.append(timer.key)
        await timers.schedule_next(tx, "digest:1", "test.digest", None, weekly, now)
        return FIRED

    tick = scheduler(db, clock, {"test.digest": digest})
    first = weekly.next_after(NOW)
    assert first is not None
    async with db.transaction() as tx:
        await timers.schedule(
            tx, timers.occurrence_key("digest:1", first), "test.digest", None, first, NOW
        )

    clock.now = first + timedelta(weeks=3, hours=2)  # down from before the first until now
    assert (await tick.tick()).fired == {"test.digest": 1}
    assert (await tick.tick()).fired == {}
    async with db.read() as tx:
        waiting = [t for t in await TimerRepository(tx).with_prefix("digest:1:") if not t.fired_at]
    [upcoming] = waiting
    assert upcoming.due_at == first + timedelta(weeks=4)  # the next Monday 09:00 after now
    clock.now = upcoming.due_at
    assert (await tick.tick()).fired == {"test.digest": 1}
    assert len(digests) == 2


async def test_a_producer_that_raises_holds_up_nothing_else_and_backs_off(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    clock = FakeClock(NOW)
    notices = Notices(Outbox())
    broken = True

    async def flaky(tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        await Outbox().message(tx, "notice:flaky", 42, "never kept while it fails", now)
        if broken:
            raise RuntimeError("a bug in a producer")
        return FIRED

    tick = scheduler(db, clock, {KIND: notices, "test.flaky": flaky})
    await add(db, "t:a", NOW - timedelta(minutes=2))
    await add(db, "t:flaky", NOW - timedelta(minutes=1), kind="test.flaky")
    await add(db, "t:b", NOW)

    with caplog.at_level(logging.ERROR, logger="bot.scheduling.tick"):
        report = await tick.tick()
    assert report.fired == {KIND: 2} and report.failed == {"test.flaky": 1}
    flaky_timer = await timer(db, "t:flaky")
    assert [r.getMessage() for r in caplog.records] == [
        f"timer {flaky_timer.id} (test.flaky) failed: RuntimeError; trying again in 0:01:00"
    ]
    assert await outbox_keys(db) == ["notice:t:a", "notice:t:b"]  # its half-written row is gone
    assert (flaky_timer.attempts, flaky_timer.error) == (1, "RuntimeError")
    assert flaky_timer.due_at == NOW + timedelta(minutes=1)

    assert not await tick.tick()  # not again at once: no hot loop
    clock.advance(minutes=1)
    assert (await tick.tick()).failed == {"test.flaky": 1}
    assert (await timer(db, "t:flaky")).due_at == clock() + timedelta(minutes=2)  # doubled
    broken = False
    clock.advance(minutes=2)
    assert (await tick.tick()).fired == {"test.flaky": 1}
    assert "notice:flaky" in await outbox_keys(db)


async def test_a_timer_without_a_producer_waits_as_a_failure(db: Database) -> None:
    clock = FakeClock(NOW)
    await add(db, "t:orphan", NOW, kind="test.gone")
    assert (await scheduler(db, clock).tick()).failed == {"test.gone": 1}
    assert (await timer(db, "t:orphan")).error == "UnknownKind"


async def test_a_producer_may_say_not_yet_or_no_longer(db: Database) -> None:
    clock = FakeClock(NOW)
    at_eleven = NOW + timedelta(hours=1)

    async def patient(tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        return Later(at_eleven) if now < at_eleven else STALE

    tick = scheduler(db, clock, {"test.patient": patient})
    await add(db, "t:patient", NOW, kind="test.patient")
    assert (await tick.tick()).later == {"test.patient": 1}
    waiting = await timer(db, "t:patient")
    assert (waiting.fired_at, waiting.due_at) == (None, at_eleven)
    assert not await tick.tick()
    clock.now = at_eleven
    assert (await tick.tick()).stale == {"test.patient": 1}
    assert (await timer(db, "t:patient")).fired_at == at_eleven


async def test_scheduling_a_key_again_moves_it_until_it_fired(db: Database) -> None:
    clock = FakeClock(NOW)
    notices = Notices(Outbox())
    tick = scheduler(db, clock, {KIND: notices})
    await add(db, "t:moved", NOW + timedelta(hours=1))
    await add(db, "t:moved", NOW - timedelta(hours=1))  # the cause changed: due now
    assert (await tick.tick()).fired == {KIND: 1}
    async with db.transaction() as tx:  # a fired key stays fired
        assert not await timers.schedule(tx, "t:moved", KIND, None, NOW, NOW)
    assert not await tick.tick()


async def test_cancelled_timers_never_fire(db: Database) -> None:
    clock = FakeClock(NOW)
    notices = Notices(Outbox())
    for key in ("signal:1:remind", "signal:1:escalate", "signal:12:remind", "signal:2:remind"):
        await add(db, key, NOW)
    async with db.transaction() as tx:
        assert await timers.cancel_all(tx, "signal:1:") == 2  # not signal 12's
        assert await timers.cancel(tx, "signal:2:remind") == 1
    await scheduler(db, clock, {KIND: notices}).tick()
    assert notices.fired == ["signal:12:remind"]


async def test_the_due_query_reads_only_due_timers_through_its_index(db: Database) -> None:
    async with db.read() as tx:
        plan = [r["detail"] for r in await tx.fetchall(f"EXPLAIN QUERY PLAN {DUE}", (NOW, 10))]
    assert plan == ["SEARCH timers USING INDEX timers_due (due_at<?)"]  # and no sort
