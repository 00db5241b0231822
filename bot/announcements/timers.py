"""The announcements' timers (bot/scheduling): when a scheduled one goes, and when the quiet
hours stop one that is going. Their producers are bot.announcements.scheduled.

Keys: 'announcement:<id>:send' and, per evening a broadcast may run into,
'announcement:<id>:quiet:<instant>'. Withdrawing or cancelling forgets them all (`settle`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.scheduling import timers
from bot.scheduling.local_time import clock_reaches, wall_clock
from bot.scheduling.quiet_hours import QuietHours
from storage.announcements import Announcement
from storage.database import Transaction

SEND = "announcement.send"
QUIET = "announcement.quiet"


def _prefix(announcement_id: int) -> str:
    return f"announcement:{announcement_id}:"


async def schedule_send(tx: Transaction, announcement: Announcement, now: datetime) -> None:
    key = _prefix(announcement.id) + "send"
    await timers.schedule(tx, key, SEND, announcement.id, announcement.send_at, now)


async def cancel_send(tx: Transaction, announcement_id: int) -> None:
    await timers.cancel(tx, _prefix(announcement_id) + "send")


async def settle(tx: Transaction, announcement_id: int) -> None:
    """Nothing more happens by itself: no send, no pause."""
    await timers.cancel_all(tx, _prefix(announcement_id))


def quiet_starts(quiet: QuietHours, after: datetime) -> datetime | None:
    """The first moment after `after` at which the quiet hours begin; None when there are none."""
    if quiet.start == quiet.end:
        return None
    local = wall_clock(after, quiet.zone)
    start = datetime.combine(local.date(), quiet.start)
    if start <= local:
        start += timedelta(days=1)
    return clock_reaches(start, quiet.zone, after)


async def schedule_quiet(
    tx: Transaction, quiet: QuietHours, announcement_id: int, after: datetime, now: datetime
) -> None:
    """Pause a broadcast that is still going when the next quiet hours begin."""
    at = quiet_starts(quiet, after)
    if at is not None:
        key = timers.occurrence_key(_prefix(announcement_id) + "quiet", at)
        await timers.schedule(tx, key, QUIET, announcement_id, at, now)
