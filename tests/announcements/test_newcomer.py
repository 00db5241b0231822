"""What a newcomer ran into in the sandbox: a past day typed without a year, the reminders
left behind by a withdrawal, and words that promised more than the report shows."""

from __future__ import annotations

from tests.announcements.steps import announce, compose, copies_to, neighbourhood, settle, write
from tests.dialogue import Harness

REMINDER = "🔔 Herinnering: wil je deze mededeling lezen? Tik daarna op <b>Gelezen 👍</b>."


async def test_a_day_already_past_this_year_is_shown_with_next_years_year(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    await compose(carla)
    await carla.press("🕓 Inplannen")
    reply = await carla.send("20-11 09:00")  # three days ago: it can only mean next year
    assert "Wanneer: za 20-11-2027 09:00." in reply.texts[-1]
    reply = await carla.press("📣 Versturen")
    assert reply.texts[-1] == (
        "🕓 Ingepland voor za 20-11-2027 09:00. Tot dan kun je hem stoppen via /bericht."
    )
    reply = await carla.send("/bericht")
    assert reply.buttons[1].startswith("🕓 A-0001 · za 20-11-2027 09:00 · ")
    reply = await carla.press(reply.buttons[1])
    assert "Gaat op: za 20-11-2027 09:00" in reply.text


async def test_a_day_this_year_is_shown_without_a_year(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    await compose(carla)
    await carla.press("🕓 Inplannen")
    reply = await carla.send("24-12 09:00")
    assert "Wanneer: do 24-12 09:00." in reply.texts[-1]


async def test_withdrawing_deletes_the_reminders_too(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    announcement = await announce(bot, people["Carla"][1], important=True)
    await settle(bot)
    follow_up = bot.services.announcements.follow_up
    await follow_up.acknowledge(None, people["Vera"][0].id, announcement.id)
    assert await follow_up.remind(None, carla.id, announcement.id) == 2
    await bot.deliver()
    reminders = {n: bot.fake.delivered(people[n][0].id)[-1] for n in ("Wim", "Eva")}
    assert reminders["Wim"].params["text"] == REMINDER
    await bot.services.announcements.changes.withdraw(None, carla.id, announcement.id)
    await settle(bot)
    for name, reminder in reminders.items():
        chat = people[name][0]
        deleted = [d.params["message_id"] for d in bot.fake.delivered(chat.id, "deleteMessage")]
        assert deleted == [copies_to(bot, chat)[0].message_id, reminder.message_id]
    [vera_deleted] = bot.fake.delivered(people["Vera"][0].id, "deleteMessage")  # she read it
    assert vera_deleted.params["message_id"] == copies_to(bot, people["Vera"][0])[0].message_id
    assert bot.fake.delivered(carla.id)[-1].params["text"] == (
        "🗑 <b>Mededeling A-0001 is ingetrokken.</b>\nVerwijderd bij 3 mensen.\n"
        "De herinnering is ook verwijderd, bij 2 mensen."
    )


async def test_a_reminder_older_than_48_hours_stays_and_the_report_says_so(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    announcement = await announce(bot, people["Carla"][1], important=True)
    await settle(bot)
    follow_up = bot.services.announcements.follow_up
    await follow_up.acknowledge(None, people["Vera"][0].id, announcement.id)
    await follow_up.remind(None, carla.id, announcement.id)
    await bot.deliver()
    bot.clock.advance(hours=49)  # Telegram keeps a bot's messages after 48 hours
    await bot.services.announcements.changes.withdraw(None, carla.id, announcement.id)
    await settle(bot)
    assert bot.fake.delivered(people["Wim"][0].id, "deleteMessage") == []
    assert bot.fake.delivered(carla.id)[-1].params["text"] == (
        "🗑 <b>Mededeling A-0001 is ingetrokken.</b>\nVerwijderd bij 0 mensen.\n"
        "Bij 3 kon het niet (ouder dan 48 uur, al weg of bot geblokkeerd): Eva, Vera, Wim\n"
        "De herinnering bleef staan bij 2 (ouder dan 48 uur, al weg of bot geblokkeerd): Eva, Wim"
    )


async def test_a_reminder_still_waiting_for_the_morning_is_not_sent(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    announcement = await announce(bot, people["Carla"][1], important=True)
    await settle(bot)
    bot.clock.advance(hours=12)  # into the quiet hours: the reminders wait for the morning
    follow_up = bot.services.announcements.follow_up
    assert await follow_up.remind(None, carla.id, announcement.id) == 3
    await bot.services.announcements.changes.withdraw(None, carla.id, announcement.id)
    await settle(bot)
    bot.clock.advance(hours=12)
    await bot.deliver()
    assert REMINDER not in [c.params.get("text") for c in bot.fake.delivered(people["Wim"][0].id)]
    assert bot.fake.delivered(carla.id)[-1].params["text"] == (
        "🗑 <b>Mededeling A-0001 is ingetrokken.</b>\nVerwijderd bij 3 mensen."
    )


async def test_nothing_ticked_reads_as_all_not_as_left_empty(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    await carla.send("/bericht")
    await carla.press("🔎 Kiezen: rol, wijk, interesse")
    reply = await carla.press("Klaar")
    assert reply.texts[0].endswith("alle rollen.\n\n<b>Rollen: alle rollen</b> ✓")
    await carla.press("Noord")
    assert (await carla.press("Klaar")).texts[0].endswith("<b>Wijken: Noord</b> ✓")
    reply = await carla.press("Klaar")
    assert reply.texts[0].endswith("<b>Interesse: alle interesses</b> ✓")


async def test_the_sender_sees_who_did_not_read_it_yet_and_when_they_were_reminded(
    bot: Harness,
) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    await compose(carla)
    await carla.press("📣 Versturen")
    await settle(bot)
    await people["Vera"][0].press("Gelezen 👍")
    reply = await carla.send("/bericht")
    card = await carla.press(reply.buttons[1])
    assert "Gelezen: 1 van 3" in card.text and "Herinnerd" not in card.text
    reply = await carla.press("👀 Wie het nog niet las")
    assert reply.text == (
        "<b>Nog niet gelezen (2)</b>\n• Eva (Noord), vrijwilliger\n• Wim (Noord), vrijwilliger"
    )
    await carla.press("← Terug")
    await carla.press("🔔 Herinner wie het nog niet las")
    reply = await carla.press("🔔 Ja, herinner ze")
    assert "\nHerinnerd: ma 23-11 10:00" in reply.text


async def test_the_important_question_promises_what_the_report_shows(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    await carla.send("/bericht")
    await carla.press("👥 Iedereen")
    reply = await write(carla, "Kerstlunch vrijdag.")
    assert reply.texts[-1] == (
        "Is het belangrijk? Dan krijgt iedereen een knop Gelezen 👍. Jij ziet dan hoeveel mensen"
        " het gelezen hebben, en wie nog niet."
    )
