"""People's replies and photos in the stand-in, over real HTTP: what the bot receives has the
shape of Telegram's Message (reply_to_message, photo sizes, caption and caption_entities), the
picture comes back byte for byte through getFile and the file URL, and what a person's app would
not send is refused by the control API with the reason."""

from __future__ import annotations

import io
from typing import Any

import aiohttp
from PIL import Image
from telegram import Bot, Update

from handlers.questions.threads import quoted_question
from sandbox.photos import THUMBNAIL_SIDE
from sandbox.standin import SANDBOX_TOKEN
from tests.sandbox.client import Sandbox

ALERT = "<b>Nieuwe vraag Q-0001</b>\nWaar kan iemand terecht?"
ANSWER_BUTTON = {"inline_keyboard": [[{"text": "Beantwoorden", "callback_data": "q:ans:1"}]]}


def picture(width: int, height: int, kind: str = "PNG") -> bytes:
    """An image made here, so the tests need no files."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 120, 200)).save(out, kind)
    return out.getvalue()


async def answer(response: aiohttp.ClientResponse) -> tuple[int, Any]:
    """The status and the body: JSON, or the text of a malformed request's refusal."""
    if response.content_type == "application/json":
        return response.status, await response.json()
    return response.status, await response.text()


async def send(sb: Sandbox, person: int, **body: Any) -> tuple[int, Any]:
    """POST /sandbox/people/<id>/messages as the web chat does."""
    async with sb.http.post(f"{sb.base}/sandbox/people/{person}/messages", json=body) as response:
        return await answer(response)


async def send_photo(
    sb: Sandbox,
    person: int,
    data: bytes,
    caption: str | None = None,
    reply_to: int | None = None,
    content_type: str = "image/png",
) -> tuple[int, Any]:
    """POST /sandbox/people/<id>/photos (multipart) as the web chat does."""
    form = aiohttp.FormData()
    form.add_field("photo", data, filename="foto", content_type=content_type)
    if caption is not None:
        form.add_field("caption", caption)
    if reply_to is not None:
        form.add_field("reply_to_message_id", str(reply_to))
    async with sb.http.post(f"{sb.base}/sandbox/people/{person}/photos", data=form) as response:
        return await answer(response)


async def last_message(sb: Sandbox) -> dict[str, Any]:
    """The Message of the newest update the bot can fetch."""
    updates = await sb.ok("getUpdates", timeout=0)
    message: dict[str, Any] = updates[-1]["message"]
    return message


async def download(sb: Sandbox, file_id: str) -> bytes:
    """getFile, then the file URL, as python-telegram-bot downloads."""
    file = await sb.ok("getFile", file_id=file_id)
    url = f"{sb.base}/file/bot{SANDBOX_TOKEN}/{file['file_path']}"
    async with sb.http.get(url) as response:
        assert response.status == 200
        return await response.read()


# --- replies


async def test_a_reply_to_the_bot_carries_the_quoted_message(sb: Sandbox) -> None:
    person = await sb.person("Pieter")
    alert = await sb.ok(
        "sendMessage", chat_id=person, text=ALERT, parse_mode="HTML", reply_markup=ANSWER_BUTTON
    )
    status, sent = await send(
        sb, person, text="Bij het Geldloket.", reply_to_message_id=alert["message_id"]
    )
    assert status == 200 and sent["reply_to_message"]["message_id"] == alert["message_id"]

    message = await last_message(sb)
    quoted = message["reply_to_message"]
    assert message["text"] == "Bij het Geldloket." and message["from"]["is_bot"] is False
    assert quoted == alert  # the full Message, as the bot got it from sendMessage
    assert quoted["from"]["is_bot"] is True
    assert quoted["text"] == "Nieuwe vraag Q-0001\nWaar kan iemand terecht?"
    assert quoted["entities"] == [{"type": "bold", "offset": 0, "length": 19}]
    # What the bot's handler reads from it, through python-telegram-bot's own parsing.
    update = Update.de_json({"update_id": 1, "message": message}, None)
    assert update.message is not None and quoted_question(update.message) == 1


async def test_a_reply_to_a_photo_quotes_its_caption(sb: Sandbox) -> None:
    person = await sb.person("Pieter")
    form = aiohttp.FormData()
    form.add_field("chat_id", str(person))
    form.add_field("caption", "<b>Q-0002</b>")
    form.add_field("parse_mode", "HTML")
    form.add_field("photo", picture(40, 30, "JPEG"), filename="q.jpg", content_type="image/jpeg")
    async with sb.http.post(sb.url("sendPhoto"), data=form) as response:
        photo = (await response.json())["result"]
    assert photo["caption_entities"] == [{"type": "bold", "offset": 0, "length": 6}]

    await send(sb, person, text="Dat is de stoeptegel.", reply_to_message_id=photo["message_id"])
    quoted = (await last_message(sb))["reply_to_message"]
    assert quoted["caption"] == "Q-0002" and quoted["photo"] == photo["photo"]
    assert "text" not in quoted
    update = Update.de_json({"update_id": 1, "message": await last_message(sb)}, None)
    assert update.message is not None and quoted_question(update.message) == 2


async def test_a_reply_to_a_reply_quotes_one_level_only(sb: Sandbox) -> None:
    person = await sb.person()
    first = await sb.ok("sendMessage", chat_id=person, text="Q-0003")
    _, reply = await send(sb, person, text="eerste", reply_to_message_id=first["message_id"])
    _, again = await send(sb, person, text="tweede", reply_to_message_id=reply["message_id"])
    assert again["reply_to_message"]["text"] == "eerste"
    assert "reply_to_message" not in again["reply_to_message"]
    message = await last_message(sb)
    assert message["reply_to_message"]["message_id"] == reply["message_id"]
    assert "reply_to_message" not in message["reply_to_message"]
    # A person's own message quoted: from is the person, not the bot.
    assert message["reply_to_message"]["from"]["is_bot"] is False


async def test_a_reply_to_a_message_not_in_the_chat_is_refused(sb: Sandbox) -> None:
    ada, bea = await sb.person("Ada"), await sb.person("Bea")
    gone = await sb.ok("sendMessage", chat_id=ada, text="weg")
    await sb.ok("deleteMessage", chat_id=ada, message_id=gone["message_id"])
    only_bea = await sb.ok("sendMessage", chat_id=bea, text="voor Bea")
    before = len(await sb.ok("getUpdates", timeout=0))
    for missing in (999, gone["message_id"], only_bea["message_id"] + 10):
        status, body = await send(sb, ada, text="hallo", reply_to_message_id=missing)
        assert (status, body) == (
            400,
            {"error": f"there is no message {missing} in this chat to reply to"},
        )
    status, text = await send(sb, ada, text="hallo", reply_to_message_id="de vorige")
    assert (status, text) == (400, "reply_to_message_id must be a message id")
    assert len(await sb.ok("getUpdates", timeout=0)) == before  # nothing reached the bot
    assert [m.text for m in sb.standin.world.chats[ada]] == ["/start", "weg"]


async def test_the_bot_can_reply_too_with_reply_parameters(sb: Sandbox) -> None:
    person = await sb.person()
    _, hello = await send(sb, person, text="hallo")
    sent = await sb.ok(
        "sendMessage",
        chat_id=person,
        text="Hallo!",
        reply_parameters={"message_id": hello["message_id"]},
    )
    assert sent["reply_to_message"]["text"] == "hallo"
    assert sent["reply_to_message"]["from"]["is_bot"] is False
    await sb.refused(
        "sendMessage",
        400,
        "Bad Request: message to be replied not found",
        chat_id=person,
        text="?",
        reply_parameters={"message_id": 999},
    )
    anyway = await sb.ok(
        "sendMessage",
        chat_id=person,
        text="toch",
        reply_parameters={"message_id": 999, "allow_sending_without_reply": True},
    )
    assert "reply_to_message" not in anyway
    assert sb.standin.warnings == []


# --- photos


async def test_a_photo_arrives_in_sizes_and_downloads_byte_for_byte(sb: Sandbox) -> None:
    person = await sb.person("Vera")
    original = picture(800, 600)
    status, sent = await send_photo(sb, person, original, caption="/vraag Is dit een stoeptegel?")
    assert status == 200 and sent["photo_url"].endswith(sent["photo"][-1]["file_id"])

    message = await last_message(sb)
    assert message["caption"] == "/vraag Is dit een stoeptegel?"
    assert message["caption_entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert "text" not in message and "entities" not in message
    small, large = message["photo"]
    assert set(large) == {"file_id", "file_unique_id", "width", "height", "file_size"}
    assert (large["width"], large["height"], large["file_size"]) == (800, 600, len(original))
    assert (small["width"], small["height"]) == (THUMBNAIL_SIDE, 240)
    assert len({small["file_id"], large["file_id"], small["file_unique_id"]}) == 3
    assert await download(sb, large["file_id"]) == original
    thumbnail = Image.open(io.BytesIO(await download(sb, small["file_id"])))
    assert (thumbnail.format, thumbnail.size) == ("JPEG", (THUMBNAIL_SIDE, 240))
    async with sb.http.get(f"{sb.base}{sent['photo_url']}") as response:  # the web chat's view
        assert response.content_type == "image/png" and await response.read() == original


async def test_python_telegram_bot_downloads_the_photo_as_the_bot_does(sb: Sandbox) -> None:
    person = await sb.person("Vera")
    original = picture(200, 100, "JPEG")  # small: the original is the only size
    await send_photo(sb, person, original, content_type="image/jpeg")
    bot = Bot(
        SANDBOX_TOKEN,
        base_url=f"{sb.base}/bot",
        base_file_url=f"{sb.base}/file/bot",
    )
    async with bot:
        message = (await bot.get_updates(timeout=0))[-1].message
        assert message is not None and message.caption is None
        assert [(p.width, p.height) for p in message.photo] == [(200, 100)]
        file = await bot.get_file(message.photo[-1].file_id)
        assert bytes(await file.download_as_bytearray()) == original


async def test_a_photo_can_be_a_reply(sb: Sandbox) -> None:
    person = await sb.person()
    question = await sb.ok("sendMessage", chat_id=person, text="Q-0004: stuur een foto")
    status, _ = await send_photo(sb, person, picture(64, 64), reply_to=question["message_id"])
    assert status == 200
    message = await last_message(sb)
    assert message["reply_to_message"]["text"] == "Q-0004: stuur een foto"
    assert [(p["width"], p["height"]) for p in message["photo"]] == [(64, 64)]
    status, body = await send_photo(sb, person, picture(64, 64), reply_to=999)
    assert (status, body) == (400, {"error": "there is no message 999 in this chat to reply to"})


async def test_what_a_person_cannot_send_as_a_photo_is_refused(sb: Sandbox) -> None:
    person = await sb.person()
    before = len(await sb.ok("getUpdates", timeout=0))
    refusals = {
        b"%PDF-1.4 not a picture": "not an image",
        picture(30, 30, "GIF"): "a GIF image; photos are JPEG, PNG or WebP",
        picture(
            2100, 100
        ): "2100×100 pixels: width and height together at most 10000, ratio at most 20",
    }
    for data, reason in refusals.items():
        status, body = await send_photo(sb, person, data)
        assert (status, body) == (
            400,
            {"error": f"Telegram would not send this as a photo: {reason}"},
        )
    too_long = "the caption is 1025 UTF-16 code units long; Telegram allows 1024"
    for caption in ("c" * 1025, "😀" * 512 + "c"):  # an emoji is two UTF-16 units
        assert await send_photo(sb, person, picture(8, 8), caption) == (400, {"error": too_long})
    async with sb.http.post(
        f"{sb.base}/sandbox/people/{person}/photos", data={"caption": "geen foto"}
    ) as response:
        assert (response.status, await response.text()) == (
            400,
            "multipart field 'photo' is required",
        )
    assert len(await sb.ok("getUpdates", timeout=0)) == before  # nothing reached the bot
    assert sb.standin.world.files == {}

    status, sent = await send_photo(sb, person, picture(8, 8), "😀" * 512)  # exactly 1024
    assert status == 200 and sent["caption"] == "😀" * 512


async def test_the_bot_side_refuses_what_telegram_refuses(sb: Sandbox) -> None:
    person = await sb.person()
    form = aiohttp.FormData()
    form.add_field("chat_id", str(person))
    form.add_field("photo", b"not a picture", filename="x.jpg", content_type="image/jpeg")
    async with sb.http.post(sb.url("sendPhoto"), data=form) as response:
        body = await response.json()
    assert body == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: IMAGE_PROCESS_FAILED",
    }

    form = aiohttp.FormData()
    form.add_field("chat_id", str(person))
    form.add_field("document", b"%PDF-1.4", filename="data.pdf")
    async with sb.http.post(sb.url("sendDocument"), data=form) as response:
        document = (await response.json())["result"]["document"]
    mismatch = "Bad Request: type of file mismatch"
    await sb.refused("sendPhoto", 400, mismatch, chat_id=person, photo=document["file_id"])

    big = sb.standin.world.new_file(b"\x00" * (20 * 1024 * 1024 + 1))
    await sb.refused("getFile", 400, "Bad Request: file is too big", file_id=big)
