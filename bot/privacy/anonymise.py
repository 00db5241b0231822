"""Anonymising closed signals and finished questions after their retention period, and what
comes next.

A closed signal is anonymised `retention.closed_signals_days` after closing: the free text,
photo, position, privacy reason, closing message, the link to the reporter and the audit
trail's details go; category, wijk, urgency, status, outcome, owner and the dates stay, so the
statistics still add up.

A finished question (answered or closed) is anonymised `retention.finished_questions_days`
after its last activity (newest thread message, or closing): its text, photo, privacy reason,
the thread's bodies and every link to the asker go; topic, wijk, status, owner and the dates
stay. Open questions still await an answer and are never anonymised. Published knowledge-base
entries are separate texts a professional edited to be anonymous, so they stay.

RetentionService runs both with the hourly purge; coordinators see what is next with
/opschonen (handlers.privacy.retention).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.config import RetentionSettings
from storage.database import Transaction
from storage.questions import QuestionRepository
from storage.signals import SignalRepository

# The look-ahead windows /opschonen shows, in days.
WINDOWS = (7, 30)


@dataclass(frozen=True)
class Due:
    """How many records are due, with the oldest and newest of their reference times."""

    count: int
    oldest: datetime | None
    newest: datetime | None


@dataclass(frozen=True)
class Upcoming:
    """What will be anonymised within `days` days from now (overdue included)."""

    days: int
    signals: Due  # closed signals, by closing time
    questions: Due  # finished questions, by last activity


async def anonymise_closed(tx: Transaction, keep_days: int, now: datetime) -> int:
    return await SignalRepository(tx).anonymise_closed(now - timedelta(days=keep_days), now)


async def anonymise_finished_questions(tx: Transaction, keep_days: int, now: datetime) -> int:
    return await QuestionRepository(tx).anonymise_finished(now - timedelta(days=keep_days), now)


async def upcoming(
    tx: Transaction,
    settings: RetentionSettings,
    now: datetime,
    windows: tuple[int, ...] = WINDOWS,
) -> list[Upcoming]:
    """Per window: the signals and questions whose anonymisation falls within it."""
    signals = SignalRepository(tx)
    questions = QuestionRepository(tx)
    found = []
    for days in windows:
        ahead = now + timedelta(days=days)
        closed = await signals.closed_awaiting_anonymisation(
            ahead - timedelta(days=settings.closed_signals_days)
        )
        finished = await questions.finished_awaiting_anonymisation(
            ahead - timedelta(days=settings.finished_questions_days)
        )
        found.append(Upcoming(days, Due(*closed), Due(*finished)))
    return found
