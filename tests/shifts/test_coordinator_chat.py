"""A coordinator's shifts in the chat: the coverage of the coming two weeks with the unfilled
ones first, a shift's card, assigning (refused with the reason, the maximum overridden with a
typed reason), changing the time (everyone on it hears once), cancelling, attendance and the
history, in Dutch and English."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from tests.answers import NOT_ALLOWED
from tests.dialogue import Harness, tick
from tests.shifts.steps import coordinator, make_one, statuses, volunteer

LINE = "<b>Koffieochtend</b> · do 26-11 10:00–12:00 · Buurthuis De Boog"


async def test_coverage_shows_the_unfilled_shifts_first(bot: Harness) -> None:
    carla = await coordinator(bot)
    full = await make_one(bot, carla, needed=1, day=date(2026, 11, 24), title="Ronde")
    await make_one(bot, carla, needed=2)
    await make_one(bot, carla, needed=1, day=date(2026, 12, 20), title="Later")  # beyond 2 weeks
    vera, _ = await volunteer(bot, "Vera")
    await bot.services.shifts.signups.take(None, vera.id, full.id, "list")

    reply = await carla.send("/diensten")

    assert reply.text == (
        "<b>Diensten, komende twee weken</b>\nNog niet vol: 1 van de 2. Die staan bovenaan.\n\n"
        f"⚠️ 0/2 · {LINE}\n"
        "✅ 1/1 · <b>Ronde</b> · di 24-11 10:00–12:00 · Buurthuis De Boog"
    )
    assert reply.buttons == [
        "⚠️ do 26-11 10:00 Koffieochtend",
        "✅ di 24-11 10:00 Ronde",
        "➕ Nieuwe dienst",
    ]


async def test_the_card_assigning_and_the_reason_above_the_maximum(bot: Harness) -> None:
    carla = await coordinator(bot)
    monday = await make_one(bot, carla, needed=1, day=date(2026, 11, 24), title="Ronde")
    await make_one(bot, carla, needed=2)
    vera, person = await volunteer(bot, "Vera", max_shifts_per_week=1)
    await bot.services.shifts.signups.take(None, vera.id, monday.id, "list")
    await carla.send("/diensten")

    reply = await carla.press("⚠️ do 26-11 10:00 Koffieochtend")
    assert reply.text == (
        "<b>Koffieochtend</b>\n🗓 do 26-11 10:00–12:00\n📍 Buurthuis De Boog (Noord)\n🤝 Ouderen"
        "\n\n0 van de 2 plekken bezet"
    )
    assert reply.buttons == [
        "📣 Nu aanbieden",
        "➕ Indelen",
        "✏️ Wijzigen",
        "❌ Annuleren",
        "📜 Geschiedenis",
        "⬅️ Overzicht",
    ]
    reply = await carla.press("➕ Indelen")
    assert reply.text == f"Wie wil je indelen?\n{LINE}"
    assert reply.buttons == ["Vera (Noord)", "⬅️ Terug naar de dienst"]
    reply = await carla.press("Vera (Noord)")
    assert reply.text == (
        "Vera heeft die week al 1 dienst, het maximum. Wil je Vera toch indelen? Zeg dan waarom."
    )
    reply = await carla.press("Toch indelen (met reden)")
    assert reply.text == "Waarom deel je Vera toch in? Typ een korte reden. Die wordt bewaard."
    reply = await carla.send("Ze vroeg er zelf om")
    assert reply.said[0] == "✅ Vera is ingedeeld en krijgt een bericht."
    assert "Komen: Vera" in reply.said[1]
    assert (vera.inbox()[-1].text or "").startswith(
        "<b>Je bent ingedeeld</b>\nCarla heeft je ingedeeld voor:"
    )

    reply = await carla.press("📜 Geschiedenis")
    assert reply.text.endswith("Carla: Vera ingedeeld (Ze vroeg er zelf om)")
    assert person.id  # the override reason is kept with her place (tests/shifts/test_rules.py)


async def test_an_overlapping_shift_is_refused_with_the_reason(bot: Harness) -> None:
    carla = await coordinator(bot)
    early = await make_one(bot, carla, needed=1, start=time(9), end=time(11), title="Ronde")
    await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    await bot.services.shifts.signups.take(None, vera.id, early.id, "list")
    await carla.send("/diensten")
    await carla.press("⚠️ do 26-11 10:00 Koffieochtend")
    await carla.press("➕ Indelen")

    reply = await carla.press("Vera (Noord)")

    assert reply.said == ["Vera heeft dan al een dienst: Ronde, do 26-11 09:00–11:00."]


async def test_a_new_time_reaches_everyone_on_it_once(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=2)
    vera, _ = await volunteer(bot, "Vera")
    await bot.services.shifts.signups.take(None, vera.id, shift.id, "list")
    await carla.send("/diensten")
    await carla.press("⚠️ do 26-11 10:00 Koffieochtend")
    await carla.press("✏️ Wijzigen")

    reply = await carla.press("Datum en tijd")
    assert reply.text == "Typ de nieuwe datum en tijd, bijvoorbeeld 26-11 10:00-12:00."
    assert (await carla.send("morgen")).texts == [
        "Typ de datum en de tijden, bijvoorbeeld 26-11 10:00-12:00."
    ]
    reply = await carla.send("27-11 14:00-16:00")
    assert reply.said[0] == "Gewijzigd. Wie erop staat, krijgt bericht als tijd of plek veranderde."
    await bot.deliver()

    changed = [c.text for c in vera.inbox() if "Een dienst is veranderd" in (c.text or "")]
    assert changed == [
        f"<b>Een dienst is veranderd</b>\nEerst: {LINE}\nNu:\n<b>Koffieochtend</b>\n"
        "🗓 vr 27-11 14:00–16:00\n📍 Buurthuis De Boog (Noord)\n🤝 Ouderen\n\n"
        "Je herinneringen komen op de nieuwe tijd. Kun je niet meer? Meld je dan af via"
        " /mijndiensten."
    ]


async def test_a_place_with_a_resident_s_address_is_refused(bot: Harness) -> None:
    carla = await coordinator(bot)
    await make_one(bot, carla)
    await carla.send("/diensten")
    await carla.press("⚠️ do 26-11 10:00 Koffieochtend")
    await carla.press("✏️ Wijzigen")
    await carla.press("Plek")

    reply = await carla.send("bij mevrouw Jansen, Lange Nieuwstraat 12")

    assert reply.texts[0] == (
        "Hierin staat misschien een adres of postcode en een naam. Noem een openbare plek, zoals"
        " een buurthuis, en geen adres of naam van een bewoner."
    )
    assert (await carla.send("Buurthuis De Wissel")).said[0].startswith("Gewijzigd.")


async def test_cancelling_a_shift_tells_everyone_on_it(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=2)
    vera, _ = await volunteer(bot, "Vera")
    await bot.services.shifts.signups.take(None, vera.id, shift.id, "list")
    await carla.send("/diensten")
    await carla.press("⚠️ do 26-11 10:00 Koffieochtend")

    reply = await carla.press("❌ Annuleren")
    assert reply.buttons == ["Ja, alleen deze", "⬅️ Terug naar de dienst"]
    reply = await carla.press("Ja, alleen deze")
    assert reply.text.startswith("Geannuleerd: 1 dienst.")
    await bot.deliver()

    assert vera.inbox()[-1].text == (
        f"<b>Een dienst gaat niet door</b>\n{LINE}\nJe hoeft niet te komen."
        " Dank je dat je wilde helpen!"
    )


async def test_attendance_after_the_shift(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=2)
    for name in ("Vera", "Wim"):
        chatter, _ = await volunteer(bot, name)
        await bot.services.shifts.signups.take(None, chatter.id, shift.id, "list")
    bot.clock.now = datetime(2026, 11, 26, 11, tzinfo=UTC)
    await tick(bot)

    reply = await carla.press("✅ Wim")
    assert reply.text == (
        f"<b>Wie was er?</b>\n{LINE}\nIedereen staat op aanwezig. Tik op een naam als iemand"
        " er niet was.\n\n✅ Vera\n❌ Wim"
    )
    assert (await carla.press("Klaar")).said == ["Opgeslagen. Dank je wel!"]
    assert await statuses(bot, shift) == {"Vera": "confirmed", "Wim": "confirmed"}


async def test_volunteers_and_professionals_cannot_use_the_coordinators_buttons(
    bot: Harness,
) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla)
    vera, _ = await volunteer(bot, "Vera")
    for data in (
        f"sh:c:{shift.id}",
        f"sh:w:{shift.id}",
        f"sh:cx:{shift.id}:one",
        f"sh:ap:{shift.id}:1",
    ):
        assert (await vera.press_data(data)).toast == NOT_ALLOWED, data
    assert (await vera.send("/mijndiensten")).text.startswith("<b>Mijn diensten</b>")
    assert (await carla.send("/mijndiensten")).text == NOT_ALLOWED


async def test_in_english(bot: Harness) -> None:
    carla = await coordinator(bot, language="en")
    await make_one(bot, carla, needed=2)

    reply = await carla.send("/shifts")

    assert reply.text == (
        "<b>Shifts, coming two weeks</b>\nNot full yet: 1 of 1. Those come first.\n\n"
        "⚠️ 0/2 · <b>Koffieochtend</b> · Thu 26-11 10:00–12:00 · Buurthuis De Boog"
    )
    reply = await carla.press("⚠️ Thu 26-11 10:00 Koffieochtend")
    assert reply.text.endswith("\n\n0 of 2 places filled")
    assert reply.buttons[:2] == ["📣 Offer now", "➕ Assign"]
