"""After sending, as dialogues: the report and who was missed, "Gelezen 👍" and the one
reminder, correcting and withdrawing from the card, and replies that reach only the sender."""

from __future__ import annotations

from storage.people import Role
from tests.announcements.steps import (
    compose,
    copies_to,
    neighbourhood,
    reply_to,
    settle,
    write,
)
from tests.dialogue import Chatter, Harness
from tests.people.steps import seed


async def sent(bot: Harness, carla: Chatter, **options: object) -> None:
    await compose(carla, **options)  # type: ignore[arg-type]
    await carla.press("📣 Versturen")
    await settle(bot)


async def test_the_report_names_who_was_not_reached(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    bot.fake.blocked.add(people["Wim"][0].id)
    await sent(bot, carla)
    report = bot.fake.delivered(carla.id)[-1]
    assert report.params["text"].splitlines()[4:] == [
        "✅ Afgeleverd: 2",
        "🚫 Niet bereikbaar: 1 (bot geblokkeerd of gestopt)",
        "⚠️ Mislukt: 0",
        "👍 Gelezen: 0 van 2",
    ]
    reply = await carla.press("📞 Wie niet bereikt (1)")
    assert reply.text == (
        "<b>Niet bereikt (1)</b>\nBel ze even, of vraag een collega dat te doen.\n"
        "• Wim (Noord), vrijwilliger: heeft de bot geblokkeerd of is gestopt"
    )
    reply = await carla.press("← Terug")
    assert reply.text.startswith("📣 <b>Mededeling A-0001</b> — verstuurd")


async def test_read_once_then_one_reminder_for_the_rest(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla, vera, eva = people["Carla"][0], people["Vera"][0], people["Eva"][0]
    await sent(bot, carla)
    reply = await vera.press("Gelezen 👍")
    assert reply.toast == "Dank je! De afzender ziet dat je het gelezen hebt."
    assert reply.buttons == ["✅ Gelezen"]
    assert (await vera.press("✅ Gelezen")).toast == "Dat had je al laten weten. Dank je!"
    reply = await eva.press("Read 👍")
    assert reply.toast == "Thank you! The sender sees that you have read it."

    reply = await carla.press("🔄 Vernieuwen")
    assert "👍 Gelezen: 2 van 3" in reply.text
    reply = await carla.press("🔔 Herinner wie het nog niet las")
    assert reply.text.endswith(
        "Iedereen die nog niet op Gelezen tikte, krijgt één herinnering. Dat kan maar één"
        " keer. Doorgaan?"
    )
    reply = await carla.press("🔔 Ja, herinner ze")
    assert reply.toast == "Herinnering gaat naar 1 persoon."
    assert "🔔 Herinner wie het nog niet las" not in reply.buttons
    await settle(bot)
    wim = people["Wim"][0]
    reminder = wim.inbox()[-1]
    assert reminder.text == (
        "🔔 Herinnering: wil je deze mededeling lezen? Tik daarna op <b>Gelezen 👍</b>."
    )
    assert reminder.params["reply_parameters"]["message_id"] == copies_to(bot, wim)[0].message_id
    assert (await carla.press_data("an:yes:rem:1")).toast == (
        "Je hebt al een keer herinnerd. Dat kan maar één keer."
    )
    assert (await people["Zara"][0].press_data("an:ack:1")).toast == (
        "Dat kan alleen met een andere rol. Dit is niet voor jou bedoeld."
    )


async def test_correcting_edits_every_copy_with_its_formatting(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla, vera = people["Carla"][0], people["Vera"][0]
    await sent(bot, carla)
    await vera.press("Gelezen 👍")
    reply = await carla.press("✏️ Tekst verbeteren")
    assert reply.texts[-1].startswith("Typ de verbeterde tekst.")
    reply = await write(
        carla,
        "Kerstlunch vrijdag 20 december om 12:30.",
        [{"type": "italic", "offset": 31, "length": 5}],
    )
    preview, control = [c for c in reply if c.method == "sendMessage"]
    assert "om 12:30." in preview.params["text"]
    assert control.text == (
        "<b>Zo ziet mededeling A-0001 er straks uit</b> (hierboven).\n\n"
        "Iedereen die hem kreeg of nog krijgt, ziet dan deze tekst. Verbeteren?"
    )
    reply = await carla.press("✏️ Verbeteren")
    assert reply.texts[-1] == (
        "Wordt verbeterd in 3 berichten. Je krijgt bericht als het klaar is."
    )
    await settle(bot)
    [edit] = bot.fake.delivered(vera.id, "editMessageText")
    assert edit.message_id == copies_to(bot, vera)[0].message_id
    assert edit.params["entities"][1] == {"type": "italic", "offset": 56, "length": 5}
    assert edit.buttons == ["✅ Gelezen"]
    assert bot.fake.delivered(carla.id)[-1].text == (
        "✏️ Mededeling A-0001 is verbeterd in 3 berichten."
    )


async def test_withdrawing_from_the_card(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla, vera = people["Carla"][0], people["Vera"][0]
    await sent(bot, carla)
    reply = await carla.press("🗑 Intrekken")
    assert reply.text.endswith(
        "De mededeling wordt verwijderd bij iedereen die hem korter dan 48 uur geleden kreeg."
        " Wie hem nog niet kreeg, krijgt hem niet meer. Doorgaan?"
    )
    reply = await carla.press("🗑 Ja, intrekken")
    assert reply.toast == "Wordt ingetrokken. Je krijgt bericht als het klaar is."
    assert reply.text.startswith("🗑 <b>Mededeling A-0001</b> — ingetrokken")
    await settle(bot)
    [deleted] = bot.fake.delivered(vera.id, "deleteMessage")
    assert deleted.params["message_id"] == copies_to(bot, vera)[0].message_id
    assert bot.fake.delivered(carla.id)[-1].text == (
        "🗑 <b>Mededeling A-0001 is ingetrokken.</b>\nVerwijderd bij 3 mensen."
    )
    assert (await vera.press("Gelezen 👍")).toast == "Deze mededeling is ingetrokken."


async def test_a_reply_reaches_only_the_sender(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla, vera = people["Carla"][0], people["Vera"][0]
    await sent(bot, carla)
    copy = copies_to(bot, vera)[0]
    assert copy.message_id is not None
    reply = await reply_to(vera, "Ik neem een taart mee!", copy.message_id)
    assert reply.text == "Je reactie is naar Carla gestuurd. Alleen Carla leest hem."
    await bot.deliver()
    assert carla.inbox()[-1].text == (
        "💬 <b>Reactie van Vera (Noord)</b>, vrijwilliger, op mededeling A-0001"
        " „Kerstlunch vrijdag 20 december om 12:00.”:\n\nIk neem een taart mee!"
    )
    for name in ("Wim", "Eva", "Pieter"):
        assert "taart" not in str(people[name][0].inbox())
    other = await reply_to(vera, "hallo", 1)  # a reply to anything else reads as usual
    assert other.text.startswith("Dat begrijp ik niet.")


async def test_a_professional_sees_only_their_own(bot: Harness) -> None:
    people = await neighbourhood(bot)
    await sent(bot, people["Carla"][0])
    piet, _ = await seed(bot, "Piet", Role.PROFESSIONAL, "Zuid")
    reply = await piet.send("/bericht")
    assert reply.texts[-1].startswith("Typ je mededeling.")  # none of his own to list
    assert (await piet.press_data("an:show:1")).toast == (
        "Dat kan alleen met een andere rol. Dit is niet voor jou bedoeld."
    )


async def test_alumni_read_an_announcement_to_alumni(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla, adam = people["Carla"][0], people["Adam"][0]
    await sent(bot, carla, who=("👋 Oud-deelnemers",))
    assert (await adam.press("Gelezen 👍")).toast == (
        "Dank je! De afzender ziet dat je het gelezen hebt."
    )
    assert (await adam.send("/bericht")).text.startswith("Je doet niet meer actief mee.")


async def test_who_blocked_the_bot_gets_it_when_they_write_again(bot: Harness) -> None:
    people = await neighbourhood(bot)
    carla, wim = people["Carla"][0], people["Wim"][0]
    bot.fake.blocked.add(wim.id)
    await sent(bot, carla)
    assert copies_to(bot, wim) == []
    bot.fake.blocked.discard(wim.id)
    await wim.send("/hulp")
    await settle(bot)
    assert len(copies_to(bot, wim)) == 1
    reply = await carla.press("🔄 Vernieuwen")
    assert "✅ Afgeleverd: 3" in reply.text and "🚫 Niet bereikbaar: 0" in reply.text
