"""/pauze: a person takes a break of their own ("even pauze") until a date, or without one.

Not the pause a coordinator sets (Status.PAUSED), which closes the bot to them: on their own
pause a person keeps every command, and audiences (bot.people.audiences) leave them out of
shift offers, check-ins and announcements unless a message is urgent. It ends by itself at
the end of its last day: storage compares own_pause_until with the time, so nothing has to be
scheduled. The optional reason is theirs alone; coordinators see only until when.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from bot.core.deps import Service
from bot.core.errors import InvalidInput, NotAllowed
from bot.core.text_input import clean_text
from bot.flows import names
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.flows import Flow, FlowRepository
from storage.people import OwnPause, Person, PersonRepository

FLOW = names.OWN_PAUSE
MAX_DAYS = 365
MAX_REASON = 200
# The buttons: how long, as a last day after today; "open" has no end date.
PERIODS = {
    "1w": relativedelta(days=6),
    "2w": relativedelta(days=13),
    "1m": relativedelta(months=1, days=-1),
}
OPEN = "open"
# A typed day-month is the coming one, except a day this recent, which is a mistake rather than
# a pause of almost a year: "20-11" typed on 23-11 gets "that date has passed".
RECENT_DAYS = 60


def last_day(pause: OwnPause, zone: ZoneInfo) -> date | None:
    """The last day of the pause in local time; None without an end date."""
    if pause.until is None:
        return None
    return (pause.until.astimezone(zone) - timedelta(microseconds=1)).date()


async def _member(tx: Transaction, telegram_id: int) -> Person:
    person = await PersonRepository(tx).by_telegram_id(telegram_id)
    if person is None or not person.active:
        raise NotAllowed("own pause")
    return person


class OwnPauseService(Service):
    def today(self) -> date:
        return self.clock().astimezone(self.settings.organisation.zone).date()

    def period_end(self, period: str) -> date | None:
        """The last day a button stands for (None: no end date)."""
        if period == OPEN:
            return None
        if period not in PERIODS:
            raise InvalidInput("common.button_expired")
        return self.today() + PERIODS[period]

    def parse_day(self, text: str) -> date:
        """dd-mm or dd-mm-jjjj (also with / or .); a clear answer for anything else."""
        parts = text.strip().replace("/", "-").replace(".", "-").split("-")
        if len(parts) not in (2, 3) or not all(p.isdecimal() and len(p) <= 4 for p in parts):
            raise InvalidInput("pause.date_invalid")
        today = self.today()
        day, month = int(parts[0]), int(parts[1])
        year = int(parts[2]) if len(parts) == 3 else today.year
        if len(parts) == 3 and len(parts[2]) == 2:
            year += 2000
        try:
            found = date(year, month, day)
            if len(parts) == 2 and (today - found).days > RECENT_DAYS:
                found = date(year + 1, month, day)  # "05-01" typed in December
        except ValueError:
            raise InvalidInput("pause.date_invalid") from None
        return self.check_day(found)

    def check_day(self, day: date) -> date:
        if day < self.today():
            raise InvalidInput("pause.date_past")
        if day > self.today() + timedelta(days=MAX_DAYS):
            raise InvalidInput("pause.date_far")
        return day

    async def current(self, telegram_id: int) -> OwnPause | None:
        """Their pause if it lasts now."""
        async with self.db.read() as tx:
            return (await _member(tx, telegram_id)).own_pause_at(self.clock())

    async def start(
        self, update_id: int | None, telegram_id: int, until_day: date | None
    ) -> OwnPause:
        """On pause until the end of `until_day` (None: no end date). A pause that lasts keeps
        its start and reason: this changes its end."""
        if until_day is not None:
            self.check_day(until_day)
        async with self.db.transaction() as tx:
            return await self._start(tx, update_id, telegram_id, until_day)

    async def ask(self, update_id: int | None, telegram_id: int, step: str) -> None:
        """Wait for a typed last day ("date") or reason ("reason")."""
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, self.clock())
            person = await _member(tx, telegram_id)
            if step == "reason" and person.own_pause_at(self.clock()) is None:
                raise InvalidInput("pause.not_paused")
            flows = FlowRepository(tx)
            current = await flows.get(telegram_id)
            if current is not None and current.name in names.DRAFTS:
                raise InvalidInput(f"common.finish_{current.name}")
            await flows.save(Flow(telegram_id, FLOW, step), self.clock())

    async def typed(
        self, update_id: int | None, telegram_id: int, step: str, text: str
    ) -> OwnPause | None:
        """The typed answer of the open step; the flow ends only when it is valid. None when
        a reason comes after the pause ended by itself."""
        if step != "date":
            return await self._reason(update_id, telegram_id, text)
        until_day = self.parse_day(text)
        async with self.db.transaction() as tx:
            pause = await self._start(tx, update_id, telegram_id, until_day)
            await FlowRepository(tx).delete(telegram_id)
            return pause

    async def _reason(self, update_id: int | None, telegram_id: int, text: str) -> OwnPause | None:
        reason = clean_text(text, max_length=MAX_REASON)
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            person = await _member(tx, telegram_id)
            await FlowRepository(tx).delete(telegram_id)
            lasting = person.own_pause_at(now)
            if lasting is None:
                return None
            pause = OwnPause(lasting.since, lasting.until, reason)
            await PersonRepository(tx).set_own_pause(person.id, pause, now)
            return pause

    async def end(self, update_id: int | None, telegram_id: int) -> bool:
        """ "Ik ben er weer": False when there was no pause (any more)."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            person = await _member(tx, telegram_id)
            if person.own_pause is None:
                return False
            await PersonRepository(tx).set_own_pause(person.id, None, now)
            return person.own_pause.lasts_at(now)

    async def _start(
        self, tx: Transaction, update_id: int | None, telegram_id: int, until_day: date | None
    ) -> OwnPause:
        now = self.clock()
        await record_update(tx, update_id, now)
        person = await _member(tx, telegram_id)
        until = self._end_of(until_day) if until_day is not None else None
        lasting = person.own_pause_at(now)
        pause = OwnPause(lasting.since, until, lasting.reason) if lasting else OwnPause(now, until)
        await PersonRepository(tx).set_own_pause(person.id, pause, now)
        return pause

    def _end_of(self, day: date) -> datetime:
        zone = self.settings.organisation.zone
        return datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
