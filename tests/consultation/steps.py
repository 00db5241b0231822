"""Steps the consultation dialogues share: the team, a contact, a round's occurrence sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.consultation.rounds import default_audience
from storage.checkins import ContactRepository, Round
from storage.people import Person, Role
from tests.dialogue import Chatter, Harness
from tests.people.steps import seed


@dataclass
class Team:
    carla: Chatter
    pieter: Chatter
    vera: Chatter
    people: dict[str, Person]


async def team(bot: Harness, language: str = "nl") -> Team:
    """Carla (coordinator), Pieter (professional) and Vera (volunteer in Noord, Pieter her
    contact), in `language`."""
    carla, c = await seed(bot, "Carla", Role.COORDINATOR, None, language)
    pieter, p = await seed(bot, "Pieter", Role.PROFESSIONAL, None, language)
    vera, v = await seed(bot, "Vera de Boer", Role.VOLUNTEER, "Noord", language)
    async with bot.services.db.transaction() as tx:
        await ContactRepository(tx).set(v.id, p.id, c.id, bot.clock())
    return Team(carla, pieter, vera, {"carla": c, "pieter": p, "vera": v})


async def a_round(
    bot: Harness, coordinator: Person, questions: tuple[str, ...] | None = None
) -> Round:
    from bot.consultation import questions as asked
    from bot.consultation.rounds import DEFAULT_RULE, next_monday

    zone = bot.settings.organisation.zone
    return await bot.services.rounds.define(
        None,
        coordinator,
        default_audience(),
        DEFAULT_RULE,
        next_monday(bot.clock(), zone),
        questions or asked.DEFAULT,
    )


async def send(bot: Harness, round_: Round, occurrence: datetime | None = None) -> int:
    """The round's occurrence as the scheduler fires it, then delivered."""
    async with bot.services.db.transaction() as tx:
        sent = await bot.services.checkins.send_occurrence(
            tx, round_, occurrence or bot.clock(), bot.clock()
        )
    await bot.deliver()
    return sent
