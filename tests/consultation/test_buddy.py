"""A buddy for a new volunteer: Carla pairs Noor with Vera, both are introduced by first name
only; Noor's own check-ins after one and four weeks ask how the induction goes, and "not so
good" nudges Vera. Carla also sets a volunteer's contact."""

from __future__ import annotations

from storage.people import Role
from tests.consultation.steps import team
from tests.dialogue import Harness, tick
from tests.people.steps import seed


async def test_pairing_introductions_and_the_induction_question(bot: Harness) -> None:
    t = await team(bot)
    bot.clock.advance(days=90)  # Vera has been with us a while; Noor is new
    noor, _ = await seed(bot, "Noor El Idrissi", Role.VOLUNTEER, "Noord")

    await t.carla.send("/maatje")
    await t.carla.press("Noor El Idrissi (Noord)")
    reply = await t.carla.press("Vera de Boer (Noord)")
    assert reply.text == (
        "Vera de Boer is nu het maatje van Noor El Idrissi. Ze krijgen allebei een bericht,"
        " met alleen de voornaam."
    )
    assert noor.inbox()[-1].text.startswith("<b>Je maatje</b>\nHoi! Vera is je maatje.")
    assert "Boer" not in (noor.inbox()[-1].text or "")
    assert t.vera.inbox()[-1].text.startswith(
        "<b>Nieuw maatje</b>\nHoi! Jij bent het maatje van Noor,"
    )
    assert (await noor.send("/maatje")).text == "Je maatje is Vera."

    bot.clock.advance(days=7)
    await tick(bot)
    assert noor.inbox()[-1].text.startswith(
        "<b>Check-in</b>\nHoi Noor, je bent nu een tijdje bezig."
    )
    for answer in ("😊", "Goed zo", "Nee", "Ja"):
        await noor.press(answer)
    reply = await noor.press("Niet zo goed")
    assert "Hoe gaat het inwerken met je maatje? <b>Niet zo goed</b>" in reply.text
    assert t.vera.inbox()[-1].text == (
        "<b>Je maatje</b>\nNoor gaf in de check-in aan dat het inwerken nog niet zo goed gaat."
        " Misschien kun je even contact opnemen?"
    )

    bot.clock.advance(days=21)
    await tick(bot)
    checkins = [
        c
        for c in noor.inbox()
        if c.method == "sendMessage" and (c.text or "").startswith("<b>Check-in</b>")
    ]
    assert len(checkins) == 2


async def test_a_coordinator_sets_a_volunteers_contact(bot: Harness) -> None:
    t = await team(bot)
    _, olga = await seed(bot, "Olga", Role.PROFESSIONAL, None)
    await t.carla.send("/contactpersoon")
    reply = await t.carla.press("Vera de Boer (Noord)")
    assert reply.text == "<b>Contactpersoon van Vera de Boer</b>\nNu: Pieter. Wie wordt het?"
    reply = await t.carla.press("Olga")
    assert reply.text == "De contactpersoon van Vera de Boer is nu Olga."
    contact = await bot.services.contacts.current(t.people["vera"].id)
    assert contact.person.id == olga.id and contact.set_by_coordinator
    await t.carla.send("/contactpersoon")
    await t.carla.press("Vera de Boer (Noord)")
    reply = await t.carla.press("Volgens de routering")
    assert reply.text == "De contactpersoon van Vera de Boer is nu Carla."  # no rule for Noord


async def test_pairing_says_so_when_nobody_is_new_or_experienced(bot: Harness) -> None:
    """A team that all joined lately (the sandbox's demo on its first day) has no experienced
    volunteer, one that joined long ago no new one: the coordinator reads why, not an empty list."""
    t = await team(bot, "en")
    await seed(bot, "Noor El Idrissi", Role.VOLUNTEER, "Noord", "en")

    await t.carla.send("/buddy")
    reply = await t.carla.press("Noor El Idrissi (Noord)")
    assert reply.text == (
        "There is no experienced volunteer yet to be a buddy: someone who joined more than"
        " 60 days ago."
    )
    assert reply.buttons == []

    bot.clock.advance(days=90)
    reply = await t.carla.send("/maatje")
    assert reply.text == (
        "<b>Buddy</b>\nThere is no new volunteer at the moment: someone who joined in the last"
        " 60 days."
    )
    assert reply.buttons == []
