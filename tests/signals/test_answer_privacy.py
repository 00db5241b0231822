"""A volunteer's answer to a professional's question about her signal passes the privacy guard,
like the signal itself: with identifying data it waits until she rewrites it or sends it anyway,
whether she pressed "Antwoorden" first or simply typed it."""

from __future__ import annotations

from bot.signals.callbacks import Act, OnSignal
from storage.people import Role
from tests.dialogue import Chatter, Harness, last_text
from tests.signals.steps import latest, report, team
from tests.stored import events_of

# The draft flow's privacy step in words (privacy.*), not a copy of its own.
CHECK = "Let op: ik zie iets wat iemand kan herkennen in je tekst: <b>een naam</b>."
KEEP = "Laten staan, het is nodig"
NAMED = "Ja, haar zoon Mohamed komt soms langs."


async def asked(bot: Harness) -> tuple[Chatter, Chatter]:
    _, piet, _, anna, _, _ = await team(bot)
    await report(anna)
    await piet.press("Vraag stellen")
    await piet.send("Heeft ze familie in de buurt?")
    return piet, anna


async def answers(bot: Harness) -> list[str]:
    events = await events_of(bot, (await latest(bot)).id)
    return [e.detail or "" for e in events if e.action == "answer"]


async def test_a_pressed_answer_with_a_name_is_held_and_can_be_rewritten(bot: Harness) -> None:
    piet, anna = await asked(bot)
    sent_to_piet = len(piet.inbox())
    await anna.press("Antwoorden")

    reply = await anna.send(NAMED)
    assert reply.text.startswith(CHECK) and "Mohamed" not in reply.text
    assert reply.buttons == ["✏️ Tekst aanpassen", KEEP]
    assert len(piet.inbox()) == sent_to_piet and await answers(bot) == []

    reply = await anna.press("✏️ Tekst aanpassen")
    assert reply.text == "Typ je antwoord over S-0001 opnieuw, zonder die gegevens."
    reply = await anna.send("Ja, haar zoon komt soms langs.")
    assert "Je antwoord over S-0001 is naar de beroepskracht gestuurd" in reply.text
    assert await answers(bot) == ["Ja, haar zoon komt soms langs."]
    assert "haar zoon komt soms langs" in last_text(piet)


async def test_a_typed_answer_with_a_name_is_held_and_can_be_sent_anyway(bot: Harness) -> None:
    piet, anna = await asked(bot)
    reply = await anna.send(NAMED)  # without pressing "Antwoorden"
    assert reply.text.startswith(CHECK)
    assert await answers(bot) == []

    reply = await anna.press(KEEP)
    assert "Je antwoord over S-0001 is naar de beroepskracht gestuurd" in reply.text
    assert await answers(bot) == [NAMED]
    assert "Mohamed" in last_text(piet)
    signal = await latest(bot)
    reply = await anna.press_data(OnSignal(Act.KEEP, signal.id).data)  # pressed again
    assert reply.toast == "Deze knop werkt niet meer. Begin opnieuw via het menu."
    assert await answers(bot) == [NAMED]


async def test_the_check_speaks_english(bot: Harness) -> None:
    _, piet, _, _, _, _ = await team(bot)
    amy, _ = await bot.member(Role.VOLUNTEER, "Amy", language="en")
    await amy.send("/report")
    for label in ("Loneliness", "Noord"):
        await amy.press(label)
    await amy.send("An older man never leaves his flat.")
    for label in ("Normal", "I don't know", "Skip", "Skip", "✅ Send"):
        await amy.press(label)
    await piet.press("Vraag stellen")
    await piet.send("Heeft ze familie in de buurt?")
    reply = await amy.send("Her son Mohamed visits sometimes.")
    assert reply.text.startswith(
        "Careful: I see something in your text that can identify someone: <b>a name</b>."
    )
    assert reply.buttons == ["✏️ Change the text", "Keep it, it is needed"]
