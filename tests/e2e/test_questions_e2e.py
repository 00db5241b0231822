"""A question from asking to closing, end to end: the bot runs as its own process against the
stand-in, the volunteer and the professional act over HTTP, and every message arrives once.

Here every answer and follow-up goes through the buttons; the same thread by Telegram replies
(and a question with a photo) is tests/e2e/test_question_replies_photos_e2e.py.
"""

from __future__ import annotations

import pytest

from tests.e2e.harness import (
    BotProcess,
    StandInClient,
    db_rows,
    plain,
    sent_count,
    start_team,
)

pytestmark = pytest.mark.e2e

QUESTION = "Waar kan iemand met betalingsachterstanden terecht in de wijk?"
ANSWER = "Bij het Geldloket in het wijkcentrum, elke dinsdag."
MORE = "Moet je daar een afspraak voor maken?"
SECOND = "Nee, je kunt gewoon binnenlopen."
REF = "Q-0001"


async def test_a_question_is_asked_answered_followed_up_and_closed(
    standin: StandInClient, new_bot: BotProcess
) -> None:
    bot = new_bot
    team = await start_team(standin, bot, "schulden")
    carla, piet, vera = team.carla, team.piet, team.vera
    rule = team.rule

    # The volunteer asks: a topic button, the question typed, send.
    await vera.send("/vraag")
    await vera.expect(plain("nl", "questions.ask_topic"))
    await vera.press("Geldzorgen")
    await vera.expect("Wat is je vraag?")
    await vera.send(QUESTION)
    summary = await vera.expect("Je vraag")
    assert "Onderwerp: Geldzorgen" in summary["text"] and QUESTION in summary["text"]
    await vera.press("✅ Versturen")
    await vera.expect(f"Het nummer is {REF}.")

    # The routed professional gets the alert with the answer button.
    piet.mark = vera.mark
    alert = await piet.expect(f"Nieuwe vraag {REF}")
    for line in ("Gesteld door: Vera", "Onderwerp: Geldzorgen", QUESTION):
        assert line in alert["text"]
    [(question_id,)] = db_rows(bot.db_path, "SELECT id FROM questions")
    assert await piet.button("Beantwoorden") == (alert["message_id"], f"q:ans:{question_id}")
    [(piet_row,)] = db_rows(bot.db_path, "SELECT id FROM people WHERE telegram_id = ?", (piet.id,))
    [(owner,)] = db_rows(bot.db_path, "SELECT owner_id FROM questions")
    assert owner == piet_row
    routed = db_rows(bot.db_path, "SELECT body FROM question_messages WHERE kind = 'routed'")
    assert len(routed) == 1 and routed[0][0].endswith(f"via rule {rule}")

    # The answer, with the button and a typed text.
    await piet.press("Beantwoorden")
    await piet.expect(f"Typ je antwoord op {REF}.")
    await piet.send(ANSWER)
    await piet.expect(plain("nl", "questions.sent_answer", ref=REF))
    vera.mark = piet.mark
    answer = await vera.expect(f"Antwoord op je vraag {REF}")
    assert ANSWER in answer["text"]
    await vera.expect_button("Mijn vraag is beantwoord")

    # The volunteer asks more about it.
    await vera.press("Nog een vraag hierover")
    await vera.expect(f"Wat wil je nog vragen over {REF}?")
    await vera.send(MORE)
    await vera.expect(f"Je vraag over {REF} is doorgestuurd.")
    piet.mark = vera.mark
    follow_up = await piet.expect(f"Vera vraagt nog iets over {REF}")
    assert MORE in follow_up["text"]
    assert db_rows(bot.db_path, "SELECT status FROM questions") == [("open",)]

    # The professional answers the follow-up (the button on the follow-up message).
    assert (await piet.button("Beantwoorden"))[0] == follow_up["message_id"]
    await piet.press("Beantwoorden")
    await piet.expect(f"Typ je antwoord op {REF}.")
    await piet.send(SECOND)
    await piet.expect(plain("nl", "questions.sent_answer", ref=REF))
    vera.mark = piet.mark
    second = await vera.expect(SECOND)
    assert f"Antwoord op je vraag {REF}" in second["text"]

    # The volunteer closes it; /mijnvragen shows it closed.
    await vera.press("Mijn vraag is beantwoord")
    await vera.expect(plain("nl", "questions.done", ref=REF))
    piet.mark = vera.mark
    await piet.expect(plain("nl", "questions.closed_owner", name="Vera", ref=REF))
    await vera.send("/mijnvragen")
    mine = await vera.expect("Mijn vragen")
    assert f"{REF} · Geldzorgen · afgesloten" in mine["text"]

    # Everything once (the stand-in's own record).
    await bot.stop()
    once = {
        piet: [
            f"Nieuwe vraag {REF}",
            f"Vera vraagt nog iets over {REF}",
            f"Vera heeft vraag {REF} afgesloten",
        ],
        vera: [
            f"Het nummer is {REF}.",
            ANSWER,
            f"Je vraag over {REF} is doorgestuurd.",
            SECOND,
            f"Fijn dat je vraag {REF} is beantwoord",
        ],
    }
    for person, fragments in once.items():
        for fragment in fragments:
            assert await sent_count(person, fragment) == 1, (person, fragment)
    assert await sent_count(piet, f"Je antwoord op {REF} is naar de vrijwilliger gestuurd.") == 2
    assert await sent_count(vera, f"Antwoord op je vraag {REF}") == 2
    assert await sent_count(carla, REF) == 0  # routed to Piet by the rule, not to Carla
    [(status, answered_at, closed_at)] = db_rows(
        bot.db_path, "SELECT status, answered_at, closed_at FROM questions"
    )
    assert status == "closed" and answered_at is not None and closed_at is not None
    kinds = db_rows(
        bot.db_path,
        "SELECT kind FROM question_messages WHERE question_id = ? ORDER BY id",
        (question_id,),
    )
    assert [k for (k,) in kinds] == ["asked", "routed", "answer", "followup", "answer", "closed"]
    assert db_rows(bot.db_path, "SELECT count(*) FROM outbox WHERE status != 'sent'") == [(0,)]
    assert db_rows(bot.db_path, "SELECT count(*) FROM flows") == [(0,)]
    assert standin.state.world.updates == [], "a clean stop confirms every processed update"
