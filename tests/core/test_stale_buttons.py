"""Buttons that no longer fit: earlier alerts after a pass-on, photo and location on the card
after "Oppakken", and "Overslaan" under a step that a photo or location already answered."""

from __future__ import annotations

from storage.people import Role
from tests.dialogue import Chatter, Harness, tick
from tests.photos import PHOTO_FILE_ID, gps_jpeg
from tests.questions.steps import ask
from tests.signals.steps import latest, report, team, to_description
from tests.stored import questions_of

PASSED_TO_PIA = "S-0001 · Eenzaamheid · Noord — ➡️ doorgestuurd naar Pia."


def first_with(chatter: Chatter, text: str) -> int:
    """The id of the first message in the chat that contains `text`."""
    for call in chatter.inbox():
        if call.method == "sendMessage" and text in (call.text or "") and call.message_id:
            return call.message_id
    raise AssertionError(f"no message with {text!r}")


async def test_earlier_alerts_lose_their_buttons_after_a_pass_on(bot: Harness) -> None:
    carla, piet, pia, anna, _, pia_person = await team(bot)
    await report(anna)
    signal = await latest(bot)
    alert = first_with(piet, "Nieuw signaal S-0001")
    bot.clock.advance(days=10)
    await tick(bot)  # Piet is reminded, the coordinators get the escalation
    reminder = first_with(piet, "Herinnering: signaal")
    escalation = first_with(carla, "is nog niet opgepakt")
    assert bot.fake.shown(carla.id, escalation).buttons == ["Doorsturen"]

    await carla.press("Doorsturen")
    await carla.press("Pia (Zuid)")
    await carla.send("Piet is ziek.")

    for chatter, message in ((piet, alert), (piet, reminder), (carla, escalation)):
        shown = bot.fake.shown(chatter.id, message)
        assert (shown.text, shown.buttons) == (PASSED_TO_PIA, [])
    new_alert = first_with(pia, "Doorgestuurd naar jou door Carla")
    assert "Oppakken" in bot.fake.shown(pia.id, new_alert).buttons
    assert (await latest(bot)).owner_id == pia_person.id == signal.owner_id + 1


async def test_a_question_alert_loses_its_buttons_after_a_pass_on(bot: Harness) -> None:
    _, piet, pia, anna, _, _ = await team(bot)
    await ask(anna, "Waar haal ik een rollator?")
    [question] = await questions_of(bot)
    alert = first_with(piet, "Nieuwe vraag Q-0001")
    await piet.press_data(f"q:re:{question.id}")
    await piet.press("Pia (Zuid)")
    await piet.send("Pia weet dit beter.")

    shown = bot.fake.shown(piet.id, alert)
    assert (shown.text, shown.buttons) == ("Q-0001 · Geldzorgen — ➡️ doorgestuurd naar Pia.", [])
    assert bot.fake.shown(pia.id, first_with(pia, "Nieuwe vraag Q-0001")).buttons


async def test_a_pass_on_after_picking_up_leaves_the_former_owner_a_short_line(
    bot: Harness,
) -> None:
    carla, piet, _, anna, _, _ = await team(bot)
    await report(anna)
    alert = first_with(piet, "Nieuw signaal S-0001")
    await piet.press("Oppakken")  # the alert became the card, with its history
    assert "<b>opgepakt</b>" in (bot.fake.shown(piet.id, alert).text or "")

    await carla.press_data(f"sig:reassign:{(await latest(bot)).id}")
    await carla.press("Pia (Zuid)")
    await carla.send("Piet is ziek.")

    shown = bot.fake.shown(piet.id, alert)
    assert (shown.text, shown.buttons) == (PASSED_TO_PIA, [])  # no resident's details left


async def test_photo_and_location_stay_on_the_card_after_picking_up(bot: Harness) -> None:
    _, piet, _, anna, _, _ = await team(bot)
    bot.fake.serve_file(PHOTO_FILE_ID, gps_jpeg())
    await to_description(anna)
    await anna.send("Er ligt al weken afval bij de voordeur.")
    await anna.press("Normaal")
    await anna.press("Weet ik niet")
    await anna.send_photo()
    await anna.send_location(52.09, 5.12)
    await anna.press("✅ Versturen")
    assert "📍 Locatie: 52.09000, 5.12000" in (piet.inbox()[-2].text or "")

    reply = await piet.press("Oppakken")
    assert "<b>opgepakt</b>" in reply.text
    assert "📍 Locatie: 52.09000, 5.12000" in reply.text
    assert "📷 Er is een foto bij dit signaal." in reply.text
    reply = await piet.press("📷 Foto bekijken")
    [photo] = [c for c in reply if c.method == "sendPhoto"]
    assert photo.params["caption"] == "S-0001" and photo.files


async def test_skip_buttons_go_once_a_photo_or_location_answered_the_step(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    bot.fake.serve_file(PHOTO_FILE_ID, gps_jpeg())
    await to_description(anna)
    await anna.send("Er ligt al weken afval bij de voordeur.")
    await anna.press("Normaal")
    reply = await anna.press("Weet ik niet")
    photo_step = reply[-1].message_id
    assert photo_step is not None and bot.fake.shown(anna.id, photo_step).buttons == ["Overslaan"]

    reply = await anna.send_photo()
    location_step = reply[-1].message_id
    assert location_step is not None
    assert bot.fake.shown(anna.id, photo_step).buttons == []
    assert bot.fake.shown(anna.id, location_step).buttons == ["Overslaan"]

    reply = await anna.send_location(52.09, 5.12)
    assert bot.fake.shown(anna.id, location_step).buttons == []
    assert "Foto: ja" in reply.text and "Locatie: ja" in reply.text
