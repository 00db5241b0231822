"""Scheduled purge of data we no longer need (AVG: store the minimum, for the shortest time)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.deps import Service
from bot.privacy.anonymise import Upcoming, anonymise_closed, anonymise_finished_questions, upcoming
from storage.announcements import AnnouncementRepository
from storage.checkins import CheckinRepository
from storage.database import Transaction
from storage.flows import FlowRepository
from storage.followups import FollowupRepository
from storage.invites import InviteRepository
from storage.meetings import MeetingRepository
from storage.outbox import OutboxRepository
from storage.shifts import ShiftRepository
from storage.timers import TimerRepository
from storage.updates import UpdateLog

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Purged:
    messages: int
    updates: int
    drafts: int
    invites: int
    signals: int  # closed signals anonymised
    questions: int  # finished questions anonymised
    timers: int = 0  # fired timers forgotten
    checkins: int = 0  # check-ins anonymised
    points: int = 0  # agenda points of meetings long over deleted
    shift_details: int = 0  # reasons and offers of shifts long over
    announcements: int = 0  # announcements forgotten, with who got and read them


async def anonymise_checkins(tx: Transaction, days: int, now: datetime) -> int:
    """Check-ins older than `days`: who answered, their note and the closing notes on them go;
    the taps stay, without a name, for the totals."""
    anonymised = await CheckinRepository(tx).anonymise_before(now - timedelta(days=days), now)
    if anonymised:
        await FollowupRepository(tx).forget_notes_of_anonymised()
    return anonymised


class RetentionService(Service):
    async def purge(self) -> Purged:
        now = self.clock()
        days = self.settings.retention
        async with self.db.transaction() as tx:
            purged = Purged(
                messages=await OutboxRepository(tx).purge_delivered(
                    now - timedelta(days=days.delivered_messages_days)
                ),
                updates=await UpdateLog(tx).purge(
                    now - timedelta(days=days.processed_updates_days)
                ),
                drafts=await FlowRepository(tx).purge_stale(now - timedelta(days=days.drafts_days)),
                invites=await InviteRepository(tx).purge_expired(
                    now - timedelta(days=days.expired_invites_days)
                ),
                signals=await anonymise_closed(tx, days.closed_signals_days, now),
                questions=await anonymise_finished_questions(tx, days.finished_questions_days, now),
                timers=await TimerRepository(tx).purge_fired(
                    now - timedelta(days=days.timers_days)
                ),
                checkins=await anonymise_checkins(tx, days.checkins_days, now),
                points=await MeetingRepository(tx).purge_points(
                    now - timedelta(days=days.checkins_days)
                ),
                shift_details=await ShiftRepository(tx).purge_details(
                    now - timedelta(days=days.shift_details_days)
                ),
                announcements=await AnnouncementRepository(tx).purge(
                    now - timedelta(days=days.announcements_days)
                ),
            )
        log.info("retention purge: %s", purged)
        return purged

    async def upcoming(self) -> list[Upcoming]:
        """What the next purges will anonymise (for coordinators: /opschonen)."""
        async with self.db.read() as tx:
            return await upcoming(tx, self.settings.retention, self.clock())
