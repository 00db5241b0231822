"""Coordinators manage people: find, pause, resume, change role, and let go (alumni)."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.core import i18n
from bot.core.deps import Service
from bot.core.errors import NotAllowed, NotFound
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.people import Person, PersonRepository, Role, Status

PAGE_SIZE = 8


@dataclass(frozen=True)
class PeopleFilter:
    role: Role | None = None
    wijk: str | None = None
    status: Status | None = None


@dataclass(frozen=True)
class Page:
    people: list[Person]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def _require_coordinator(actor: Person) -> None:
    if actor.role is not Role.COORDINATOR or not actor.active:
        raise NotAllowed("people")


class PeopleService(Service):
    async def list(self, actor: Person, where: PeopleFilter, page: int) -> Page:
        _require_coordinator(actor)
        page = max(0, page)
        async with self.db.read() as tx:
            repository = PersonRepository(tx)
            people, total = await repository.search(
                where.role, where.wijk, where.status, PAGE_SIZE, page * PAGE_SIZE
            )
            last = max(0, (total - 1) // PAGE_SIZE)
            if page > last:  # an old button, and people left meanwhile: show the last page
                page = last
                people, total = await repository.search(
                    where.role, where.wijk, where.status, PAGE_SIZE, page * PAGE_SIZE
                )
        return Page(people, total, page)

    async def get(self, actor: Person, person_id: int) -> Person:
        _require_coordinator(actor)
        async with self.db.read() as tx:
            person = await PersonRepository(tx).by_id(person_id)
        if person is None:
            raise NotFound("person")
        return person

    async def set_status(
        self, update_id: int | None, actor: Person, person_id: int, status: Status
    ) -> Person:
        """Pause, resume or make alumni; the person is told in their own language."""
        async with self._change(update_id, actor, person_id) as (tx, person):
            if person.status is status:
                return person
            now = self.clock()
            await PersonRepository(tx).set_status(person.id, status, now)
            text = i18n.t(person.language, f"people.you_are_{status.value}", name=person.name)
            await self.outbox.message(
                tx, f"status:{person.id}:{secrets.token_hex(4)}", person.telegram_id, text, now
            )
            return await self._reload(tx, person.id)

    async def set_role(
        self, update_id: int | None, actor: Person, person_id: int, role: Role
    ) -> Person:
        async with self._change(update_id, actor, person_id) as (tx, person):
            if person.role is role:
                return person
            now = self.clock()
            await PersonRepository(tx).set_role(person.id, role, now)
            suffix = secrets.token_hex(4)
            text = i18n.t(
                person.language,
                "people.your_role_changed",
                role=i18n.t(person.language, f"roles.{role}"),
            )
            await self.outbox.message(
                tx, f"role:{person.id}:{suffix}", person.telegram_id, text, now
            )
            await self.outbox.publish_commands(tx, person.telegram_id, role, person.language, now)
            return await self._reload(tx, person.id)

    @asynccontextmanager
    async def _change(
        self, update_id: int | None, actor: Person, person_id: int
    ) -> AsyncIterator[tuple[Transaction, Person]]:
        _require_coordinator(actor)
        if person_id == actor.id:
            # Nobody demotes or pauses themselves: the last coordinator could lock everyone out.
            raise NotAllowed("self")
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, self.clock())
            current = await PersonRepository(tx).by_id(actor.id)
            if current is None:
                raise NotAllowed("people")
            _require_coordinator(current)  # re-read: the button may be older than a demotion
            person = await PersonRepository(tx).by_id(person_id)
            if person is None:
                raise NotFound("person")
            yield tx, person

    @staticmethod
    async def _reload(tx: Transaction, person_id: int) -> Person:
        person = await PersonRepository(tx).by_id(person_id)
        assert person is not None
        return person
