"""/bericht as dialogues: choose who, write (formatting kept), see the preview exactly as
recipients will, then send, schedule or stop; in Dutch and in English; who may send to whom."""

from __future__ import annotations

import pytest

from storage.people import Role
from tests.announcements.steps import (
    BOLD,
    LUNCH,
    compose,
    copies_to,
    neighbourhood,
    reached,
    send_pdf,
    settle,
    write,
)
from tests.answers import EXPIRED, NOT_ALLOWED
from tests.dialogue import Harness, tick
from tests.people.steps import seed

NOT_FOUND = "Dat kan ik niet (meer) vinden."
INTRO = (
    "<b>Nieuwe mededeling</b>\nJe kiest wie hem krijgt, schrijft de tekst en ziet hem dan eerst"
    " zelf, precies zoals anderen hem zien. Stoppen kan altijd met /annuleer."
)
WHO = [
    "👥 Iedereen",
    "🔎 Kiezen: rol, wijk, interesse",
    "🗓 De vrijwilligers van een dienst",
    "👋 Oud-deelnemers",
]
ASK_MESSAGE = (
    "Typ je mededeling. Opmaak mag: vet, schuin, een link. Een foto of een pdf (bijvoorbeeld"
    " een agenda) mag ook; wat je erbij typt, komt eronder."
)
SUMMARY_BUTTONS = [
    "📣 Versturen",
    "👥 Aan wie",
    "Rollen",
    "Wijken",
    "Interesses",
    "✏️ Tekst",
    "👍 Belangrijk",
    "⚡ Dringend",
    "🕓 Inplannen",
    "Stoppen",
]


def summary(to: str, reach: str, important: str = "ja, met Gelezen 👍", at: str = "nu") -> str:
    return (
        f"<b>Zo ziet je mededeling eruit</b> (hierboven).\nAan: {to}\n{reach}\n"
        f"Belangrijk: {important}.\n"
        "Niet dringend: tussen 21:00 en 08:00 wacht hij tot de ochtend.\n"
        f"Wanneer: {at}.\n\nVersturen, iets aanpassen of stoppen?"
    )


async def test_write_preview_and_send_to_the_volunteers_of_one_wijk(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    reply = await carla.send("/bericht")
    assert (reply.texts, reply.buttons) == ([INTRO, "Aan wie?"], WHO)
    reply = await carla.press("🔎 Kiezen: rol, wijk, interesse")
    assert reply.buttons == ["Coördinatoren", "Beroepskrachten", "Vrijwilligers", "Klaar"]
    await carla.press("Vrijwilligers")
    reply = await carla.press("Klaar")
    assert reply.texts[-1].startswith("Welke wijken?")
    await carla.press("Noord")
    await carla.press("Klaar")
    reply = await carla.press("Klaar")  # any interest
    assert reply.texts[-1] == ASK_MESSAGE
    reply = await write(carla, LUNCH.body, [BOLD])
    assert reply.buttons == ["Ja, met Gelezen 👍", "Nee, gewoon een bericht"]

    reply = await carla.press("Ja, met Gelezen 👍")
    preview, control = [c for c in reply if c.method == "sendMessage"]
    assert preview.params["text"] == (
        "📣 Mededeling van Carla\n\nKerstlunch vrijdag 20 december om 12:00.\n\n"
        "Reageren? Beantwoord dit bericht. Alleen Carla leest je reactie."
    )
    assert preview.params["entities"][1] == {"type": "bold", "offset": 25, "length": 10}
    assert preview.buttons == ["Gelezen 👍"]
    assert control.params["text"] == summary("vrijwilligers in Noord", "Gaat naar 3 mensen.")
    assert control.buttons == SUMMARY_BUTTONS
    assert (await carla.press("Gelezen 👍")).toast == (
        "Dit is het voorbeeld: zo ziet de knop eruit."
    )

    reply = await carla.press("📣 Versturen")
    assert reply.text == "📣 <b>Mededeling A-0001</b>\nVerstuurd: 0 van 3"
    await settle(bot)
    assert reached(bot, people, "Carla") == {"Vera", "Wim", "Eva"}
    [copy] = copies_to(bot, people["Vera"][0])
    assert (copy.params["text"], copy.params["entities"]) == (
        preview.params["text"],
        preview.params["entities"],
    )
    assert copy.keyboard[0][0]["callback_data"] == "an:ack:1"
    report = bot.fake.delivered(carla.id)[-1]
    assert report.params["text"].startswith("📣 <b>Mededeling A-0001</b> — verstuurd")


async def test_in_english(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carol, _ = await seed(bot, "Carol", Role.COORDINATOR, None, language="en")
    reply = await carol.send("/announce")
    assert reply.texts[-1] == "To whom?"
    assert reply.buttons == [
        "👥 Everyone",
        "🔎 Choose: role, neighbourhood, interest",
        "🗓 The volunteers of a shift",
        "👋 Former members",
    ]
    await carol.press("👥 Everyone")
    await write(carol, "Office closed on Friday.", [])
    reply = await carol.press("No, just a message")
    preview, control = [c for c in reply if c.method == "sendMessage"]
    assert preview.params["text"] == (
        "📣 Announcement from Carol\n\nOffice closed on Friday.\n\n"
        "Want to respond? Reply to this message. Only Carol will read it."
    )
    assert control.params["text"].startswith(
        "<b>This is how your announcement looks</b> (above).\nTo: everyone\nGoes to 6 people."
    )
    await carol.press("📣 Send")
    await settle(bot)
    [dutch] = copies_to(bot, people["Vera"][0])
    assert dutch.params["text"].startswith("📣 Mededeling van Carol\n\n")
    [english] = copies_to(bot, people["Eva"][0])
    assert english.params["text"].startswith("📣 Announcement from Carol\n\n")
    # everyone active and not on a pause: Carla, Pieter, Vera, Wim, Eva, Zara
    assert reached(bot, people, "Carol") == {"Carla", "Pieter", "Vera", "Wim", "Eva", "Zara"}


async def test_schedule_for_tomorrow_then_cancel_it(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    await compose(carla)
    reply = await carla.press("🕓 Inplannen")
    assert reply.texts[-1].startswith("Wanneer moet het verstuurd worden?")
    assert (await carla.send("gisteren 9:00")).texts[-1].startswith("Dat begrijp ik niet.")
    assert (await carla.send("23-11-2026 08:00")).texts[-1] == (
        "Dat moment is al voorbij. Typ een dag en tijd die nog moeten komen."
    )
    reply = await carla.send("morgen 9:00")
    assert "Wanneer: di 24-11 09:00." in reply.texts[-1]
    reply = await carla.press("📣 Versturen")
    assert reply.texts[-1] == (
        "🕓 Ingepland voor di 24-11 09:00. Tot dan kun je hem stoppen via /bericht."
    )

    reply = await carla.send("/bericht")
    assert reply.buttons[:2] == [
        "✏️ Nieuwe mededeling",
        "🕓 A-0001 · di 24-11 09:00 · Kerstlunch vrijdag 20 december om 12:00.",
    ]
    reply = await carla.press(
        "🕓 A-0001 · di 24-11 09:00 · Kerstlunch vrijdag 20 december om 12:00."
    )
    assert reply.text.startswith("🕓 <b>Mededeling A-0001</b> — ingepland")
    reply = await carla.press("❌ Niet versturen")
    assert reply.text.endswith("Deze mededeling wordt niet verstuurd. Doorgaan?")
    reply = await carla.press("❌ Ja, niet versturen")
    assert reply.text.startswith("❌ <b>Mededeling A-0001</b> — niet verstuurd")
    bot.clock.advance(days=1)
    await tick(bot)
    assert copies_to(bot, people["Vera"][0]) == []


async def test_a_scheduled_one_goes_at_its_time(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    await compose(carla)
    await carla.press("🕓 Inplannen")
    await carla.send("23-11 14:00")
    await carla.press("📣 Versturen")
    bot.clock.advance(hours=4)  # 14:00 in Amsterdam
    await tick(bot)
    await settle(bot)
    assert [len(copies_to(bot, people[n][0])) for n in ("Vera", "Wim", "Eva")] == [1, 1, 1]


async def test_stopping_sends_nothing(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    await compose(carla)
    reply = await carla.press("Stoppen")
    assert reply.texts[-1] == "Gestopt. De mededeling is niet verstuurd."
    await settle(bot)
    assert reached(bot, people, "Carla") == set()
    assert (await carla.press("📣 Versturen")).toast == NOT_FOUND


async def test_alumni_only_when_chosen_and_urgent_reaches_own_pause(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    await compose(carla, who=("👋 Oud-deelnemers",), important="Nee, gewoon een bericht")
    reply = await carla.press("📣 Versturen")
    await compose(carla, who=("👥 Iedereen",), important="Nee, gewoon een bericht")
    await carla.press("⚡ Dringend")
    reply = await carla.press("Ja, dringend")
    assert "Dringend: gaat meteen, ook 's nachts en naar wie even pauze heeft." in reply.texts[-1]
    assert "Gaat naar 6 mensen." in reply.texts[-1]  # Olga too, on her own pause
    await carla.press("📣 Versturen")
    await settle(bot)
    counted = {name: len(copies_to(bot, chat)) for name, (chat, _) in people.items()}
    assert counted == {
        "Carla": 2,  # the previews
        "Pieter": 1,
        "Vera": 1,
        "Wim": 1,
        "Eva": 1,
        "Zara": 1,
        "Paul": 0,
        "Adam": 1,
        "Olga": 1,
    }


async def test_a_professional_sends_to_the_volunteers_of_their_own_wijk(bot: Harness) -> None:
    people = await neighbourhood(bot)
    pieter = people["Pieter"][0]
    reply = await pieter.send("/bericht")
    assert reply.texts == [INTRO, ASK_MESSAGE]  # no choice: their wijk's volunteers
    await write(pieter, "Spreekuur dinsdag valt uit.", [])
    reply = await pieter.press("Nee, gewoon een bericht")
    assert "Aan: vrijwilligers in Noord\nGaat naar 3 mensen." in reply.texts[-1]
    assert "👥 Aan wie" not in reply.buttons
    await pieter.press("📣 Versturen")
    await settle(bot)
    assert reached(bot, people, "Pieter") == {"Vera", "Wim", "Eva"}


async def test_only_coordinators_and_professionals_announce(bot: Harness) -> None:
    people = await neighbourhood(bot)
    vera = people["Vera"][0]
    assert (await vera.send("/bericht")).text == NOT_ALLOWED
    assert (await vera.press_data("an:sum:send")).toast == NOT_ALLOWED
    assert (await vera.press_data("an:yes:del:1")).toast == NOT_ALLOWED
    carla = people["Carla"][0]
    assert (await carla.press_data("an:sum:send")).toast == NOT_FOUND  # no draft open
    assert (await carla.press_data("an:show:x1")).toast == EXPIRED
    assert (await carla.press_data("an:yes:show:1")).toast == EXPIRED


async def test_professionals_may_not_when_the_organisation_says_so(tmp_path: object) -> None:
    from pathlib import Path

    from tests.dialogue import settings_for

    assert isinstance(tmp_path, Path)
    settings = settings_for(tmp_path, announcements={"professionals_to_own_wijk": False})
    bot = await Harness(settings).start()
    try:
        pieter, _ = await seed(bot, "Pieter", Role.PROFESSIONAL, "Noord")
        assert (await pieter.send("/bericht")).text == NOT_ALLOWED
    finally:
        await bot.stop()


@pytest.mark.parametrize("kind", ["photo", "pdf"])
async def test_a_photo_or_a_pdf_goes_with_its_caption(bot: Harness, kind: str) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    await carla.send("/bericht")
    await carla.press("👥 Iedereen")
    if kind == "photo":
        await carla.send_photo("De nieuwe buurtkamer")
    else:
        await send_pdf(carla, "De agenda van donderdag")
    reply = await carla.press("Nee, gewoon een bericht")
    [preview] = [c for c in reply if c.method in ("sendPhoto", "sendDocument")]
    assert preview.params["caption"].startswith("📣 Mededeling van Carla\n\nDe ")
    await carla.press("📣 Versturen")
    await settle(bot)
    [copy] = copies_to(bot, people["Vera"][0])
    if kind == "photo":
        assert (copy.method, copy.params["photo"]) == ("sendPhoto", "AgACAgQAAxk")
    else:
        assert (copy.method, copy.params["document"]) == ("sendDocument", "BQACAgQAAxkPDF")


async def test_only_a_pdf_goes_along(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    await carla.send("/bericht")
    await carla.press("👥 Iedereen")
    reply = await send_pdf(carla, "Het archief", name="archief.zip")
    assert reply.text == "Dit kan ik niet meesturen. Stuur tekst, een foto of een pdf."


async def test_a_residents_name_is_caught_before_it_goes_to_everyone(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    await carla.send("/bericht")
    await carla.press("👥 Iedereen")
    reply = await write(carla, "Mevrouw Jansen van de Kastanjelaan 12 is jarig.", [])
    assert reply.text == (
        "Let op: ik zie iets in je mededeling waaraan iemand te herkennen is:"
        " <b>een adres of postcode en een naam</b>. Die gaat naar veel mensen.\n"
        "Wil je de tekst aanpassen? Of is het echt nodig?"
    )
    assert reply.buttons == ["✏️ Tekst aanpassen", "Laten staan, het is nodig"]
    reply = await carla.press("✏️ Tekst aanpassen")
    assert reply.texts[-1] == (
        "Typ je tekst opnieuw, zonder <b>een adres of postcode en een naam</b>."
    )
    reply = await write(carla, "Mevrouw J. is jarig: kaartje sturen?", [])
    assert reply.buttons == ["Ja, met Gelezen 👍", "Nee, gewoon een bericht"]
