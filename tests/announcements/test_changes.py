"""After it went: "Gelezen 👍", one reminder, correcting every copy, withdrawing it (where
Telegram still allows), and replies that reach only the sender."""

from __future__ import annotations

import pytest

from bot.announcements.follow_up import Read
from bot.core.errors import InvalidInput, NotFound
from storage.announcements import Content, Kind, State
from tests.announcements.steps import announce, copies_to, neighbourhood, settle, stored
from tests.dialogue import Harness

FIXED = Content(
    Kind.TEXT,
    "Kerstlunch vrijdag 20 december om 12:30.",
    ({"type": "italic", "offset": 0, "length": 10},),
)


async def test_read_is_counted_once_per_person_and_only_for_recipients(bot: Harness) -> None:
    people = await neighbourhood(bot)
    announcement = await announce(bot, people["Carla"][1], important=True)
    await settle(bot)
    follow_up = bot.services.announcements.follow_up
    vera = people["Vera"][0]
    [copy] = copies_to(bot, vera)
    assert copy.buttons == ["Gelezen 👍"]
    assert copy.keyboard[0][0]["callback_data"] == "an:ack:1"
    assert await follow_up.acknowledge(None, vera.id, announcement.id) is Read.THANKS
    assert await follow_up.acknowledge(None, vera.id, announcement.id) is Read.AGAIN
    with pytest.raises(Exception, match="acknowledge"):
        await follow_up.acknowledge(None, people["Zara"][0].id, announcement.id)
    view = await follow_up.view(people["Carla"][0].id, announcement.id, "nl")
    assert (view.acks.acknowledged, view.standing.delivered) == (1, 3)


async def test_one_reminder_goes_under_the_copy_of_who_did_not_read_it(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    announcement = await announce(bot, people["Carla"][1], important=True)
    await settle(bot)
    follow_up = bot.services.announcements.follow_up
    await follow_up.acknowledge(None, people["Vera"][0].id, announcement.id)
    assert await follow_up.remind(None, carla.id, announcement.id) == 2
    await bot.deliver()
    for name in ("Wim", "Eva"):
        chat = people[name][0]
        [copy] = copies_to(bot, chat)
        reminder = bot.fake.delivered(chat.id)[-1]
        assert reminder.params["reply_parameters"]["message_id"] == copy.message_id
    assert bot.fake.delivered(people["Eva"][0].id)[-1].params["text"] == (
        "🔔 Reminder: would you read this announcement? Then tap <b>Read 👍</b>."
    )
    assert bot.fake.delivered(people["Vera"][0].id)[-1] is copies_to(bot, people["Vera"][0])[0]
    with pytest.raises(InvalidInput) as refused:
        await follow_up.remind(None, carla.id, announcement.id)
    assert refused.value.reason == "announcements.reminded_before"


async def test_a_correction_edits_every_delivered_copy_keeping_its_button(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    announcement = await announce(bot, people["Carla"][1], important=True)
    await settle(bot)
    await bot.services.announcements.follow_up.acknowledge(
        None, people["Vera"][0].id, announcement.id
    )
    changes = bot.services.announcements.changes
    async with bot.services.db.transaction() as tx:
        assert await changes.correct(tx, carla.id, announcement.id, FIXED) == 3
    await settle(bot)
    for name, button in (("Vera", "✅ Gelezen"), ("Wim", "Gelezen 👍")):
        chat = people[name][0]
        [copy] = copies_to(bot, chat)
        [edit] = bot.fake.delivered(chat.id, "editMessageText")
        assert edit.message_id == copy.message_id
        assert FIXED.body in edit.params["text"] and "parse_mode" not in edit.params
        assert edit.params["entities"][1]["type"] == "italic"
        assert edit.buttons == [button]
    assert bot.fake.delivered(carla.id)[-1].params["text"] == (
        "✏️ Mededeling A-0001 is verbeterd in 3 berichten."
    )
    assert (await stored(bot, announcement.id)).content.body == FIXED.body


async def test_withdrawing_deletes_recent_copies_and_names_where_it_could_not(
    bot: Harness,
) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    first = await announce(bot, people["Carla"][1])
    await settle(bot)
    bot.clock.advance(hours=49)  # Telegram keeps a bot's messages after 48 hours
    second = await announce(bot, people["Carla"][1])
    await settle(bot)
    changes = bot.services.announcements.changes
    withdrawal = await changes.withdraw(None, carla.id, first.id)
    assert (withdrawal.deleting, withdrawal.too_old) == (0, 3)
    assert (await changes.withdraw(None, carla.id, second.id)).deleting == 3
    await settle(bot)
    deleted = bot.fake.delivered(people["Vera"][0].id, "deleteMessage")
    assert [d.params["message_id"] for d in deleted] == [
        copies_to(bot, people["Vera"][0])[1].message_id
    ]
    reports = [c.params["text"] for c in bot.fake.delivered(carla.id)[-2:]]
    assert reports == [
        "🗑 <b>Mededeling A-0001 is ingetrokken.</b>\nVerwijderd bij 0 mensen.\n"
        "Bij 3 kon het niet (ouder dan 48 uur, al weg of bot geblokkeerd): Eva, Vera, Wim",
        "🗑 <b>Mededeling A-0002 is ingetrokken.</b>\nVerwijderd bij 3 mensen.",
    ]
    assert (await stored(bot, second.id)).status is State.WITHDRAWN


async def test_withdrawing_mid_way_stops_what_did_not_go(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    announcement = await announce(bot, people["Carla"][1])
    result = await bot.services.announcements.changes.withdraw(None, carla.id, announcement.id)
    assert result.deleting == 3  # on their way: each gets a delete, which finds nothing
    await settle(bot)
    assert [copies_to(bot, people[n][0]) for n in ("Vera", "Wim", "Eva")] == [[], [], []]
    assert bot.fake.sent(people["Vera"][0].id, "deleteMessage") == []
    assert bot.fake.delivered(carla.id)[-1].params["text"] == (
        "🗑 <b>Mededeling A-0001 is ingetrokken.</b>\nVerwijderd bij 0 mensen.\n"
        "Nog niet verstuurd en nu ook niet meer: 3."
    )


async def test_a_reply_reaches_only_the_sender(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    announcement = await announce(bot, people["Carla"][1])
    await settle(bot)
    replies = bot.services.announcements.replies
    sender = await replies.forward(None, people["Vera"][0].id, announcement.id, "Ik kom <graag>!")
    assert sender == "Carla"
    await bot.deliver()
    assert bot.fake.delivered(carla.id)[-1].params["text"] == (
        "💬 <b>Reactie van Vera (Noord)</b>, vrijwilliger, op mededeling A-0001"
        " „Kerstlunch vrijdag 20 december om 12:00.”:\n\nIk kom &lt;graag&gt;!"
    )
    for name in ("Wim", "Eva", "Pieter"):
        assert "Ik kom" not in str(bot.fake.sent(people[name][0].id))
    with pytest.raises(NotFound):  # Zara did not get it
        await replies.forward(None, people["Zara"][0].id, announcement.id, "Ik ook?")


async def test_announcements_are_forgotten_after_the_retention_period(bot: Harness) -> None:
    people = await neighbourhood(bot)
    announcement = await announce(bot, people["Carla"][1], important=True)
    await settle(bot)
    await bot.services.announcements.follow_up.acknowledge(
        None, people["Vera"][0].id, announcement.id
    )
    bot.clock.advance(days=364)
    assert (await bot.services.retention.purge()).announcements == 0
    bot.clock.advance(days=2)
    assert (await bot.services.retention.purge()).announcements == 1
    async with bot.services.db.read() as tx:
        left = [
            (await tx.fetchall(f"SELECT count(*) FROM {table}"))[0][0]
            for table in ("announcements", "announcement_recipients")
        ]
    assert left == [0, 0]
