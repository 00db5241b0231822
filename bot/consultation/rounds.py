"""Check-in rounds: who gets a check-in, how often, with which questions.

A coordinator defines a round (an audience, an RRULE from a start, a few questions) or stops
one. Without any configuration there is one: all volunteers, every four weeks on Monday at
10:00, every question (`ensure_default`, at start-up, only while no round was ever defined).
Occurrences skip public holidays (the series skips them, bot.scheduling.recurrence); each
occurrence is a timer of the one scheduler (bot/consultation/schedule.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.consultation import questions as asked
from bot.consultation.schedule import schedule_now, schedule_round, stop_round
from bot.core.deps import Service
from bot.core.errors import NotAllowed, NotFound
from bot.people.audiences import Audience, check
from bot.scheduling.local_time import wall_clock
from bot.scheduling.recurrence import Recurrence
from bot.scheduling.recurrence_rules import weekly
from bot.telegram.updates import record_update
from storage.checkins import Round, RoundRepository
from storage.database import Transaction
from storage.people import Person, Role

MONDAY = 0
DEFAULT_TIME = time(10, 0)
DEFAULT_RULE = weekly(MONDAY, every=4)


def default_audience() -> Audience:
    return Audience.everyone().where("role", "volunteer")


def next_monday(now: datetime, zone: ZoneInfo, at: time = DEFAULT_TIME) -> datetime:
    """The first Monday at `at` (local) after `now`, as a naive wall-clock start."""
    local = wall_clock(now, zone).replace(tzinfo=None)
    day = local.date() + timedelta(days=(MONDAY - local.weekday()) % 7)
    start = datetime.combine(day, at)
    return start if start > local else start + timedelta(days=7)


class RoundService(Service):
    async def listed(self) -> list[Round]:
        async with self.db.read() as tx:
            return await RoundRepository(tx).listed()

    async def by_id(self, round_id: int) -> Round:
        async with self.db.read() as tx:
            found = await RoundRepository(tx).by_id(round_id)
        if found is None:
            raise NotFound("round")
        return found

    async def define(
        self,
        update_id: int | None,
        coordinator: Person,
        audience: Audience,
        rule: str,
        starts: datetime,
        questions: Sequence[str],
        first_now: bool = False,
    ) -> Round:
        """A new round; its first occurrence waits in the scheduler (with `first_now` one
        goes out at once too)."""
        if coordinator.role is not Role.COORDINATOR:
            raise NotAllowed
        audience = check(audience, self.settings)
        chosen = asked.check_keys(questions)
        Recurrence(
            rule, starts, self.settings.organisation.zone
        )  # InvalidRecurrence for a rule that cannot be a series
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            added = await self._add(tx, audience, rule, starts, chosen, coordinator.id, now)
            if first_now:
                await stop_round(tx, added.id)  # the regular one waits a period after this one
                await schedule_now(tx, added, now)
                await schedule_round(tx, self.deps, added, now, extra=now)
            return added

    async def stop(self, update_id: int | None, coordinator: Person, round_id: int) -> Round:
        if coordinator.role is not Role.COORDINATOR:
            raise NotAllowed
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            rounds = RoundRepository(tx)
            if not await rounds.stop(round_id, now):
                raise NotFound("round")
            await stop_round(tx, round_id)
            stopped = await rounds.by_id(round_id)
        assert stopped is not None
        return stopped

    async def ensure_default(self) -> Round | None:
        """The default round, when no round was ever defined (so check-ins work unconfigured)."""
        now = self.clock()
        async with self.db.transaction() as tx:
            if await RoundRepository(tx).count():
                return None
            starts = next_monday(now, self.settings.organisation.zone)
            return await self._add(
                tx, default_audience(), DEFAULT_RULE, starts, asked.DEFAULT, None, now
            )

    async def _add(
        self,
        tx: Transaction,
        audience: Audience,
        rule: str,
        starts: datetime,
        chosen: Sequence[str],
        by: int | None,
        now: datetime,
    ) -> Round:
        rounds = RoundRepository(tx)
        round_id = await rounds.add(audience.to_json(), rule, starts, chosen, by, now)
        added = await rounds.by_id(round_id)
        assert added is not None
        await schedule_round(tx, self.deps, added, now)
        return added
