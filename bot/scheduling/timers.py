"""Timers: the one fire-once mechanism for everything due (deadlines, reminders, rounds, digests).

A feature schedules a timer in the transaction that causes it: `schedule(tx, key, kind, ...)`
upserts by key, so when the cause changes the same call moves the waiting timer; `cancel` and
`cancel_all` (by key prefix) forget it when it no longer applies. When it is due, the tick
(bot/scheduling/tick.py) calls the producer registered for its kind, inside the transaction that
marks it fired, and the producer writes its outbox rows there. A producer:

- re-reads its subject and decides: FIRED (it did its work), STALE (nothing to do any more), or
  Later(at) (not yet: the timer waits again until `at`);
- never sends anything itself, only writes outbox rows in the transaction it is given;
- for a series, schedules the next occurrence with `schedule_next`: the first one after now, so
  after downtime the missed occurrences fire once, not once each.

Keys: one per firing, built in one place per feature (signals/deadlines.py, questions/deadlines.py),
e.g. "signal:12:remind", "question:7:escalate:<round start>", "checkin-round:4:<occurrence>".
Timers hold ids, never personal data: they outlive the texts they are about.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from bot.scheduling.recurrence import Recurrence
from storage.database import Transaction
from storage.timers import Timer, TimerRepository
from storage.timestamps import to_db

__all__ = [
    "FIRED",
    "STALE",
    "Done",
    "Later",
    "Outcome",
    "Producer",
    "cancel",
    "cancel_all",
    "occurrence_key",
    "schedule",
    "schedule_next",
]


class Done(Enum):
    FIRED = "fired"  # the producer did its work (wrote its outbox rows, its audit entry)
    STALE = "stale"  # the subject no longer needs it (picked up, answered, gone)


FIRED = Done.FIRED
STALE = Done.STALE


@dataclass(frozen=True)
class Later:
    """Not yet after all: wait again until `at` (the producer worked out the exact moment)."""

    at: datetime


Outcome = Done | Later
# Called by the tick inside the transaction that marks `timer` fired; `now` is the tick's time.
Producer = Callable[[Transaction, Timer, datetime], Awaitable[Outcome]]


async def schedule(
    tx: Transaction,
    key: str,
    kind: str,
    subject_id: int | None,
    due_at: datetime,
    now: datetime,
    data: dict[str, Any] | None = None,
) -> bool:
    """Schedule the timer `key`, or move it while it waits; False when it fired already."""
    return await TimerRepository(tx).schedule(key, kind, subject_id, due_at, now, data)


async def cancel(tx: Transaction, key: str) -> int:
    """Forget the waiting timer `key`; returns how many (0 or 1)."""
    return await TimerRepository(tx).cancel(key)


async def cancel_all(tx: Transaction, prefix: str) -> int:
    """Forget every waiting timer whose key starts with `prefix` ("signal:12:")."""
    return await TimerRepository(tx).cancel_all(prefix)


def occurrence_key(base: str, occurrence: datetime) -> str:
    """The key of one occurrence of a series: `base` and the occurrence's instant."""
    return f"{base}:{to_db(occurrence)}"


async def schedule_next(
    tx: Transaction,
    base: str,
    kind: str,
    subject_id: int | None,
    series: Recurrence,
    now: datetime,
    data: dict[str, Any] | None = None,
) -> datetime | None:
    """Schedule the series' first occurrence after `now` (key `occurrence_key(base, at)`);
    None when the series has ended. Called by the producer of the occurrence that fired, so
    occurrences missed during downtime are caught up once, never one by one."""
    at = series.next_after(now)
    if at is not None:
        await schedule(tx, occurrence_key(base, at), kind, subject_id, at, now, data)
    return at
