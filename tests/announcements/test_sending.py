"""Sending: every copy written in one transaction with the announcement, to exactly the
audience (no paused people, nobody outside it, alumni only when chosen), with the sender's
own formatting, once each; the sender's status message and report."""

from __future__ import annotations

from bot.people.audiences import Audience
from storage.announcements import State
from tests.announcements.steps import (
    LUNCH,
    NOORD_VOLUNTEERS,
    announce,
    copies_to,
    neighbourhood,
    settle,
    stored,
)
from tests.dialogue import Harness

HEADER = "📣 Mededeling van Carla"
FOOTER = "Reageren? Beantwoord dit bericht. Alleen Carla leest je reactie."


async def test_copies_go_to_exactly_the_audience_with_the_senders_formatting(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][1]
    announcement = await announce(bot, carla)
    assert announcement.reference == "A-0001"
    await settle(bot)

    reached = [name for name, (chat, _) in people.items() if copies_to(bot, chat)]
    assert reached == ["Vera", "Wim", "Eva"]  # not Zara (Zuid), Paul, Olga, Adam, nor Carla
    [copy] = copies_to(bot, people["Vera"][0])
    assert copy.params["text"] == f"{HEADER}\n\n{LUNCH.body}\n\n{FOOTER}"
    assert "parse_mode" not in copy.params  # the sender's entities, not re-parsed HTML
    header, body, footer = copy.params["entities"]
    assert header == {"type": "bold", "offset": 0, "length": len(HEADER) + 1}  # 📣 counts two
    assert body == {"type": "bold", "offset": len(HEADER) + 3, "length": 10}  # "Kerstlunch"
    assert copy.params["text"][len(HEADER) + 2 :][:10] == "Kerstlunch"
    assert footer["type"] == "italic"
    [english] = copies_to(bot, people["Eva"][0])
    assert english.params["text"].startswith("📣 Announcement from Carla\n\n")
    assert "reply_markup" not in copy.params  # not important: no button


async def test_urgent_reaches_people_on_their_own_pause_and_alumni_only_when_chosen(
    bot: Harness,
) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][1]
    await announce(bot, carla, urgent=True)
    await announce(bot, carla, Audience.alumni_only())
    await settle(bot)
    reached = {name: len(copies_to(bot, chat)) for name, (chat, _) in people.items()}
    assert reached == {
        "Carla": 0,
        "Pieter": 0,
        "Vera": 1,
        "Wim": 1,
        "Eva": 1,
        "Zara": 0,
        "Paul": 0,  # paused by a coordinator: not even urgent ones
        "Adam": 1,  # the alumni announcement only
        "Olga": 1,  # on her own pause: the urgent one only
    }


async def test_the_sender_sees_progress_then_one_report(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla_chat, carla = people["Carla"]
    announcement = await announce(bot, carla, important=True)
    await bot.deliver()
    [status] = bot.fake.delivered(carla_chat.id)
    assert status.params["text"] == "📣 <b>Mededeling A-0001</b>\nVerstuurd: 0 van 3"

    assert await settle(bot) == 1
    edits = bot.fake.delivered(carla_chat.id, "editMessageText")
    assert edits[-1].message_id == status.message_id
    assert edits[-1].params["text"] == (
        "📣 <b>Mededeling A-0001</b>\nVerstuurd: 3 van 3\nKlaar. Het verslag staat hieronder."
    )
    report = bot.fake.delivered(carla_chat.id)[-1]
    assert report.params["text"].splitlines() == [
        "📣 <b>Mededeling A-0001</b> — verstuurd",
        "„Kerstlunch vrijdag 20 december om 12:00.”",
        "Aan: vrijwilligers in Noord",
        "Verstuurd: ma 23-11 10:00",
        "✅ Afgeleverd: 3",
        "🚫 Niet bereikbaar: 0 (bot geblokkeerd of gestopt)",
        "⚠️ Mislukt: 0",
        "👍 Gelezen: 0 van 3",
    ]
    assert report.buttons == [
        "👀 Wie het nog niet las",
        "🔔 Herinner wie het nog niet las",
        "✏️ Tekst verbeteren",
        "🗑 Intrekken",
        "🔄 Vernieuwen",
    ]
    assert (await stored(bot, announcement.id)).status is State.SENT
    assert await settle(bot) == 0  # reported once
    assert bot.fake.delivered(carla_chat.id)[-1] is report


async def test_people_who_blocked_the_bot_are_unreachable_by_name(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla_chat, carla = people["Carla"]
    bot.fake.blocked.add(people["Wim"][0].id)
    announcement = await announce(bot, carla)
    await settle(bot)
    report = bot.fake.delivered(carla_chat.id)[-1]
    assert "✅ Afgeleverd: 2" in report.params["text"]
    assert "🚫 Niet bereikbaar: 1 (bot geblokkeerd of gestopt)" in report.params["text"]
    assert report.buttons[0] == "📞 Wie niet bereikt (1)"
    missed = await bot.services.announcements.follow_up.missed(carla_chat.id, announcement.id)
    assert [(m.name, m.why) for m in missed] == [("Wim", "unreachable")]

    # Known to be unreachable: the next one waits for him without calling Telegram.
    calls = len(bot.fake.sent(people["Wim"][0].id))
    await announce(bot, carla)
    await settle(bot)
    assert len(bot.fake.sent(people["Wim"][0].id)) == calls


async def test_each_copy_is_one_row_with_a_unique_key_written_with_the_announcement(
    bot: Harness,
) -> None:
    people = await neighbourhood(bot)
    announcement = await announce(bot, people["Carla"][1])
    async with bot.services.db.read() as tx:
        keys = [r[0] for r in await tx.fetchall("SELECT key FROM outbox ORDER BY key")]
        recipients = await tx.fetchall(
            "SELECT person_id FROM announcement_recipients WHERE announcement_id = ?",
            (announcement.id,),
        )
    ids = {name: person.id for name, (_, person) in people.items()}
    assert keys == sorted(
        ["an:1:status", *(f"an:1:to:{ids[name]}" for name in ("Vera", "Wim", "Eva"))]
    )
    assert len(recipients) == 3 == (await stored(bot, announcement.id)).recipients
    await settle(bot)
    bot = await bot.restart()  # a new process sends nothing again
    await settle(bot)
    assert [len(copies_to(bot, chat)) for chat, _ in people.values()] == [0, 0, 1, 1, 1, 0, 0, 0, 0]
    assert NOORD_VOLUNTEERS.to_json() == (await stored(bot, announcement.id)).audience
    await bot.stop()
