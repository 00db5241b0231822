"""No question of a draft keeps live buttons once it is answered: pressed or typed, its text stays
with the answer under it ("Onderwerp: Geldzorgen ✓"); a typed text, photo or location answer
takes its buttons (Overslaan) away; asking the same step again leaves one question with buttons."""

from __future__ import annotations

from storage.people import Role
from tests.dialogue import Chatter, Harness
from tests.people.steps import invite
from tests.stored import draft_of

ASK_CATEGORY = "Waar gaat het over? Kies wat het beste past."
ASK_WIJK = "In welke wijk is het? Je eigen wijk (Noord) staat bovenaan."


def last_question(chatter: Chatter) -> int:
    """The newest message the bot sent with buttons."""
    for call in reversed(chatter.inbox()):
        if call.method == "sendMessage" and call.keyboard and call.message_id is not None:
            return call.message_id
    raise AssertionError("no question with buttons")


def shown(bot: Harness, chatter: Chatter, message: int) -> tuple[str, list[str]]:
    found = bot.fake.shown(chatter.id, message)
    return found.text or "", found.buttons


async def test_a_typed_choice_shows_under_its_question_and_its_buttons_go(bot: Harness) -> None:
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/signaal")
    category = last_question(anna)
    await anna.send("geldzorgen")
    assert shown(bot, anna, category) == (
        ASK_CATEGORY + "\n\n<b>Onderwerp: Geldzorgen</b> ✓",
        [],
    )
    wijk = last_question(anna)
    await anna.send("centrum")
    assert shown(bot, anna, wijk) == (ASK_WIJK + "\n\n<b>Wijk: Centrum</b> ✓", [])
    await anna.send("Meneer zit elke dag alleen op het bankje.")
    urgency = last_question(anna)
    await anna.send("vandaag")
    text, buttons = shown(bot, anna, urgency)
    assert text.endswith("<b>Hoe snel: Vandaag nog</b> ✓") and buttons == []
    photo = last_question(anna)
    await anna.send("ja")  # the resident's consent: "Ja, de bewoner weet het…"
    await anna.send("overslaan")
    text, buttons = shown(bot, anna, photo)
    assert text.endswith("<b>Bewoner weet ervan: Ja, de bewoner weet het of vindt het goed</b> ✓")


async def test_typed_registration_answers_leave_no_buttons_behind(bot: Harness) -> None:
    sanne = bot.chatter("Sanne")
    await sanne.send(f"/start {await invite(bot, Role.VOLUNTEER)}")
    await sanne.send("Sanne")
    wijk = last_question(sanne)
    await sanne.send("zuid")
    assert shown(bot, sanne, wijk) == ("In welke wijk ben je actief?\n\n<b>Wijk: Zuid</b> ✓", [])
    await sanne.press("Klaar")
    await sanne.press("Klaar")
    shifts = last_question(sanne)
    await sanne.send("2")
    text, buttons = shown(bot, sanne, shifts)
    assert text.endswith("<b>Maximaal aantal diensten per week: 2</b> ✓") and buttons == []
    motivation = last_question(sanne)
    assert shown(bot, sanne, motivation)[1] == ["Overslaan"]
    reply = await sanne.send("Ik wil graag iets doen voor mijn buurt.")
    assert reply.text.startswith("<b>Jouw taak als vrijwilliger</b>")
    assert shown(bot, sanne, motivation) == (
        "Waarom wil je vrijwilliger zijn? Typ een paar zinnen. Je mag dit ook overslaan.",
        [],
    )


async def test_a_question_asked_again_keeps_buttons_only_on_the_newest(bot: Harness) -> None:
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/vraag")
    first = last_question(anna)
    await anna.send("/vraag")  # the draft goes on where it was: the topic again
    second = last_question(anna)
    assert second != first
    assert shown(bot, anna, first)[1] == []
    assert shown(bot, anna, second)[1]
    await anna.press("Praktisch")
    assert shown(bot, anna, second) == (
        "Waar gaat je vraag over? Kies wat het beste past.\n\n<b>Onderwerp: Praktisch</b> ✓",
        [],
    )


async def test_pressing_an_older_copy_of_the_question_clears_the_newer_one(bot: Harness) -> None:
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/vraag")
    first = last_question(anna)
    topic = next(b["callback_data"] for c in anna.inbox() for row in c.keyboard for b in row)
    await anna.send("/vraag")
    second = last_question(anna)
    await anna.press_data(topic, first)  # a copy that kept its buttons (an older app)
    assert shown(bot, anna, first)[0].endswith("✓")
    assert shown(bot, anna, second)[1] == []
    draft = await draft_of(bot, anna)
    assert draft is not None and draft.step == "text"
