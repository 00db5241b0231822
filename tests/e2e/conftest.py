"""Fixtures for the end-to-end tests: a stand-in per test and the bot as a separate process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e.harness import BotProcess, StandInClient


@pytest.fixture
async def standin() -> AsyncIterator[StandInClient]:
    """The Bot API stand-in on a free port, in this test's event loop.

    Its flood limits are off by default: the people in these tests act much faster than anyone
    can type, and would hit the per-chat limit with the bot's direct answers. Tests about 429s
    switch them on where only the outbox sends."""
    client = await StandInClient.start()
    await client.limits(False)
    try:
        yield client
    finally:
        await client.close()


@pytest.fixture
async def new_bot(standin: StandInClient, tmp_path: Path) -> AsyncIterator[BotProcess]:
    """A bot process, not started yet (start it with the settings the test needs)."""
    bot = BotProcess(standin, tmp_path)
    try:
        yield bot
    finally:
        await bot.close()  # SIGKILL whatever still runs, also when the test failed
        print(bot.log_tail())  # shown by pytest only for failed tests


@pytest.fixture
async def bot(new_bot: BotProcess) -> BotProcess:
    """A running bot (10 messages per second per chat, so tests need not wait for pacing)."""
    await new_bot.start()
    return new_bot
