"""Polling survives anything Telegram sends: an update PTB cannot read is skipped (by id and kind,
never its content), a surprise restarts the loop, and a loop that ends anyway ends the process."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

import bot.app
import bot.cli
from bot.app import build_application
from bot.core.clock import Clock, system_clock
from bot.core.config import Settings
from bot.telegram.polling import Poller, PollingStopped
from storage.people import Role
from tests import payloads
from tests.dialogue import Chatter, Harness, settings_for
from tests.telegram.polling import (
    NAME,
    SECRETS,
    LongPollTelegram,
    Polling,
    offsets,
    unreadable_poll,
)


@pytest.fixture
async def polled(tmp_path: Path) -> AsyncIterator[Harness]:
    harness = await Harness(settings_for(tmp_path), LongPollTelegram()).start()
    yield harness
    await harness.stop()


@pytest.fixture
async def polling(polled: Harness) -> AsyncIterator[Polling]:
    running = Polling(polled)
    yield running
    await running.close()


def answered(chatter: Chatter) -> int:
    return len(chatter.harness.fake.delivered(chatter.id))


async def test_one_unreadable_update_is_skipped_and_the_rest_answered(
    polled: Harness, polling: Polling
) -> None:
    anna, _ = await polled.member(Role.VOLUNTEER, "Anna")
    bertha, _ = await polled.member(Role.VOLUNTEER, NAME)
    carla, _ = await polled.member(Role.COORDINATOR, "Carla")
    bad = unreadable_poll(bertha.user)
    batch = [
        payloads.message_update(anna.user, "/hulp"),
        bad,
        payloads.message_update(carla.user, "/hulp"),
    ]

    await polling.feed(batch)

    assert answered(anna) == 1 and answered(carla) == 1
    assert answered(bertha) == 0
    assert polling.poller.skipped == 1
    assert offsets(polled.fake)[-1] == batch[-1]["update_id"] + 1  # confirmed, bad one too

    # The same loop goes on reading.
    await polling.feed([payloads.message_update(bertha.user, "/hulp")])
    assert answered(bertha) == 1


async def test_a_batch_of_only_unreadable_updates_is_confirmed(
    polled: Harness, polling: Polling
) -> None:
    bertha, _ = await polled.member(Role.VOLUNTEER, NAME)
    bad = unreadable_poll(bertha.user)
    unknown = {"update_id": bad["update_id"] + 1, "guest_message": {"message_id": "not a number"}}

    await polling.feed([bad, unknown])

    assert offsets(polled.fake)[-1] == unknown["update_id"] + 1
    assert polling.poller.skipped == 2


@pytest.fixture
def every_record() -> Iterator[list[logging.LogRecord]]:
    """Every record any logger emits, at every level, as a handler would receive it."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    root = logging.getLogger()
    handler, level = Keep(logging.DEBUG), root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield records
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


async def test_an_unreadable_update_never_reaches_a_log_handler(
    polled: Harness, polling: Polling, every_record: list[logging.LogRecord]
) -> None:
    bertha, _ = await polled.member(Role.VOLUNTEER, NAME)
    bad = unreadable_poll(bertha.user)
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    every_record.clear()  # setting up Bertha wrote her name to the database (aiosqlite, DEBUG)

    await polling.feed([bad])

    assert polling.poller.skipped == 1
    shown = "\n".join(formatter.format(record) for record in every_record)
    for secret in SECRETS:
        assert secret not in shown
    # What is logged: the update's id and kind, and why.
    skipped = [r.getMessage() for r in every_record if "skipped" in r.getMessage()]
    assert skipped == [
        f"update {bad['update_id']} (message) skipped, unreadable: TypeError; 1 skipped since start"
    ]


async def test_a_surprise_restarts_the_loop_after_a_pause(
    polled: Harness, polling: Polling, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna, _ = await polled.member(Role.VOLUNTEER, "Anna")
    # getUpdates answers something that is no list of updates at all.
    await polling.feed({"surprise": True})
    await polling.feed([payloads.message_update(anna.user, "/hulp")])
    assert answered(anna) == 1

    # Processing itself fails (not a handler: those go to the error handler).
    real = polled.app.process_update
    failing = payloads.message_update(anna.user, "/hulp")

    async def process_update(update: Any) -> None:
        if update.update_id == failing["update_id"]:
            raise RuntimeError("broken")
        await real(update)

    monkeypatch.setattr(polled.app, "process_update", process_update)
    await polling.feed([failing, payloads.message_update(anna.user, "/hulp")])
    assert answered(anna) == 2
    assert polling.poller.skipped == 1
    assert offsets(polled.fake)[-1] == failing["update_id"] + 2


async def test_an_update_whose_chat_cannot_be_read_does_not_hold_up_the_batch(
    polled: Harness, polling: Polling, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna, _ = await polled.member(Role.VOLUNTEER, "Anna")
    odd, fine = (payloads.message_update(anna.user, "/hulp") for _ in range(2))
    real = Update.effective_chat

    def effective_chat(update: Update) -> Any:
        if update.update_id == odd["update_id"]:
            raise ValueError("an update nobody foresaw")
        return real.fget(update)  # type: ignore[attr-defined]

    monkeypatch.setattr(Update, "effective_chat", property(effective_chat))
    await polling.feed([odd, fine])

    assert offsets(polled.fake)[-1] == fine["update_id"] + 1
    assert answered(anna) == 1


# --- the process ------------------------------------------------------------------------------


@pytest.fixture
def serve_on_fake(monkeypatch: pytest.MonkeyPatch) -> LongPollTelegram:
    """bot.app.serve, the production run path, talking to a fake Telegram."""
    fake = LongPollTelegram()

    def build(settings: Settings, clock: Clock = system_clock) -> Any:
        return build_application(settings, request=fake, clock=clock)

    monkeypatch.setattr(bot.app, "build_application", build)
    return fake


async def test_the_process_ends_when_polling_ends_by_surprise(
    tmp_path: Path, serve_on_fake: LongPollTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def dies(self: Poller, stop: asyncio.Event) -> None:
        raise RuntimeError("the loop died")

    monkeypatch.setattr(Poller, "run", dies)
    stop = asyncio.Event()  # never set: nobody asks it to stop
    services: list[Any] = []

    async def ready(running: Any) -> None:
        services.append(running)

    with pytest.raises(PollingStopped):
        await asyncio.wait_for(bot.app.serve(settings_for(tmp_path), stop, ready), 5)
    # Shut down cleanly all the same: the delivery worker stopped, the database closed.
    assert services[0]._delivery_task is None
    assert services[0].db._conn is None


def test_the_command_exits_non_zero_when_polling_ends_by_surprise(
    tmp_path: Path, serve_on_fake: LongPollTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def dies(self: Poller, stop: asyncio.Event) -> None:
        raise RuntimeError("the loop died")

    monkeypatch.setattr(Poller, "run", dies)
    monkeypatch.setenv("VOELSPRIET_TELEGRAM__TOKEN", "123456789:TEST-TOKEN-abcdefghijklmnop")
    monkeypatch.setenv("VOELSPRIET_DATABASE__PATH", str(tmp_path / "db.sqlite3"))
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("main() did not return after polling died")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)  # before the fix the process hung here, even on SIGTERM
    try:
        code = bot.cli.main(["run"])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        root.handlers[:] = handlers
        root.setLevel(level)
        for name in ("aiosqlite", "telegram", "aiohttp", "asyncio", "httpx", "apscheduler"):
            logging.getLogger(name).setLevel(logging.NOTSET)
    assert code == 1
