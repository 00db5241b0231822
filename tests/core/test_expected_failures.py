"""Telegram's everyday refusals (blocked, chat gone, a button pressed long ago) are no errors:
one line in the log, no traceback, no notice to the people in charge, and the work goes on."""

from __future__ import annotations

import logging

import pytest

from storage.people import Role
from tests.dialogue import Harness
from tests.signals.steps import latest, report, team

TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"


def errors_logged(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


async def test_a_button_pressed_while_the_bot_was_down_still_finishes(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    carla, piet, _, anna, _, _ = await team(bot)
    await report(anna)
    notices = len(carla.inbox())
    caplog.set_level(logging.INFO)
    # After a restart Telegram no longer accepts an answer to the press: the change is made,
    # and the card must still show it.
    bot.fake.fail("answerCallbackQuery", 400, TOO_OLD)

    reply = await piet.press("Oppakken")

    assert reply.methods()[0] == "answerCallbackQuery"
    assert "<b>opgepakt</b>" in reply.text and "Piet heeft het opgepakt" in reply.text
    assert "Oppakken" not in reply.buttons
    assert (await latest(bot)).status == "picked_up"
    assert "S-0001 is opgepakt" in (anna.inbox()[-1].text or "")
    assert len(carla.inbox()) == notices
    assert errors_logged(caplog) == []


@pytest.mark.parametrize(
    ("status", "description"),
    [
        (403, "Forbidden: bot was blocked by the user"),
        (403, "Forbidden: user is deactivated"),
        (400, "Bad Request: chat not found"),
        (502, "Bad Gateway"),
    ],
)
async def test_a_reply_telegram_refuses_is_one_warning_line(
    bot: Harness, caplog: pytest.LogCaptureFixture, status: int, description: str
) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    caplog.set_level(logging.INFO)
    bot.fake.fail("sendMessage", status, description, chat_id=anna.id, times=3)

    reply = await anna.send("/hulp")

    # No apology into a closed door; after passing trouble (5xx) one apology is tried.
    assert reply.methods() == ["sendMessage"] * (2 if status >= 500 else 1)
    assert errors_logged(caplog) == []
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == (2 if status >= 500 else 1)  # the reply, and the apology after 5xx
    for warning in warnings:
        assert warning.startswith("no reply to update")
        assert warning.endswith(("Forbidden", "BadRequest", "NetworkError"))
    assert carla.inbox() == []


async def test_a_reply_that_breaks_telegrams_rules_is_still_an_error(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """Our own defect (here: bad HTML) keeps its traceback and reaches the people in charge."""
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    bot.fake.fail("sendMessage", 400, "Bad Request: can't parse entities", chat_id=anna.id)

    await anna.send("/hulp")

    failures = errors_logged(caplog)
    assert len(failures) == 1 and failures[0].exc_info is not None
    assert "BadRequest" in failures[0].getMessage()
    assert len(carla.inbox()) == 1


async def test_a_refused_answer_to_invalid_input_is_one_warning_line(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """The short answer to a domain outcome (here: a name too long) meets a blocked chat."""
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/profiel")
    await anna.press("Naam wijzigen")
    bot.fake.blocked.add(anna.id)

    reply = await anna.send("A" * 65)

    assert [c.status for c in reply] == [403]
    assert errors_logged(caplog) == []
    assert carla.inbox() == []
