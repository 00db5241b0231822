"""An update the bot cannot read, end to end: the process keeps answering, logs no content, and
stops promptly on SIGTERM."""

from __future__ import annotations

import asyncio
import signal

import pytest

from tests import payloads
from tests.e2e.harness import STOP_TIMEOUT, BotProcess, StandInClient, plain
from tests.telegram.polling import NAME, SECRETS, unreadable_poll

pytestmark = pytest.mark.e2e


async def test_an_unreadable_update_is_skipped_and_the_bot_goes_on(
    standin: StandInClient, bot: BotProcess
) -> None:
    bertha = await standin.person(NAME)
    await bertha.send("/start")  # as Telegram's clients do first
    await bertha.expect(plain("nl", "start.no_code"))
    message = unreadable_poll(payloads.user_json(bertha.id, NAME, "nl"))["message"]
    standin.state.world.push_update("message", message)

    await bertha.send("/hulp")
    await bertha.expect(plain("nl", "help.unregistered")[:40])

    assert bot.process is not None
    bot.process.send_signal(signal.SIGTERM)
    code = await asyncio.wait_for(bot.process.wait(), STOP_TIMEOUT)
    assert code == 0
    log = bot.log_tail(lines=10_000)
    assert "(message) skipped, unreadable: TypeError; 1 skipped since start" in log
    for secret in SECRETS:
        assert secret not in log
