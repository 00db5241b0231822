"""A client of a running stand-in: Bot API calls and the control API, as the tests use them."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import aiohttp

from sandbox.standin import SANDBOX_TOKEN, StandIn


@dataclass
class Sandbox:
    standin: StandIn
    port: int
    http: aiohttp.ClientSession

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, method: str, token: str = SANDBOX_TOKEN) -> str:
        return f"{self.base}/bot{token}/{method}"

    async def call(self, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
        """A Bot API call with a JSON body."""
        async with self.http.post(self.url(method), json=params) as response:
            return response.status, await response.json()

    async def form(self, method: str, data: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """A Bot API call form-encoded, as python-telegram-bot sends it."""
        async with self.http.post(self.url(method), data=data) as response:
            return response.status, await response.json()

    async def ok(self, method: str, **params: Any) -> Any:
        status, body = await self.call(method, **params)
        assert (status, body["ok"]) == (200, True), body
        return body["result"]

    async def refused(self, method: str, status: int, description: str, **params: Any) -> None:
        answer = await self.call(method, **params)
        assert answer == (
            status,
            {"ok": False, "error_code": status, "description": description},
        )

    async def control(self, path: str, body: dict[str, Any] | None = None) -> Any:
        async with self.http.post(f"{self.base}/sandbox/{path}", json=body or {}) as response:
            assert response.status == 200, await response.text()
            return await response.json()

    async def person(self, name: str = "Ada", started: bool = True) -> int:
        person_id = int((await self.control("people", {"first_name": name}))["id"])
        if started:
            await self.say(person_id, "/start")
        return person_id

    async def say(self, person_id: int, text: str) -> dict[str, Any]:
        message: dict[str, Any] = await self.control(f"people/{person_id}/messages", {"text": text})
        return message

    async def press(self, person_id: int, message_id: int, data: str) -> str:
        body = {"message_id": message_id, "data": data}
        return str((await self.control(f"people/{person_id}/press", body))["query_id"])

    async def faults(self, **body: Any) -> None:
        await self.control("faults", body)

    async def limits(self, enabled: bool) -> None:
        await self.control("limits", {"enabled": enabled})

    async def a_poller(self) -> None:
        """Wait (briefly) until a getUpdates is waiting in the stand-in."""
        for _ in range(100):
            if self.standin.poller is not None:
                return
            await asyncio.sleep(0.01)
        raise AssertionError("no getUpdates is waiting")

    async def no_poller(self) -> None:
        """Wait (briefly) until the stand-in has seen a long-polling client go away."""
        for _ in range(100):
            if self.standin.poller is None:
                return
            await asyncio.sleep(0.01)
        raise AssertionError("the stand-in still holds the previous getUpdates")
