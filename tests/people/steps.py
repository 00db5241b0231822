"""Steps of the people dialogues that other tests take: an invitation, going away for a week."""

from __future__ import annotations

from typing import Any

from storage.people import Role
from tests.dialogue import Chatter, Harness

USE_BUTTONS = "Kies een van de knoppen hierboven."
ASK_INTERESTS = "Waar wil je graag aan meehelpen? Tik op alles wat past en daarna op Klaar."


async def invite(bot: Harness, role: Role, **options: Any) -> str:
    created = await bot.services.invites.create(role, **options)
    return created.code


async def away_for_a_week_with(piet: Chatter, substitute: str) -> str:
    reply = await piet.send("/afwezig")
    assert reply.text == "<b>Afwezig</b>\nTot wanneer ben je weg?"
    reply = await piet.press("1 week")
    assert reply.text == (
        "Je bent weg tot en met 29-11-2026. Wie krijgt in die tijd je nieuwe signalen en vragen?"
    )
    assert "Niemand — naar de coördinatoren" in reply.buttons
    return (await piet.press(substitute)).text
