"""The demo organisation's people: one coordinator, one professional and one volunteer, who
has the professional as her contact for check-ins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.clock import Clock, system_clock
from bot.core.config import Settings
from bot.services import Services
from sandbox.world import World
from storage.checkins import ContactRepository
from storage.database import Database, Transaction
from storage.people import NewPerson, PersonRepository, Role


@dataclass(frozen=True)
class Persona:
    telegram_id: int
    name: str
    role: Role
    wijk: str | None
    interests: tuple[str, ...] = ()


PIETER, VERA = 100_002, 100_003
PERSONAS = (
    Persona(100_001, "Carla", Role.COORDINATOR, None),
    Persona(100_002, "Pieter", Role.PROFESSIONAL, "Noordoost"),
    Persona(100_003, "Vera", Role.VOLUNTEER, "Noordoost", ("ouderen",)),
)


async def seed_people(settings: Settings, clock: Clock = system_clock) -> None:
    """Register the personas (once), before the bot starts: start-up copies the demo's routing
    rules (`[[routing.rules]]`), which name Pieter, so he must be there by then."""
    wijken = settings.organisation.wijken
    interests = {c.key for c in settings.organisation.interests}
    db = Database(settings.database.path)
    await db.open()
    try:
        async with db.transaction() as tx:
            people = PersonRepository(tx)
            for persona in PERSONAS:
                if await people.by_telegram_id(persona.telegram_id) is None:
                    await people.add(
                        NewPerson(
                            telegram_id=persona.telegram_id,
                            role=persona.role,
                            name=persona.name,
                            wijk=persona.wijk if persona.wijk in wijken else None,
                            language="nl",
                            interests=tuple(i for i in persona.interests if i in interests),
                        ),
                        clock(),
                    )
    finally:
        await db.close()


async def seed(services: Services, world: World) -> None:
    """Give each persona a chat in the stand-in and their role's menu (seed_people registered
    them before start-up)."""
    for persona in PERSONAS:  # the chats first: a menu for an unknown chat is refused
        if persona.telegram_id not in world.people:
            world.add_person(persona.name, "nl", persona.telegram_id, started=True)
    now = services.clock()
    async with services.db.transaction() as tx:
        people = PersonRepository(tx)
        for persona in PERSONAS:
            # They never registered through the bot, which is when a menu is set; and the
            # stand-in forgets menus between runs. Their role and language as they are now.
            person = await people.by_telegram_id(persona.telegram_id)
            if person is not None and person.active:
                await services.outbox.publish_commands(
                    tx, person.telegram_id, person.role, person.language, now
                )
        await _contact(tx, now)


async def _contact(tx: Transaction, now: datetime) -> None:
    """Pieter reads Vera's check-ins (set once, as a coordinator would with /contactpersoon)."""
    people = PersonRepository(tx)
    vera, pieter = await people.by_telegram_id(VERA), await people.by_telegram_id(PIETER)
    contacts = ContactRepository(tx)
    if vera is not None and pieter is not None and await contacts.of(vera.id) is None:
        await contacts.set(vera.id, pieter.id, None, now)
