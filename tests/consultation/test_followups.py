"""A worrying answer is work for one accountable person: Pieter gets the alert with a deadline
in working hours, one reminder at the deadline, the coordinators one notice at three times it,
and closing it with a note stops both. A note with identifying data waits for a rewrite or a
reason."""

from __future__ import annotations

from tests.consultation.steps import Team, a_round, send, team
from tests.dialogue import Harness, tick
from tests.stored import waiting_timers


async def too_much(bot: Harness) -> Team:
    t = await team(bot)
    await send(bot, await a_round(bot, t.people["carla"], ("mood", "load")))
    await t.vera.press("😊")
    reply = await t.vera.press("Te veel")
    assert reply.text.endswith("Dank je wel. Pieter neemt contact met je op.")
    return t


async def test_the_alert_names_a_deadline_in_working_hours(bot: Harness) -> None:
    t = await too_much(bot)  # Monday 23-11 10:00: sixteen working hours on is Wednesday 10:00
    assert t.pieter.inbox()[-1].text == (
        "<b>Check-in: aandacht nodig</b>\nVera de Boer (Noord) gaf aan:\nHoeveelheid werk: Te veel"
        "\n\nNeem contact op en sluit dit af met een korte notitie, uiterlijk 25-11-2026 10:00."
    )
    assert t.pieter.inbox()[-1].buttons == ["Afsluiten met notitie"]


async def test_one_reminder_then_one_notice_to_the_coordinators(bot: Harness) -> None:
    t = await too_much(bot)
    bot.clock.advance(days=2)  # Wednesday 10:00
    await tick(bot)
    assert t.pieter.inbox()[-1].text.startswith("<b>Herinnering: check-in opvolgen</b>")
    await tick(bot)
    assert len([c for c in t.pieter.inbox() if "Herinnering" in (c.text or "")]) == 1
    bot.clock.advance(days=6)  # 48 working hours after Monday 10:00: Tuesday 1-12 10:00
    await tick(bot)
    assert t.carla.inbox()[-1].text.startswith(
        "<b>Check-in niet opgevolgd</b>\nVera de Boer (Noord) wacht al"
    )


async def test_closing_with_a_note_stops_reminder_and_escalation(bot: Harness) -> None:
    t = await too_much(bot)
    await t.pieter.press("Afsluiten met notitie")
    assert t.pieter.inbox()[-1].text == "Typ een korte notitie: wat heb je gedaan of afgesproken?"
    reply = await t.pieter.send("Gebeld, ze doet voortaan één middag minder.")
    assert reply.text == "Afgesloten. Dank je wel."
    assert await waiting_timers(bot, "followup:") == {}
    assert (await t.pieter.send("/opvolging")).text == "Er is niets om op te volgen."


async def test_a_note_with_identifying_data_waits_for_a_rewrite_or_a_reason(bot: Harness) -> None:
    t = await team(bot)
    await send(bot, await a_round(bot, t.people["carla"], ("mood", "note")))
    await t.vera.press("😊")
    reply = await t.vera.send("Mevrouw Jansen op de Neude 3 belt me steeds")
    assert reply.text.startswith("Let op: ik zie iets wat iemand kan herkennen in je tekst:")
    assert reply.buttons == ["✏️ Tekst aanpassen", "Laten staan, het is nodig"]
    assert t.pieter.inbox() == []
    await t.vera.press("✏️ Tekst aanpassen")
    reply = await t.vera.send("Een bewoonster belt me steeds, ook 's avonds")
    assert reply.text == "<b>Je bericht</b>\nEen bewoonster belt me steeds, ook 's avonds"
    reply = await t.vera.press("✅ Versturen")
    assert reply.texts[-1] == "Dank je wel. Pieter neemt contact met je op."
    checkin = next(c for c in reversed(t.vera.inbox()) if (c.text or "").startswith("<b>Check-in"))
    assert checkin.text.endswith("Dank je wel. Pieter neemt contact met je op.")
    assert checkin.buttons == []  # the check-in message shows it finished
    assert "Schreef: Een bewoonster belt me steeds" in (t.pieter.inbox()[-1].text or "")


async def test_a_kept_note_goes_with_its_reason(bot: Harness) -> None:
    t = await team(bot)
    await send(bot, await a_round(bot, t.people["carla"], ("mood", "note")))
    await t.vera.press("😊")
    await t.vera.send("Mevrouw Jansen belt me steeds")
    reply = await t.vera.press("Laten staan, het is nodig")
    assert (
        reply.texts[-1] == "Waarom heeft de beroepskracht deze gegevens nodig? Schrijf het kort op."
    )
    reply = await t.vera.send("Pieter kent haar al")
    assert "🔒 Bewust laten staan: een naam. Reden: Pieter kent haar al" in reply.text
    await t.vera.press("✅ Versturen")
    async with bot.services.db.read() as tx:
        row = await tx.fetchone("SELECT note, note_reason FROM checkins")
    assert row is not None and tuple(row) == (
        "Mevrouw Jansen belt me steeds",
        "Pieter kent haar al",
    )


async def test_no_message_after_all_leaves_the_checkin_open(bot: Harness) -> None:
    t = await team(bot)
    await send(bot, await a_round(bot, t.people["carla"], ("mood", "note")))
    await t.vera.press("😊")
    await t.vera.send("Ik twijfel nog")
    reply = await t.vera.press("Toch geen bericht")
    assert reply.texts[-1].startswith("Je bericht is niet verstuurd.")
    reply = await t.vera.send("/checkin")
    assert reply.buttons == ["Nee, klaar"]
    reply = await t.vera.send("Toch nog iets: ik wil graag meer uren")
    await t.vera.press("✅ Versturen")
    assert "Schreef: Toch nog iets: ik wil graag meer uren" in (t.pieter.inbox()[-1].text or "")


async def test_a_new_contact_takes_over_the_open_follow_up(bot: Harness) -> None:
    """Carla gives Vera another contact while Pieter's follow-up on her is still open: it
    moves to Olga, who gets the alert; Pieter has nothing left to do."""
    from storage.people import Role
    from tests.people.steps import seed

    t = await too_much(bot)
    olga, _ = await seed(bot, "Olga", Role.PROFESSIONAL, None)
    await t.carla.send("/contactpersoon")
    await t.carla.press("Vera de Boer (Noord)")
    reply = await t.carla.press("Olga")
    assert reply.text == (
        "De contactpersoon van Vera de Boer is nu Olga.\nDe open opvolging gaat mee naar Olga."
    )
    await bot.deliver()
    assert olga.inbox()[-1].text.startswith(
        "<b>Check-in: aandacht nodig</b>\nVera de Boer (Noord) gaf aan:"
    )
    assert olga.inbox()[-1].buttons == ["Afsluiten met notitie"]
    assert (await t.pieter.send("/opvolging")).text == "Er is niets om op te volgen."
    await olga.press("Afsluiten met notitie")
    reply = await olga.send("Gebeld.")
    assert reply.text == "Afgesloten. Dank je wel."
