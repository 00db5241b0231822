"""Anonymising closed signals after `retention.closed_signals_days`, and what comes next.

Anonymising removes the free text, photo, position, privacy reason, closing message, the link
to the reporter and the audit trail's details; category, wijk, urgency, status, outcome, owner
and the dates stay, so the statistics still add up. RetentionService runs it with the hourly
purge; coordinators see what is next with /opschonen (handlers.retention).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.database import Transaction
from storage.signals import SignalRepository

# The look-ahead windows /opschonen shows, in days.
WINDOWS = (7, 30)


@dataclass(frozen=True)
class Upcoming:
    """Closed signals that will be anonymised within `days` days from now."""

    days: int
    count: int
    oldest: datetime | None  # closing time of the oldest among them
    newest: datetime | None


async def anonymise_closed(tx: Transaction, keep_days: int, now: datetime) -> int:
    return await SignalRepository(tx).anonymise_closed(now - timedelta(days=keep_days), now)


async def upcoming(
    tx: Transaction, keep_days: int, now: datetime, windows: tuple[int, ...] = WINDOWS
) -> list[Upcoming]:
    """Per window: the closed signals whose anonymisation falls within it (overdue ones too)."""
    signals = SignalRepository(tx)
    found = []
    for days in windows:
        cutoff = now - timedelta(days=keep_days) + timedelta(days=days)
        count, oldest, newest = await signals.closed_awaiting_anonymisation(cutoff)
        found.append(Upcoming(days, count, oldest, newest))
    return found
