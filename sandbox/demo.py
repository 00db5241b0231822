"""The demo organisation's people: one coordinator, one professional and one volunteer, and a few
more volunteers (hidden in the web chat until their chip is pressed) so that an announcement
to a wijk has someone to reach, someone who reads English and someone who blocked the bot."""

from __future__ import annotations

from dataclasses import dataclass

from bot.routing.admin import seed_rules
from bot.services import Services
from sandbox.world import World
from storage.people import NewPerson, PersonRepository, Role


@dataclass(frozen=True)
class Persona:
    telegram_id: int
    name: str
    role: Role
    wijk: str | None
    interests: tuple[str, ...] = ()
    language: str = "nl"
    extra: bool = False  # hidden in the web chat until shown
    blocked: bool = False  # has blocked the bot (an announcement reports them unreachable)


PERSONAS = (
    Persona(100_001, "Carla", Role.COORDINATOR, None),
    Persona(100_002, "Pieter", Role.PROFESSIONAL, "Noordoost"),
    Persona(100_003, "Vera", Role.VOLUNTEER, "Noordoost", ("ouderen",)),
    Persona(100_004, "Wim", Role.VOLUNTEER, "Noordoost", ("jongeren",), extra=True),
    Persona(100_005, "Emma", Role.VOLUNTEER, "Noordoost", language="en", extra=True),
    Persona(100_006, "Kees", Role.VOLUNTEER, "Noordoost", extra=True, blocked=True),
    Persona(100_007, "Fatima", Role.VOLUNTEER, "Overvecht", ("schuldhulp",), extra=True),
)


async def seed(services: Services, world: World) -> None:
    """Register the personas (once), give each a chat in the stand-in and their role's menu."""
    for persona in PERSONAS:  # the chats first: a menu for an unknown chat is refused
        if persona.telegram_id not in world.people:
            chat = world.add_person(persona.name, persona.language, persona.telegram_id)
            chat.started, chat.extra, chat.blocked = True, persona.extra, persona.blocked
    wijken = services.settings.organisation.wijken
    interests = {c.key for c in services.settings.organisation.interests}
    now = services.clock()
    async with services.db.transaction() as tx:
        people = PersonRepository(tx)
        for persona in PERSONAS:
            if await people.by_telegram_id(persona.telegram_id) is None:
                await people.add(
                    NewPerson(
                        telegram_id=persona.telegram_id,
                        role=persona.role,
                        name=persona.name,
                        wijk=persona.wijk if persona.wijk in wijken else None,
                        language=persona.language,
                        interests=tuple(i for i in persona.interests if i in interests),
                    ),
                    now,
                )
            # They never registered through the bot, which is when a menu is set; and the
            # stand-in forgets menus between runs. Their role and language as they are now.
            person = await people.by_telegram_id(persona.telegram_id)
            if persona.blocked:  # known to have blocked the bot: nothing is sent to them
                await people.set_reachable(persona.telegram_id, False)
            elif person is not None and person.active:
                await services.outbox.publish_commands(
                    tx, person.telegram_id, person.role, person.language, now
                )
    # Start-up ran before the personas existed: copy the demo's routing rules in now (once).
    await seed_rules(services.db, services.settings, services.clock)
