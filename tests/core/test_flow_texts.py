"""What the report and question flows say up front: the length limit, words rather than only
emoji, editing the question before sending it, and registering before reporting."""

from __future__ import annotations

from storage.people import Role
from tests.dialogue import Harness
from tests.people.steps import invite
from tests.questions.steps import QUESTION
from tests.signals.steps import ASK_URGENCY, to_description
from tests.stored import questions_of

ONLY_EMOJI = "😢😢😢 🏚️ !!"
WORDS_PLEASE = (
    "Schrijf het in woorden. Alleen emoji of leestekens kan een beroepskracht niet lezen."
)


async def test_the_description_prompt_says_the_limit_and_refuses_only_emoji(bot: Harness) -> None:
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await to_description(anna)
    reply = anna.inbox()[-1]
    assert "maximaal 2000 tekens" in (reply.text or "")
    answer = await anna.send(ONLY_EMOJI)
    assert answer.text == WORDS_PLEASE
    answer = await anna.send("Meneer 😢 zit elke dag alleen op het bankje.")
    assert answer.text == ASK_URGENCY


async def test_the_question_prompt_says_the_limit_and_refuses_only_emoji(bot: Harness) -> None:
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna", language="en")
    await anna.send("/ask")
    reply = await anna.press("Money worries")
    assert "at most 2000 characters" in reply.text
    reply = await anna.send("🤔❓")
    assert (
        reply.text
        == "Please say it in words: a professional cannot read only emoji or punctuation."
    )
    reply = await anna.send(QUESTION)
    assert "Topic: Money worries" in reply.text


async def test_the_question_summary_has_edit_buttons_like_the_signal_summary(
    bot: Harness,
) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/vraag")
    await anna.press("Geldzorgen")
    reply = await anna.send("Waar vind ik de voedselbank?")
    assert reply.buttons == [
        "✅ Versturen",
        "✏️ Onderwerp",
        "✏️ Vraag",
        "📷 Foto toevoegen",
        "Niet versturen",
    ]
    reply = await anna.press("✏️ Onderwerp")
    assert reply.text == "Waar gaat je vraag over? Kies wat het beste past."
    reply = await anna.press("Praktisch")  # straight back to the summary: the question stays
    assert "Onderwerp: Praktisch" in reply.text and "Waar vind ik de voedselbank?" in reply.text
    reply = await anna.press("✏️ Vraag")
    assert reply.text.startswith("Wat is je vraag?")
    reply = await anna.send(QUESTION)
    assert "Onderwerp: Praktisch" in reply.text and QUESTION in reply.text
    await anna.press("✅ Versturen")
    [question] = await questions_of(bot)
    assert (question.topic, question.text) == ("praktisch", QUESTION)


async def test_reporting_during_registration_says_finish_registering_first(bot: Harness) -> None:
    code = await invite(bot, Role.VOLUNTEER)
    sanne = bot.chatter("Sanne")
    await sanne.send(f"/start {code}")
    for command in ("/signaal", "📣 Signaal melden"):
        reply = await sanne.send(command)
        assert reply.text == (
            "Maak eerst je aanmelding af: beantwoord de vraag hierboven. Stoppen kan met /annuleer."
        )
    stranger = bot.chatter("Piet")
    reply = await stranger.send("/signaal")
    assert "Je bent nog niet aangemeld" in reply.text  # no registration going on: as before
