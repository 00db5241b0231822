"""Working on a signal: pick up, ask, contact, reassign, close; who may; /signalen; the audit trail."""

from __future__ import annotations

from storage.people import Role
from tests import payloads
from tests.answers import NOT_ALLOWED
from tests.dialogue import Chatter, Harness, last_text
from tests.photos import PHOTO_FILE_ID, gps_jpeg
from tests.signals.steps import (
    latest,
    report,
    route_all_to,
    team,
    to_description,
)
from tests.stored import (
    events_of,
    signals_of,
)


async def test_the_whole_walk_in_dutch(bot: Harness) -> None:
    carla, piet, _, anna, _, _ = await team(bot)
    await report(anna)
    signal = await latest(bot)

    reply = await piet.press("Oppakken")
    assert reply.toast == "Opgepakt. De vrijwilliger krijgt bericht."
    assert "<b>opgepakt</b>" in reply.text and "Piet heeft het opgepakt" in reply.text
    notice = last_text(anna)
    assert "S-0001 is opgepakt" in notice and "hoek" not in notice

    reply = await piet.press("Vraag stellen")
    assert reply.text.startswith("Wat wil je de vrijwilliger vragen over S-0001?")
    reply = await piet.send("Weet je of ze familie in de buurt heeft?")
    assert "naar de vrijwilliger gestuurd" in reply.text
    assert "Weet je of ze familie in de buurt heeft?" in last_text(anna)

    reply = await anna.press("Antwoorden")
    assert reply.text == "Typ je antwoord. Het gaat naar de beroepskracht."
    reply = await anna.send("Een dochter, maar die komt zelden.")
    assert "Je antwoord over S-0001 is naar de beroepskracht gestuurd" in reply.text
    forwarded = last_text(piet)
    assert "Antwoord van Anna over S-0001" in forwarded and "Een dochter" in forwarded

    reply = await piet.press("Contact gelegd")
    assert "<b>contact gelegd</b>" in reply.text
    assert "Over je signaal S-0001 is contact gelegd." in last_text(anna)

    reply = await piet.press("Afsluiten")
    assert reply.buttons == ["Hulp geregeld", "Doorverwezen", "Geen actie nodig", "Niet bereikbaar"]
    reply = await piet.press("Hulp geregeld")
    assert reply.buttons == ["Geen bericht"]
    reply = await piet.send("Dankzij jou krijgt ze nu bezoek.")
    assert reply.texts[0] == "S-0001 is afgesloten. De vrijwilliger krijgt bericht."
    assert "<b>afgesloten</b>" in reply.text and "Hulp geregeld" in reply.text
    closing = last_text(anna)
    assert "S-0001 is afgesloten" in closing and "Dankzij jou krijgt ze nu bezoek." in closing
    assert "Hulp geregeld" not in closing  # the outcome is not the volunteer's to know

    reply = await anna.send("/mijnsignalen")
    assert "afgesloten" in reply.text
    assert [e.action for e in await events_of(bot, signal.id)] == [
        "reported",
        "routed",
        "picked_up",
        "question",
        "answer",
        "contact_made",
        "closed",
        "closing_message",
    ]
    reply = await carla.press_data(f"sig:view:{signal.id}")
    for line in ("Anna heeft het gemeld", "toegewezen aan Piet", "Piet vroeg de vrijwilliger"):
        assert line in reply.text
    assert "Anna antwoordde: <i>Een dochter" in reply.text
    assert "Piet heeft het afgesloten: Hulp geregeld" in reply.text
    assert reply.buttons == []  # closed: nothing left to do


async def test_the_walk_in_english(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    pete, pete_person = await bot.member(Role.PROFESSIONAL, "Pete", language="en")
    amy, _ = await bot.member(Role.VOLUNTEER, "Amy", language="en")
    await route_all_to(bot, pete_person)
    await amy.send("/report")
    await amy.press("Loneliness")
    await amy.press("Noord")
    await amy.send("An older man never leaves his flat.")
    await amy.press("Normal")
    await amy.press("I don't know")
    await amy.press("Skip")
    await amy.press("Skip")
    await amy.press("✅ Send")

    reply = await pete.press("Pick up")
    assert reply.toast == "Picked up. The volunteer is told."
    assert "Pete picked it up" in reply.text
    assert "Your signal S-0001 was picked up" in last_text(amy)
    await pete.press("Close")
    await pete.press("No action needed")
    reply = await pete.press("No message")
    assert "<b>closed</b>" in reply.text and "Pete closed it: No action needed" in reply.text
    notice = last_text(amy)
    assert "Your signal S-0001 is closed" in notice and "Message from" not in notice


async def test_reassign_alerts_the_new_owner_and_locks_out_the_old(bot: Harness) -> None:
    _, piet, pia, anna, _, pia_person = await team(bot)
    await report(anna)
    signal = await latest(bot)

    reply = await piet.press("Doorsturen")
    assert reply.text == "Naar wie stuur je dit signaal door?"
    assert reply.buttons == ["Pia (Zuid)"]
    reply = await piet.press("Pia (Zuid)")
    assert reply.text.startswith("Waarom stuur je het door?")
    reply = await piet.send("Pia kent deze bewoner al.")
    assert reply.texts[0] == (
        "S-0001 is doorgestuurd. De nieuwe beroepskracht heeft bericht gekregen."
    )
    assert reply.text == "S-0001 · Eenzaamheid · Noord — ➡️ doorgestuurd naar Pia."  # his alert

    alert = pia.inbox()[-1]
    assert "Doorgestuurd naar jou door Piet" in (alert.text or "")
    assert "Pia kent deze bewoner al." in (alert.text or "")
    assert "Graag oppakken vóór" in (alert.text or "") and "Oppakken" in alert.buttons
    assert (await latest(bot)).owner_id == pia_person.id
    reply = await piet.press_data(f"sig:pick:{signal.id}")
    assert reply.toast == NOT_ALLOWED
    assert (await latest(bot)).status == "received"
    reply = await pia.press("Oppakken")
    assert "Piet stuurde het door naar Pia. Reden: <i>Pia kent deze bewoner al.</i>" in reply.text


async def report_with_photo(bot: Harness, anna: Chatter) -> None:
    bot.fake.serve_file(PHOTO_FILE_ID, gps_jpeg())
    await to_description(anna)
    await anna.send("Er ligt al weken afval bij de voordeur.")
    await anna.press("Normaal")
    await anna.press("Weet ik niet")
    await anna.send_photo()
    await anna.press("Overslaan")
    await anna.press("✅ Versturen")


async def test_a_picked_up_signal_passed_on_arrives_as_it_stands(bot: Harness) -> None:
    carla, piet, pia, anna, _, _ = await team(bot)
    await report_with_photo(bot, anna)
    signal = await latest(bot)
    await piet.press("Oppakken")

    await carla.press_data(f"sig:reassign:{signal.id}")
    await carla.press("Pia (Zuid)")
    await carla.send("Piet is ziek.")

    alert = pia.inbox()[-1]
    text = alert.text or ""
    assert text.startswith("↪️ Doorgestuurd naar jou door Carla.")
    assert "<b>opgepakt</b>" in text and "Piet heeft het opgepakt" in text
    assert "Nieuw signaal" not in text and "Graag oppakken" not in text
    assert "Reden: <i>Piet is ziek.</i>" in text
    assert alert.buttons == [
        "Contact gelegd",
        "Vraag stellen",
        "Doorsturen",
        "Afsluiten",
        "📷 Foto bekijken",
    ]
    reply = await pia.press("📷 Foto bekijken")
    [photo] = [c for c in reply if c.method == "sendPhoto"]
    assert photo.params["caption"] == "S-0001" and photo.files
    reply = await pia.press("Contact gelegd")
    assert "<b>contact gelegd</b>" in reply.text


async def test_a_photo_follows_the_first_pass_on_too(bot: Harness) -> None:
    _, piet, pia, anna, _, _ = await team(bot)
    await report_with_photo(bot, anna)
    await piet.press("Doorsturen")
    await piet.press("Pia (Zuid)")
    await piet.send("Pia kent deze bewoner al.")

    alert = pia.inbox()[-1]
    assert "📷 Er is een foto bij dit signaal." in (alert.text or "")
    assert alert.buttons[0] == "Oppakken" and alert.buttons[-1] == "📷 Foto bekijken"
    reply = await pia.press("📷 Foto bekijken")
    assert [c.params["caption"] for c in reply if c.method == "sendPhoto"] == ["S-0001"]


async def test_a_button_that_no_longer_fits_says_where_to_look(bot: Harness) -> None:
    carla, piet, _, anna, _, _ = await team(bot)
    await report(anna)
    await carla.press_data(f"sig:pick:{(await latest(bot)).id}")
    reply = await piet.press("Oppakken")  # his alert, from before Carla picked it up
    assert reply.toast == (
        "Dat kan nu niet meer: het signaal is intussen veranderd. Kijk bij /signalen hoe het"
        " ervoor staat."
    )


async def test_a_coordinator_may_act_on_any_signal(bot: Harness) -> None:
    carla, piet, _, anna, _, _ = await team(bot)
    await report(anna)
    signal = await latest(bot)
    reply = await carla.press_data(f"sig:contact:{signal.id}")
    assert "Carla: contact gelegd" in reply.text
    reply = await carla.press_data(f"sig:reassign:{signal.id}")
    assert reply.buttons == ["Pia (Zuid)"]  # not the current owner
    await carla.press("Pia (Zuid)")
    await carla.send("Piet is met verlof.")
    assert "Carla heeft S-0001 doorgestuurd naar Pia" in last_text(piet)


async def test_forged_buttons_change_nothing(bot: Harness) -> None:
    _, piet, pia, anna, _, _ = await team(bot)
    await report(anna)
    signal = await latest(bot)
    before = await events_of(bot, signal.id)
    outbox_before = len(bot.fake.calls)
    forgeries = [
        f"sig:{action}:{signal.id}" for action in ("pick", "contact", "close", "ask", "reassign")
    ] + [f"sig:out:{signal.id}:arranged", f"sig:view:{signal.id}", f"sig:to:{signal.id}:1"]
    for chatter in (anna, pia):
        for data in forgeries:
            reply = await chatter.press_data(data)
            assert reply.toast == NOT_ALLOWED, (chatter.user["first_name"], data)
    stranger = bot.chatter("Onbekend")
    reply = await stranger.press_data(f"sig:close:{signal.id}")
    assert reply.toast is not None and reply.toast.startswith("Je bent nog niet aangemeld")
    reply = await pia.press_data(f"sig:answer:{signal.id}")  # not her signal
    assert reply.toast == NOT_ALLOWED
    for data in ("sig:pick", "sig:pick:x", "sig:bogus:1", f"sig:nomsg:{signal.id}"):
        reply = await piet.press_data(data)
        assert reply.toast == "Deze knop werkt niet meer. Begin opnieuw via het menu.", data
    assert await events_of(bot, signal.id) == before
    assert (await latest(bot)).status == "received"
    assert not [c for c in bot.fake.calls[outbox_before:] if c.chat_id == anna.id]


async def test_invalid_transitions_and_a_redelivered_close(bot: Harness) -> None:
    _, piet, _, anna, _, _ = await team(bot)
    await report(anna)
    signal = await latest(bot)
    await piet.press_data(f"sig:close:{signal.id}")
    await piet.press("Doorverwezen")
    closing = payloads.callback_update(piet.user, f"sig:nomsg:{signal.id}", 1)
    await bot.process(closing)
    await bot.process(closing)
    events = await events_of(bot, signal.id)
    assert [e.action for e in events].count("closed") == 1
    notices = [c for c in bot.fake.delivered(anna.id) if "is afgesloten" in (c.text or "")]
    assert len(notices) == 1
    for action in ("pick", "contact", "close", "ask", "reassign"):
        reply = await piet.press_data(f"sig:{action}:{signal.id}")
        assert reply.toast == "Dit signaal is al afgesloten.", action


async def test_worklist_puts_overdue_first_and_coordinators_filter(bot: Harness) -> None:
    carla, piet, _, anna, _, _ = await team(bot)
    await report(anna, "Eerste melding over eenzaamheid.")
    bot.clock.advance(hours=1)
    await report(anna, "Tweede melding over geldzorgen.", category="Geldzorgen", wijk="Zuid")
    first, _ = await signals_of(bot)
    await piet.press_data(f"sig:pick:{first.id}")
    bot.clock.advance(days=5)  # the second is overdue now; the first was picked up in time

    reply = await piet.send("/signalen")
    assert reply.buttons == [
        "⏰ S-0002 · Geldzorgen · Zuid · ontvangen",
        "S-0001 · Eenzaamheid · Noord · opgepakt",
    ]
    reply = await piet.press("⏰ S-0002 · Geldzorgen · Zuid · ontvangen")
    assert "Te laat" in reply.text

    reply = await carla.send("/signalen")
    assert reply.buttons[:3] == ["Wijk: alle", "Onderwerp: alle", "Status: open"]
    assert len(reply.buttons) == 5
    reply = await carla.press("Wijk: alle")  # Noord
    assert reply.buttons[3:] == ["S-0001 · Eenzaamheid · Noord · opgepakt"]
    await carla.press("Wijk: Noord")  # Zuid
    await carla.press("Wijk: Zuid")  # Centrum
    reply = await carla.press("Wijk: Centrum")  # alle
    reply = await carla.press("Onderwerp: alle")  # Eenzaamheid
    reply = await carla.press("Onderwerp: Eenzaamheid")  # Geldzorgen
    assert reply.buttons[3:] == ["⏰ S-0002 · Geldzorgen · Zuid · ontvangen"]
    reply = await carla.press("Status: open")  # ontvangen
    assert reply.buttons[2] == "Status: ontvangen" and len(reply.buttons) == 4
    reply = await carla.press("Status: ontvangen")  # opgepakt
    assert len(reply.buttons) == 3 and reply.text.startswith("Er zijn nu geen signalen")

    reply = await anna.send("/signalen")
    assert reply.text == NOT_ALLOWED
    reply = await piet.press_data("sig:list:a:a:a")
    assert reply.toast == NOT_ALLOWED
