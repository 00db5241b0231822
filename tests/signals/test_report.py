"""A volunteer reports a signal: the dialogue, the privacy guard, routing, alert and receipt."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from pydantic import ValidationError

from storage.people import Role
from storage.routing import RoutingRepository
from storage.signals import SignalRepository
from tests import payloads
from tests.answers import NOT_ALLOWED
from tests.dialogue import Chatter, Harness, settings_for
from tests.photos import PHOTO_FILE_ID, gps_jpeg
from tests.signals.steps import ASK_CONSENT, ASK_URGENCY, from_urgency_to_summary, to_description
from tests.stored import draft_of, events_of, signals_of

SAFETY_NL = "Bel <b>112</b>"
VEILIG_THUIS = "<b>0800-2000</b>"
ASK_CATEGORY = "Waar gaat het over? Kies wat het beste past."
ALERT_BUTTONS = ["Oppakken", "Contact gelegd", "Vraag stellen", "Doorsturen", "Afsluiten"]


async def test_volunteer_reports_a_signal_in_dutch(bot: Harness) -> None:
    carla, carla_person = await bot.member(Role.COORDINATOR, "Carla")
    anna, anna_person = await bot.member(Role.VOLUNTEER, "Anna", wijk="Zuid")

    reply = await anna.send("/signaal")
    assert SAFETY_NL in reply.texts[0] and VEILIG_THUIS in reply.texts[0]
    assert "geen noodhulp" in reply.texts[0]
    assert reply.text == ASK_CATEGORY
    assert reply.buttons == ["Eenzaamheid", "Geldzorgen", "Anders"]

    reply = await anna.press("Eenzaamheid")
    assert reply.text.startswith("In welke wijk is het? Je eigen wijk (Zuid)")
    assert reply.buttons == ["Zuid", "Noord", "Centrum"]

    reply = await anna.press("Zuid")
    assert reply.text.startswith("Wat viel je op?")
    reply = await anna.send("Mevrouw op de hoek komt al weken niet buiten & lijkt eenzaam.")
    assert reply.text == ASK_URGENCY
    assert reply.buttons == ["Normaal", "Binnenkort", "Vandaag nog"]

    reply = await anna.press("Vandaag nog")
    assert any(SAFETY_NL in text and VEILIG_THUIS in text for text in reply.texts)
    assert reply.text == ASK_CONSENT
    await anna.press("Weet ik niet")
    reply = await anna.press("Overslaan")
    assert reply.text.startswith("Wil je een locatie meesturen?")
    reply = await anna.press("Overslaan")
    assert reply.text.startswith("<b>Je melding</b>")
    assert "Onderwerp: Eenzaamheid" in reply.text
    assert "Hoe snel: Vandaag nog" in reply.text
    assert "komt al weken niet buiten &amp; lijkt eenzaam." in reply.text
    assert reply.buttons[0] == "✅ Versturen" and reply.buttons[-1] == "Stoppen"

    reply = await anna.press("✅ Versturen")
    assert "S-0001" in reply.text
    assert "vandaag nog op, uiterlijk om 13:00" in reply.text  # "today": 3 working hours
    assert await draft_of(bot, anna) is None

    [signal] = await signals_of(bot)
    assert (signal.reporter_id, signal.owner_id) == (anna_person.id, carla_person.id)
    assert (signal.category, signal.wijk, signal.urgency, signal.consent) == (
        "eenzaamheid",
        "Zuid",
        "today",
        "unknown",
    )
    # Monday 10:00 local + 3 working hours ("today"): 13:00 local (12:00 UTC).
    assert signal.pickup_due_at == datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    events = await events_of(bot, signal.id)
    assert [e.action for e in events] == ["reported", "routed"]
    assert events[1].detail == f"to {carla_person.id} via fallback"

    alert = carla.inbox()[-1]
    assert alert.text is not None and "Nieuw signaal S-0001" in alert.text
    assert "Gemeld door: Anna" in alert.text and "Wijk: Zuid" in alert.text
    assert alert.buttons == ALERT_BUTTONS
    assert alert.keyboard[0][0]["callback_data"] == f"sig:pick:{signal.id}"

    reply = await anna.send("/mijnsignalen")
    assert "S-0001" in reply.text and "ontvangen" in reply.text
    assert "Mevrouw op de hoek komt al …" in reply.text


async def test_english_report_is_routed_by_rule_and_alerted_in_the_owners_language(
    bot: Harness,
) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet", language="nl")
    async with bot.services.db.transaction() as tx:
        await RoutingRepository(tx).add_rule("schulden", None, piet_person.id, bot.clock())
    amy, _ = await bot.member(Role.VOLUNTEER, "Amy", language="en")

    reply = await amy.send("📣 Report a signal")
    assert "Call <b>112</b>" in reply.texts[0] and "not an emergency service" in reply.texts[0]
    assert reply.buttons == ["Loneliness", "Money worries", "Other"]
    await amy.press("Money worries")
    await amy.press("Centrum")
    reply = await amy.send("A neighbour keeps getting letters from debt collectors.")
    assert reply.text == "How soon should someone look at it?"
    await amy.press("Soon")
    await amy.press("Yes, the resident knows or agrees")
    await amy.press("Skip")
    reply = await amy.press("Skip")
    assert "Subject: Money worries" in reply.text
    reply = await amy.press("✅ Send")
    assert "S-0001" in reply.text and "by Tuesday 24-11" in reply.text  # "soon"

    alert = piet.inbox()[-1]
    assert alert.text is not None and "Nieuw signaal S-0001" in alert.text
    assert "Onderwerp: Geldzorgen" in alert.text and "Binnenkort" in alert.text
    [signal] = await signals_of(bot)
    assert signal.owner_id == piet_person.id
    events = await events_of(bot, signal.id)
    assert events[1].detail is not None and events[1].detail.startswith(
        f"to {piet_person.id} via rule"
    )


async def test_identifying_data_is_named_not_echoed_and_can_be_rewritten(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await to_description(anna)

    reply = await anna.send("Ze woont op de Kerkstraat 12, bel haar op 06-12345678.")
    assert "telefoonnummer" in reply.text and "adres of postcode" in reply.text
    assert "06-12345678" not in reply.text and "Kerkstraat" not in reply.text
    assert reply.buttons == ["✏️ Tekst aanpassen", "Laten staan, het is nodig"]

    reply = await anna.press("✏️ Tekst aanpassen")
    assert reply.text == (
        "Typ je tekst opnieuw, zonder <b>een adres of postcode en een telefoonnummer</b>."
    )
    reply = await anna.send("Een oudere dame in de straat lijkt hulp nodig te hebben.")
    assert reply.text == ASK_URGENCY
    await from_urgency_to_summary(anna)
    await anna.press("✅ Versturen")
    [signal] = await signals_of(bot)
    assert signal.description == "Een oudere dame in de straat lijkt hulp nodig te hebben."
    assert signal.privacy_kept == ()


async def test_identifying_data_can_be_kept_with_a_reason(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await to_description(anna)
    await anna.send("Bel haar dochter op 06-12345678, zij wil graag meedenken.")
    reply = await anna.press("Laten staan, het is nodig")
    assert reply.text.startswith("Waarom heeft de beroepskracht deze gegevens nodig?")
    reply = await anna.send("De dochter vroeg zelf om contact.")
    assert reply.text == ASK_URGENCY
    await from_urgency_to_summary(anna)
    await anna.press("✅ Versturen")

    [signal] = await signals_of(bot)
    assert signal.privacy_kept == ("phone",)
    assert signal.privacy_reason == "De dochter vroeg zelf om contact."
    alert = carla.inbox()[-1].text or ""
    assert (
        "Bewust laten staan: een telefoonnummer. Reden: De dochter vroeg zelf om contact." in alert
    )


async def test_a_near_miss_is_not_flagged(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await to_description(anna)
    reply = await anna.send("Ze is 83 jaar. Ik gaf haar het nummer van Veilig Thuis, 0800-2000.")
    assert reply.text == ASK_URGENCY


async def test_a_photo_is_stripped_of_its_metadata_and_sent_with_the_alert(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    original = gps_jpeg()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    bot.fake.serve_file(PHOTO_FILE_ID, original)

    await to_description(anna)
    await anna.send("Er ligt al weken afval bij de voordeur.")
    await anna.press("Normaal")
    reply = await anna.send_photo()
    assert "fotostap" in reply.text  # not the photo step yet
    await anna.press("Weet ik niet")
    reply = await anna.send_photo()
    assert "Verborgen gegevens zijn eruit gehaald." in reply.texts[0]
    assert reply.text.startswith("Wil je een locatie meesturen?")
    reply = await anna.send_location(52.09, 5.12)
    assert "Foto: ja" in reply.text and "Locatie: ja" in reply.text
    await anna.press("✅ Versturen")

    [signal] = await signals_of(bot)
    assert signal.has_photo and (signal.latitude, signal.longitude) == (52.09, 5.12)
    async with bot.services.db.read() as tx:
        stored = await SignalRepository(tx).photo(signal.id)
    assert stored is not None
    image = Image.open(io.BytesIO(stored))
    assert not image.getexif() and "exif" not in image.info
    assert "📷" in (carla.inbox()[-2].text or "")
    [photo] = bot.fake.delivered(carla.id, "sendPhoto")
    assert photo.params["caption"] == "S-0001"


async def test_a_draft_survives_a_restart(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await to_description(anna)
    await anna.send("De buurman heeft al dagen zijn gordijnen dicht.")

    restarted = await bot.restart()
    try:
        anna = Chatter(restarted, anna.user)
        reply = await anna.send("/signaal")  # resumes the open draft
        assert reply.text == ASK_URGENCY
        await from_urgency_to_summary(anna)
        await anna.press("✅ Versturen")
        [signal] = await signals_of(restarted)
        assert signal.description == "De buurman heeft al dagen zijn gordijnen dicht."
    finally:
        await restarted.stop()


async def test_cancel_from_the_summary_keeps_nothing(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await to_description(anna)
    await anna.send("Iets wat ik toch niet wil melden.")
    await from_urgency_to_summary(anna)
    reply = await anna.press("Stoppen")
    assert reply.text.startswith("Gestopt. Je melding is niet verstuurd")
    assert await draft_of(bot, anna) is None and await signals_of(bot) == []


async def test_edit_from_the_summary_returns_to_the_summary(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await to_description(anna)
    await anna.send("Een buurvrouw is erg vergeetachtig geworden.")
    await from_urgency_to_summary(anna)

    reply = await anna.press("Hoe snel")
    assert reply.text == ASK_URGENCY
    reply = await anna.press("Binnenkort")
    assert reply.text.startswith("<b>Je melding</b>") and "Hoe snel: Binnenkort" in reply.text
    await anna.press("Tekst")
    reply = await anna.send("Een buurvrouw vergeet steeds haar sleutels.")
    assert "Wat opviel: Een buurvrouw vergeet steeds haar sleutels." in reply.text
    await anna.press("✅ Versturen")
    [signal] = await signals_of(bot)
    assert (signal.urgency, signal.description) == (
        "soon",
        "Een buurvrouw vergeet steeds haar sleutels.",
    )


async def test_a_redelivered_confirmation_makes_one_signal_and_one_alert(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await to_description(anna)
    await anna.send("Er staat al dagen post in de bus.")
    await from_urgency_to_summary(anna)

    confirm = payloads.callback_update(anna.user, "sigr:sum:send", 1)
    await bot.process(confirm)
    await bot.process(confirm)
    assert len(await signals_of(bot)) == 1
    alerts = [c for c in bot.fake.delivered(carla.id) if "Nieuw signaal" in (c.text or "")]
    assert len(alerts) == 1


async def test_only_volunteers_report(bot: Harness) -> None:
    for role in (Role.PROFESSIONAL, Role.COORDINATOR):
        chatter, _ = await bot.member(role, "Piet")
        reply = await chatter.send("/signaal")
        assert reply.text == NOT_ALLOWED
        reply = await chatter.press_data("sigr:cat:eenzaamheid")
        assert reply.toast == NOT_ALLOWED
    stranger = bot.chatter("Onbekend")
    reply = await stranger.send("/signaal")
    assert reply.text.startswith("Je bent nog niet aangemeld")


async def test_stale_and_forged_buttons_are_refused(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    expired = "Deze knop werkt niet meer. Begin opnieuw via het menu."
    reply = await anna.press_data("sigr:cat:eenzaamheid")  # no draft at all
    assert reply.toast == "Dat kan ik niet (meer) vinden."
    await anna.send("/signaal")
    for forged in ("sigr:cat:bogus", "sigr:wijk:0", "sigr:x", "sigr:edit:cat", "sigr:sum:send"):
        reply = await anna.press_data(forged)
        assert reply.toast == expired, forged
    await anna.press("Eenzaamheid")
    for forged in ("sigr:wijk:99", "sigr:wijk:²", "sigr:cat:eenzaamheid"):
        reply = await anna.press_data(forged)
        assert reply.toast == expired, forged
    reply = await anna.press("Eenzaamheid")  # the old message's button
    assert reply.toast == expired
    reply = await anna.send("tekst op het verkeerde moment")
    assert reply.text == "Kies een van de knoppen hierboven."


def test_categories_have_deadlines_and_files_come_from_the_api_server(tmp_path: Path) -> None:
    settings = settings_for(
        tmp_path,
        telegram={"api_url": "http://127.0.0.1:8081/bot"},
        organisation={
            "categories": [
                {
                    "key": "woning",
                    "nl": "Woning",
                    "en": "Housing",
                    "pickup_hours": 8,
                    "promise_days": 2,
                }
            ]
        },
    )
    org = settings.organisation
    woning, other = org.category("woning"), org.category("other")
    assert woning is not None and (woning.pickup_hours, woning.promise_days) == (8, 2)
    assert other is not None and (other.pickup_hours, other.promise_days) == (16, 3)
    assert org.category("bogus") is None
    assert org.category_keys() == ["woning", "other"]
    assert settings.telegram.file_url == "http://127.0.0.1:8081/file/bot"
    with pytest.raises(ValidationError):
        settings_for(
            tmp_path,
            organisation={"categories": [{"key": "x", "nl": "X", "en": "X", "promise_days": 0}]},
        )
