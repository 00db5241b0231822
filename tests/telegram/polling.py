"""Polling as in production against a fake Telegram: a getUpdates that waits like a long poll,
the offsets the poller asked for, the poller fed batch by batch, and an update PTB cannot read."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.app import ALLOWED_UPDATES
from bot.telegram.polling import Poller
from tests import payloads
from tests.dialogue import Harness
from tests.fake_telegram import FakeTelegram


class LongPollTelegram(FakeTelegram):
    """getUpdates waits a moment when nothing is queued, as a long poll does."""

    def __init__(self) -> None:
        super().__init__()
        self.polled = asyncio.Event()  # set on every getUpdates

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: Any = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        polling = url.endswith("/getUpdates")
        if polling and not self.updates:
            await asyncio.sleep(0.005)
        try:
            return await super().do_request(url, method, request_data)
        finally:
            if polling:
                self.polled.set()


def offsets(fake: FakeTelegram) -> list[int | None]:
    return [c.params.get("offset") for c in fake.sent(method="getUpdates")]


NAME = "Bertha Geheimnaam"
QUESTION = "Mevrouw Jansen van nummer 12 is gevallen, wie gaat er langs?"
PHONE = "06-12345678"
SECRETS = (NAME, "Geheimnaam", "Jansen", "nummer 12", PHONE)


def unreadable_poll(user: dict[str, Any]) -> dict[str, Any]:
    """A poll as Telegram sends it, without the options' `persistent_id` that PTB 22.8 requires
    (Bot API 9.6): Update.de_json raises TypeError on it."""
    update = payloads.message_update(user, "-")
    message = update["message"]
    del message["text"]
    message["poll"] = {
        "id": "5322105131226775553",
        "question": QUESTION,
        "options": [
            {"text": "Ik ga", "voter_count": 0},
            {"text": f"Bel mij: {PHONE}", "voter_count": 0},
        ],
        "total_voter_count": 0,
        "is_closed": False,
        "is_anonymous": False,
        "type": "regular",
        "allows_multiple_answers": False,
        "allows_revoting": False,
        "members_only": False,
    }
    return update


class Polling:
    """The poller running as in production, fed batches through the fake getUpdates."""

    def __init__(self, harness: Harness) -> None:
        assert isinstance(harness.fake, LongPollTelegram)
        self.fake: LongPollTelegram = harness.fake
        self.poller = Poller(harness.app, timeout=0, allowed=ALLOWED_UPDATES)
        self.poller.first_backoff = 0.01
        self.stop = asyncio.Event()
        self.task = asyncio.create_task(self.poller.run(self.stop))

    async def feed(self, updates: Any, rounds: int = 2) -> None:
        """Hand out `updates` and wait until the poller asked `rounds` more times."""
        self.fake.updates = updates
        asked = len(self.fake.sent(method="getUpdates"))
        async with asyncio.timeout(5):
            while len(self.fake.sent(method="getUpdates")) < asked + rounds:
                self.fake.polled.clear()
                await self.fake.polled.wait()
        assert not self.task.done(), "the polling loop ended"

    async def close(self) -> None:
        self.stop.set()
        await self.task
