"""What is due around a meeting, as timers of the one scheduler.

- `meeting.remind`: the day before, one reminder to everyone who said yes or maybe.
- `meeting.agenda`: the day before, the agenda points together to the organiser.
- `meeting.next`: when a recurring meeting starts, its next occurrence is made (its own row,
  with its own invitations), so each occurrence can be changed or cancelled alone.

Scheduled when the meeting is planned (`schedule`); the producers find a cancelled or past
meeting stale.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.scheduling import timers
from storage.database import Transaction
from storage.meetings import Meeting

REMIND = "meeting.remind"
AGENDA = "meeting.agenda"
NEXT = "meeting.next"
DAY_BEFORE = timedelta(days=1)


def prefix(meeting_id: int) -> str:
    return f"meeting:{meeting_id}:"


async def cancel(tx: Transaction, meeting_id: int) -> None:
    """No reminder and no agenda for a cancelled meeting; a series still makes its next one."""
    for name in ("remind", "agenda"):
        await timers.cancel(tx, f"{prefix(meeting_id)}{name}")


async def schedule(tx: Transaction, meeting: Meeting, now: datetime) -> None:
    """The day-before reminder and agenda (when that moment is still to come), and the next
    occurrence of a recurring meeting."""
    keys, before = prefix(meeting.id), max(meeting.starts_at - DAY_BEFORE, now)
    await timers.schedule(tx, f"{keys}remind", REMIND, meeting.id, before, now)
    await timers.schedule(tx, f"{keys}agenda", AGENDA, meeting.id, before, now)
    if meeting.rule:
        await timers.schedule(tx, f"{keys}next", NEXT, meeting.id, meeting.starts_at, now)
