"""Who sees a volunteer's check-in: her contact and the coordinators, nobody else; she sees
her own answers in /mijngegevens; /vergeet erases them and her note in the contact's alert;
answers older than the retention setting are anonymised."""

from __future__ import annotations

import json

from storage.checkins import CheckinRepository
from storage.people import Role
from tests.answers import EXPIRED
from tests.consultation.steps import Team, a_round, send, team
from tests.dialogue import Harness
from tests.people.steps import seed

NOT_FOR_YOU = "Dat kan alleen met een andere rol. Dit is niet voor jou bedoeld."
NOTE = "Ik zou graag meer over schuldhulp leren"


async def a_worrying_checkin(bot: Harness) -> Team:
    t = await team(bot)
    await send(bot, await a_round(bot, t.people["carla"]))
    for answer in ("☹️", "Goed zo", "Nee", "Ja"):
        await t.vera.press(answer)
    reply = await t.vera.send(NOTE)
    assert reply.text == f"<b>Je bericht</b>\n{NOTE}"
    assert reply.buttons == ["✅ Versturen", "Bericht aanpassen", "Toch geen bericht"]
    await t.vera.press("✅ Versturen")
    return t


async def test_only_her_contact_and_the_coordinators_read_the_follow_up(bot: Harness) -> None:
    t = await a_worrying_checkin(bot)
    assert NOTE in (t.pieter.inbox()[-1].text or "")
    other, _ = await seed(bot, "Olga", Role.PROFESSIONAL, None)
    assert (await other.send("/opvolging")).text == "Er is niets om op te volgen."
    forged = await other.press_data("co:f:1")
    assert forged.toast == NOT_FOR_YOU
    vera_forges = await t.vera.press_data("co:fc:1")
    assert vera_forges.toast == NOT_FOR_YOU

    listing = await t.carla.send("/opvolging")
    assert "Vera de Boer (Noord) · uiterlijk" in listing.text
    card = await t.carla.press("Vera de Boer")
    assert f"Schreef: {NOTE}" in card.text and "Hoe gaat het? ☹️" in card.text


async def test_she_finds_her_answers_in_her_data(bot: Harness) -> None:
    t = await a_worrying_checkin(bot)
    reply = await t.vera.send("/mijngegevens")
    document = next(c for c in reply if c.method == "sendDocument")
    data = json.loads(next(iter(document.files.values())))
    [checkin] = data["checkins"]
    assert checkin["answers"] == {  # in her words, as she answered
        "Hoe gaat het?": "☹️",
        "Is de hoeveelheid werk goed voor je?": "Goed zo",
        "Heb je steun of scholing nodig?": "Nee",
        "Heb je wat je nodig hebt, zoals materiaal of middelen?": "Ja",
    }
    assert checkin["note"] == NOTE and checkin["follow_up_opened"] is not None


async def test_forgetting_erases_her_checkins_and_her_words_in_the_alert(bot: Harness) -> None:
    t = await a_worrying_checkin(bot)
    await t.vera.send("/vergeet")
    await t.vera.press("Ja, wis mijn gegevens")
    async with bot.services.db.read() as tx:
        assert await tx.fetchall("SELECT * FROM checkins") == []
        assert await tx.fetchall("SELECT * FROM consult_followups") == []
        alerts = await tx.fetchall("SELECT payload FROM outbox WHERE key LIKE 'followup:%'")
    assert alerts and all(NOTE not in a[0] and "Vera" not in a[0] for a in alerts)


async def test_old_checkins_are_anonymised(bot: Harness) -> None:
    t = await a_worrying_checkin(bot)
    bot.clock.advance(days=bot.settings.retention.checkins_days - 1)
    assert (await bot.services.retention.purge()).checkins == 0
    bot.clock.advance(days=1, seconds=1)
    assert (await bot.services.retention.purge()).checkins == 1
    async with bot.services.db.read() as tx:
        hers = await CheckinRepository(tx).of_person(t.people["vera"].id)
        row = await tx.fetchone("SELECT person_id, note, answers FROM checkins")
    assert hers == []
    assert row is not None and (row[0], row[1]) == (None, None)
    assert json.loads(row[2])["mood"] == "bad"  # the taps stay for the totals


async def test_forged_buttons_get_nowhere(bot: Harness) -> None:
    t = await a_worrying_checkin(bot)
    other, _ = await seed(bot, "Otto", Role.VOLUNTEER, "Noord")
    assert (await other.press_data("co:a:1:mood:good")).toast == "Dat kan ik niet (meer) vinden."
    assert (await t.vera.press_data("co:a:1:mood:evil")).toast is not None
    assert (await t.vera.press_data("co:zz:1")).toast == EXPIRED
    assert (await t.vera.press_data("co:rx:1")).toast == NOT_FOR_YOU
    async with bot.services.db.read() as tx:
        row = await tx.fetchone("SELECT answers FROM checkins")
    assert row is not None and json.loads(row[0])["mood"] == "bad"


async def test_her_data_summary_counts_her_checkins(bot: Harness) -> None:
    t = await a_worrying_checkin(bot)
    reply = await t.vera.send("/mijngegevens")
    assert "Check-ins met je antwoorden: 1" in reply.texts[0]
    reply = await t.pieter.send("/mijngegevens")
    assert "Check-ins die jij opvolgt: 1" in reply.texts[0]
