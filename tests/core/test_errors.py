"""Unexpected errors: an apology in the person's language, a log without what they wrote, and one
notice per quiet period for the people in charge."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.telegram.error_reports import QUIET_SECONDS
from storage.people import PersonRepository, Role
from tests.dialogue import Harness, settings_for

SECRET = "Mevrouw Jansen op nummer 12 is gevallen"
APOLOGY_NL = "Sorry, er ging iets mis aan onze kant. Probeer het straks nog eens."
APOLOGY_EN = "Sorry, something went wrong on our side. Please try again in a moment."


def notice_nl(more: int) -> str:
    return (
        f"⚠️ Er ging iets mis in de bot (RuntimeError). Extra meldingen sinds de vorige: {more}. "
        "Kijk in het logbestand voor details."
    )


def notice_en(more: int) -> str:
    return (
        f"⚠️ Something went wrong in the bot (RuntimeError). Further notices since the last one: "
        f"{more}. See the log for details."
    )


class Monotonic:
    """A stand-in for time.monotonic that only moves when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def monotonic(bot: Harness, monkeypatch: pytest.MonkeyPatch) -> Monotonic:
    clock = Monotonic()
    monkeypatch.setattr(bot.services.errors, "monotonic", clock)
    return clock


def broken(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("internal failure")


async def broken_async(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("internal failure")


async def test_unexpected_error_apologises_logs_safely_and_reports_once(
    bot: Harness,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    monotonic: Monotonic,
) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    dirk, _ = await bot.member(Role.COORDINATOR, "Dirk", language="en")
    paula, paused = await bot.member(Role.COORDINATOR, "Paula")
    async with bot.services.db.transaction() as tx:
        await tx.execute("UPDATE people SET status = 'paused' WHERE id = ?", (paused.id,))
    anna, person = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/profiel")
    await anna.press("Motivatie")
    monkeypatch.setattr(bot.services.profile, "set_motivation", broken_async)

    caplog.set_level(logging.DEBUG)
    reply = await anna.send(SECRET)
    assert reply.texts == [APOLOGY_NL]

    # Logged: which update and which kind of error, never what Anna wrote.
    failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(failures) == 1
    assert "RuntimeError" in failures[0].getMessage()
    assert f"from user {anna.id}" in failures[0].getMessage()
    assert failures[0].exc_info is not None
    assert caplog.records, "nothing was logged at all"
    for record in caplog.records:
        assert SECRET not in record.getMessage()
        assert SECRET not in str(record.args)
    assert SECRET not in caplog.text  # includes the formatted traceback

    # One notice per active coordinator, in their language; nothing is stored about Anna.
    assert [c.text for c in carla.inbox()] == [notice_nl(0)]
    assert [c.text for c in dirk.inbox()] == [notice_en(0)]
    assert paula.inbox() == []
    async with bot.services.db.transaction() as tx:
        assert await PersonRepository(tx).by_id(person.id) == person

    # A second error soon after: apology again, but no second notice.
    monotonic.now += QUIET_SECONDS - 1
    bot.clock.advance(seconds=QUIET_SECONDS - 1)
    reply = await anna.send(SECRET + " (2)")
    assert reply.texts == [APOLOGY_NL]
    assert len(carla.inbox()) == 1 and len(dirk.inbox()) == 1

    # After the quiet period the next notice says how many were held back.
    monotonic.now += 2
    bot.clock.advance(seconds=2)
    await anna.send(SECRET + " (3)")
    assert [c.text for c in carla.inbox()] == [notice_nl(0), notice_nl(1)]
    assert [c.text for c in dirk.inbox()] == [notice_en(0), notice_en(1)]
    assert SECRET not in caplog.text


async def test_error_on_a_button_is_a_toast_in_english(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, monotonic: Monotonic
) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    emma, _ = await bot.member(Role.VOLUNTEER, "Emma", language="en")
    await emma.send("/profile")
    monkeypatch.setattr(bot.services.profile, "set_wijk", broken_async)

    reply = await emma.press("Change neighbourhood")
    assert reply.text == "In which neighbourhood are you active?"
    reply = await emma.press("Zuid")
    assert reply.toast == APOLOGY_EN
    assert reply.methods() == ["answerCallbackQuery"]
    assert [c.text for c in carla.inbox()] == [notice_nl(0)]


async def test_error_in_a_plain_command(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, monotonic: Monotonic
) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    emma, _ = await bot.member(Role.VOLUNTEER, "Emma", language="en")
    monkeypatch.setattr(bot.services.profile, "export", broken_async)

    reply = await emma.send("/mydata")
    assert reply.texts == [APOLOGY_EN]
    assert [c.text for c in carla.inbox()] == [notice_nl(0)]
    # The coordinator's own error is reported to herself too (she is in charge).
    reply = await carla.send("/mijngegevens")
    assert reply.texts == [APOLOGY_NL]
    assert len(carla.inbox()) == 2  # the apology; the notice is held back
    monotonic.now += QUIET_SECONDS
    bot.clock.advance(seconds=QUIET_SECONDS)
    await emma.send("/mydata")
    assert carla.inbox()[-1].text == notice_nl(1)


@pytest.fixture
async def admin_bot(tmp_path: Path) -> AsyncIterator[Harness]:
    settings = settings_for(tmp_path, organisation={"admin_chat_id": 4242})
    harness = await Harness(settings).start()
    yield harness
    await harness.stop()


async def test_admin_chat_gets_the_notice_instead_of_coordinators(
    admin_bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = admin_bot
    monkeypatch.setattr(bot.services.errors, "monotonic", Monotonic())
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    monkeypatch.setattr(bot.services.profile, "export", broken_async)

    reply = await anna.send("/mijngegevens")
    assert reply.texts == [APOLOGY_NL]
    assert [(c.method, c.text) for c in bot.fake.sent(4242)] == [("sendMessage", notice_nl(0))]
    assert carla.inbox() == []


async def test_apology_failure_still_reports(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, monotonic: Monotonic
) -> None:
    """Telegram refusing the apology must not swallow the report."""
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    monkeypatch.setattr(bot.services.profile, "export", broken_async)
    bot.fake.fail("sendMessage", 400, "Bad Request: chat not found", chat_id=anna.id)

    reply = await anna.send("/mijngegevens")
    assert reply.methods() == ["sendMessage"]  # the apology, refused by Telegram
    assert not bot.fake.faults["sendMessage"]
    assert [c.text for c in carla.inbox()] == [notice_nl(0)]
