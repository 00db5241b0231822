"""Buttons in the report, question and registration flows: a press leaves the choice readable
under its question, and a typed answer that names one button counts as pressing it."""

from __future__ import annotations

from storage.people import Role
from tests.dialogue import Chatter, Harness, Replies, last_text
from tests.people.steps import ASK_INTERESTS, USE_BUTTONS, invite
from tests.questions.steps import QUESTION
from tests.signals.steps import ASK_CONSENT, ASK_URGENCY, latest, report, team, to_description
from tests.stored import draft_of

ASK_CATEGORY = "Waar gaat het over? Kies wat het beste past."


def edited(reply: Replies) -> tuple[str, dict[str, object] | None]:
    """The pressed message as it was edited: its text, and its buttons (None: gone)."""
    [edit] = [c for c in reply if c.method == "editMessageText"]
    assert edit.params["message_id"] == pressed_message(reply)
    return str(edit.params["text"]), edit.params.get("reply_markup")


def pressed_message(reply: Replies) -> int:
    return int(next(c for c in reply if c.method == "editMessageText").params["message_id"])


async def press(chatter: Chatter, label: str) -> tuple[Replies, int]:
    """Press, and say which message the button was on."""
    message = next(
        c.message_id
        for c in reversed(chatter.inbox())
        if any(b["text"] == label for row in c.keyboard for b in row)
    )
    assert message is not None
    return await chatter.press(label), message


async def test_a_pressed_choice_stays_readable_under_its_question(bot: Harness) -> None:
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/signaal")
    reply, message = await press(anna, "Geldzorgen")
    assert pressed_message(reply) == message
    assert edited(reply) == (ASK_CATEGORY + "\n\n<b>Onderwerp: Geldzorgen</b> ✓", None)
    reply, _ = await press(anna, "Noord")
    text, markup = edited(reply)
    assert text.endswith("<b>Wijk: Noord</b> ✓") and markup is None
    await anna.send("Meneer zit elke dag alleen op het bankje.")
    reply, _ = await press(anna, "Binnenkort")
    assert edited(reply) == (ASK_URGENCY + "\n\n<b>Hoe snel: Binnenkort</b> ✓", None)
    reply, _ = await press(anna, "Weet ik niet")
    assert edited(reply)[0].endswith("<b>Bewoner weet ervan: Weet ik niet</b> ✓")
    reply, _ = await press(anna, "Overslaan")
    assert edited(reply)[0].endswith("<b>Overslaan</b> ✓")
    await anna.press("Overslaan")
    reply, _ = await press(anna, "Onderwerp")  # edit from the summary: the summary stays
    text, _ = edited(reply)
    assert text.startswith("<b>Je melding</b>") and text.endswith("<b>Aanpassen: Onderwerp</b> ✓")

    await anna.send("/annuleer")
    await anna.send("/vraag")
    reply, _ = await press(anna, "Geldzorgen")
    assert edited(reply)[0].endswith("\n\n<b>Onderwerp: Geldzorgen</b> ✓")
    await anna.send(QUESTION)
    reply, _ = await press(anna, "✏️ Vraag")
    text, _ = edited(reply)
    assert QUESTION in text and text.endswith("<b>Aanpassen: Vraag</b> ✓")


async def test_registration_choices_stay_readable(bot: Harness) -> None:
    sanne = bot.chatter("Sanne")
    await sanne.send(f"/start {await invite(bot, Role.VOLUNTEER)}")
    await sanne.send("Sanne")
    reply, _ = await press(sanne, "Zuid")
    assert edited(reply) == ("In welke wijk ben je actief?\n\n<b>Wijk: Zuid</b> ✓", None)
    await sanne.press("Ouderen")
    await sanne.press("Jongeren")
    reply, _ = await press(sanne, "Klaar")
    assert edited(reply) == (ASK_INTERESTS + "\n\n<b>Interesses: Ouderen, Jongeren</b> ✓", None)
    reply, _ = await press(sanne, "Klaar")  # availability: nothing ticked
    assert edited(reply)[0].endswith("<b>Beschikbaar: niet ingevuld</b> ✓")


async def test_typed_answers_count_where_they_name_one_button(bot: Harness) -> None:
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/signaal")
    reply = await anna.send("geldzorgen")
    assert reply.text.startswith("In welke wijk is het?")
    reply = await anna.send("Centrum")
    assert reply.text.startswith("Wat viel je op?")
    await anna.send("Meneer zit elke dag alleen op het bankje.")
    reply = await anna.send("vandaag")  # the start of "Vandaag nog"
    assert reply.text == ASK_CONSENT
    reply = await anna.send("Ja!")  # "Ja, de bewoner weet het of vindt het goed"
    assert reply.text.startswith("Wil je een foto toevoegen?")
    reply = await anna.send("overslaan")
    assert reply.text.startswith("Wil je een locatie meesturen?")
    reply = await anna.send("Overslaan")
    assert "Onderwerp: Geldzorgen" in reply.text and "Wijk: Centrum" in reply.text
    assert (
        "Bewoner weet ervan: Ja, de bewoner weet het" in reply.text
        and "Hoe snel: Vandaag nog" in reply.text
    )
    reply = await anna.send("versturen")  # sending stays a deliberate press
    assert reply.text == "Kies een van de knoppen hierboven."

    await anna.send("/annuleer")
    await anna.send("/vraag")
    reply = await anna.send("praktisch")
    assert reply.text.startswith("Wat is je vraag?")


async def test_typed_answers_that_name_no_or_several_buttons_are_refused(bot: Harness) -> None:
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await to_description(anna)
    await anna.send("Meneer zit elke dag alleen op het bankje.")
    for typed in ("snel", "ja hoor, ze weet het", "🙂"):
        reply = await anna.send(typed)
        assert reply.text == "Kies een van de knoppen hierboven.", typed
    reply = await anna.send("binnenkort")
    assert reply.text == ASK_CONSENT


async def test_typed_registration_answers(bot: Harness) -> None:
    sanne = bot.chatter("Sanne")
    await sanne.send(f"/start {await invite(bot, Role.VOLUNTEER)}")
    await sanne.send("Sanne")
    reply = await sanne.send("zuid")
    assert reply.text == ASK_INTERESTS
    reply = await sanne.send("ouderen")  # a tick-list: pressing builds it, typing does not
    assert reply.text == USE_BUTTONS
    await sanne.press("Klaar")
    await sanne.press("Klaar")
    reply = await sanne.send("3")
    assert reply.text.startswith("Waarom wil je vrijwilliger zijn")
    draft = await draft_of(bot, sanne)
    assert draft is not None and (draft.data["wijk"], draft.data["max_shifts"]) == ("Zuid", 3)


async def test_a_volunteer_may_type_her_answer_to_the_one_open_question(bot: Harness) -> None:
    _, piet, _, anna, _, _ = await team(bot)
    await report(anna)
    first = await latest(bot)
    await piet.press("Vraag stellen")
    await piet.send("Weet je of ze familie in de buurt heeft?")

    reply = await anna.send("Een dochter, maar die komt zelden.")  # no button pressed
    assert (
        reply.text
        == f"Dank je wel. Je antwoord over {first.reference} is naar de beroepskracht gestuurd."
    )
    assert "Een dochter, maar die komt zelden." in last_text(piet)
    reply = await anna.send("En ze heeft een kat.")  # answered already: nothing open
    assert reply.text == "Dat begrijp ik niet. Kies iets uit het menu of typ /hulp."

    await piet.press("Vraag stellen")
    await piet.send("Is er een buurvrouw die helpt?")
    await report(anna, "Meneer op nummer 3 ziet er verward uit.")
    second = await latest(bot)
    await piet.press("Vraag stellen")
    await piet.send("Kent iemand hem?")
    before = len(piet.inbox())
    reply = await anna.send("Nee")
    assert reply.text == (
        f"Je hebt vragen open over {first.reference}, {second.reference}. "
        "Tik op Antwoorden onder de vraag die je beantwoordt."
    )
    assert len(piet.inbox()) == before
