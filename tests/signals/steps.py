"""Steps of the signal dialogues that many tests take: a team, reporting, the latest signal."""

from __future__ import annotations

from storage.people import Person, Role
from storage.routing import RoutingRepository
from storage.signals import Signal
from tests.dialogue import Chatter, Harness
from tests.stored import signals_of

ASK_URGENCY = "Hoe snel moet iemand ernaar kijken?"
ASK_CONSENT = "Weet de bewoner dat je dit meldt, of vindt de bewoner het goed?"
DESCRIPTION = "Mevrouw op de hoek komt al weken niet buiten."


async def to_description(anna: Chatter) -> None:
    await anna.send("/signaal")
    await anna.press("Eenzaamheid")
    await anna.press("Noord")


async def from_urgency_to_summary(anna: Chatter, urgency: str = "Normaal") -> None:
    await anna.press(urgency)
    await anna.press("Weet ik niet")
    await anna.press("Overslaan")
    await anna.press("Overslaan")


async def route_all_to(bot: Harness, person: Person) -> None:
    async with bot.services.db.transaction() as tx:
        await RoutingRepository(tx).add_rule(None, None, person.id, bot.clock())


async def report(
    volunteer: Chatter,
    text: str = DESCRIPTION,
    category: str = "Eenzaamheid",
    wijk: str = "Noord",
    urgency: str = "Normaal",
) -> None:
    """The Dutch report dialogue, from /signaal to sent."""
    await volunteer.send("/signaal")
    await volunteer.press(category)
    await volunteer.press(wijk)
    await volunteer.send(text)
    await from_urgency_to_summary(volunteer, urgency)
    await volunteer.press("✅ Versturen")


async def latest(bot: Harness) -> Signal:
    return (await signals_of(bot))[-1]


async def team(bot: Harness) -> tuple[Chatter, Chatter, Chatter, Chatter, Person, Person]:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    pia, pia_person = await bot.member(Role.PROFESSIONAL, "Pia", wijk="Zuid")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await route_all_to(bot, piet_person)
    return carla, piet, pia, anna, piet_person, pia_person
