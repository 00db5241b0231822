"""Buddies: an experienced volunteer inducts a new one.

A coordinator pairs them; both are introduced in the chat by first name only (no phone
number, no surname: they meet through the coordinator's arrangements or in the chat they
choose). The new volunteer's own check-ins after one and after four weeks ask how the
induction goes (timers of the one scheduler, bot/consultation/schedule.py); "not good" nudges the buddy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.consultation.round_choices import NEW_DAYS
from bot.consultation.schedule import schedule_induction
from bot.consultation.texts import first_name
from bot.core import i18n
from bot.core.deps import Service
from bot.core.errors import InvalidInput, NotAllowed, NotFound
from bot.telegram.outbox import Priority
from bot.telegram.updates import record_update
from storage.buddies import BuddyRepository, Pair
from storage.database import Transaction
from storage.people import Person, PersonRepository, Role, Status


@dataclass(frozen=True)
class Pairing:
    newcomer: Person
    buddy: Person
    pair: Pair


class BuddyService(Service):
    async def pair(
        self, update_id: int | None, coordinator: Person, newcomer_id: int, buddy_id: int
    ) -> Pairing:
        """Pair them and introduce each to the other by first name."""
        if coordinator.role is not Role.COORDINATOR:
            raise NotAllowed
        if newcomer_id == buddy_id:
            raise InvalidInput("consultation.buddy_self")
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            people = PersonRepository(tx)
            newcomer, buddy = await people.by_id(newcomer_id), await people.by_id(buddy_id)
            for person in (newcomer, buddy):
                if person is None or person.role is not Role.VOLUNTEER or not person.active:
                    raise NotFound("person")
            assert newcomer is not None and buddy is not None
            repo = BuddyRepository(tx)
            await repo.pair(newcomer.id, buddy.id, coordinator.id, now)
            pair = await repo.of_newcomer(newcomer.id)
            assert pair is not None
            await self._introduce(tx, newcomer, buddy, pair, now)
            await schedule_induction(tx, newcomer.id, now)
            return Pairing(newcomer, buddy, pair)

    async def _introduce(
        self, tx: Transaction, newcomer: Person, buddy: Person, pair: Pair, now: datetime
    ) -> None:
        stamp = f"{newcomer.id}:{buddy.id}:{int(pair.paired_at.timestamp())}"
        to_newcomer = i18n.t(
            newcomer.language, "consultation.buddy_intro_new", buddy=first_name(buddy.name)
        )
        to_buddy = i18n.t(
            buddy.language, "consultation.buddy_intro_buddy", newcomer=first_name(newcomer.name)
        )
        later = self.not_before(now)
        for key, person, text in (("new", newcomer, to_newcomer), ("buddy", buddy, to_buddy)):
            await self.outbox.message(
                tx,
                f"buddy:{stamp}:{key}",
                person.telegram_id,
                text,
                now,
                due_at=later,
                priority=Priority.NOTICE,
            )

    async def newcomers(self) -> list[Person]:
        """Active volunteers who joined in the last `NEW_DAYS` days, newest first."""
        since = self.clock() - timedelta(days=NEW_DAYS)
        return [v for v in await self._volunteers() if v.created_at >= since][::-1]

    async def experienced(self) -> list[Person]:
        """Active volunteers who have been with us longer, by name."""
        since = self.clock() - timedelta(days=NEW_DAYS)
        return sorted(
            (v for v in await self._volunteers() if v.created_at < since), key=lambda p: p.name
        )

    async def _volunteers(self) -> list[Person]:
        async with self.db.read() as tx:
            found, _ = await PersonRepository(tx).search(
                role=Role.VOLUNTEER, status=Status.ACTIVE, limit=10_000
            )
        return sorted(found, key=lambda p: p.created_at)

    async def of(self, person: Person) -> tuple[Person | None, list[Person]]:
        """The person's own buddy, and the newcomers they are buddy of."""
        async with self.db.read() as tx:
            repo, people = BuddyRepository(tx), PersonRepository(tx)
            mine = await repo.of_newcomer(person.id)
            buddy = await people.by_id(mine.buddy_id) if mine else None
            newcomers = [await people.by_id(p.newcomer_id) for p in await repo.of_buddy(person.id)]
        return buddy, [n for n in newcomers if n is not None]
