"""The aiohttp transport for Bot API calls (bot.telegram.http): what goes on the wire, timeouts,
failures.

A small aiohttp server records what arrives; a real PTB `Bot` makes the calls through it.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import certifi
import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.request import BaseRequest

from bot.telegram.http import AiohttpRequest, _ssl_context
from sandbox.server import bound_port, start
from sandbox.standin import SANDBOX_TOKEN, StandIn

TOKEN = "123456789:TEST-TOKEN-abcdefghijklmnop"
ME = {"id": 1, "is_bot": True, "first_name": "Test", "username": "test_bot"}


@dataclass
class Seen:
    """What the server received, one entry per request."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    delay: float = 0.0


SEEN = web.AppKey("seen", Seen)


async def _handler(request: web.Request) -> web.Response:
    seen = request.app[SEEN]
    method = request.match_info["method"]
    entry: dict[str, Any] = {
        "method": method,
        "content_type": request.content_type,
        "user_agent": request.headers.get("User-Agent", ""),
    }
    if request.content_type == "multipart/form-data":
        fields: dict[str, Any] = {}
        reader = await request.multipart()
        async for part in reader:
            if getattr(part, "filename", None):
                fields[part.name or ""] = (part.filename, await part.read())  # type: ignore[union-attr]
            else:
                fields[part.name or ""] = await part.text()  # type: ignore[union-attr]
        entry["fields"] = fields
    else:
        entry["fields"] = json.loads(await request.text() or "{}")
    seen.requests.append(entry)
    if seen.delay:
        await asyncio.sleep(seen.delay)
    if method == "getMe":
        return web.json_response({"ok": True, "result": ME})
    if method == "getUpdates":
        return web.json_response({"ok": True, "result": []})
    if method == "sendMessage" and entry["fields"].get("text") == "too fast":
        body = {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 7",
            "parameters": {"retry_after": 7},
        }
        return web.json_response(body, status=429)
    if method == "sendMessage" and entry["fields"].get("text") == "bad":
        body = {"ok": False, "error_code": 400, "description": "Bad Request: nope"}
        return web.json_response(body, status=400)
    message = {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"}, "text": "x"}
    return web.json_response({"ok": True, "result": message})


@pytest.fixture
async def server() -> AsyncIterator[tuple[str, Seen]]:
    seen = Seen()
    app = web.Application()
    app[SEEN] = seen
    app.router.add_post("/bot{token}/{method}", _handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}/bot", seen
    await runner.cleanup()


def _bot(base_url: str, request: BaseRequest | None = None) -> Bot:
    request = request or AiohttpRequest()
    return Bot(TOKEN, base_url=base_url, request=request, get_updates_request=request)


async def test_parameters_arrive_as_telegram_reads_them(server: tuple[str, Seen]) -> None:
    url, seen = server
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ja", callback_data="y")]])
    async with _bot(url) as bot:
        await bot.send_message(5, "<b>Hallo</b>", parse_mode="HTML", reply_markup=keyboard)
    sent = seen.requests[-1]
    assert sent["method"] == "sendMessage"
    assert sent["content_type"] == "application/json"
    assert sent["user_agent"].startswith("python-telegram-bot")
    # The same string values a form would carry: nested objects as JSON text.
    assert sent["fields"]["chat_id"] == "5"
    assert sent["fields"]["text"] == "<b>Hallo</b>"
    assert json.loads(sent["fields"]["reply_markup"]) == {
        "inline_keyboard": [[{"text": "Ja", "callback_data": "y"}]]
    }


async def test_a_file_goes_as_multipart(server: tuple[str, Seen]) -> None:
    url, seen = server
    async with _bot(url) as bot:
        await bot.send_document(5, InputFile(b'{"a": 1}', filename="data.json"), caption="Hier")
    sent = seen.requests[-1]
    assert sent["content_type"] == "multipart/form-data"
    assert sent["fields"]["chat_id"] == "5"
    assert sent["fields"]["caption"] == "Hier"
    assert sent["fields"]["document"] == ("data.json", b'{"a": 1}')


async def test_error_answers_become_ptb_errors(server: tuple[str, Seen]) -> None:
    url, _ = server
    async with _bot(url) as bot:
        with pytest.raises(RetryAfter) as too_fast:
            await bot.send_message(5, "too fast")
        with pytest.raises(BadRequest, match=r"(?i)nope"):
            await bot.send_message(5, "bad")
    assert too_fast.value.retry_after in (7, timedelta(seconds=7))


async def test_a_slow_answer_times_out(server: tuple[str, Seen]) -> None:
    url, seen = server
    async with _bot(url, AiohttpRequest(read_timeout=0.2)) as bot:
        seen.delay = 1.0
        with pytest.raises(TimedOut):
            await bot.send_message(5, "hallo", read_timeout=0.2)


async def test_long_polling_waits_beyond_the_read_timeout(server: tuple[str, Seen]) -> None:
    url, seen = server
    async with _bot(url, AiohttpRequest(read_timeout=0.2)) as bot:
        seen.delay = 0.5  # a long poll that answers after 0.5 s, within timeout=2
        assert await bot.get_updates(timeout=2) == ()


async def test_an_unreachable_server_is_a_network_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once the socket closes
    with pytest.raises(NetworkError) as raised:
        async with _bot(f"http://127.0.0.1:{port}/bot"):
            pass  # initialize() calls getMe
    assert not isinstance(raised.value, TimedOut)


async def test_calls_before_initialize_are_refused() -> None:
    request = AiohttpRequest()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:9/botX/getMe", "POST")
    await request.initialize()
    await request.shutdown()
    await request.shutdown()  # twice is harmless


def test_proxies_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "local.example")
    request = AiohttpRequest()
    assert request._proxy("https://api.telegram.org/botX/getMe") == "http://proxy.example:3128"
    assert request._proxy("https://local.example/botX/getMe") is None
    monkeypatch.delenv("HTTPS_PROXY")
    assert AiohttpRequest()._proxy("https://api.telegram.org/botX/getMe") is None


async def test_the_stand_in_accepts_what_it_sends() -> None:
    """The sandbox checks every parameter against the Bot API spec."""
    standin = StandIn()
    person = standin.world.add_person("Anna")
    person.started = True
    runner = await start(standin, port=0)
    try:
        url = f"http://127.0.0.1:{bound_port(runner)}/bot"
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ja", callback_data="y")]])
        async with Bot(SANDBOX_TOKEN, base_url=url, request=AiohttpRequest()) as bot:
            sent = await bot.send_message(
                person.id, "<b>Hallo</b> Anna", parse_mode="HTML", reply_markup=keyboard
            )
            edited = await bot.edit_message_reply_markup(person.id, sent.message_id)
        assert sent.text == "Hallo Anna"
        assert sent.reply_markup == keyboard
        assert not isinstance(edited, bool) and edited.reply_markup is None
        assert standin.warnings == []
    finally:
        await runner.cleanup()


def test_certificates_are_those_httpx_would_trust(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    assert _ssl_context().cert_store_stats()["x509_ca"] > 100  # certifi's bundle
    monkeypatch.setenv("SSL_CERT_FILE", certifi.where())
    assert _ssl_context().cert_store_stats()["x509_ca"] > 100
    monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent/ca.pem")
    with pytest.raises(FileNotFoundError):
        _ssl_context()
