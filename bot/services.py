"""The services one running bot uses, built once from the settings."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from typing import Protocol

from telegram import Bot

from bot.announcements import Announcements, picker
from bot.announcements import erasure as announcement_erasure
from bot.announcements import my_data as announcement_data
from bot.announcements.picker import Listed
from bot.announcements.scheduled import AnnouncementTimers
from bot.consultation import my_data as consultation_data
from bot.consultation.buddy import BuddyService
from bot.consultation.checkins import CheckinService
from bot.consultation.contacts import ContactService
from bot.consultation.deadlines import FollowupDeadlines
from bot.consultation.followups import FollowupService, move_open
from bot.consultation.meeting_changes import MeetingChanges
from bot.consultation.meeting_draft import MeetingDraft
from bot.consultation.meeting_reminders import MeetingTimers
from bot.consultation.meetings import MeetingService
from bot.consultation.note_draft import NoteDraft
from bot.consultation.rounds import RoundService
from bot.consultation.schedule import CheckinTimers
from bot.core.clock import Clock, system_clock
from bot.core.config import Settings
from bot.core.deps import Deps
from bot.people.absence import AbsenceService
from bot.people.access import AccessService
from bot.people.admin import PeopleService
from bot.people.audiences import AudienceService
from bot.people.invites import InviteService
from bot.people.own_pause import OwnPauseService
from bot.people.profile import ProfileService
from bot.people.registration import RegistrationService
from bot.privacy.known_people import KnownPeople
from bot.privacy.retention import RetentionService
from bot.questions.asking import QuestionService
from bot.questions.deadlines import QuestionDeadlines
from bot.questions.faq import FaqService
from bot.questions.reading import QuestionReader
from bot.questions.threads import ThreadService
from bot.routing.admin import RoutingAdminService, seed_rules
from bot.scheduling.tick import Scheduler
from bot.scheduling.timers import Producer
from bot.shifts import my_data as shift_data
from bot.shifts.audience import NAME as SHIFT
from bot.shifts.audience import shift_choices as choices
from bot.shifts.services import Shifts
from bot.signals.actions import SignalActionService
from bot.signals.deadlines import SignalDeadlines
from bot.signals.report import SignalService
from bot.telegram.delivery import DeliveryWorker
from bot.telegram.error_reports import ErrorReporter
from bot.telegram.outbox import Outbox
from storage.database import Database

log = logging.getLogger(__name__)


class Producers(Protocol):
    def producers(self) -> dict[str, Producer]: ...


def scheduler(
    deps: Deps, shifts: Shifts, checkins: CheckinService, meetings: MeetingService
) -> Scheduler:
    """The one tick, with every feature's producers (the tick itself imports no feature)."""
    tick = Scheduler(deps.db, deps.clock)
    features: tuple[Producers, ...] = (
        SignalDeadlines(deps),
        QuestionDeadlines(deps),
        shifts.due,
        CheckinTimers(deps, checkins),
        FollowupDeadlines(deps),
        MeetingTimers(deps, meetings),
        AnnouncementTimers(deps),
    )
    for feature in features:
        for kind, producer in feature.producers().items():
            tick.register(kind, producer)
    return tick


@dataclass
class Services:
    deps: Deps
    access: AccessService
    registration: RegistrationService
    invites: InviteService
    people: PeopleService
    profile: ProfileService
    errors: ErrorReporter
    retention: RetentionService
    signals: SignalService
    signal_actions: SignalActionService
    scheduler: Scheduler
    routing_admin: RoutingAdminService
    absence: AbsenceService
    questions: QuestionService
    question_threads: ThreadService
    question_reader: QuestionReader
    faq: FaqService
    audiences: AudienceService
    own_pause: OwnPauseService
    shifts: Shifts
    announcements: Announcements
    contacts: ContactService
    rounds: RoundService
    checkins: CheckinService
    followups: FollowupService
    meetings: MeetingService
    meeting_changes: MeetingChanges
    buddies: BuddyService
    meeting_draft: MeetingDraft
    checkin_notes: NoteDraft
    delivery: DeliveryWorker | None = None
    _delivery_task: asyncio.Task[None] | None = field(default=None, repr=False)

    @classmethod
    def build(cls, settings: Settings, clock: Clock = system_clock) -> Services:
        deps = Deps.build(settings, clock)
        known_people = KnownPeople()  # one cache of the staff's names for every privacy check
        checkins = CheckinService(deps)
        meetings = MeetingService(deps, known_people)
        signal_actions = SignalActionService(deps, known_people)
        threads = ThreadService(deps, known_people)
        org = settings.organisation
        shifts = Shifts.build(deps, known_people)
        # "The volunteers of a coming shift" under an announcement's "Aan wie?".
        picker.offer(Listed(SHIFT, "announcements.who_shift", "announcements.ask_shift", choices))
        return cls(
            deps=deps,
            access=AccessService(deps),
            registration=RegistrationService(deps),
            invites=InviteService(deps),
            people=PeopleService(deps),
            profile=ProfileService(
                deps,
                erasure=(shifts.erasure.forget, announcement_erasure.forget),
                my_data=(consultation_data.collect, shift_data.collect, announcement_data.collect),
            ),
            errors=ErrorReporter(
                deps.db, deps.outbox, clock, org.admin_chat_id, org.default_language
            ),
            retention=RetentionService(deps),
            signals=SignalService(deps, known_people),
            signal_actions=signal_actions,
            scheduler=scheduler(deps, shifts, checkins, meetings),
            routing_admin=RoutingAdminService(deps),
            absence=AbsenceService(deps, signal_actions, threads),
            questions=QuestionService(deps, known_people),
            question_threads=threads,
            question_reader=QuestionReader(deps),
            faq=FaqService(deps),
            audiences=AudienceService(deps),
            own_pause=OwnPauseService(deps),
            shifts=shifts,
            announcements=Announcements.build(deps, known_people),
            contacts=ContactService(deps, move_followups=move_open),
            rounds=RoundService(deps),
            checkins=checkins,
            followups=FollowupService(deps),
            meetings=meetings,
            meeting_changes=MeetingChanges(deps),
            buddies=BuddyService(deps),
            meeting_draft=MeetingDraft(deps, meetings),
            checkin_notes=NoteDraft(deps, known_people, checkins),
        )

    @property
    def settings(self) -> Settings:
        return self.deps.settings

    @property
    def clock(self) -> Clock:
        return self.deps.clock

    @property
    def db(self) -> Database:
        return self.deps.db

    @property
    def outbox(self) -> Outbox:
        return self.deps.outbox

    async def start(self, bot: Bot, deliver_in_background: bool = True) -> None:
        """Open the database and start the delivery worker (what was pending goes out first)."""
        await self.db.open()
        await seed_rules(self.db, self.settings, self.clock)
        if self.settings.consultation.default_round:
            await self.rounds.ensure_default()
        if bot.username:
            await self.invites.remember_username(bot.username)
        self.delivery = DeliveryWorker(
            self.db,
            self.outbox,
            bot,
            self.settings.delivery,
            self.clock,
            paced=self.settings.telegram.rate_limits,
        )
        if deliver_in_background:
            self._delivery_task = asyncio.create_task(self.delivery.run(), name="delivery")
        self.announcements.start(bot, background=deliver_in_background)

    async def stop(self) -> None:
        await self.announcements.stop()
        if self._delivery_task is not None:
            self._delivery_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._delivery_task
            self._delivery_task = None
        if self.delivery is not None:
            await self.delivery.stop()
        await self.db.close()
