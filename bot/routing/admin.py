"""Coordinators manage the routing rules; the configuration seeds an empty list at start-up.

Every change re-reads the actor in its own transaction and checks the active coordinator role,
whatever the button said. Rules only decide who gets *new* signals: nothing here touches the
owner of a signal that already exists.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.deps import Service
from bot.core.errors import InvalidInput, NotAllowed
from bot.telegram.updates import record_update
from storage.database import Database, Transaction
from storage.people import Person, PersonRepository, Role, Status
from storage.routing import RoutingRepository, RoutingRule

log = logging.getLogger(__name__)

MAX_RULES = 40
MAX_CANDIDATES = 40


@dataclass(frozen=True)
class RuleLine:
    """A rule with the name of the professional it names."""

    rule: RoutingRule
    professional: str


async def _coordinator(tx: Transaction, telegram_id: int) -> Person:
    actor = await PersonRepository(tx).by_telegram_id(telegram_id)
    if actor is None or actor.role is not Role.COORDINATOR or not actor.active:
        raise NotAllowed("routing")
    return actor


async def _lines(tx: Transaction) -> list[RuleLine]:
    people = PersonRepository(tx)
    lines = []
    for rule in await RoutingRepository(tx).rules():
        person = await people.by_id(rule.professional_id)
        lines.append(RuleLine(rule, person.name if person else "?"))
    return lines


async def active_professionals(tx: Transaction) -> list[Person]:
    found, _ = await PersonRepository(tx).search(
        Role.PROFESSIONAL, None, Status.ACTIVE, limit=MAX_CANDIDATES
    )
    return found


class RoutingAdminService(Service):
    async def rules(self, telegram_id: int) -> list[RuleLine]:
        async with self.db.read() as tx:
            await _coordinator(tx, telegram_id)
            return await _lines(tx)

    async def professionals(self, telegram_id: int) -> list[Person]:
        async with self.db.read() as tx:
            await _coordinator(tx, telegram_id)
            return await active_professionals(tx)

    def category_at(self, index: str) -> str | None:
        """ "a" (any) or an index into the configured categories; anything else is refused."""
        return _pick(self.settings.organisation.category_keys(), index)

    def wijk_at(self, index: str) -> str | None:
        return _pick(self.settings.organisation.wijken, index)

    async def add(
        self, update_id: int | None, telegram_id: int, category: str, wijk: str, professional: int
    ) -> list[RuleLine]:
        """Append a rule; `category` and `wijk` are indexes (or "a") from the button."""
        chosen_category, chosen_wijk = self.category_at(category), self.wijk_at(wijk)
        async with self._changing(update_id, telegram_id) as tx:
            person = await PersonRepository(tx).by_id(professional)
            if person is None or person.role is not Role.PROFESSIONAL or not person.active:
                raise InvalidInput("common.button_expired")
            routing = RoutingRepository(tx)
            if len(await routing.rules()) >= MAX_RULES:
                raise InvalidInput("routing.too_many", count=MAX_RULES)
            await routing.add_rule(chosen_category, chosen_wijk, person.id, self.clock())
            return await _lines(tx)

    async def move(
        self, update_id: int | None, telegram_id: int, rule_id: int, step: int
    ) -> list[RuleLine]:
        """One place up (step -1) or down (+1); the ends stay where they are."""
        async with self._changing(update_id, telegram_id) as tx:
            routing = RoutingRepository(tx)
            ids = [r.id for r in await routing.rules()]
            if rule_id not in ids or step not in (-1, 1):
                raise InvalidInput("common.button_expired")
            target = ids.index(rule_id) + step
            if 0 <= target < len(ids):
                await routing.move_rule(rule_id, target + 1)
            return await _lines(tx)

    async def delete(self, update_id: int | None, telegram_id: int, rule_id: int) -> list[RuleLine]:
        async with self._changing(update_id, telegram_id) as tx:
            if not await RoutingRepository(tx).delete_rule(rule_id):
                raise InvalidInput("common.button_expired")
            return await _lines(tx)

    async def rule(self, telegram_id: int, rule_id: int) -> RuleLine:
        for line in await self.rules(telegram_id):
            if line.rule.id == rule_id:
                return line
        raise InvalidInput("common.button_expired")

    @asynccontextmanager
    async def _changing(
        self, update_id: int | None, telegram_id: int
    ) -> AsyncIterator[Transaction]:
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, self.clock())
            await _coordinator(tx, telegram_id)
            yield tx


def _pick(options: list[str], index: str) -> str | None:
    if index == "a":
        return None
    if index.isdecimal() and int(index) < len(options):
        return options[int(index)]
    raise InvalidInput("common.button_expired")


async def seed_rules(db: Database, settings: Settings, clock: Clock) -> int:
    """Copy the configured rules into an empty rule list; returns how many were added."""
    configured = settings.routing.rules
    if not configured:
        return 0
    added = 0
    async with db.transaction() as tx:
        routing, people = RoutingRepository(tx), PersonRepository(tx)
        if await routing.rules():
            return 0
        for number, rule in enumerate(configured, start=1):
            person = await people.by_telegram_id(rule.professional_telegram_id)
            if person is None or person.role is not Role.PROFESSIONAL or not person.active:
                log.warning(
                    "routing rule %d from the configuration skipped: no active professional", number
                )
                continue
            await routing.add_rule(rule.category, rule.wijk, person.id, clock())
            added += 1
    return added
