"""After the guard's warning: one warning names every kind it found, and "Tekst aanpassen"
asks for the new text in words that fit the buttons under it."""

from __future__ import annotations

from tests.announcements.steps import neighbourhood
from tests.consultation.steps import a_round, send, team
from tests.dialogue import Harness

NAME_AND_ADDRESS = "Mevrouw Jansen van de Kerkstraat 12 heeft hulp nodig met haar tuin."
REWRITE = "Typ je tekst opnieuw, zonder <b>een adres of postcode en een naam</b>."


async def test_a_check_in_note_is_asked_again_without_a_button_it_does_not_show(
    bot: Harness,
) -> None:
    t = await team(bot)
    await send(bot, await a_round(bot, t.people["carla"]))
    for answer in ("😊", "Goed zo", "Nee", "Ja"):
        await t.vera.press(answer)
    reply = await t.vera.send(NAME_AND_ADDRESS)
    assert "<b>een adres of postcode en een naam</b>" in reply.text
    reply = await t.vera.press("✏️ Tekst aanpassen")
    assert (reply.text, reply.buttons) == (REWRITE, [])
    reply = await t.vera.send("Ik help graag in de tuinen.")
    assert "Ik help graag in de tuinen." in reply.text


async def test_an_announcement_names_the_name_and_the_address_in_one_warning(
    bot: Harness,
) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    await carla.send("/bericht")
    await carla.press("👥 Iedereen")
    reply = await carla.send(NAME_AND_ADDRESS)
    assert reply.text.startswith(
        "Let op: ik zie iets in je mededeling waaraan iemand te herkennen is: <b>een adres of"
        " postcode en een naam</b>."
    )
    assert (await carla.press("✏️ Tekst aanpassen")).text == REWRITE
    reply = await carla.send("Wie helpt mee in de tuin van het buurthuis?")
    assert reply.texts[-1].startswith("Is het belangrijk?")
