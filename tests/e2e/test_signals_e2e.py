"""A signal from report to close, end to end: the bot runs as its own process against the
stand-in, the volunteer and the professional act over HTTP, and every notice arrives once."""

from __future__ import annotations

import pytest

from tests.e2e.harness import (
    SIGNALS_CONFIG,
    BotProcess,
    StandInClient,
    db_rows,
    plain,
    sent_count,
    start_team,
)

pytestmark = pytest.mark.e2e

DESCRIPTION = "Mevrouw op de hoek komt al weken niet buiten en lijkt eenzaam."
QUESTION = "Weet je of ze familie in de buurt heeft?"
ANSWER = "Een dochter, maar die komt zelden."
CLOSING = "Dankzij jou krijgt ze nu bezoek."
REF = "S-0001"


async def test_a_signal_is_reported_picked_up_asked_about_and_closed(
    standin: StandInClient, new_bot: BotProcess
) -> None:
    bot = new_bot
    bot.config_path.write_text(SIGNALS_CONFIG, encoding="utf-8")
    team = await start_team(standin, bot, "eenzaamheid")
    carla, piet, vera = team.carla, team.piet, team.vera
    rule = team.rule

    # The volunteer reports through the buttons.
    await vera.send("/signaal")
    await vera.expect(plain("nl", "signals.ask_cat"))
    await vera.press("Eenzaamheid")
    await vera.expect("In welke wijk is het?")
    await vera.press("Noord")
    await vera.expect("Wat viel je op?")
    await vera.send(DESCRIPTION)
    await vera.expect(plain("nl", "signals.ask_urg"))
    await vera.press("Normaal")
    await vera.expect(plain("nl", "signals.ask_cons"))
    await vera.press("Ja, de bewoner weet het of vindt het goed")
    await vera.expect("foto")
    await vera.press("Overslaan")
    await vera.expect("Wil je een locatie meesturen?")
    await vera.press("Overslaan")
    summary = await vera.expect("Je melding")
    assert "Onderwerp: Eenzaamheid" in summary["text"] and DESCRIPTION in summary["text"]
    await vera.press("✅ Versturen")
    await vera.expect(f"Het nummer is {REF}.")

    # The professional gets the alert, with the buttons to act on it.
    piet.mark = vera.mark
    alert = await piet.expect(f"Nieuw signaal {REF}")
    for line in ("Gemeld door: Vera", "Wijk: Noord", DESCRIPTION):
        assert line in alert["text"]
    [(signal_id,)] = db_rows(bot.db_path, "SELECT id FROM signals")
    assert await piet.button("Oppakken") == (alert["message_id"], f"sig:pick:{signal_id}")
    [(piet_row,)] = db_rows(bot.db_path, "SELECT id FROM people WHERE telegram_id = ?", (piet.id,))
    routed = db_rows(bot.db_path, "SELECT detail FROM signal_events WHERE action = 'routed'")
    assert routed == [(f"to {piet_row} via rule {rule}",)]

    # Pick up: the card changes, the volunteer hears of it.
    await piet.press("Oppakken")
    await piet.expect_toast(plain("nl", "signal_work.picked_up"))
    vera.mark = piet.mark
    await vera.expect(f"Je signaal {REF} is opgepakt")
    await vera.send("/mijnsignalen")
    mine = await vera.expect("Jouw meldingen")
    assert f"{REF}" in mine["text"] and "opgepakt" in mine["text"]

    # A question to the volunteer, and her answer back.
    await piet.press("Vraag stellen")
    await piet.expect(f"Wat wil je de vrijwilliger vragen over {REF}?")
    await piet.send(QUESTION)
    await piet.expect(f"Je vraag over {REF} is naar de vrijwilliger gestuurd.")
    vera.mark = piet.mark
    asked = await vera.expect(QUESTION)
    assert f"vraag over je signaal {REF}" in asked["text"]
    await vera.press("Antwoorden")
    await vera.expect(plain("nl", "signal_work.ask_answer"))
    await vera.send(ANSWER)
    await vera.expect(f"Je antwoord over {REF} is naar de beroepskracht gestuurd")
    piet.mark = vera.mark
    forwarded = await piet.expect(ANSWER)
    assert f"Antwoord van Vera over {REF}" in forwarded["text"]

    # Close with an outcome and a message for the volunteer.
    await piet.press("Afsluiten")
    await piet.expect_button("Hulp geregeld")
    await piet.press("Hulp geregeld")
    await piet.expect_button("Geen bericht")
    await piet.send(CLOSING)
    await piet.expect(plain("nl", "signal_work.closed", ref=REF))
    vera.mark = piet.mark
    closing = await vera.expect(f"Je signaal {REF} is afgesloten")
    assert CLOSING in closing["text"] and "Hulp geregeld" not in closing["text"]
    await vera.send("/mijnsignalen")
    mine = await vera.expect("Jouw meldingen")
    assert f"{REF}" in mine["text"] and "afgesloten" in mine["text"]

    # Everything once: the alert, the receipt and each notice (the stand-in's own record).
    await bot.stop()
    once = {
        piet: [f"Nieuw signaal {REF}", f"Antwoord van Vera over {REF}"],
        vera: [
            f"Het nummer is {REF}.",
            f"Je signaal {REF} is opgepakt",
            f"vraag over je signaal {REF}",
            f"Je signaal {REF} is afgesloten",
        ],
    }
    for person, fragments in once.items():
        for fragment in fragments:
            assert await sent_count(person, fragment) == 1, (person, fragment)
    assert await sent_count(carla, REF) == 0  # routed to Piet by the rule, not to Carla
    assert db_rows(bot.db_path, "SELECT status, outcome FROM signals") == [("closed", "arranged")]
    actions = db_rows(
        bot.db_path,
        "SELECT action FROM signal_events WHERE signal_id = ? ORDER BY id",
        (signal_id,),
    )
    assert [a for (a,) in actions] == [
        "reported",
        "routed",
        "picked_up",
        "question",
        "answer",
        "closed",
        "closing_message",
    ]
    assert db_rows(bot.db_path, "SELECT count(*) FROM outbox WHERE status != 'sent'") == [(0,)]
    assert db_rows(bot.db_path, "SELECT count(*) FROM flows") == [(0,)]
    assert standin.state.world.updates == [], "a clean stop confirms every processed update"
