"""Registration by invitation, per role and language, as a dialogue."""

from __future__ import annotations

from storage.people import Role
from tests.dialogue import Harness


async def invite(bot: Harness, role: Role, **options: object) -> str:
    created = await bot.services.invites.create(role, **options)  # type: ignore[arg-type]
    return created.code


async def test_volunteer_registers_in_dutch(bot: Harness) -> None:
    coordinator, _ = await bot.member(Role.COORDINATOR, "Carla")
    code = await invite(bot, Role.VOLUNTEER)
    anna = bot.chatter("Anna", "nl")

    reply = await anna.send(f"/start {code}")
    assert "Welkom bij <b>Buurtwerk Utrecht</b>" in reply.texts[0]
    assert "vrijwilliger" in reply.texts[0]
    assert reply.text.startswith("Hoe wil je genoemd worden?")

    reply = await anna.send("Anna de Vries")
    assert reply.text == "In welke wijk ben je actief?"
    assert reply.buttons == ["Noord", "Zuid", "Centrum"]

    reply = await anna.press("Zuid")
    assert reply.text.startswith("Waar wil je graag aan meehelpen?")
    assert reply.buttons == ["Ouderen", "Schuldhulp", "Jongeren", "Klaar"]

    reply = await anna.press("Ouderen")
    assert reply.methods() == ["answerCallbackQuery", "editMessageReplyMarkup"]
    assert reply.buttons == ["✅ Ouderen", "Schuldhulp", "Jongeren", "Klaar"]

    reply = await anna.press("Klaar")
    assert reply.text.startswith("Wanneer ben je meestal beschikbaar?")
    await anna.press("In het weekend")
    reply = await anna.press("Klaar")
    assert reply.text == "Hoeveel diensten per week wil je maximaal doen?"
    assert reply.buttons == ["1", "2", "3", "4", "5", "Overslaan"]

    reply = await anna.press("2")
    assert reply.text.startswith("Waarom wil je vrijwilliger zijn?")
    reply = await anna.send("Ik wil mijn buurt helpen.")
    assert "<b>Jouw taak als vrijwilliger</b>" in reply.text
    assert "Veilig Thuis, 0800-2000" in reply.text
    assert "<b>Afspraken over privacy</b>" in reply.text
    assert reply.buttons == ["✅ Ik ga akkoord", "Ik ga niet akkoord"]

    reply = await anna.press("✅ Ik ga akkoord")
    assert reply.said[0].startswith("Je bent aangemeld, Anna de Vries.")
    menu = [c for c in reply if c.method == "sendMessage"][-1].params["reply_markup"]
    assert [b["text"] for row in menu["keyboard"] for b in row] == [
        "📣 Signaal melden",
        "📋 Mijn signalen",
        "❓ Vraag stellen",
        "📋 Mijn vragen",
        "🗓 Diensten",
        "📅 Mijn diensten",
        "👤 Profiel",
        "🗂 Mijn gegevens",
        "ℹ️ Hulp",
    ]

    commands = bot.fake.sent(anna.id, "setMyCommands")
    assert len(commands) == 1
    assert commands[0].params["scope"] == {"type": "chat", "chat_id": anna.id}
    assert [c["command"] for c in commands[0].params["commands"]][:10] == [
        "diensten",
        "mijndiensten",
        "signaal",
        "mijnsignalen",
        "vraag",
        "mijnvragen",
        "faq",
        "pauze",
        "checkin",
        "overleg",
    ]

    notice = coordinator.inbox()[-1]
    assert notice.text == "Nieuw aangemeld: Anna de Vries als vrijwilliger (wijk: Zuid)."

    reply = await anna.send("/profiel")
    assert "Interesses: Ouderen" in reply.text
    assert "Beschikbaar: In het weekend" in reply.text
    assert "Maximaal aantal diensten per week: 2" in reply.text
    assert "Motivatie: Ik wil mijn buurt helpen." in reply.text
