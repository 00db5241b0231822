"""Reading questions back: /vragen for professionals (their own) and coordinators (all),
/mijnvragen for volunteers, and the card behind each, shown only to who may see it."""

from __future__ import annotations

import html
import re

from storage.people import Role
from tests.answers import EXPIRED, NOT_ALLOWED
from tests.dialogue import Harness, last_text
from tests.questions.steps import ask, rule
from tests.stored import questions_of


def visible(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


async def test_a_professional_sees_their_open_questions_and_answers_from_the_card(
    bot: Harness,
) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    pia, pia_person = await bot.member(Role.PROFESSIONAL, "Pia")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await rule(bot, "schulden", piet_person)
    await rule(bot, None, pia_person)
    await ask(anna, "Waar kan iemand met aanmaningen terecht?")  # Q-0001, Piet
    await ask(anna, "Wie leent een ladder uit?", topic="Praktisch")  # Q-0002, Pia
    await ask(anna, "Helpt de schuldhulp ook zzp'ers?")  # Q-0003, Piet
    await ask(anna, "Is er een budgetcursus?")  # Q-0004, Piet, answered and closed below
    await piet.press_data("q:ans:4")
    await piet.send("Ja, in het voorjaar.")
    await anna.press_data("q:done:4")
    await piet.press_data("q:ans:3")
    await piet.send("Ja, bij het Ondernemersloket.")

    [first, *_] = await questions_of(bot)
    bot.clock.now = first.answer_due_at  # Q-0001 is now late
    reply = await piet.send("❓ Vragen")
    assert reply.text.startswith("<b>Vragen die nog open staan</b>")
    assert reply.buttons == [
        "⏰ Q-0001 · Geldzorgen · wacht op antwoord",
        "Q-0003 · Geldzorgen · beantwoord",
    ]
    reply = await pia.send("/vragen")
    assert reply.buttons == ["⏰ Q-0002 · Praktisch · wacht op antwoord"]
    reply = await carla.send("/vragen")  # coordinators see everyone's
    assert len(reply.buttons) == 3

    reply = await piet.press("⏰ Q-0001 · Geldzorgen · wacht op antwoord")
    assert reply.text.startswith("<b>Vraag Q-0001</b> · Geldzorgen · Noord · <b>wacht op antwoord")
    assert "Gesteld door Anna" in reply.text and "aanmaningen" in reply.text
    assert reply.buttons == ["Beantwoorden", "Doorsturen", "📚 Antwoord voor iedereen"]
    await piet.press("Beantwoorden")
    await piet.send("Bij het Geldloket.")
    assert "Bij het Geldloket." in last_text(anna)

    # Someone else's question, by a forged button: refused, nothing shown.
    bob, _ = await bot.member(Role.VOLUNTEER, "Bob")
    for forger in (pia, bob):
        reply = await forger.press_data(f"q:show:{first.id}")
        assert reply.toast == NOT_ALLOWED and not reply.texts
    assert (await anna.send("/vragen")).text == NOT_ALLOWED
    assert (await piet.press_data("q:show:999")).toast is not None
    assert (await piet.press_data("q:show:x")).toast == EXPIRED


async def test_a_volunteer_reads_back_their_own_conversation(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    piet, _ = await bot.member(Role.PROFESSIONAL, "Piet")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    bob, _ = await bot.member(Role.VOLUNTEER, "Bob")
    await ask(anna)
    await carla.press_data("q:re:1")
    await carla.press("Piet (Noord)")
    await carla.send("Piet kent het Geldloket goed.")
    await piet.press_data("q:ans:1")
    await piet.send("Bij het Geldloket, dinsdag.")
    await anna.press_data("q:more:1")
    await anna.send("Moet ik een afspraak maken?")

    reply = await anna.send("📋 Mijn vragen")
    assert "Q-0001 · Geldzorgen · <b>wacht op antwoord</b>" in reply.text
    assert reply.buttons == ["Q-0001 · Geldzorgen · wacht op antwoord"]
    reply = await anna.press("Q-0001 · Geldzorgen · wacht op antwoord")
    shown = visible(reply.text)
    assert "💬 Piet" in shown and "Bij het Geldloket, dinsdag." in shown
    assert "❓ Anna" in shown and "Moet ik een afspraak maken?" in shown
    assert "doorgestuurd" not in shown and "Geldloket goed" not in shown  # staff's business
    assert reply.buttons == ["Nog een vraag hierover", "Mijn vraag is beantwoord"]
    reply = await carla.press_data("q:show:1")
    assert "↪️ Carla heeft de vraag doorgestuurd" in visible(reply.text)

    assert (await bob.press_data("q:show:1")).toast == NOT_ALLOWED
    assert (await bob.send("/mijnvragen")).text.startswith("Je hebt nog geen vragen gesteld.")


async def test_a_long_conversation_fits_one_message(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await ask(anna, "Lange vraag & meer " * 100)
    for n in range(12):
        await carla.press_data("q:ans:1")
        await carla.send(f"Antwoord {n} & " + "uitleg " * 200)
    reply = await carla.press_data("q:show:1")
    shown = visible(reply.text)
    assert len(shown) <= 4096
    assert (
        "(eerdere berichten:" in shown and "Antwoord 11 &" in shown and "Antwoord 0 &" not in shown
    )
    [question] = await questions_of(bot)
    assert question.status == "answered"


async def test_forged_ids_too_big_for_sqlite_get_a_clear_answer(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    huge = "9" * 25
    for data in (
        f"q:ans:{huge}",
        f"q:re:{huge}",
        f"q:to:1:{huge}",
        f"q:show:{huge}",
        f"q:pub:{huge}",
        f"sig:view:{huge}",
        f"sig:to:1:{huge}",
    ):
        reply = await carla.press_data(data)
        assert reply.toast == EXPIRED, data
    reply = await carla.press_data(f"pp:l:a:a:a:{huge}")  # a page far beyond the list
    assert reply.toast is None and reply.texts
    assert not [c for c in carla.inbox() if "er ging iets mis" in (c.text or "")]
