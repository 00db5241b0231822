"""What announcements need from the stand-in, as Telegram does it: formatting a person typed
arrives as entities, a person's PDF can be sent on by its file id, captions can be edited,
and a bot deletes its own messages for 48 hours only."""

from __future__ import annotations

import aiohttp

from sandbox.botapi import DELETE_WINDOW
from tests.sandbox.client import Sandbox

PDF = b"%PDF-1.4\n% agenda\n"


async def test_formatting_a_person_typed_arrives_as_entities(sb: Sandbox) -> None:
    person = await sb.person()
    bold = {"type": "bold", "offset": 0, "length": 10}
    link = {"type": "text_link", "offset": 11, "length": 4, "url": "https://example.org"}
    await sb.control(
        f"people/{person}/messages", {"text": "Kerstlunch hier", "entities": [bold, link]}
    )
    updates = await sb.ok("getUpdates", offset=0, timeout=0)
    assert updates[-1]["message"]["entities"] == [bold, link]
    async with sb.http.post(
        f"{sb.base}/sandbox/people/{person}/messages",
        json={"text": "kort", "entities": [{"type": "bold", "offset": 2, "length": 9}]},
    ) as answer:
        assert answer.status == 400
        assert "outside the text" in (await answer.json())["error"]


async def test_a_persons_pdf_goes_on_by_its_file_id_and_its_caption_can_change(
    sb: Sandbox,
) -> None:
    carla, vera = await sb.person("Carla"), await sb.person("Vera")
    form = aiohttp.FormData()
    form.add_field("document", PDF, filename="agenda.pdf", content_type="application/pdf")
    form.add_field("caption", "De agenda")
    async with sb.http.post(f"{sb.base}/sandbox/people/{carla}/documents", data=form) as answer:
        assert answer.status == 200
        document = (await answer.json())["document"]
    assert (document["file_name"], document["mime_type"]) == ("agenda.pdf", "application/pdf")

    entities = [{"type": "bold", "offset": 0, "length": 3}]
    sent = await sb.ok(
        "sendDocument",
        chat_id=vera,
        document=document["file_id"],
        caption="De agenda",
        caption_entities=entities,
    )
    assert sent["document"]["file_id"] == document["file_id"]
    assert sent["caption_entities"] == entities
    async with sb.http.get(f"{sb.base}/sandbox/files/{document['file_id']}") as answer:
        assert answer.content_type == "application/pdf" and await answer.read() == PDF

    edited = await sb.ok(
        "editMessageCaption", chat_id=vera, message_id=sent["message_id"], caption="Nieuwe agenda"
    )
    assert edited["caption"] == "Nieuwe agenda"
    text = await sb.ok("sendMessage", chat_id=vera, text="tekst")
    await sb.refused(
        "editMessageCaption",
        400,
        "Bad Request: there is no caption in the message to edit",
        chat_id=vera,
        message_id=text["message_id"],
        caption="x",
    )


async def test_a_bot_deletes_its_messages_for_48_hours(sb: Sandbox) -> None:
    person = await sb.person()
    fresh = await sb.ok("sendMessage", chat_id=person, text="nieuw")
    old = await sb.ok("sendMessage", chat_id=person, text="oud")
    world = sb.standin.world
    stored = world.find(person, old["message_id"])
    assert stored is not None
    stored.date -= DELETE_WINDOW
    await sb.refused(
        "deleteMessage",
        400,
        "Bad Request: message can't be deleted for everyone",
        chat_id=person,
        message_id=old["message_id"],
    )
    assert await sb.ok("deleteMessage", chat_id=person, message_id=fresh["message_id"]) is True
