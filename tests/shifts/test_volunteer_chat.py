"""A volunteer's shifts in the chat, in Dutch and English: an offer answered with one tap, the
standby list when it is full, /diensten and /mijndiensten, the calendar file, cancelling before
and after the cut-off, the day-before reminder, swapping, and buttons that are not theirs."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar

from tests import payloads
from tests.answers import EXPIRED
from tests.dialogue import Chatter, Harness, tick
from tests.shifts.steps import coordinator, make_one, statuses, volunteer, wave

LINE = "<b>Koffieochtend</b> · do 26-11 10:00–12:00 · Buurthuis De Boog"
BLOCK = "<b>Koffieochtend</b>\n🗓 do 26-11 10:00–12:00\n📍 Buurthuis De Boog (Noord)\n🤝 Ouderen"
BLOCK_EN = (
    "<b>Koffieochtend</b>\n🗓 Thu 26-11 10:00–12:00\n📍 Buurthuis De Boog (Noord)\n🤝 Older people"
)


def calendar_of(chatter: Chatter) -> Calendar:
    document = next(c for c in reversed(chatter.inbox()) if c.method == "sendDocument")
    return Calendar.from_ical(next(iter(document.files.values())))


async def test_an_offer_taken_with_one_tap_and_put_in_the_calendar(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=2)
    vera, _ = await volunteer(bot, "Vera")
    await wave(bot, shift)
    offer = vera.inbox()[-1]
    assert offer.text == (
        f"<b>Wil je komen?</b>\n{BLOCK}\n\nTik op <b>Ik kom</b> of <b>Kan niet</b>. Allebei is goed."
    )
    assert offer.buttons == ["✅ Ik kom", "Kan niet"]

    reply = await vera.press("✅ Ik kom")
    assert reply.text == (
        f"✅ <b>Je staat erop!</b>\n{BLOCK}\n\nEen dag van tevoren krijg je een herinnering."
    )
    assert reply.buttons == ["📅 In mijn agenda", "📋 Mijn diensten"]

    reply = await vera.press("📅 In mijn agenda")
    assert reply.said[-1].startswith("Open dit bestand om je dienst in je agenda te zetten.")
    (event,) = calendar_of(vera).walk("VEVENT")
    assert str(event["UID"]) == f"shift-{shift.id}@voelspriet"
    assert str(event["SUMMARY"]) == "Dienst: Koffieochtend"
    assert event["DTSTART"].dt == datetime(2026, 11, 26, 9, tzinfo=UTC)
    assert str(event["STATUS"]) == "CONFIRMED"


async def test_a_later_tap_on_a_full_shift_gets_full_and_the_standby_list(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    wim, _ = await volunteer(bot, "Wim")
    await wave(bot, shift)
    await vera.press("✅ Ik kom")

    reply = await wim.press("✅ Ik kom")

    assert reply.text == (
        "<b>Deze dienst is al vol.</b>\nJe staat nu op de reservelijst: valt er iemand af,"
        f" dan vragen we jou eerst.\n{BLOCK}"
    )
    assert await statuses(bot, shift) == {"Vera": "confirmed", "Wim": "standby"}


async def test_saying_no_is_fine(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla)
    vera, _ = await volunteer(bot, "Vera")
    await wave(bot, shift)

    reply = await vera.press("Kan niet")

    assert reply.text == f"{BLOCK}\n\nHelemaal goed, dank je voor het laten weten."
    assert reply.buttons == [] and await statuses(bot, shift) == {}


async def test_open_shifts_and_my_shifts(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla)
    await make_one(bot, carla, wijk="Zuid", title="Zuid-ronde")  # not her wijk
    vera, _ = await volunteer(bot, "Vera")

    reply = await vera.send("/diensten")
    assert reply.text == (
        "<b>Open diensten voor jou</b>\nDeze diensten passen bij je en hebben nog plek."
        f" Tik op een dienst om je aan te melden.\n\n• {LINE}"
    )
    assert reply.buttons == ["✅ do 26-11 10:00 Koffieochtend"]
    await vera.press("✅ do 26-11 10:00 Koffieochtend")
    assert await statuses(bot, shift) == {"Vera": "confirmed"}
    assert (await vera.send("/diensten")).text.startswith("Er zijn nu geen open diensten")

    reply = await vera.send("/mijndiensten")
    assert reply.text == (
        f"<b>Mijn diensten</b>\n\n• {LINE} · je komt\n\nTot nu toe: 0 diensten, 0 uur. Dank je wel!"
    )
    assert reply.buttons == [
        "do 26-11 10:00 Koffieochtend",
        "📅 Alles in mijn agenda",
        "🔎 Open diensten",
    ]
    await vera.press("📅 Alles in mijn agenda")
    assert [str(e["UID"]) for e in calendar_of(vera).walk("VEVENT")] == [
        f"shift-{shift.id}@voelspriet"
    ]


async def test_cancelling_before_the_cut_off_asks_once_and_opens_the_place(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    wim, _ = await volunteer(bot, "Wim")
    await vera.send("/diensten")
    await vera.press("✅ do 26-11 10:00 Koffieochtend")
    await vera.send("/mijndiensten")

    reply = await vera.press("do 26-11 10:00 Koffieochtend")
    assert reply.text == f"{BLOCK}\n\n✅ Je staat erop."
    assert reply.buttons == [
        "📅 In mijn agenda",
        "🔁 Iemand anders laten gaan",
        "Afmelden",
        "⬅️ Mijn diensten",
    ]
    reply = await vera.press("Afmelden")
    assert reply.text == f"Wil je je afmelden voor deze dienst?\n{LINE}"
    reply = await vera.press("Ja, afmelden")
    assert reply.text == (
        "Je bent afgemeld. De plek wordt aan iemand anders aangeboden."
        " Dank je dat je het laat weten!"
    )
    assert (wim.inbox()[-1].text or "").startswith("<b>Wil je komen?</b>")
    assert carla.inbox() == []
    await vera.send("/mijndiensten")
    await vera.press("📅 Alles in mijn agenda")
    (event,) = calendar_of(vera).walk("VEVENT")  # a re-import takes it out of her calendar
    assert (str(event["UID"]), str(event["STATUS"])) == (
        f"shift-{shift.id}@voelspriet",
        "CANCELLED",
    )


async def test_cancelling_late_takes_a_reason_and_standby_gets_the_place(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    wim, _ = await volunteer(bot, "Wim")
    await wave(bot, shift)
    await vera.press("✅ Ik kom")
    await wim.press("✅ Ik kom")  # full: the standby list
    bot.clock.now = datetime(2026, 11, 25, 9, tzinfo=UTC)
    await tick(bot)  # the day-before reminder
    assert vera.inbox()[-1].buttons == ["✅ Ik kom nog steeds", "Ik kan toch niet"]

    reply = await vera.press("Ik kan toch niet")
    assert reply.text == (
        f"De dienst begint al snel:\n{LINE}\n"
        "Wil je zeggen waarom je niet kunt? Dan weten de coördinatoren het."
    )
    assert reply.buttons == ["Ik ben ziek", "Er kwam iets tussen", "Zelf iets typen…"]
    assert (await vera.press("Zelf iets typen…")).text == (
        "Typ in een paar woorden waarom je niet kunt."
    )
    reply = await vera.send("Mijn moeder moet naar het ziekenhuis")
    assert reply.text.startswith("Je bent afgemeld. De coördinatoren weten het")

    assert carla.inbox()[-1].text == (
        f"<b>Afmelding kort van tevoren</b>\nVera kan toch niet komen:\n{LINE}\n"
        "Reden: Mijn moeder moet naar het ziekenhuis\n"
        "De plek gaat eerst naar Wim van de reservelijst; die moet nog bevestigen."
    )
    call = wim.inbox()[-1]
    assert call.buttons == ["✅ Ik neem de plek", "Toch niet"]
    reply = await wim.press("✅ Ik neem de plek")
    assert reply.text == f"{BLOCK}\n\n✅ Je staat erop! Dank je wel."
    assert await statuses(bot, shift) == {"Vera": "cancelled", "Wim": "confirmed"}


async def test_still_coming_and_a_swap_taken_over(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    wim, _ = await volunteer(bot, "Wim")
    await vera.send("/diensten")
    await vera.press("✅ do 26-11 10:00 Koffieochtend")
    bot.clock.now = datetime(2026, 11, 25, 9, tzinfo=UTC)
    await tick(bot)
    assert (await vera.press("✅ Ik kom nog steeds")).text == f"{BLOCK}\n\n✅ Fijn, tot dan!"

    await vera.send("/mijndiensten")
    await vera.press("do 26-11 10:00 Koffieochtend")
    reply = await vera.press("🔁 Iemand anders laten gaan")
    assert reply.text == (
        "We vragen aan 1 vrijwilliger of die je dienst wil overnemen. Tot dan sta je er nog op."
    )
    assert wim.inbox()[-1].buttons == ["✅ Ik neem het over", "Kan niet"]
    reply = await wim.press("✅ Ik neem het over")
    assert reply.text == f"{BLOCK}\n\n✅ Je neemt deze dienst over. Dank je wel!"
    assert vera.inbox()[-1].text == (
        f"Wim neemt je dienst over: {LINE}\nJe staat er niet meer op. Fijn dat het geregeld is!"
    )
    assert await statuses(bot, shift) == {"Vera": "swapped", "Wim": "confirmed"}


async def test_buttons_that_are_not_yours_do_nothing(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    zoe, _ = await volunteer(bot, "Zoë", wijk="Zuid")
    await wave(bot, shift)
    await vera.press("✅ Ik kom")

    for data in (f"sh:y:{shift.id}", f"sh:x:{shift.id}", "sh:ct:1", "sh:sy:1", f"sh:c:{shift.id}"):
        reply = await zoe.press_data(data)
        assert reply.toast in (
            "Dat kan alleen met een andere rol. Dit is niet voor jou bedoeld.",
            "Dat kan ik niet (meer) vinden.",
            EXPIRED,
        ), data
    for data in ("sh:y:abc", "sh:zz:1", "sh:", f"sh:y:{shift.id}:9", "sh:ap:1:2:foo"):
        assert (await zoe.press_data(data)).toast == EXPIRED
    assert await statuses(bot, shift) == {"Vera": "confirmed"}


async def test_in_english(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera", language="en")
    wim, _ = await volunteer(bot, "Wim", language="en")
    await wave(bot, shift)
    assert (vera.inbox()[-1].text or "").startswith(f"<b>Can you come?</b>\n{BLOCK_EN}")

    assert (await vera.press("✅ I'll come")).text.startswith("✅ <b>You're on it!</b>")
    reply = await wim.press("✅ I'll come")
    assert reply.text.startswith(
        "<b>This shift is already full.</b>\nYou are now on the standby list"
    )
    reply = await vera.send("/myshifts")
    assert reply.text == (
        "<b>My shifts</b>\n\n• <b>Koffieochtend</b> · Thu 26-11 10:00–12:00 · Buurthuis De Boog"
        " · you're coming\n\nSo far: 0 shifts, 0 hours. Thank you!"
    )
    await vera.press("Thu 26-11 10:00 Koffieochtend")
    await vera.press("Cancel")
    assert (await vera.press("Yes, cancel")).text.startswith("You've cancelled.")
    assert (wim.inbox()[-1].text or "").startswith("<b>A place is free!</b>")


async def test_a_tap_delivered_twice_takes_one_place_and_answers_once(bot: Harness) -> None:
    """Telegram delivers an update again when it was not confirmed (a crash): the tap is recorded
    with its update id, and its answer is an outbox row keyed by it."""
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=2)
    vera, _ = await volunteer(bot, "Vera")
    await wave(bot, shift)
    offer = vera.inbox()[-1]
    data = offer.keyboard[0][0]["callback_data"]
    tap = payloads.callback_update(vera.user, data, offer.message_id or 0)

    first = await bot.process(tap)
    again = await bot.process(tap)

    assert first.text.startswith("✅ <b>Je staat erop!</b>")
    assert again.texts == []
    assert await statuses(bot, shift) == {"Vera": "confirmed"}
    async with bot.services.db.read() as tx:
        answers = await tx.fetchall("SELECT key FROM outbox WHERE key LIKE 'answer:%'")
    assert [r[0] for r in answers] == [f"answer:{tap['update_id']}"]
