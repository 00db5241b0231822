"""What the tick does: fire every due timer once, through the producer registered for its kind.

PTB's JobQueue runs `Scheduler.tick` every TICK_SECONDS (bot/app.py); the sandbox runs one at
once when a person moves its clock. One tick:

1. reads the unfired timers due now, earliest first, a batch at a time (storage.timers.DUE: the
   partial index timers_due, so timers waiting for the future cost nothing);
2. for each, in ONE transaction: marks it fired (`UPDATE ... WHERE fired_at IS NULL AND due_at
   <= now` — the fire-once guard: a second tick, in this process or another, or the same tick
   after a restart finds nothing to claim) and calls its producer, which re-reads its subject
   and writes its outbox rows in that same transaction. A crash before the commit leaves
   neither the rows nor the mark; after it, both. So each timer fires exactly once, and what
   fell due while the bot was down fires once when it is back;
3. a producer that says Later(at) puts its timer back to wait; one that raises is rolled back,
   logged by timer id and kind, and tried again after a back-off (1 minute, doubling up to an
   hour), while the tick goes on with the other timers.

Producers are registered by the composition root (bot/services.py), so this package never
imports a feature; see bot/scheduling/timers.py for what a producer does.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.core.clock import Clock
from bot.scheduling.timers import Done, Later, Outcome, Producer
from storage.database import Database
from storage.timers import Timer, TimerRepository

log = logging.getLogger(__name__)

TICK_SECONDS = 60.0
BATCH = 200
FIRST_RETRY = timedelta(minutes=1)
LAST_RETRY = timedelta(hours=1)
# A producer's Later lies at least this far ahead, so a mistaken one cannot make the tick spin.
SHORTEST_WAIT = timedelta(seconds=30)


class UnknownKind(Exception):
    """A timer whose kind has no producer (a feature removed, or not registered)."""


def retry_delay(attempts: int) -> timedelta:
    """The wait after a producer's failure: 1, 2, 4 ... minutes, at most an hour."""
    delay: timedelta = FIRST_RETRY * 2 ** min(attempts, 10)
    return min(LAST_RETRY, delay)


@dataclass
class TickReport:
    """What one tick did, per kind of timer."""

    fired: Counter[str] = field(default_factory=Counter)
    stale: Counter[str] = field(default_factory=Counter)
    later: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)

    def __bool__(self) -> bool:
        return any((self.fired, self.stale, self.later, self.failed))

    def add(self, kind: str, outcome: Outcome) -> None:
        if isinstance(outcome, Later):
            self.later[kind] += 1
        elif outcome is Done.FIRED:
            self.fired[kind] += 1
        else:
            self.stale[kind] += 1


class Scheduler:
    def __init__(self, db: Database, clock: Clock, batch: int = BATCH) -> None:
        self.db = db
        self.clock = clock
        self.batch = batch
        self._producers: dict[str, Producer] = {}

    def register(self, kind: str, producer: Producer) -> None:
        """The producer for timers of `kind`; one per kind."""
        if kind in self._producers:
            raise ValueError(f"a producer for {kind!r} is registered already")
        self._producers[kind] = producer

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(self._producers)

    async def tick(self, now: datetime | None = None) -> TickReport:
        """Fire every timer due at `now` (default: the clock), each once."""
        now = now or self.clock()
        report = TickReport()
        while True:
            async with self.db.read() as tx:
                due = await TimerRepository(tx).due(now, self.batch)
            for timer in due:
                await self._fire(timer, now, report)
            # Every timer read leaves the due set (fired, moved ahead or claimed by another
            # tick), so reading again finds only the ones beyond this batch.
            if len(due) < self.batch:
                break
        if report:
            log.info(
                "tick: fired %s, stale %s, later %s, failed %s",
                dict(report.fired),
                dict(report.stale),
                dict(report.later),
                dict(report.failed),
            )
        return report

    async def _fire(self, timer: Timer, now: datetime, report: TickReport) -> None:
        try:
            outcome = await self._claim_and_produce(timer, now)
        except Exception as error:
            delay = retry_delay(timer.attempts)
            log.exception(
                "timer %s (%s) failed: %s; trying again in %s",
                timer.id,
                timer.kind,
                type(error).__name__,
                delay,
            )
            async with self.db.transaction() as tx:
                await TimerRepository(tx).retry(timer.id, now + delay, type(error).__name__)
            report.failed[timer.kind] += 1
            return
        if outcome is not None:
            report.add(timer.kind, outcome)

    async def _claim_and_produce(self, timer: Timer, now: datetime) -> Outcome | None:
        """The timer's one transaction: the fired mark and its producer's rows, or neither."""
        async with self.db.transaction() as tx:
            timers = TimerRepository(tx)
            claimed = await timers.claim(timer.id, now)
            if claimed is None:
                return None  # fired by another tick, or moved by its cause meanwhile
            producer = self._producers.get(claimed.kind)
            if producer is None:
                raise UnknownKind(claimed.kind)
            outcome = await producer(tx, claimed, now)
            if isinstance(outcome, Later):
                await timers.postpone(claimed.id, max(outcome.at, now + SHORTEST_WAIT))
            return outcome
