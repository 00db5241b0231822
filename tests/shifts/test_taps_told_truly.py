"""A tap is answered truthfully whatever came before it: "Kan niet" on an old offer when she
already signed up, a button pressed twice, and a place on the reserve list left on purpose."""

from __future__ import annotations

from storage.shifts import Shift
from tests.dialogue import Chatter, Harness
from tests.fake_telegram import Call
from tests.shifts.steps import coordinator, make_one, statuses, volunteer, wave

LINE = "<b>Koffieochtend</b> · do 26-11 10:00–12:00 · Buurthuis De Boog"
BLOCK = "<b>Koffieochtend</b>\n🗓 do 26-11 10:00–12:00\n📍 Buurthuis De Boog (Noord)\n🤝 Ouderen"
SHORT = "do 26-11 10:00 Koffieochtend"


async def test_no_on_an_old_offer_after_signing_up_says_she_is_on_it_and_offers_cancelling(
    bot: Harness,
) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=2)
    vera, _ = await volunteer(bot, "Vera")
    await wave(bot, shift)
    offer = vera.inbox()[-1]
    await vera.send("/diensten")
    await vera.press(f"✅ {SHORT}")
    await bot.deliver()

    # The offer no longer invites a decision: it says she signed up.
    edits = [c for c in vera.inbox() if c.method == "editMessageText"]
    assert [(e.params.get("message_id"), e.text) for e in edits] == [
        (offer.message_id, "Je staat al op deze dienst. Zie /mijndiensten.")
    ]

    reply = await vera.press_data(offer.keyboard[0][1]["callback_data"], offer.message_id or 1)
    assert reply.text == (
        f"{BLOCK}\n\nJe staat op deze dienst: je hebt je al aangemeld."
        " Kun je toch niet? Tik dan op <b>Afmelden</b>."
    )
    assert reply.buttons == ["Afmelden", "⬅️ Mijn diensten"]
    assert await statuses(bot, shift) == {"Vera": "confirmed"}
    assert "je komt" in (await vera.send("/mijndiensten")).text

    reply = await vera.press("Afmelden")  # the normal path, with its cut-off
    assert reply.text == f"Wil je je afmelden voor deze dienst?\n{LINE}"
    await vera.press("Ja, afmelden")
    assert await statuses(bot, shift) == {"Vera": "cancelled"}


async def test_no_on_an_old_offer_in_english_when_on_the_reserve_list(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera", "en")
    wim, _ = await volunteer(bot, "Wim")
    await wave(bot, shift)
    offer = vera.inbox()[-1]
    await wim.press("✅ Ik kom")
    await bot.services.shifts.signups.take(None, vera.id, shift.id, "list")  # full: standby
    await bot.deliver()
    edits = [c.text for c in vera.inbox() if c.method == "editMessageText"]
    assert edits == ["You are on the standby list for this shift. See /myshifts."]

    reply = await vera.press_data(offer.keyboard[0][1]["callback_data"], offer.message_id or 1)

    assert reply.text.endswith(
        "You are on the standby list for this shift. Want to come off it?"
        " Tap <b>Leave the standby list</b>."
    )
    assert reply.buttons == ["Leave the standby list", "⬅️ My shifts"]
    assert await statuses(bot, shift) == {"Wim": "confirmed", "Vera": "standby"}


async def test_a_held_place_tapped_twice_says_she_is_on_it(bot: Harness) -> None:
    shift, wim, call = await place_held_for_wim(bot)
    take = call.keyboard[0][0]["callback_data"]

    first = await wim.press_data(take, call.message_id or 1)
    second = await wim.press_data(take, call.message_id or 1)
    passed = await wim.press_data(call.keyboard[0][1]["callback_data"], call.message_id or 1)

    assert first.text == f"{BLOCK}\n\n✅ Je staat erop! Dank je wel."
    assert second.texts == ["Je staat er al op."]
    assert passed.texts == [
        "Je hebt de plek al genomen: je staat erop. Kun je toch niet? Meld je af via /mijndiensten."
    ]
    assert await statuses(bot, shift) == {"Vera": "cancelled", "Wim": "confirmed"}


async def test_a_passed_place_tapped_twice_says_so(bot: Harness) -> None:
    _, wim, call = await place_held_for_wim(bot)
    pass_it = call.keyboard[0][1]["callback_data"]

    await wim.press_data(pass_it, call.message_id or 1)
    second = await wim.press_data(pass_it, call.message_id or 1)

    assert second.texts == ["Je hebt de plek al doorgegeven. Helemaal goed."]


async def test_cancelling_twice_says_she_is_already_off(bot: Harness) -> None:
    carla = await coordinator(bot)
    await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    await vera.send("/diensten")
    await vera.press(f"✅ {SHORT}")
    await vera.send("/mijndiensten")
    await vera.press(SHORT)
    await vera.press("Afmelden")
    sure = next(c for c in reversed(vera.inbox()) if c.buttons[:1] == ["Ja, afmelden"])
    data = sure.keyboard[0][0]["callback_data"]

    await vera.press_data(data, sure.message_id or 1)
    second = await vera.press_data(data, sure.message_id or 1)

    assert second.texts == ["Je bent al afgemeld voor deze dienst."]


async def test_a_swap_taken_over_tapped_twice_says_it_is_yours(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    wim, _ = await volunteer(bot, "Wim")
    await bot.services.shifts.signups.take(None, vera.id, shift.id, "list")
    await bot.services.shifts.swaps.offer(None, vera.id, shift.id)
    await bot.deliver()
    ask = wim.inbox()[-1]
    data = ask.keyboard[0][0]["callback_data"]

    await wim.press_data(data, ask.message_id or 1)
    second = await wim.press_data(data, ask.message_id or 1)

    assert second.texts == ["Je staat al op deze dienst."]
    assert await statuses(bot, shift) == {"Vera": "swapped", "Wim": "confirmed"}


async def test_a_volunteer_leaves_the_reserve_list_from_my_shifts(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    wim, _ = await volunteer(bot, "Wim")
    await bot.services.shifts.signups.take(None, vera.id, shift.id, "list")
    taken = await bot.services.shifts.signups.take(None, wim.id, shift.id, "list")
    assert taken.outcome == "standby"
    await wim.send("/mijndiensten")

    reply = await wim.press(SHORT)
    assert reply.buttons == ["📅 In mijn agenda", "Van de reservelijst af", "⬅️ Mijn diensten"]
    reply = await wim.press("Van de reservelijst af")
    assert reply.text == f"Wil je van de reservelijst af voor deze dienst?\n{LINE}"
    assert reply.buttons == ["Ja, van de reservelijst af", "Nee, ik blijf erop"]
    reply = await wim.press("Ja, van de reservelijst af")

    assert reply.text == "Je staat niet meer op de reservelijst. Dank je dat je het laat weten!"
    assert await statuses(bot, shift) == {"Vera": "confirmed", "Wim": "cancelled"}
    assert carla.inbox() == []


async def test_the_full_answer_lets_her_leave_the_reserve_list(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    wim, _ = await volunteer(bot, "Wim")
    await wave(bot, shift)
    await vera.press("✅ Ik kom")

    reply = await wim.press("✅ Ik kom")
    assert reply.buttons == ["Van de reservelijst af", "📋 Mijn diensten"]
    await wim.press("Van de reservelijst af")
    await wim.press("Ja, van de reservelijst af")

    assert await statuses(bot, shift) == {"Vera": "confirmed", "Wim": "cancelled"}


async def test_coming_myself_tapped_twice_says_she_is_coming(bot: Harness) -> None:
    carla = await coordinator(bot)
    await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    await volunteer(bot, "Wim")
    await vera.send("/diensten")
    await vera.press(f"✅ {SHORT}")
    await vera.send("/mijndiensten")
    await vera.press(SHORT)
    await vera.press("🔁 Iemand anders laten gaan")
    await vera.send("/mijndiensten")
    card = await vera.press(SHORT)
    assert "Ik kom toch zelf" in card.buttons
    data = next(
        b["callback_data"] for c in card for row in c.keyboard for b in row if "zelf" in b["text"]
    )

    await vera.press_data(data)
    second = await vera.press_data(data)

    assert second.texts == ["Je komt zelf. We vragen het niet meer aan anderen."]


async def test_an_offer_to_someone_a_coordinator_assigns_no_longer_asks(bot: Harness) -> None:
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=2)
    vera, person = await volunteer(bot, "Vera")
    await wave(bot, shift)
    offer = vera.inbox()[-1]

    await bot.services.shifts.assign.assign(None, carla.id, shift.id, person.id)
    await bot.deliver()

    edits = [c for c in vera.inbox() if c.method == "editMessageText"]
    assert [(e.params.get("message_id"), e.text) for e in edits] == [
        (offer.message_id, "Je staat al op deze dienst. Zie /mijndiensten.")
    ]


async def place_held_for_wim(bot: Harness) -> tuple[Shift, Chatter, Call]:
    """Vera had the one place and Wim stood by; Vera cancels, so the place is held for Wim and
    he is asked to take it (the message returned)."""
    carla = await coordinator(bot)
    shift = await make_one(bot, carla, needed=1)
    vera, _ = await volunteer(bot, "Vera")
    wim, _ = await volunteer(bot, "Wim")
    signups = bot.services.shifts.signups
    await signups.take(None, vera.id, shift.id, "list")
    await signups.take(None, wim.id, shift.id, "list")
    await signups.cancel(None, vera.id, shift.id)
    await bot.deliver()
    return shift, wim, wim.inbox()[-1]
