"""The access gate stops what it refuses, whatever happens to its answer and whatever is typed."""

from __future__ import annotations

from typing import Any

import pytest

from storage.flows import Flow, FlowRepository
from storage.people import PersonRepository, Role, Status
from tests import payloads
from tests.answers import NOT_REGISTERED, PAUSED
from tests.dialogue import Chatter, Harness, Replies
from tests.people.steps import act, snapshot

FORBIDDEN = "Forbidden: bot was blocked by the user"
BAD_GATEWAY = "Bad Gateway"


async def someone(bot: Harness, who: str) -> Chatter:
    """A stranger, or a volunteer who is paused or has left (alumni)."""
    if who == "stranger":
        return bot.chatter("Mallory")
    chatter, person = await bot.member(Role.VOLUNTEER, "Vera")
    async with bot.services.db.transaction() as tx:
        await PersonRepository(tx).set_status(person.id, Status(who), bot.clock())
    return chatter


async def reports(bot: Harness) -> int:
    """Error notices queued for the people in charge."""
    async with bot.services.db.transaction() as tx:
        row = await tx.fetchone(
            "SELECT count(*) FROM outbox WHERE key LIKE 'delivery-notice:error:%'"
        )
    assert row is not None
    return int(row[0])


def attempts(reply: Replies) -> list[str]:
    """Every Bot API call the update caused, failed ones included."""
    return reply.methods()


@pytest.mark.parametrize("who", ["stranger", "paused", "alumni"])
@pytest.mark.parametrize("action", ["hallo", "/signaal", "/mensen", "<photo>", "button:pf:name"])
@pytest.mark.parametrize("failure", [(403, FORBIDDEN), (502, BAD_GATEWAY)])
async def test_a_refusal_that_cannot_be_sent_still_stops_the_update(
    bot: Harness, who: str, action: str, failure: tuple[int, str]
) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    chatter = await someone(bot, who)
    before = await snapshot(bot)
    refusal = "answerCallbackQuery" if action.startswith("button:") else "sendMessage"
    bot.fake.fail(refusal, *failure, times=5)

    reply = await act(chatter, action)

    # Only the refusal was tried (once): no feature handler ran, no apology, no notice.
    assert attempts(reply) == [refusal]
    assert await snapshot(bot) == before
    assert await reports(bot) == 0


async def test_a_stranger_whose_hallo_cannot_be_answered_reaches_no_feature(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 9: a stranger who blocked the bot types "hallo"; nothing past the gate may run."""
    import handlers.core.general

    reached: list[str] = []

    async def spy(*args: Any) -> None:
        reached.append("general")

    monkeypatch.setattr(handlers.core.general, "say", spy)
    monkeypatch.setattr(handlers.core.general, "unknown_command", spy)
    stranger = bot.chatter("Mallory")
    bot.fake.blocked.add(stranger.id)

    reply = await stranger.send("hallo")

    assert attempts(reply) == ["sendMessage"]
    assert reply[0].status == 403
    assert reached == []
    assert await reports(bot) == 0


async def test_a_paused_volunteer_cannot_add_to_a_draft_when_the_refusal_fails(
    bot: Harness,
) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    vera, person = await bot.member(Role.VOLUNTEER, "Vera")
    await vera.send("/signaal")
    async with bot.services.db.transaction() as tx:
        draft = await FlowRepository(tx).get(vera.id)
        assert draft is not None and draft.name == "signal"
        await FlowRepository(tx).save(Flow(vera.id, "signal", "text", draft.data), bot.clock())
        await PersonRepository(tx).set_status(person.id, Status.PAUSED, bot.clock())
    before = await snapshot(bot)
    bot.fake.fail("sendMessage", 502, BAD_GATEWAY)

    reply = await vera.send("Mevrouw op nummer 12 komt haar huis niet meer uit")

    assert attempts(reply) == ["sendMessage"]
    assert await snapshot(bot) == before
    assert await reports(bot) == 0


def without_entities(update: dict[str, Any]) -> dict[str, Any]:
    """Telegram marks no command in "/" or "/ " alone."""
    update["message"].pop("entities", None)
    return update


@pytest.mark.parametrize("text", ["/", "/ ", "/  x", "/\n"])
async def test_a_lone_slash_from_a_stranger_gets_the_usual_refusal(bot: Harness, text: str) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    stranger = bot.chatter("Mallory")

    reply = await bot.process(without_entities(payloads.message_update(stranger.user, text)))

    assert attempts(reply) == ["sendMessage"]
    assert reply.text == NOT_REGISTERED
    assert await reports(bot) == 0


@pytest.mark.parametrize("text", ["/", "/ ", "/ mijngegevens"])
async def test_a_lone_slash_from_a_paused_person_gets_the_usual_refusal(
    bot: Harness, text: str
) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    vera = await someone(bot, "paused")

    reply = await bot.process(without_entities(payloads.message_update(vera.user, text)))

    assert attempts(reply) == ["sendMessage"]
    assert reply.text == PAUSED
    assert await reports(bot) == 0


async def test_commands_are_read_from_their_entity_not_the_text(bot: Harness) -> None:
    """A paused person's /mijngegevens works only when Telegram marked it as a command."""
    vera = await someone(bot, "paused")

    reply = await vera.send("/mijngegevens")
    assert reply.texts[0].startswith("<b>Dit bewaren we van je</b>")

    reply = await bot.process(without_entities(payloads.message_update(vera.user, "/mijngegevens")))
    assert reply.text == PAUSED
