"""Steps of the people dialogues that other tests take: an invitation, going away for a week,
acting as someone the gate refuses, and the rows of the tables it guards (nothing may change)."""

from __future__ import annotations

from typing import Any

from storage.people import NewPerson, Person, PersonRepository, Role, Status
from tests.dialogue import Chatter, Harness, Replies

# What an update the gate refuses could change.
TABLES = ("people", "invites", "flows", "outbox", "processed_updates", "meta")
USE_BUTTONS = "Kies een van de knoppen hierboven."
ASK_INTERESTS = "Waar wil je graag aan meehelpen? Tik op alles wat past en daarna op Klaar."


async def seed(
    bot: Harness,
    name: str,
    role: Role = Role.VOLUNTEER,
    wijk: str | None = "Noord",
    language: str = "nl",
    status: Status = Status.ACTIVE,
    **fields: object,
) -> tuple[Chatter, Person]:
    chatter = bot.chatter(name, language)
    async with bot.services.db.transaction() as tx:
        people = PersonRepository(tx)
        person_id = await people.add(
            NewPerson(
                telegram_id=chatter.id,
                role=role,
                name=name,
                wijk=wijk,
                language=language,
                **fields,  # type: ignore[arg-type]
            ),
            bot.clock(),
        )
        if status is not Status.ACTIVE:
            await people.set_status(person_id, status, bot.clock())
        person = await people.by_id(person_id)
    assert person is not None
    return chatter, person


async def fresh(bot: Harness, person: Person) -> Person:
    async with bot.services.db.transaction() as tx:
        found = await PersonRepository(tx).by_id(person.id)
    assert found is not None
    return found


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


async def snapshot(bot: Harness) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: to show that nothing at all changed."""
    async with bot.services.db.transaction() as tx:
        return {
            table: [tuple(row) for row in await tx.fetchall(f"SELECT * FROM {table} ORDER BY 1")]
            for table in TABLES
        }


async def act(chatter: Chatter, action: str) -> Replies:
    """Send a text or command, a photo ("<photo>"), or press forged button data ("button:<data>")."""
    if action == "<photo>":
        return await chatter.send_photo()
    if action.startswith("button:"):
        return await chatter.press_data(action.removeprefix("button:"))
    return await chatter.send(action)
