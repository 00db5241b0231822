"""A question may carry a photo: added at the summary (or sent with the question as caption),
stripped of its metadata, shown to the owner after the alert; never at other steps."""

from __future__ import annotations

import io

from PIL import Image

from storage.people import Role
from storage.questions import QuestionRepository
from tests.dialogue import Harness
from tests.photos import PHOTO_FILE_ID, gps_jpeg
from tests.questions.steps import QUESTION
from tests.stored import questions_of

EDITS = ("✏️ Onderwerp", "✏️ Vraag")  # the summary's edit buttons


async def test_a_photo_added_at_the_summary_goes_to_the_owner_without_metadata(
    bot: Harness,
) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    bot.fake.serve_file(PHOTO_FILE_ID, gps_jpeg())

    await anna.send("/vraag")
    reply = await anna.send_photo()
    assert reply.text.startswith("Een foto kun je toevoegen als je vraag klaar is.")
    await anna.press("Geldzorgen")
    await anna.send(QUESTION)
    reply = await anna.press("📷 Foto toevoegen")
    assert reply.text.startswith("Stuur de foto.")
    assert reply.buttons == ["Toch geen foto"]
    reply = await anna.send_photo()
    assert reply.texts[0] == "Foto ontvangen. Verborgen gegevens zijn eruit gehaald."
    assert "📷 Met foto" in reply.text and QUESTION in reply.text
    assert reply.buttons == ["✅ Versturen", *EDITS, "Foto weghalen", "Niet versturen"]
    assert "Helpt een van deze" not in " ".join(reply.texts)  # related answers come only once
    await anna.press("✅ Versturen")

    [question] = await questions_of(bot)
    assert question.has_photo
    async with bot.services.db.read() as tx:
        stored = await QuestionRepository(tx).photo(question.id)
    assert stored is not None
    image = Image.open(io.BytesIO(stored))
    assert not image.getexif() and "exif" not in image.info
    alert, photo = carla.inbox()[-2:]
    assert "Nieuwe vraag Q-0001" in (alert.text or "")
    assert "📷 Er hoort een foto bij" in (alert.text or "")
    assert (photo.method, photo.params["caption"]) == ("sendPhoto", "Q-0001")
    assert photo.files["photo"] == stored


async def test_a_photo_with_the_question_as_caption(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    bot.fake.serve_file(PHOTO_FILE_ID, gps_jpeg())
    await anna.send("/vraag")
    await anna.press("Praktisch")
    reply = await anna.send_photo(caption="Mag deze kapotte stoeptegel bij de gemeente gemeld?")
    assert "📷 Met foto" in reply.text and "stoeptegel" in reply.text

    # The caption passes the same privacy guard as typed text.
    await anna.press("Niet versturen")
    await anna.send("/vraag")
    await anna.press("Praktisch")
    reply = await anna.send_photo(caption="Bel mevrouw even op 06-12345678?")
    assert "telefoonnummer" in reply.text
    assert reply.buttons == ["✏️ Tekst aanpassen", "Laten staan, het is nodig"]


async def test_removing_the_photo_or_changing_the_mind(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    bot.fake.serve_file(PHOTO_FILE_ID, gps_jpeg())
    await anna.send("/vraag")
    await anna.press("Praktisch")
    await anna.send("Wie ruimt grofvuil op naast de speeltuin?")
    await anna.press("📷 Foto toevoegen")
    reply = await anna.press("Toch geen foto")
    assert reply.buttons == ["✅ Versturen", *EDITS, "📷 Foto toevoegen", "Niet versturen"]
    await anna.send_photo()  # at the summary a photo is welcome too
    reply = await anna.press("Foto weghalen")
    assert "📷 Met foto" not in reply.text
    await anna.press("✅ Versturen")
    [question] = await questions_of(bot)
    assert not question.has_photo
    assert bot.fake.delivered(carla.id, "sendPhoto") == []


async def test_an_unusable_photo_gets_a_clear_answer(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    bot.fake.serve_file(PHOTO_FILE_ID, b"this is not an image")
    await anna.send("/vraag")
    await anna.press("Praktisch")
    await anna.send("Wie ruimt grofvuil op naast de speeltuin?")
    await anna.press("📷 Foto toevoegen")
    reply = await anna.send_photo()
    assert reply.text.startswith("Deze foto kan ik niet gebruiken.")
    # Still at the photo step: another photo, or no photo after all.
    bot.fake.serve_file(PHOTO_FILE_ID, gps_jpeg())
    reply = await anna.send_photo()
    assert "📷 Met foto" in reply.text
    assert await questions_of(bot) == []


async def test_a_photo_outside_any_flow_is_not_used(bot: Harness) -> None:
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    reply = await anna.send_photo()
    assert (
        reply.text == "Dit soort bericht kan ik niet lezen. Stuur tekst of kies iets uit het menu."
    )
