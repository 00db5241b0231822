"""The stand-in's own rules, over real HTTP: the Bot API checks, Telegram's errors, getUpdates,
flood limits and injected faults; and python-telegram-bot talking to it."""

from __future__ import annotations

import asyncio
import io
import json
import time
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from PIL import Image
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)

from sandbox.botapi import NOT_MODIFIED
from sandbox.standin import SANDBOX_TOKEN
from tests.sandbox.client import Sandbox

TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is "
    "running"
)


def _jpeg() -> bytes:
    """A real (tiny) JPEG: the stand-in, like Telegram, refuses photos it cannot read."""
    out = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 120, 40)).save(out, "JPEG")
    return out.getvalue()


JPEG = _jpeg()


# --- requests and the reference


async def test_a_wrong_token_is_401(sb: Sandbox) -> None:
    async with sb.http.post(sb.url("getMe", token="123456:wrong")) as response:
        assert response.status == 401
        assert await response.json() == {
            "ok": False,
            "error_code": 401,
            "description": "Unauthorized",
        }


async def test_an_unknown_method_is_404(sb: Sandbox) -> None:
    await sb.refused("sendTeleport", 404, "Not Found", chat_id=1)
    assert sb.standin.calls[-1]["status"] == 404


async def test_method_names_ignore_case_and_get_with_a_query_works(sb: Sandbox) -> None:
    me = await sb.ok("GETME")
    assert me["is_bot"] is True
    person = await sb.person()
    async with sb.http.get(sb.url("sendMessage"), params={"chat_id": person, "text": "hoi"}) as r:
        assert r.status == 200
        assert (await r.json())["result"]["text"] == "hoi"


async def test_missing_required_parameters_are_400(sb: Sandbox) -> None:
    person = await sb.person()
    await sb.refused("sendMessage", 400, "Bad Request: chat_id is empty", text="hoi")
    await sb.refused("sendMessage", 400, "Bad Request: message text is empty", chat_id=person)
    await sb.refused("sendPhoto", 400, "Bad Request: there is no photo in the request", chat_id=1)
    await sb.refused("deleteMessage", 400, "Bad Request: message_id is empty", chat_id=person)
    await sb.refused("answerCallbackQuery", 400, "Bad Request: callback_query_id is empty")


async def test_an_unknown_parameter_is_a_warning_and_the_call_succeeds(sb: Sandbox) -> None:
    person = await sb.person()
    message = await sb.ok("sendMessage", chat_id=person, text="hoi", colour="red")
    assert message["text"] == "hoi"
    assert sb.standin.warnings == ["sendMessage: unknown parameter 'colour'"]
    async with sb.http.get(f"{sb.base}/sandbox/calls") as response:
        calls = await response.json()
    assert calls["warnings"] == ["sendMessage: unknown parameter 'colour'"]
    assert calls["calls"][-1] == {**calls["calls"][-1], "method": "sendMessage", "status": 200}


async def test_a_bad_boolean_is_400(sb: Sandbox) -> None:
    person = await sb.person()
    status, body = await sb.form(
        "sendMessage", {"chat_id": str(person), "text": "x", "disable_notification": "perhaps"}
    )
    assert status == 400
    assert body["description"] == "Bad Request: can't parse disable_notification as Boolean"


# --- who may be written to


async def test_an_unknown_chat_is_not_found(sb: Sandbox) -> None:
    await sb.refused("sendMessage", 400, "Bad Request: chat not found", chat_id=42, text="hoi")
    await sb.refused(
        "sendChatAction", 400, "Bad Request: chat not found", chat_id=42, action="typing"
    )


async def test_a_person_who_never_started_the_bot_is_403(sb: Sandbox) -> None:
    person = await sb.person(started=False)
    forbidden = "Forbidden: bot can't initiate conversation with a user"
    await sb.refused("sendMessage", 403, forbidden, chat_id=person, text="hoi")
    await sb.say(person, "/start")
    await sb.ok("sendMessage", chat_id=person, text="hoi")


async def test_the_web_chat_learns_who_never_started_the_bot(sb: Sandbox) -> None:
    """The web chat shows such a person only Telegram's START button (sandbox/webchat)."""

    async def started() -> tuple[list[bool], int]:
        async with sb.http.get(f"{sb.base}/sandbox/state") as response:
            state = await response.json()
        return [p["started"] for p in state["people"] if p["id"] == person], state["seq"]

    person = await sb.person(started=False)
    flags, seq = await started()
    assert flags == [False]
    await sb.say(person, "/start")
    async with sb.http.get(f"{sb.base}/sandbox/events?after={seq}&timeout=0") as response:
        kinds = [e["kind"] for e in (await response.json())["events"]]
    assert kinds[0] == "started" and "message" in kinds
    assert (await started())[0] == [True]


async def test_a_person_who_blocked_the_bot_is_403(sb: Sandbox) -> None:
    person = await sb.person()
    await sb.control(f"people/{person}/blocked", {"blocked": True})
    blocked = "Forbidden: bot was blocked by the user"
    await sb.refused("sendMessage", 403, blocked, chat_id=person, text="hoi")
    await sb.refused("sendPhoto", 403, blocked, chat_id=person, photo="sandbox-file-1")
    await sb.control(f"people/{person}/blocked", {"blocked": False})
    await sb.ok("sendMessage", chat_id=person, text="hoi")


# --- text, captions, buttons, HTML


async def test_text_length_is_counted_in_utf16_units_up_to_4096(sb: Sandbox) -> None:
    person = await sb.person()
    too_long = "Bad Request: message is too long"
    assert (await sb.ok("sendMessage", chat_id=person, text="a" * 4096))["text"] == "a" * 4096
    await sb.refused("sendMessage", 400, too_long, chat_id=person, text="a" * 4097)
    # an emoji outside the BMP is two UTF-16 units: 2048 of them fill the message
    await sb.ok("sendMessage", chat_id=person, text="😀" * 2048)
    await sb.refused("sendMessage", 400, too_long, chat_id=person, text="😀" * 2048 + "a")
    await sb.refused("sendMessage", 400, too_long, chat_id=person, text="😀" * 2049)
    await sb.ok("sendMessage", chat_id=person, text="😀" * 2047 + "ab")


async def test_text_length_is_counted_after_entity_parsing(sb: Sandbox) -> None:
    person = await sb.person()
    html = {"chat_id": person, "parse_mode": "HTML"}
    sent = await sb.ok("sendMessage", text="<b>" + "a" * 4096 + "</b>", **html)
    assert sent["entities"] == [{"type": "bold", "offset": 0, "length": 4096}]
    assert (await sb.ok("sendMessage", text="&amp;" * 4096, **html))["text"] == "&" * 4096
    await sb.refused(
        "sendMessage", 400, "Bad Request: message is too long", text="&lt;" * 4097, **html
    )


async def test_empty_text_is_refused(sb: Sandbox) -> None:
    person = await sb.person()
    empty = "Bad Request: message text is empty"
    await sb.refused("sendMessage", 400, empty, chat_id=person, text="")
    await sb.refused("sendMessage", 400, empty, chat_id=person, text="  \n ")
    await sb.refused("sendMessage", 400, empty, chat_id=person, text="<b> </b>", parse_mode="HTML")


async def _send_photo(sb: Sandbox, person: int, caption: str) -> tuple[int, dict[str, Any]]:
    form = aiohttp.FormData()
    form.add_field("chat_id", str(person))
    form.add_field("caption", caption)
    form.add_field("photo", JPEG, filename="photo.jpg", content_type="image/jpeg")
    async with sb.http.post(sb.url("sendPhoto"), data=form) as response:
        return response.status, await response.json()


async def test_a_caption_has_at_most_1024_units(sb: Sandbox) -> None:
    person = await sb.person()
    status, body = await _send_photo(sb, person, "c" * 1024)
    assert status == 200 and body["result"]["caption"] == "c" * 1024
    too_long = {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: message caption is too long",
    }
    assert await _send_photo(sb, person, "c" * 1025) == (400, too_long)
    assert (await _send_photo(sb, person, "😀" * 512))[0] == 200
    assert await _send_photo(sb, person, "😀" * 512 + "c") == (400, too_long)


async def test_callback_data_is_1_to_64_bytes(sb: Sandbox) -> None:
    person = await sb.person()

    def markup(data: str) -> dict[str, Any]:
        return {"inline_keyboard": [[{"text": "Ja", "callback_data": data}]]}

    sent = await sb.ok("sendMessage", chat_id=person, text="?", reply_markup=markup("d" * 64))
    assert sent["reply_markup"] == markup("d" * 64)
    invalid = "Bad Request: BUTTON_DATA_INVALID"
    for data in ("d" * 65, "é" * 33):  # bytes count, not characters: 33 times é is 66 bytes
        await sb.refused(
            "sendMessage", 400, invalid, chat_id=person, text="?", reply_markup=markup(data)
        )
    await sb.ok("sendMessage", chat_id=person, text="?", reply_markup=markup("é" * 32))
    # empty callback_data is no action at all: a text button, which inline keyboards refuse
    await sb.refused(
        "sendMessage",
        400,
        "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
        chat_id=person,
        text="?",
        reply_markup=markup(""),
    )


async def test_malformed_keyboards_are_refused(sb: Sandbox) -> None:
    person = await sb.person()
    cases: list[tuple[Any, str]] = [
        ("{not json", "Bad Request: can't parse reply keyboard markup JSON object"),
        ([1], "Bad Request: object expected as reply markup"),
        (
            {"inline_keyboard": [{"text": "Ja"}]},
            'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
        ),
        (
            {"inline_keyboard": [["Ja"]]},
            "Bad Request: can't parse inline keyboard button: InlineKeyboardButton must be an Object",
        ),
        (
            {"inline_keyboard": [[{"text": "", "callback_data": "yes"}]]},
            "Bad Request: inline keyboard button text must be non-empty",
        ),
        (
            {"inline_keyboard": [[{"text": "Ja"}]]},
            "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
        ),
    ]
    for markup, description in cases:
        await sb.refused(
            "sendMessage", 400, description, chat_id=person, text="?", reply_markup=markup
        )
    link = {"inline_keyboard": [[{"text": "Kijk", "url": "https://example.org"}]]}
    await sb.ok("sendMessage", chat_id=person, text="?", reply_markup=link)


async def test_a_body_that_is_no_json_object_is_400(sb: Sandbox) -> None:
    for body in (b"{chat_id: 1", b"[1, 2]", b"\xff"):
        async with sb.http.post(
            sb.url("getMe"), data=body, headers={"Content-Type": "application/json"}
        ) as response:
            assert response.status == 400
            assert (await response.json())["description"] == "Bad Request: JSON object expected"


async def test_an_unknown_parse_mode_is_refused(sb: Sandbox) -> None:
    person = await sb.person()
    await sb.refused(
        "sendMessage",
        400,
        "Bad Request: unsupported parse_mode",
        chat_id=person,
        text="x",
        parse_mode="XML",
    )


async def test_html_makes_entities_for_b_i_and_a(sb: Sandbox) -> None:
    person = await sb.person()
    sent = await sb.ok(
        "sendMessage",
        chat_id=person,
        parse_mode="HTML",
        text='😀 <b>vet</b> <i>schuin</i> <a href="https://example.org/?a=1&amp;b=2">link</a>',
    )
    assert sent["text"] == "😀 vet schuin link"
    assert sent["entities"] == [
        {"type": "bold", "offset": 3, "length": 3},
        {"type": "italic", "offset": 7, "length": 6},
        {"type": "text_link", "offset": 14, "length": 4, "url": "https://example.org/?a=1&b=2"},
    ]


async def test_html_character_references(sb: Sandbox) -> None:
    person = await sb.person()
    sent = await sb.ok(
        "sendMessage",
        chat_id=person,
        parse_mode="HTML",
        text="&lt;tag&gt; &amp; &quot;q&quot; &#65;&#x42;&#128512; &nbsp;",
    )
    assert sent["text"] == '<tag> & "q" AB😀 &nbsp;'
    assert "entities" not in sent


async def test_invalid_html_cannot_be_parsed(sb: Sandbox) -> None:
    person = await sb.person()
    cases = {
        "1 < 2": 'Unsupported start tag "" at byte offset 2',
        "<b>vet": 'Can\'t find end tag corresponding to start tag "b"',
        "<b>x</i>": 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"',
        "é<marquee>x</marquee>": 'Unsupported start tag "marquee" at byte offset 2',
    }
    for text, detail in cases.items():
        await sb.refused(
            "sendMessage",
            400,
            f"Bad Request: can't parse entities: {detail}",
            chat_id=person,
            text=text,
            parse_mode="HTML",
        )
    # without parse_mode the same text is just text
    assert (await sb.ok("sendMessage", chat_id=person, text="1 < 2"))["text"] == "1 < 2"


# --- edits, deletes, callback queries


async def test_an_edit_that_changes_nothing_is_not_modified(sb: Sandbox) -> None:
    person = await sb.person()
    keyboard = {"inline_keyboard": [[{"text": "Ja", "callback_data": "yes"}]]}
    sent = await sb.ok(
        "sendMessage", chat_id=person, text="<b>a</b>", parse_mode="HTML", reply_markup=keyboard
    )
    same = {"chat_id": person, "message_id": sent["message_id"], "parse_mode": "HTML"}
    await sb.refused(
        "editMessageText", 400, NOT_MODIFIED, text="<b>a</b>", reply_markup=keyboard, **same
    )
    await sb.refused("editMessageReplyMarkup", 400, NOT_MODIFIED, reply_markup=keyboard, **same)
    # the same text without the keyboard is a change: the keyboard goes
    edited = await sb.ok("editMessageText", text="<b>a</b>", **same)
    assert "reply_markup" not in edited and "edit_date" in edited
    edited = await sb.ok("editMessageText", text="<i>a</i>", **same)
    assert edited["entities"] == [{"type": "italic", "offset": 0, "length": 1}]
    assert NOT_MODIFIED.startswith("Bad Request: message is not modified: specified new message")


async def test_edits_and_deletes_of_missing_messages(sb: Sandbox) -> None:
    person = await sb.person()
    not_found = "Bad Request: message to edit not found"
    await sb.refused("editMessageText", 400, not_found, chat_id=person, message_id=999, text="x")
    # the person's own /start is no message the bot may edit
    await sb.refused("editMessageText", 400, not_found, chat_id=person, message_id=1, text="x")
    await sb.refused(
        "editMessageText", 400, "Bad Request: chat not found", chat_id=42, message_id=1, text="x"
    )
    sent = await sb.ok("sendMessage", chat_id=person, text="weg")
    assert await sb.ok("deleteMessage", chat_id=person, message_id=sent["message_id"]) is True
    await sb.refused(
        "editMessageText", 400, not_found, chat_id=person, message_id=sent["message_id"], text="x"
    )
    await sb.refused(
        "deleteMessage",
        400,
        "Bad Request: message to delete not found",
        chat_id=person,
        message_id=sent["message_id"],
    )


async def test_a_callback_query_is_answered_once(sb: Sandbox) -> None:
    person = await sb.person()
    keyboard = {"inline_keyboard": [[{"text": "Ja", "callback_data": "yes"}]]}
    sent = await sb.ok("sendMessage", chat_id=person, text="?", reply_markup=keyboard)
    query = await sb.press(person, sent["message_id"], "yes")
    assert await sb.ok("answerCallbackQuery", callback_query_id=query, text="Top") is True
    await sb.refused("answerCallbackQuery", 400, TOO_OLD, callback_query_id=query)
    await sb.refused("answerCallbackQuery", 400, TOO_OLD, callback_query_id="nonsense")
    toasts = [e for e in sb.standin.world.events if e["kind"] == "toast"]
    assert [t["text"] for t in toasts] == ["Top"]


# --- bodies as python-telegram-bot sends them


async def test_form_encoded_bodies(sb: Sandbox) -> None:
    person = await sb.person()
    keyboard = {"inline_keyboard": [[{"text": "Ja", "callback_data": "yes"}]]}
    status, body = await sb.form(
        "sendMessage",
        {
            "chat_id": str(person),
            "text": "<b>hoi</b>",
            "parse_mode": "HTML",
            "disable_notification": "true",
            "reply_markup": json.dumps(keyboard),
        },
    )
    assert status == 200, body
    assert body["result"]["reply_markup"] == keyboard
    assert body["result"]["entities"] == [{"type": "bold", "offset": 0, "length": 3}]
    status, body = await sb.form(
        "getUpdates",
        {"offset": "0", "limit": "10", "timeout": "0", "allowed_updates": '["message"]'},
    )
    assert status == 200 and [u["message"]["text"] for u in body["result"]] == ["/start"]
    assert sb.standin.world.allowed_updates == ["message"]
    assert sb.standin.warnings == []


async def test_multipart_photo_upload_and_download(sb: Sandbox) -> None:
    person = await sb.person()
    form = aiohttp.FormData()
    form.add_field("chat_id", str(person))
    form.add_field("photo", "attach://picture")  # the way PTB names parts in media groups
    form.add_field("picture", JPEG, filename="p.jpg", content_type="image/jpeg")
    async with sb.http.post(sb.url("sendPhoto"), data=form) as response:
        assert response.status == 200
        sent = (await response.json())["result"]
    file_id = sent["photo"][0]["file_id"]
    file = await sb.ok("getFile", file_id=file_id)
    async with sb.http.get(f"{sb.base}/file/bot{SANDBOX_TOKEN}/{file['file_path']}") as response:
        assert response.status == 200 and await response.read() == JPEG
    # a file_id that exists can be sent again; one that does not is refused
    await sb.ok("sendPhoto", chat_id=person, photo=file_id)
    await sb.refused(
        "sendPhoto",
        400,
        "Bad Request: wrong file identifier/HTTP URL specified",
        chat_id=person,
        photo="no-such-file",
    )
    await sb.refused("getFile", 400, "Bad Request: invalid file_id", file_id="no-such-file")
    async with sb.http.get(f"{sb.base}/file/bot123:wrong/{file['file_path']}") as response:
        assert response.status == 401


# --- getUpdates


async def test_updates_are_redelivered_until_confirmed(sb: Sandbox) -> None:
    person = await sb.person()
    await sb.say(person, "een")
    first = await sb.ok("getUpdates")
    assert [u["message"]["text"] for u in first] == ["/start", "een"]
    again = await sb.ok("getUpdates")
    assert again == first
    # an offset confirms everything before it
    last = first[-1]["update_id"]
    assert [u["update_id"] for u in await sb.ok("getUpdates", offset=last)] == [last]
    assert await sb.ok("getUpdates", offset=last + 1) == []
    assert await sb.ok("getUpdates") == []
    await sb.say(person, "twee")
    (update,) = await sb.ok("getUpdates")
    assert update["update_id"] == last + 1 and update["message"]["text"] == "twee"


async def test_a_negative_offset_keeps_the_last_updates(sb: Sandbox) -> None:
    person = await sb.person()
    for text in ("een", "twee", "drie"):
        await sb.say(person, text)
    updates = await sb.ok("getUpdates", offset=-2)
    assert [u["message"]["text"] for u in updates] == ["twee", "drie"]
    # the ones before are forgotten
    assert [u["message"]["text"] for u in await sb.ok("getUpdates")] == ["twee", "drie"]


async def test_limit(sb: Sandbox) -> None:
    person = await sb.person()
    for text in ("een", "twee", "drie"):
        await sb.say(person, text)
    updates = await sb.ok("getUpdates", limit=2)
    assert [u["message"]["text"] for u in updates] == ["/start", "een"]
    rest = await sb.ok("getUpdates", offset=updates[-1]["update_id"] + 1, limit=2)
    assert [u["message"]["text"] for u in rest] == ["twee", "drie"]


async def test_a_long_poll_answers_as_soon_as_an_update_arrives(sb: Sandbox) -> None:
    person = await sb.person()
    (start,) = await sb.ok("getUpdates")
    assert await sb.ok("getUpdates", offset=start["update_id"] + 1) == []  # confirmed

    async def say_later() -> None:
        await asyncio.sleep(0.2)
        await sb.say(person, "daar")

    began = time.monotonic()
    later = asyncio.create_task(say_later())
    updates = await sb.ok("getUpdates", timeout=10)
    elapsed = time.monotonic() - began
    await later
    assert [u["message"]["text"] for u in updates] == ["daar"]
    assert 0.15 < elapsed < 1.5


async def test_a_long_poll_without_updates_waits_for_its_timeout(sb: Sandbox) -> None:
    began = time.monotonic()
    assert await sb.ok("getUpdates", timeout=1) == []
    assert 0.9 < time.monotonic() - began < 1.8
    began = time.monotonic()
    assert await sb.ok("getUpdates", timeout=0) == []
    assert time.monotonic() - began < 0.5


async def test_allowed_updates_filter_and_persist(sb: Sandbox) -> None:
    person = await sb.person()
    keyboard = {"inline_keyboard": [[{"text": "Ja", "callback_data": "yes"}]]}
    sent = await sb.ok("sendMessage", chat_id=person, text="?", reply_markup=keyboard)
    await sb.press(person, sent["message_id"], "yes")
    updates = await sb.ok("getUpdates", allowed_updates=["callback_query"])
    assert [list(u)[1] for u in updates] == ["callback_query"]
    # a later call without allowed_updates keeps the earlier choice
    await sb.say(person, "hallo")
    assert [list(u)[1] for u in await sb.ok("getUpdates")] == ["callback_query"]
    # an empty list asks for every kind again
    await sb.say(person, "weer")
    updates = await sb.ok("getUpdates", allowed_updates=[])
    assert [list(u)[1] for u in updates] == ["callback_query", "message"]
    assert updates[-1]["message"]["text"] == "weer"


async def test_a_second_concurrent_poller_gets_409(sb: Sandbox) -> None:
    async with aiohttp.ClientSession() as other:
        first = asyncio.create_task(other.post(sb.url("getUpdates"), json={"timeout": 10}))
        await sb.a_poller()
        await sb.refused("getUpdates", 409, CONFLICT, timeout=0)
        assert not first.done()
        first.cancel()  # the first client goes away: its connection closes
        with pytest.raises(asyncio.CancelledError):
            await first
    await sb.no_poller()
    assert await sb.ok("getUpdates", timeout=0) == []
    # a poll that ended normally leaves no poller behind either
    assert await sb.ok("getUpdates", timeout=0) == []


# --- flood limits


async def test_the_fifth_quick_message_to_one_chat_gets_429(sb: Sandbox) -> None:
    ada, bob = await sb.person("Ada"), await sb.person("Bob")
    await sb.limits(True)
    for n in range(4):  # the burst
        await sb.ok("sendMessage", chat_id=ada, text=f"{n}")
    status, body = await sb.call("sendMessage", chat_id=ada, text="te veel")
    assert status == 429
    retry_after = body["parameters"]["retry_after"]
    assert isinstance(retry_after, int) and retry_after >= 1
    assert body["description"] == f"Too Many Requests: retry after {retry_after}"
    assert body["error_code"] == 429
    # another chat still gets through
    await sb.ok("sendMessage", chat_id=bob, text="hoi")
    assert sb.standin.limits.refused == 1
    # switched off: no 429 at all
    await sb.limits(False)
    for n in range(10):
        await sb.ok("sendMessage", chat_id=ada, text=f"{n}")


async def test_thirty_messages_a_second_overall(sb: Sandbox) -> None:
    people = [await sb.person(f"P{n}") for n in range(40)]
    await sb.limits(True)
    answers = await asyncio.gather(
        *(sb.call("sendMessage", chat_id=person, text="hoi") for person in people)
    )
    statuses = [status for status, _ in answers]
    assert 30 <= statuses.count(200) <= 32
    assert statuses.count(429) == 40 - statuses.count(200)
    assert all(body["parameters"]["retry_after"] >= 1 for status, body in answers if status == 429)


# --- injected faults


async def test_a_queued_502_is_answered_once(sb: Sandbox) -> None:
    person = await sb.person()
    await sb.faults(status=502, method="sendMessage")
    await sb.ok("getMe")  # another method is not affected
    await sb.refused("sendMessage", 502, "Bad Gateway", chat_id=person, text="hoi")
    await sb.ok("sendMessage", chat_id=person, text="hoi")


async def test_queued_faults_with_times_any_method_and_retry_after(sb: Sandbox) -> None:
    await sb.faults(status=500, times=2)
    await sb.refused("getMe", 500, "Internal Server Error")
    await sb.refused("getMyCommands", 500, "Internal Server Error")
    await sb.ok("getMe")
    await sb.faults(status=429, retry_after=7, method="getMe")
    assert await sb.call("getMe") == (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 7",
            "parameters": {"retry_after": 7},
        },
    )
    await sb.faults(status=429, method="getMe")
    status, body = await sb.call("getMe")
    assert (status, body["description"], body["parameters"]) == (
        429,
        "Too Many Requests: retry after 1",
        {"retry_after": 1},
    )
    await sb.faults(status=503, method="getMe", description="Service Unavailable")
    async with sb.http.delete(f"{sb.base}/sandbox/faults") as response:
        assert response.status == 200
    await sb.ok("getMe")


async def test_latency_is_added_to_every_call(sb: Sandbox) -> None:
    await sb.faults(latency=0.3)
    began = time.monotonic()
    await sb.ok("getMe")
    assert time.monotonic() - began >= 0.3
    async with sb.http.delete(f"{sb.base}/sandbox/faults") as response:
        assert response.status == 200
    began = time.monotonic()
    await sb.ok("getMe")
    assert time.monotonic() - began < 0.25


async def test_a_hanging_get_updates_hangs_until_the_client_gives_up(sb: Sandbox) -> None:
    person = await sb.person()
    await sb.faults(hang_get_updates=1)
    began = time.monotonic()
    with pytest.raises(TimeoutError):
        await sb.http.post(
            sb.url("getUpdates"), json={"timeout": 0}, timeout=aiohttp.ClientTimeout(total=0.4)
        )
    assert time.monotonic() - began >= 0.35  # timeout 0 would have answered at once
    await sb.no_poller()
    updates = await sb.ok("getUpdates", timeout=0)
    assert updates[0]["message"]["chat"]["id"] == person


# --- python-telegram-bot against the stand-in


def _ptb(sb: Sandbox, token: str = SANDBOX_TOKEN) -> Bot:
    return Bot(
        token,
        base_url=f"http://127.0.0.1:{sb.port}/bot",
        base_file_url=f"http://127.0.0.1:{sb.port}/file/bot",
    )


def _seconds(value: int | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def test_python_telegram_bot_round_trip(sb: Sandbox) -> None:
    person = await sb.person()
    async with _ptb(sb) as bot:
        assert bot.username == "voelspriet_sandbox_bot"
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ja", callback_data="yes")]])
        sent = await bot.send_message(
            person, "<b>Hallo</b> &amp; <i>welkom</i>", parse_mode="HTML", reply_markup=keyboard
        )
        assert sent.text == "Hallo & welkom"
        assert [(e.type, e.offset, e.length) for e in sent.entities] == [
            (MessageEntity.BOLD, 0, 5),
            (MessageEntity.ITALIC, 8, 6),
        ]
        assert sent.reply_markup == keyboard
        await sb.press(person, sent.message_id, "yes")

        updates = await bot.get_updates(timeout=0)
        assert updates[0].message is not None and updates[0].message.text == "/start"
        query = updates[1].callback_query
        assert query is not None and query.data == "yes"
        assert query.message is not None and query.message.message_id == sent.message_id
        assert [u.update_id for u in await bot.get_updates(timeout=0)] == [
            u.update_id for u in updates
        ]  # not confirmed yet: delivered again

        assert await bot.answer_callback_query(query.id, text="Genoteerd") is True
        edited = await bot.edit_message_text(
            "<b>Bedankt</b>", chat_id=person, message_id=sent.message_id, parse_mode="HTML"
        )
        assert not isinstance(edited, bool)
        assert edited.text == "Bedankt" and edited.edit_date is not None
        assert edited.reply_markup is None

        assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()
        assert await bot.get_updates(timeout=0) == ()

        photo = await bot.send_photo(person, JPEG, caption="foto")
        assert photo.caption == "foto" and photo.photo
        file = await bot.get_file(photo.photo[-1].file_id)
        assert bytes(await file.download_as_bytearray()) == JPEG
    assert sb.standin.warnings == []  # everything PTB sent is in the reference


async def test_python_telegram_bot_raises_the_right_exceptions(sb: Sandbox) -> None:
    person, stranger = await sb.person("Ada"), await sb.person("Eve", started=False)
    async with _ptb(sb) as bot, _ptb(sb) as second:
        with pytest.raises(BadRequest) as bad:
            await bot.send_message(person, "<b>vet", parse_mode="HTML")
        assert bad.value.message == (
            "Can't parse entities: can't find end tag corresponding to start tag \"b\""
        )
        with pytest.raises(BadRequest, match=r"^Chat not found$"):
            await bot.send_message(42, "hoi")
        sent = await bot.send_message(person, "hoi")
        with pytest.raises(BadRequest, match=r"^Message is not modified: specified new"):
            await bot.edit_message_text("hoi", chat_id=person, message_id=sent.message_id)
        with pytest.raises(BadRequest, match=r"^Query is too old and response timeout expired"):
            await bot.answer_callback_query("12345")

        with pytest.raises(Forbidden, match=r"^Forbidden: bot can't initiate conversation"):
            await bot.send_message(stranger, "hoi")

        await sb.limits(True)
        with pytest.raises(RetryAfter) as flood:
            for n in range(5):
                await bot.send_message(person, f"{n}")
        assert _seconds(flood.value.retry_after) >= 1
        await sb.limits(False)
        await sb.faults(status=429, retry_after=3, method="sendMessage")
        with pytest.raises(RetryAfter) as flood:
            await bot.send_message(person, "hoi")
        assert _seconds(flood.value.retry_after) == 3

        await sb.faults(status=502, method="sendMessage")
        with pytest.raises(NetworkError) as gateway:
            await bot.send_message(person, "hoi")
        assert type(gateway.value) is NetworkError and gateway.value.message == "Bad Gateway"
        await sb.faults(status=500, method="getMe")
        with pytest.raises(NetworkError) as internal:
            await bot.get_me()
        assert type(internal.value) is NetworkError

        pending = await bot.get_updates(timeout=0)
        await bot.get_updates(offset=pending[-1].update_id + 1, timeout=0)  # confirm them all
        polling = asyncio.create_task(bot.get_updates(timeout=10))
        await sb.a_poller()
        with pytest.raises(Conflict, match=r"^Conflict: terminated by other getUpdates request"):
            await second.get_updates(timeout=0)
        await sb.say(person, "klaar")  # ends the first poll
        updates = await polling
        assert updates[-1].message is not None and updates[-1].message.text == "klaar"

        with pytest.raises(EndPointNotFound):
            await bot.do_api_request("teleportUser", api_kwargs={"chat_id": person})
    with pytest.raises(InvalidToken):
        async with _ptb(sb, token="123456:wrong"):
            pass
