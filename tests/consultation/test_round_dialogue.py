"""Carla sets a check-in round with buttons, Vera answers it with "too much", and the
follow-up reaches Pieter, her contact: in Dutch and in English."""

from __future__ import annotations

import pytest

from tests.consultation.steps import team
from tests.dialogue import Harness, tick

WORDS = {
    "nl": {
        "new": "Nieuwe ronde",
        "who": "vrijwilligers",
        "often": "elke 4 weken op maandag",
        "note": "Iets vertellen of inbrengen",
        "now": "Klaar, de eerste nu",
        "set": "De ronde staat klaar. De eerste check-in gaat nu uit.",
        "line": "• vrijwilligers, elke 4 weken op maandag, om 10:00 · 4 vragen · loopt",
        "too_much": "Te veel",
        "no": "Nee",
        "yes": "Ja",
        "thanks": "Dank je wel. Pieter neemt contact met je op.",
        "alert": "Hoeveelheid werk: Te veel",
    },
    "en": {
        "new": "New round",
        "who": "volunteers",
        "often": "every 4 weeks on Monday",
        "note": "Something to tell or bring in",
        "now": "Done, the first one now",
        "set": "The round is set. The first check-in goes out now.",
        "line": "• volunteers, every 4 weeks on Monday, at 10:00 · 4 questions · running",
        "too_much": "Too much",
        "no": "No",
        "yes": "Yes",
        "thanks": "Thank you. Pieter will be in touch with you.",
        "alert": "Amount of work: Too much",
    },
}


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_carla_sets_a_round_vera_says_too_much_pieter_follows_up(
    bot: Harness, language: str
) -> None:
    w = WORDS[language]
    t = await team(bot, language)
    command = "/rondes" if language == "nl" else "/rounds"
    await t.carla.send(command)
    await t.carla.press(w["new"])
    await t.carla.press(w["who"])
    reply = await t.carla.press(w["often"])
    assert all(b.startswith("✓ ") for b in reply.buttons[:5])  # every question at first
    await t.carla.press(f"✓ {w['note']}")  # no note this time
    reply = await t.carla.press(w["now"])
    assert reply.text == f"{w['set']}\n{w['line']}"

    await tick(bot)
    await t.vera.press("😐")
    await t.vera.press(w["too_much"])
    await t.vera.press(w["no"])
    reply = await t.vera.press(w["yes"])
    assert reply.text.endswith(w["thanks"])
    assert w["alert"] in (t.pieter.inbox()[-1].text or "")


async def test_the_round_list_and_builder_say_what_there_is_and_what_was_chosen(
    bot: Harness,
) -> None:
    t = await team(bot)
    reply = await t.carla.send("/rondes")
    assert reply.text == (
        "<b>Check-in rondes</b>\nEr is nog geen ronde, ook geen standaardronde."
        " Er gaan dus geen check-ins uit."
    )
    await t.carla.press("Nieuwe ronde")
    await t.carla.press("vrijwilligers")
    reply = await t.carla.press("om de week op maandag")
    assert reply.text.startswith(
        "<b>Nieuwe check-in ronde</b>\nVoor: vrijwilligers\nHoe vaak: om de week op maandag\n\n"
    )
    await bot.services.rounds.ensure_default()  # as at start-up with the default on
    reply = await t.carla.send("/rondes")
    assert (
        "• vrijwilligers, elke 4 weken op maandag, om 10:00 · 5 vragen · loopt · standaardronde"
        in (reply.text)
    )


async def test_the_title_example_does_not_repeat_the_kind(bot: Harness) -> None:
    """The kind goes in front of the title by itself ("Intervisie: Intervisie: ..." before)."""
    t = await team(bot)
    await t.pieter.send("/overleg")
    await t.pieter.press("Nieuw overleg plannen")
    reply = await t.pieter.press("Intervisie")
    assert reply.texts[-1].endswith("Typ een korte titel, bijvoorbeeld Omgaan met eenzaamheid.")
