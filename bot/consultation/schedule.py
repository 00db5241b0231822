"""Everything due in check-ins, as timers of the one scheduler (bot/scheduling/timers.py).

- `checkin.round`: one occurrence of a round (key "checkin-round:<round>:<instant>"). It sends
  the check-ins, schedules their reminder and digest, and the round's next occurrence after
  now, so occurrences missed during downtime are caught up once. Public holidays are not in
  the series; an occurrence in the quiet hours waits for their end.
- `checkin.remind`: one reminder, two days after an occurrence, to whoever has not finished
  (moved to the next working day when that is a weekend or holiday); then nothing.
- `checkin.digest`: four days after, the digest per contact and the totals.
- `checkin.induction`: a new volunteer's own check-in one and four weeks after pairing.

Timers hold ids and the occurrence's instant, never personal data.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from bot.consultation.checkins import CheckinService, checkin_key
from bot.consultation.digest import send_digest
from bot.consultation.texts import checkin_view, first_name
from bot.core import i18n
from bot.core.deps import Deps, Service
from bot.scheduling import timers
from bot.scheduling.recurrence import Recurrence
from bot.scheduling.recurrence_rules import rule_parts
from bot.scheduling.timers import FIRED, STALE, Later, Outcome, Producer
from bot.scheduling.working_time import OfficeHours
from bot.telegram.outbox import Priority
from storage.buddies import BuddyRepository
from storage.checkins import Checkin, CheckinRepository, Round, RoundRepository
from storage.database import Transaction
from storage.people import Person, PersonRepository
from storage.timers import Timer
from storage.timestamps import from_db, to_db

ROUND = "checkin.round"
REMIND = "checkin.remind"
DIGEST = "checkin.digest"
INDUCTION = "checkin.induction"
INDUCTION_WEEKS = (1, 4)
REMIND_AFTER = timedelta(days=2)
DIGEST_AFTER = timedelta(days=4)


def series(round_: Round, zone: ZoneInfo) -> Recurrence:
    """The round's occurrences, public holidays left out."""
    return Recurrence(round_.rule, round_.starts, zone, skip_holidays=True)


def _round_base(round_id: int) -> str:
    return f"checkin-round:{round_id}"


def on_working_day(hours: OfficeHours, moment: datetime) -> datetime:
    """The same time of day on the first working day from `moment` on."""
    while not hours.is_working_day(moment.astimezone(hours.tz).date()):
        moment += timedelta(days=1)
    return moment


def period(rule: str) -> relativedelta:
    """How long one turn of the rule lasts: FREQ times INTERVAL ("every other week": 2 weeks)."""
    parts = rule_parts(rule)
    every = int(parts.get("INTERVAL", "1"))
    one = {
        "DAILY": relativedelta(days=1),
        "WEEKLY": relativedelta(weeks=1),
        "MONTHLY": relativedelta(months=1),
        "YEARLY": relativedelta(years=1),
    }[parts["FREQ"]]
    return one * every


async def schedule_round(
    tx: Transaction, deps: Deps, round_: Round, now: datetime, extra: datetime | None = None
) -> None:
    """The round's next occurrence after `now` waits (none when the series has ended).

    After an `extra` occurrence (a "first one now") the next regular one comes a whole
    period later at the earliest, so nobody gets two check-ins days apart.
    """
    after = now
    if extra is not None:
        after = max(now, extra + period(round_.rule) - timedelta(seconds=1))
    at = series(round_, deps.settings.organisation.zone).next_after(after)
    if at is not None:
        key = timers.occurrence_key(_round_base(round_.id), at)
        await timers.schedule(tx, key, ROUND, round_.id, at, now, {"at": to_db(at)})


async def schedule_now(tx: Transaction, round_: Round, now: datetime) -> None:
    """An extra occurrence now, before the series' first (a coordinator's "first one now")."""
    key = timers.occurrence_key(_round_base(round_.id), now)
    data = {"at": to_db(now), "extra": True}
    await timers.schedule(tx, key, ROUND, round_.id, now, now, data)


async def stop_round(tx: Transaction, round_id: int) -> None:
    """No further occurrences; the reminder and digest of one already sent still come."""
    await timers.cancel_all(tx, _round_base(round_id) + ":")


async def schedule_induction(tx: Transaction, newcomer_id: int, paired_at: datetime) -> None:
    """The new volunteer's own check-ins, one and four weeks after pairing (a new pairing
    moves them while they wait)."""
    for weeks in INDUCTION_WEEKS:
        at = paired_at + timedelta(weeks=weeks)
        key = f"induction:{newcomer_id}:{weeks}"
        await timers.schedule(tx, key, INDUCTION, newcomer_id, at, paired_at, {"at": to_db(at)})


class CheckinTimers(Service):
    """The producers of the check-in timers (registered with the tick in bot.services)."""

    def __init__(self, deps: Deps, checkins: CheckinService) -> None:
        super().__init__(deps)
        self.checkins = checkins

    def producers(self) -> dict[str, Producer]:
        return {
            ROUND: self.fire_round,
            REMIND: self.remind,
            DIGEST: self.digest,
            INDUCTION: self.induction,
        }

    async def fire_round(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        round_ = await RoundRepository(tx).by_id(timer.subject_id or 0)
        if round_ is None or not round_.active:
            return STALE
        if self.quiet.is_quiet(now):
            return Later(self.quiet.next_allowed(now))
        occurrence = from_db(timer.data["at"])
        await self.checkins.send_occurrence(tx, round_, occurrence, now)
        after = f"checkin-occurrence:{round_.id}:{to_db(occurrence)}"
        data = {"round": round_.id, "at": to_db(occurrence)}
        remind_at = on_working_day(self.hours, occurrence + REMIND_AFTER)
        digest_at = on_working_day(self.hours, occurrence + DIGEST_AFTER)
        await timers.schedule(tx, f"{after}:remind", REMIND, round_.id, remind_at, now, data)
        await timers.schedule(tx, f"{after}:digest", DIGEST, round_.id, digest_at, now, data)
        extra = occurrence if timer.data.get("extra") else None
        await schedule_round(tx, self.deps, round_, now, extra)
        return FIRED

    async def remind(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        """One reminder to each person whose check-in is still open."""
        if self.quiet.is_quiet(now):
            return Later(self.quiet.next_allowed(now))
        repo = CheckinRepository(tx)
        if "checkin" in timer.data:
            one = await repo.by_id(int(timer.data["checkin"]))
            open_ones = [one] if one is not None else []
        else:
            occurrence = from_db(timer.data["at"])
            open_ones = await repo.of_occurrence(int(timer.data["round"]), occurrence)
        waiting = [c for c in open_ones if not c.finished and c.reminded_at is None]
        # The people and their contacts read at once: a round's reminder reaches thousands.
        ids = {c.person_id for c in waiting} | {c.contact_id for c in waiting}
        people = await PersonRepository(tx).by_ids([i for i in ids if i is not None])
        reminded = [c.id for c in waiting if await self._remind(tx, c, people, now)]
        await repo.mark_reminded(reminded, now)
        return FIRED

    async def _remind(
        self, tx: Transaction, checkin: Checkin, people: dict[int, Person], now: datetime
    ) -> bool:
        person = people.get(checkin.person_id or 0)
        if person is None or not person.active or person.own_pause_at(now) is not None:
            return False
        contact = people.get(checkin.contact_id or 0)
        who = (
            first_name(contact.name) if contact else i18n.t(person.language, "consultation.someone")
        )
        text, keyboard = checkin_view(person.language, checkin, first_name(person.name), who)
        text = f"{i18n.t(person.language, 'consultation.reminder')}\n\n{text}"
        key = f"{checkin_key(checkin.id)}:reminder"
        return await self.outbox.message(
            tx, key, person.telegram_id, text, now, keyboard, priority=Priority.NOTICE
        )

    async def digest(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        round_ = await RoundRepository(tx).by_id(int(timer.data["round"]))
        if round_ is None:
            return STALE
        if self.quiet.is_quiet(now):
            return Later(self.quiet.next_allowed(now))
        await send_digest(self.deps, tx, round_, from_db(timer.data["at"]), now)
        return FIRED

    async def induction(self, tx: Transaction, timer: Timer, now: datetime) -> Outcome:
        """A new volunteer's own check-in, while they still have a buddy."""
        newcomer = await PersonRepository(tx).by_id(timer.subject_id or 0)
        pair = await BuddyRepository(tx).of_newcomer(timer.subject_id or 0)
        if newcomer is None or pair is None:
            return STALE
        if self.quiet.is_quiet(now):
            return Later(self.quiet.next_allowed(now))
        occurrence = from_db(timer.data["at"])
        checkin_id = await self.checkins.send_induction(tx, newcomer, occurrence, now)
        if checkin_id is None:
            return STALE
        remind_at = on_working_day(self.hours, occurrence + REMIND_AFTER)
        key = f"{checkin_key(checkin_id)}:remind"
        await timers.schedule(tx, key, REMIND, checkin_id, remind_at, now, {"checkin": checkin_id})
        return FIRED
