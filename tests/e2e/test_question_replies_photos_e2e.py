"""A question with a photo, answered and followed up with Telegram replies, end to end: the bot
runs as its own process against the stand-in; Vera sends a photo with the question as caption,
Piet answers by replying to his alert, Vera asks more by replying to the answer, and Piet
answers that by replying to the photo (its caption names the question)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.e2e.harness import (
    BotProcess,
    StandInClient,
    db_rows,
    plain,
    sent_count,
    start_team,
)
from tests.photos import gps_exif

pytestmark = pytest.mark.e2e

QUESTION = "Mag deze kapotte stoeptegel bij de gemeente gemeld worden?"
ANSWER = "Ja, via de app Buiten Beter of het loket in het wijkcentrum."
MORE = "Moet ik er zelf een foto bij doen?"
SECOND = "Graag, dan weten ze meteen welke tegel het is."
REF = "Q-0001"


def holiday_snap() -> bytes:
    """A JPEG as a phone makes it: large enough for a thumbnail, with a GPS position in EXIF."""
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (90, 140, 60)).save(out, "JPEG", exif=gps_exif(1).tobytes())
    return out.getvalue()


async def test_a_question_with_a_photo_answered_and_followed_up_by_replies(
    standin: StandInClient, new_bot: BotProcess
) -> None:
    bot = new_bot
    team = await start_team(standin, bot, "schulden")
    carla, piet, vera = team.carla, team.piet, team.vera

    # Vera asks with a photo whose caption is the question.
    await vera.send("/vraag")
    await vera.expect(plain("nl", "questions.ask_topic"))
    await vera.press("Geldzorgen")
    await vera.expect("Wat is je vraag?")
    original = holiday_snap()
    sent = await vera.send_photo(original, caption=QUESTION)
    assert [(p["width"], p["height"]) for p in sent["photo"]] == [(320, 240), (800, 600)]
    summary = await vera.expect("Je vraag")
    assert plain("nl", "questions.summary_photo").strip() in summary["text"]
    assert QUESTION in summary["text"]
    await vera.press("✅ Versturen")
    await vera.expect(f"Het nummer is {REF}.")

    # Piet: the alert, then the photo with the reference as caption, without the GPS position.
    piet.mark = vera.mark
    alert = await piet.expect(f"Nieuwe vraag {REF}")
    assert QUESTION in alert["text"]
    assert plain("nl", "questions.line_photo") in alert["text"]
    photo = await piet.expect_photo(REF)
    assert photo["message_id"] > alert["message_id"]
    assert [c["status"] for c in await standin.calls("sendPhoto")] == [200]
    forwarded = await standin.file(photo["photo"][-1]["file_id"])
    image = Image.open(io.BytesIO(forwarded))
    assert image.format == "JPEG" and not image.getexif() and "exif" not in image.info
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the original had GPS

    # Piet answers by replying to the alert.
    await piet.reply(alert, ANSWER)
    await piet.expect(plain("nl", "questions.sent_answer", ref=REF))
    vera.mark = piet.mark
    answer = await vera.expect(f"Antwoord op je vraag {REF}")
    assert ANSWER in answer["text"]

    # Vera asks more by replying to the answer.
    await vera.reply(answer, MORE)
    await vera.expect(f"Je vraag over {REF} is doorgestuurd.")
    piet.mark = vera.mark
    follow_up = await piet.expect(f"Vera vraagt nog iets over {REF}")
    assert MORE in follow_up["text"]

    # Piet answers that by replying to the photo: its caption names the question.
    await piet.reply(photo, SECOND)
    await piet.expect(plain("nl", "questions.sent_answer", ref=REF))
    vera.mark = piet.mark
    second = await vera.expect(SECOND)
    assert f"Antwoord op je vraag {REF}" in second["text"]

    await bot.stop()
    assert await sent_count(vera, f"Antwoord op je vraag {REF}") == 2
    assert await sent_count(piet, f"Vera vraagt nog iets over {REF}") == 1
    assert await sent_count(carla, REF) == 0
    kinds = db_rows(bot.db_path, "SELECT kind FROM question_messages ORDER BY id")
    assert [k for (k,) in kinds] == ["asked", "routed", "answer", "followup", "answer"]
    bodies = db_rows(bot.db_path, "SELECT body FROM question_messages WHERE kind != 'routed'")
    assert [b for (b,) in bodies] == [QUESTION, ANSWER, MORE, SECOND]
    assert db_rows(bot.db_path, "SELECT count(*) FROM outbox WHERE status != 'sent'") == [(0,)]
    assert standin.state.world.updates == [], "a clean stop confirms every processed update"
