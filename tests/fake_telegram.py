"""A stand-in for Telegram at the network edge: a BaseRequest that records calls and answers like the Bot API."""

from __future__ import annotations

import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

from sandbox.entities import ParseError, parse_html, utf16_len

BOT_USER = {
    "id": 7000000001,
    "is_bot": True,
    "first_name": "Voelspriet",
    "username": "voelspriet_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    message_id: int | None = None  # of the message this call created or edited
    at: float = field(default_factory=time.monotonic)  # when the call reached Telegram
    status: int = 200  # the HTTP status answered (TIMEOUT when the call timed out)

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        if value is None:  # setMyCommands and friends name the chat in their scope
            value = (self.params.get("scope") or {}).get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str | None:
        return self.params.get("text") or self.params.get("caption")

    @property
    def keyboard(self) -> list[list[dict[str, Any]]]:
        markup = self.params.get("reply_markup") or {}
        return markup.get("inline_keyboard") or markup.get("keyboard") or []

    @property
    def buttons(self) -> list[str]:
        return [b["text"] for row in self.keyboard for b in row]


# A fault with this status does not answer at all: the request times out.
TIMEOUT = 0


@dataclass
class Fault:
    status: int
    description: str
    retry_after: int | None = None
    chat_id: int | None = None


class FakeTelegram(BaseRequest):
    """Records every Bot API call; faults can be queued per method (and chat)."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.faults: dict[str, deque[Fault]] = {}
        self.blocked: set[int] = set()
        self.updates: list[dict[str, Any]] = []
        self._message_id = 100
        # Files people sent, by file id: getFile describes them, the file URL serves them.
        self.files: dict[str, bytes] = {}
        self._date = 1_790_000_000

    # BaseRequest interface
    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float:
        return 5.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:  # a file download (File.download_*), not a Bot API method
            return self._download(url)
        endpoint = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        files = {}
        if request_data and request_data.contains_files:
            for name, part in (request_data.multipart_data or {}).items():
                files[name] = part[1] if isinstance(part, tuple) else part
        call = Call(endpoint, params, files)
        self.calls.append(call)
        fault = self._fault(endpoint, call.chat_id)
        if fault is not None:
            call.status = fault.status
            if fault.status == TIMEOUT:
                raise TimedOut(fault.description or None)
            return self._error(fault)
        if endpoint == "getFile" and str(params.get("file_id")) not in self.files:
            call.status = 400
            return self._error(Fault(400, "Bad Request: invalid file_id"))
        if call.chat_id in self.blocked and endpoint.startswith("send"):
            call.status = 403
            return self._error(Fault(403, "Forbidden: bot was blocked by the user"))
        refusal = _beyond_limits(params)
        if refusal is not None:
            call.status = 400
            return self._error(Fault(400, refusal))
        return 200, json.dumps({"ok": True, "result": self._answer(call)}).encode()

    # Test controls
    def fail(
        self,
        method: str,
        status: int,
        description: str,
        times: int = 1,
        retry_after: int | None = None,
        chat_id: int | None = None,
    ) -> None:
        queue = self.faults.setdefault(method, deque())
        for _ in range(times):
            queue.append(Fault(status, description, retry_after, chat_id))

    def time_out(self, method: str, times: int = 1, chat_id: int | None = None) -> None:
        """The next `times` calls of `method` (to this chat) get no answer: PTB raises TimedOut."""
        self.fail(method, TIMEOUT, "", times, chat_id=chat_id)

    def delivered(
        self, chat_id: int | None = None, method: str | None = "sendMessage"
    ) -> list[Call]:
        """The calls Telegram accepted (answered 200), in order."""
        return [c for c in self.sent(chat_id, method) if c.status == 200]

    def sent(self, chat_id: int | None = None, method: str | None = None) -> list[Call]:
        return [
            c
            for c in self.calls
            if (chat_id is None or c.chat_id == chat_id) and (method is None or c.method == method)
        ]

    def shown(self, chat_id: int, message_id: int) -> Call:
        """A message as the person sees it now: its text and buttons after every edit."""
        params: dict[str, Any] = {}
        for call in self.delivered(chat_id, None):
            if call.message_id != message_id:
                continue
            if call.method in ("sendMessage", "sendPhoto", "sendDocument", "editMessageText"):
                params = {**call.params, "reply_markup": call.params.get("reply_markup")}
            elif call.method == "editMessageReplyMarkup":
                params = {**params, "reply_markup": call.params.get("reply_markup")}
        assert params, f"no message {message_id} in chat {chat_id}"
        return Call("shown", params, message_id=message_id)

    def serve_file(self, file_id: str, data: bytes) -> None:
        """Make a file someone sent (e.g. a photo's file id) available to getFile and download."""
        self.files[file_id] = data

    # Internals
    def _download(self, url: str) -> tuple[int, bytes]:
        self.calls.append(Call("downloadFile", {"url": url}))
        file_id = url.rsplit("/", 1)[-1].removesuffix(".jpg")
        if file_id not in self.files:
            return 404, b"Not Found"
        return 200, self.files[file_id]

    def _fault(self, endpoint: str, chat_id: int | None) -> Fault | None:
        queue = self.faults.get(endpoint)
        if not queue:
            return None
        for fault in list(queue):
            if fault.chat_id is None or fault.chat_id == chat_id:
                queue.remove(fault)
                return fault
        return None

    @staticmethod
    def _error(fault: Fault) -> tuple[int, bytes]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": fault.status,
            "description": fault.description,
        }
        if fault.retry_after is not None:
            body["parameters"] = {"retry_after": fault.retry_after}
        return fault.status, json.dumps(body).encode()

    def _answer(self, call: Call) -> Any:
        method = call.method
        if method == "getMe":
            return BOT_USER
        if method == "getFile":
            file_id = str(call.params.get("file_id"))
            return {
                "file_id": file_id,
                "file_unique_id": file_id + "u",
                "file_size": len(self.files[file_id]),
                "file_path": f"photos/{file_id}.jpg",
            }
        if method == "getUpdates":
            updates, self.updates = self.updates, []
            return updates
        if method in (
            "sendMessage",
            "sendDocument",
            "sendPhoto",
            "editMessageText",
            "editMessageCaption",
            "editMessageReplyMarkup",
        ):
            return self._message(call)
        return True

    def _message(self, call: Call) -> dict[str, Any]:
        params = call.params
        if "message_id" in params:
            message_id = int(params["message_id"])
        else:
            self._message_id += 1
            message_id = self._message_id
        chat_id = call.chat_id or 0
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": self._date,
            "chat": {"id": chat_id, "type": "private", "first_name": "Someone"},
            "from": BOT_USER,
        }
        if call.method == "sendDocument":
            message["document"] = {
                "file_id": "doc1",
                "file_unique_id": "doc1u",
                "file_name": "data.json",
            }
            if "caption" in params:
                message["caption"] = params["caption"]
        elif "text" in params:
            message["text"] = params["text"]
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        call.message_id = message_id
        return message


# Telegram's limits, counted as Telegram counts them: UTF-16 units of the text left once the
# HTML is parsed. Every test checks them, so no message the bot builds can outgrow them unseen.
LIMITS = {"text": 4096, "caption": 1024}


def _beyond_limits(params: dict[str, Any]) -> str | None:
    """Telegram's 400 description for a text or caption it would refuse, or None."""
    for key, limit in LIMITS.items():
        raw = params.get(key)
        if raw is None:
            continue
        try:
            text = parse_html(str(raw))[0] if params.get("parse_mode") == "HTML" else str(raw)
        except ParseError as error:
            return error.description
        if utf16_len(text) > limit:
            return (
                "Bad Request: message is too long"
                if key == "text"
                else ("Bad Request: message caption is too long")
            )
    return None
