"""A check-in as Vera answers it: one tap per question, the note, and what follows a worrying
answer (the follow-up reaching Pieter, her contact)."""

from __future__ import annotations

from tests.consultation.steps import a_round, send, team
from tests.dialogue import Harness, last_text

INTRO = (
    "<b>Check-in</b>\nHoi Vera, hoe gaat het met je vrijwilligerswerk? Een paar vragen, elk met"
    " één tik. Het duurt minder dan een minuut. Alleen je contactpersoon (Pieter) en de"
    " coördinatoren zien je antwoorden."
)


async def test_too_much_work_reaches_pieter_as_a_follow_up(bot: Harness) -> None:
    t = await team(bot)
    round_ = await a_round(bot, t.people["carla"])
    assert await send(bot, round_) == 1

    assert t.vera.inbox()[-1].text == f"{INTRO}\n\n<b>Hoe gaat het?</b>"
    assert t.vera.inbox()[-1].buttons == ["😊", "😐", "☹️"]
    reply = await t.vera.press("😐")
    assert (
        reply.text
        == f"{INTRO}\n\nHoe gaat het? <b>😐</b>\n\n<b>Is de hoeveelheid werk goed voor je?</b>"
    )
    assert reply.buttons == ["Te veel", "Goed zo", "Te weinig"]
    await t.vera.press("Te veel")
    await t.vera.press("Nee")
    reply = await t.vera.press("Ja")
    assert reply.buttons == ["Nee, klaar"]
    reply = await t.vera.press("Nee, klaar")
    assert reply.text.endswith("Dank je wel. Pieter neemt contact met je op.")
    assert reply.buttons == []

    alert = last_text(t.pieter)
    assert alert.startswith(
        "<b>Check-in: aandacht nodig</b>\nVera de Boer (Noord) gaf aan:\nHoeveelheid werk: Te veel"
    )
    assert t.carla.inbox() == []  # only the contact is told; coordinators see it in /opvolging


async def test_a_typed_answer_that_names_a_button_counts_as_tapping_it(bot: Harness) -> None:
    """Vera types "te veel" instead of tapping it, as other questions in the bot allow."""
    t = await team(bot)
    await send(bot, await a_round(bot, t.people["carla"], ("mood", "load")))
    await t.vera.press("😐")
    reply = await t.vera.send("te veel")
    assert "Is de hoeveelheid werk goed voor je? <b>Te veel</b>" in reply.text
    assert reply.text.endswith("Dank je wel. Pieter neemt contact met je op.")
    await bot.deliver()
    assert "Hoeveelheid werk: Te veel" in (t.pieter.inbox()[-1].text or "")
    reply = await t.vera.send("goed zo")  # nothing open any more
    assert reply.text.startswith("Dat begrijp ik niet")
