"""The sandbox's clock: moved forward over the control API, message dates follow it, and with the
bot beside the stand-in (as `voelspriet run` starts them) a move runs the tick at once, so the
reminder that was days away arrives now."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from bot.app import serve
from bot.cli import DEMO_CONFIG
from bot.core.config import load_settings
from bot.questions import deadlines
from bot.scheduling.local_time import ORGANISATION_ZONE
from bot.services import Services
from sandbox import demo
from sandbox.clock import next_monday_nine
from sandbox.launcher import connect, sandbox_settings
from sandbox.server import bound_port, start
from sandbox.standin import StandIn
from storage.people import PersonRepository
from storage.questions import NewQuestion, QuestionRepository
from tests.sandbox.client import Sandbox


def amsterdam(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=ORGANISATION_ZONE)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("now", "then"),
    [
        (amsterdam(2026, 11, 23, 8, 59), amsterdam(2026, 11, 23, 9, 0)),  # Monday morning
        (amsterdam(2026, 11, 23, 9, 0), amsterdam(2026, 11, 30, 9, 0)),  # it is Monday 09:00
        (amsterdam(2026, 11, 29, 23, 30), amsterdam(2026, 11, 30, 9, 0)),  # Sunday night
        (amsterdam(2026, 10, 21, 12, 0), amsterdam(2026, 10, 26, 9, 0)),  # over the DST change
    ],
)
def test_to_monday_nine_is_the_next_monday_morning_in_amsterdam(
    now: datetime, then: datetime
) -> None:
    assert next_monday_nine(now) == then


async def test_the_clock_moves_forward_and_message_dates_follow(sb: Sandbox) -> None:
    async with sb.http.get(f"{sb.base}/sandbox/clock") as answer:
        before = await answer.json()
    assert before["ahead_seconds"] == 0
    assert abs(datetime.fromisoformat(before["now"]).timestamp() - time.time()) < 5

    moved = await sb.control("clock", {"step": "day"})
    assert moved["ahead_seconds"] == 86_400 and moved["tick"] is None  # no bot beside it
    moved = await sb.control("clock", {"step": "hour"})
    assert moved["ahead_seconds"] == 90_000
    ada = await sb.person("Ada")
    said = await sb.say(ada, "hallo")
    sent = await sb.ok("sendMessage", chat_id=ada, text="hoi")
    for date in (said["date"], sent["date"]):
        assert abs(date - (time.time() + 90_000)) < 5
    async with sb.http.get(f"{sb.base}/sandbox/state") as answer:
        state = await answer.json()
    assert state["clock"]["ahead_seconds"] == 90_000
    assert [e for e in sb.standin.world.events if e["kind"] == "clock"][-1]["now"] == moved["now"]

    moved = await sb.control("clock", {"step": "monday"})
    local = datetime.fromisoformat(moved["now"])
    assert (local.weekday(), local.hour, local.minute) == (0, 9, 0)

    async with sb.http.post(f"{sb.base}/sandbox/clock", json={"step": "back"}) as answer:
        assert answer.status == 400 and "step must be one of hour, day, monday" in (
            await answer.text()
        )


async def test_the_clock_keeps_the_organisations_zone(sb: Sandbox) -> None:
    """Monday 09:00 and the time shown are the organisation's, as the bot's times are."""
    sb.standin.timezone = "Europe/London"
    moved = await sb.control("clock", {"step": "monday"})
    local = datetime.fromisoformat(moved["now"])
    assert local.utcoffset() == ZoneInfo("Europe/London").utcoffset(local.replace(tzinfo=None))
    assert (local.weekday(), local.hour, local.minute) == (0, 9, 0)


async def test_moving_the_clock_runs_the_tick_and_the_reminder_arrives(tmp_path: Path) -> None:
    """Pieter has an unanswered question; days ahead, he is reminded at once."""
    settings = load_settings(DEMO_CONFIG)
    settings = settings.model_copy(
        update={"database": settings.database.model_copy(update={"path": tmp_path / "db"})}
    )
    standin = StandIn()
    standin.limits.enabled = False
    await demo.seed_people(settings, standin.clock)  # as the launcher does, before start-up
    runner = await start(standin, port=0)
    port = bound_port(runner)
    stop = asyncio.Event()
    found: dict[str, Any] = {}

    async def ready(services: Services) -> None:
        try:
            # Only her question's timers: the demo's shifts would fire theirs too.
            await demo.seed(services, standin.world, with_shifts=False)
            connect(standin, services)
            async with aiohttp.ClientSession() as http:
                sb = Sandbox(standin, port, http)
                await sb.control("clock", {"step": "monday"})  # office hours, whenever this runs
                await _ask(services)
                for _ in range(7):  # two working days; more over a holiday
                    moved = await sb.control("clock", {"step": "day"})
                    if moved["tick"]["fired"]:
                        found["tick"] = moved["tick"]
                        break
                found["reminder"] = await _message(standin, 100_002, "wacht nog op antwoord")
        finally:
            stop.set()

    try:
        await asyncio.wait_for(
            serve(sandbox_settings(settings, port), stop, ready, clock=standin.clock), 60
        )
    finally:
        await runner.cleanup()
    assert found["tick"] == {"fired": 1, "waiting": 0}
    reminder = found["reminder"]
    assert "Vraag Q-0001 wacht nog op antwoord" in reminder.text
    assert reminder.date > time.time() + 2 * 86_400  # dated by the sandbox's clock


async def _ask(services: Services) -> None:
    """Vera's question to Pieter, asked now (the sandbox's now)."""
    now = services.clock()
    async with services.db.transaction() as tx:
        vera = await PersonRepository(tx).by_telegram_id(100_003)
        pieter = await PersonRepository(tx).by_telegram_id(100_002)
        assert vera is not None and pieter is not None
        due = deadlines.answer_due(services.settings, services.deps.hours, "geldzorgen", now)
        new = NewQuestion(
            vera.id, pieter.id, "geldzorgen", "Noordoost", "Waar heen?", (), None, due
        )
        question = await QuestionRepository(tx).by_id(await QuestionRepository(tx).add(new, now))
        assert question is not None
        await deadlines.schedule(tx, services.settings, services.deps.hours, question, now)


async def _message(standin: StandIn, chat_id: int, text: str) -> Any:
    for _ in range(200):  # the outbox delivers in the background
        for message in standin.world.chats.get(chat_id, []):
            if message.text and text in message.text:
                return message
        await asyncio.sleep(0.05)
    raise AssertionError(f"no message with {text!r} in chat {chat_id}")
