"""A coordinator makes a shift in the chat, step by step: one shift, a weekly series with its
holidays skipped, the privacy guard on the place, changing a field from the summary, in Dutch
and English; and nobody else can."""

from __future__ import annotations

from datetime import UTC, datetime

from storage.shifts import ShiftRepository
from tests.answers import NOT_ALLOWED
from tests.dialogue import Chatter, Harness
from tests.shifts.steps import coordinator, volunteer

SUMMARY = (
    "<b>Klopt dit?</b>\nDienst: Koffieochtend\nInteresse: Ouderen\nWijk: Noord\n"
    "Plek: Buurthuis De Boog\nWanneer: do 26-11 10:00-12:00\nAantal vrijwilligers: 3"
)


async def new_shift(carla: Chatter) -> None:
    await carla.send("/diensten")
    reply = await carla.press("➕ Nieuwe dienst")
    assert reply.said[0] == "<b>Nieuwe dienst</b>\nIk vraag een paar dingen. Met /annuleer stop je."
    assert reply.said[1].startswith("Hoe heet de dienst?")
    reply = await carla.send("Koffieochtend")
    assert reply.text == "Bij welke interesse past de dienst? Die vrijwilligers vragen we eerst."
    assert reply.buttons == ["Ouderen", "Schuldhulp", "Jongeren", "Maakt niet uit"]
    await carla.press("Ouderen")
    reply = await carla.press("Noord")
    assert reply.text.startswith("Waar is de dienst? Noem een openbare plek")
    reply = await carla.send("Buurthuis De Boog")
    assert reply.text == "Op welke dag (de eerste keer)?"
    assert reply.buttons[:4] == ["ma 23-11", "di 24-11", "wo 25-11", "do 26-11"]
    await carla.press("do 26-11")
    assert (await carla.send("tien uur")).texts == [
        "Die tijden begrijp ik niet. Typ bijvoorbeeld 10:00-12:00."
    ]
    reply = await carla.send("10-12")
    assert reply.buttons == ["1", "2", "3", "4", "5", "6", "8", "10"]
    reply = await carla.press("3")
    assert reply.text == "Komt de dienst terug?"
    assert reply.buttons == [
        "Nee, één keer",
        "Elke donderdag",
        "Om de week op donderdag",
        "Elke vierde donderdag van de maand",
    ]


async def test_a_coordinator_makes_one_shift(bot: Harness) -> None:
    carla = await coordinator(bot)
    await new_shift(carla)
    await carla.press("Nee, één keer")
    reply = await carla.press("Overslaan")  # no notes
    assert reply.text == SUMMARY
    assert reply.buttons[0] == "✅ Dienst maken" and reply.buttons[-1] == "Stoppen"

    reply = await carla.press("✅ Dienst maken")

    assert reply.said[-1] == (
        "✅ <b>Dienst gemaakt</b>\n<b>Koffieochtend</b> · do 26-11 10:00–12:00 · Buurthuis De Boog"
        "\nDe vrijwilligers die passen krijgen een aanbod, vanaf 14 dagen van tevoren."
    )
    assert (await carla.send("/diensten")).buttons[0] == "⚠️ do 26-11 10:00 Koffieochtend"


async def test_a_weekly_series_skipping_holidays(bot: Harness) -> None:
    carla = await coordinator(bot)
    vera, _ = await volunteer(bot, "Vera")
    await new_shift(carla)
    reply = await carla.press("Elke donderdag")
    assert reply.text == "Tot wanneer?"
    await carla.press("3 maanden")
    reply = await carla.press("Valt uit op feestdagen")
    await carla.send("Neem een schort mee")
    reply = await carla.press("Aantal")  # change one thing from the summary
    reply = await carla.press("2")
    assert reply.text == (
        SUMMARY.replace("Aantal vrijwilligers: 3", "Aantal vrijwilligers: 2")
        + "\nHerhaalt: elke donderdag, tot en met 25-02-2027\nValt uit op feestdagen"
        "\nNotities: Neem een schort mee"
    )

    reply = await carla.press("✅ Dienst maken")

    assert "En nog 5 keer in de komende weken." in reply.said[-1]
    async with bot.services.db.read() as tx:
        series = await ShiftRepository(tx).running_series()
    assert [s.rule for s in series] == ["FREQ=WEEKLY;BYDAY=TH;UNTIL=20270225"]
    assert series[0].skip_holidays and series[0].notes == "Neem een schort mee"
    bot.clock.now = datetime(2026, 11, 24, 9, tzinfo=UTC)
    await bot.services.scheduler.tick()  # the first wave: 14 days before each
    await bot.deliver()
    offers = [c.text or "" for c in vera.inbox() if "Wil je komen?" in (c.text or "")]
    assert len(offers) == 2  # 26-11 and 03-12


async def test_a_resident_s_address_as_the_place_needs_a_reason(bot: Harness) -> None:
    carla = await coordinator(bot)
    await carla.send("/diensten")
    await carla.press("➕ Nieuwe dienst")
    await carla.send("Boodschappen")
    await carla.press("Maakt niet uit")
    await carla.press("Alle wijken")

    reply = await carla.send("bij mevrouw Jansen op de Lange Nieuwstraat 12")

    assert reply.text.startswith(
        "Let op: ik zie iets wat iemand kan herkennen: <b>een adres of postcode en een naam</b>."
    )
    assert reply.buttons == ["✏️ Tekst aanpassen", "Laten staan, het is nodig"]
    reply = await carla.press("✏️ Tekst aanpassen")
    assert reply.text == "Typ je tekst opnieuw, zonder <b>een adres of postcode en een naam</b>."
    assert (await carla.send("Buurthuis De Wissel")).text == "Op welke dag (de eerste keer)?"


async def test_only_coordinators_make_shifts(bot: Harness) -> None:
    vera, _ = await volunteer(bot, "Vera")
    assert (await vera.press_data("sh:new")).toast == NOT_ALLOWED
    assert (await vera.press_data("shd:title:x")).toast == NOT_ALLOWED


async def test_in_english(bot: Harness) -> None:
    carla = await coordinator(bot, language="en")
    await carla.send("/shifts")
    await carla.press("➕ New shift")
    await carla.send("Coffee morning")
    await carla.press("Older people")
    await carla.press("Noord")
    await carla.send("Community centre De Boog")
    await carla.press("Thu 26-11")
    await carla.send("10:00-12:00")
    await carla.press("2")
    reply = await carla.press("No, once")
    reply = await carla.press("Skip")
    assert reply.text.startswith(
        "<b>Is this right?</b>\nShift: Coffee morning\nInterest: Older people"
    )
    reply = await carla.press("✅ Make the shift")
    assert reply.said[-1].startswith("✅ <b>Shift made</b>\n<b>Coffee morning</b> · Thu 26-11")
