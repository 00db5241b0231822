"""Direct answers survive a flood-limit answer from Telegram: the person still gets the next question."""

from __future__ import annotations

from storage.people import Role
from tests.dialogue import Harness


async def test_a_429_on_a_reply_waits_and_sends_it_once(bot: Harness) -> None:
    code = (await bot.services.invites.create(Role.VOLUNTEER)).code
    anna = bot.chatter("Anna", "nl")
    bot.fake.fail(
        "sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1, chat_id=anna.id
    )

    reply = await anna.send(f"/start {code}")

    sent = [c for c in reply if c.method == "sendMessage"]
    assert [c.status for c in sent] == [429, 200, 200]
    assert reply.text.startswith("Hoe wil je genoemd worden?")
    assert sent[2].at - sent[0].at >= 0.9  # it waited retry_after


async def test_a_button_press_is_answered_despite_a_429(bot: Harness) -> None:
    code = (await bot.services.invites.create(Role.VOLUNTEER)).code
    anna = bot.chatter("Anna", "nl")
    await anna.send(f"/start {code}")
    await anna.send("Anna")
    bot.fake.fail("answerCallbackQuery", 429, "Too Many Requests: retry after 1", retry_after=1)
    bot.fake.fail("editMessageReplyMarkup", 429, "Too Many Requests: retry after 1", retry_after=1)

    reply = await anna.press("Zuid")

    assert [c.status for c in reply if c.method == "answerCallbackQuery"] == [429, 200]
    assert reply.text.startswith("Waar wil je graag aan meehelpen?")


async def test_three_429s_in_a_row_end_in_the_apology_path(bot: Harness) -> None:
    anna, _ = await bot.member(Role.VOLUNTEER)
    bot.fake.fail(
        "sendMessage",
        429,
        "Too Many Requests: retry after 1",
        times=3,
        retry_after=1,
        chat_id=anna.id,
    )

    reply = await anna.send("/hulp")

    statuses = [c.status for c in reply if c.method == "sendMessage"]
    assert statuses[:3] == [429, 429, 429]
    assert reply.text == "Sorry, er ging iets mis aan onze kant. Probeer het straks nog eens."
