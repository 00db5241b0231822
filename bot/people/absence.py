"""/afwezig: a professional is away until a date, with a substitute (or the coordinators).

New signals and questions follow the absence by themselves (bot.routing.rules). Open ones stay with
their owner unless the professional hands them over; each hand-over is a reassignment like any
other (SignalActionService.hand_over, ThreadService.hand_over: new owner, audit entry and alert),
all in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.core import i18n
from bot.core.deps import Deps, Service
from bot.core.errors import InvalidInput, NotAllowed
from bot.flows import names
from bot.questions.threads import ThreadService
from bot.routing.admin import active_professionals
from bot.signals.actions import SignalActionService
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.flows import Flow, FlowRepository
from storage.people import Person, PersonRepository, Role
from storage.questions import QuestionRepository
from storage.routing import Absence, RoutingRepository
from storage.signal_work import SignalWorkRepository
from storage.signals import OPEN_STATUSES

FLOW = names.ABSENCE
MAX_DAYS = 365
MAX_HANDOVER = 200
PERIODS = {"today": 0, "1w": 6, "2w": 13}


@dataclass(frozen=True)
class Away:
    """A current absence: until (the last day away, local) and who substitutes."""

    absence: Absence
    last_day: date
    substitute: Person | None
    open_signals: int
    open_questions: int  # not closed: awaiting an answer, or answered and open to follow-ups

    @property
    def open_items(self) -> int:
        return self.open_signals + self.open_questions


async def _professional(tx: Transaction, telegram_id: int) -> Person:
    actor = await PersonRepository(tx).by_telegram_id(telegram_id)
    if actor is None or actor.role is not Role.PROFESSIONAL or not actor.active:
        raise NotAllowed("absence")
    return actor


async def _stop(routing: RoutingRepository, absence: Absence, now: datetime) -> None:
    if absence.starts_at < now:
        await routing.end_absence(absence.id, now)
    else:
        await routing.delete_absence(absence.id)


class AbsenceService(Service):
    def __init__(self, deps: Deps, actions: SignalActionService, threads: ThreadService) -> None:
        super().__init__(deps)
        self.actions = actions
        self.threads = threads

    def today(self) -> date:
        return self.clock().astimezone(self.settings.organisation.zone).date()

    def period_end(self, period: str) -> date:
        if period not in PERIODS:
            raise InvalidInput("common.button_expired")
        return self.today() + timedelta(days=PERIODS[period])

    def check_day(self, day: date) -> date:
        """The last day away: today at the earliest, at most a year ahead."""
        if day < self.today():
            raise InvalidInput("routing.away_date_past")
        if day > self.today() + timedelta(days=MAX_DAYS):
            raise InvalidInput("routing.away_date_far")
        return day

    def parse_day(self, text: str) -> date:
        """dd-mm-jjjj (also with / or .); a clear answer for anything else."""
        cleaned = text.strip().replace("/", "-").replace(".", "-")
        try:
            day = datetime.strptime(cleaned, "%d-%m-%Y").date()
        except ValueError:
            raise InvalidInput("routing.away_date_invalid") from None
        return self.check_day(day)

    async def current(self, telegram_id: int) -> Away | None:
        async with self.db.read() as tx:
            actor = await _professional(tx, telegram_id)
            return await self._away(tx, actor)

    async def substitutes(self, telegram_id: int) -> list[Person]:
        async with self.db.read() as tx:
            actor = await _professional(tx, telegram_id)
            return [p for p in await active_professionals(tx) if p.id != actor.id]

    async def ask_date(self, update_id: int | None, telegram_id: int) -> None:
        """Wait for a typed last day."""
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, self.clock())
            await _professional(tx, telegram_id)
            flows = FlowRepository(tx)
            current = await flows.get(telegram_id)
            if current is not None and current.name != FLOW:
                raise InvalidInput("signal_work.finish_first")
            await flows.save(Flow(telegram_id, FLOW, "date"), self.clock())

    async def typed_date(self, update_id: int | None, telegram_id: int, text: str) -> date:
        """The typed last day; the flow ends only when it is valid."""
        day = self.parse_day(text)
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, self.clock())
            await _professional(tx, telegram_id)
            await FlowRepository(tx).delete(telegram_id)
        return day

    async def start(
        self, update_id: int | None, telegram_id: int, last_day: date, substitute_id: int | None
    ) -> Away:
        """Away from now until the end of `last_day`; replaces a current absence."""
        self.check_day(last_day)
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            actor = await _professional(tx, telegram_id)
            if substitute_id is not None:
                candidates = {p.id for p in await active_professionals(tx)} - {actor.id}
                if substitute_id not in candidates:
                    raise InvalidInput("common.button_expired")
            routing = RoutingRepository(tx)
            current = await routing.absence_at(actor.id, now)
            if current is not None:
                await _stop(routing, current, now)
            await routing.add_absence(actor.id, substitute_id, now, self._end_of(last_day))
            away = await self._away(tx, actor)
        assert away is not None
        return away

    async def end(self, update_id: int | None, telegram_id: int) -> bool:
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            actor = await _professional(tx, telegram_id)
            routing = RoutingRepository(tx)
            current = await routing.absence_at(actor.id, now)
            if current is None:
                return False
            await _stop(routing, current, now)
            return True

    async def hand_over(self, update_id: int | None, telegram_id: int) -> int:
        """Give every open signal and unclosed question to the current substitute; returns how
        many moved."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            actor = await _professional(tx, telegram_id)
            away = await self._away(tx, actor)
            if away is None or away.substitute is None:
                raise InvalidInput("routing.away_no_substitute")
            signals = await SignalWorkRepository(tx).worklist(
                now, OPEN_STATUSES, actor.id, limit=MAX_HANDOVER
            )
            day = away.last_day.strftime("%d-%m-%Y")
            reason = i18n.t(actor.language, "routing.away_handover_reason", day=day)
            for signal in signals:
                await self.actions.hand_over(tx, actor, signal, away.substitute.id, reason)
            questions = await QuestionRepository(tx).unclosed_for_owner(actor.id, MAX_HANDOVER)
            for question in questions:
                await self.threads.hand_over(tx, actor, question, away.substitute.id, reason)
            return len(signals) + len(questions)

    def _end_of(self, day: date) -> datetime:
        zone = self.settings.organisation.zone
        return datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)

    async def _away(self, tx: Transaction, actor: Person) -> Away | None:
        now = self.clock()
        absence = await RoutingRepository(tx).absence_at(actor.id, now)
        if absence is None:
            return None
        zone = self.settings.organisation.zone
        last_day = (absence.ends_at.astimezone(zone) - timedelta(microseconds=1)).date()
        people = PersonRepository(tx)
        substitute = await people.by_id(absence.substitute_id) if absence.substitute_id else None
        open_signals = await SignalWorkRepository(tx).worklist(
            now, OPEN_STATUSES, actor.id, limit=MAX_HANDOVER
        )
        questions = await QuestionRepository(tx).unclosed_for_owner(actor.id, MAX_HANDOVER)
        return Away(absence, last_day, substitute, len(open_signals), len(questions))
