"""/pauze: a person's own break ("even pauze") until a date or without one, with a reason only
they see; ending it, its end by itself, and how it shows to them and to coordinators."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.people.audiences import Audience
from storage.people import Role, Status
from tests.answers import EXPIRED, PAUSED
from tests.dialogue import Chatter, Harness
from tests.people.steps import seed
from tests.stored import person_of

CHOOSE = (
    "<b>Even pauze</b>\n"
    "Wil je een tijdje geen aanbiedingen voor diensten, check-ins en mededelingen? Dringende"
    " berichten krijg je wel, en alles in de bot blijft werken.\n\nHoe lang wil je pauze?"
)
CHOOSE_BUTTONS = ["1 week", "2 weken", "1 maand", "Tot en met een datum…", "Geen einddatum"]
MEANING = (
    "Je krijgt nu geen aanbiedingen voor diensten, geen check-ins en geen mededelingen,"
    " behalve dringende. Alles in de bot blijft werken."
)
ON_PAUSE_BUTTONS = ["Ik ben er weer", "Andere einddatum", "Reden erbij zetten"]
TYPE_DATE = "Typ de laatste dag van je pauze, bijvoorbeeld 24-12 of 24-12-2027."


def on_pause(until: str | None, reason: str | None = None) -> str:
    first = f"Je hebt pauze tot en met {until}." if until else "Je hebt pauze, zonder einddatum."
    lines = [f"<b>Even pauze</b>\n{first}"]
    if reason:
        lines.append(f"Je reden (alleen voor jou): {reason}")
    return "\n".join([*lines, "", MEANING])


async def reached(bot: Harness) -> list[str]:
    """Who a non-urgent message to all volunteers reaches now."""
    return [r.name for r in await bot.services.audiences.recipients(Audience.new_volunteers(365))]


async def volunteer(bot: Harness, name: str = "Vera", language: str = "nl") -> Chatter:
    chatter, _ = await seed(bot, name, Role.VOLUNTEER, "Noord", language)
    return chatter


@pytest.mark.parametrize(
    ("button", "until"),
    [
        ("1 week", "29-11-2026"),
        ("2 weken", "06-12-2026"),
        ("1 maand", "22-12-2026"),
        ("Geen einddatum", None),
    ],
)
async def test_each_button_starts_a_pause(bot: Harness, button: str, until: str | None) -> None:
    vera = await volunteer(bot)
    reply = await vera.send("/pauze")
    assert (reply.text, reply.buttons) == (CHOOSE, CHOOSE_BUTTONS)

    reply = await vera.press(button)
    assert reply.methods() == ["answerCallbackQuery", "editMessageText"]
    assert (reply.text, reply.buttons) == (on_pause(until), ON_PAUSE_BUTTONS)
    assert await reached(bot) == []
    assert (await vera.send("/pauze")).text == on_pause(until)


async def test_a_typed_date_day_month_or_with_the_year(bot: Harness) -> None:
    vera = await volunteer(bot)
    await vera.send("/pauze")
    reply = await vera.press("Tot en met een datum…")
    assert reply.text == TYPE_DATE
    assert (await vera.send("24-12")).text == on_pause("24-12-2026")

    await vera.press("Andere einddatum")
    await vera.press("Tot en met een datum…")
    assert (await vera.send("5/1")).text == on_pause("05-01-2027")  # January comes next year

    await vera.press("Andere einddatum")
    await vera.press("Tot en met een datum…")
    assert (await vera.send(" 1.3.2027 ")).text == on_pause("01-03-2027")


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("20-11-2026", "Die datum is al voorbij. Typ een datum vanaf vandaag."),
        ("20-11", "Die datum is al voorbij. Typ een datum vanaf vandaag."),  # 3 days ago
        (
            "24-12-2027",
            "Dat is meer dan een jaar vooruit. Typ een datum binnen een jaar,"
            " of kies Geen einddatum.",
        ),
        (
            "volgende week",
            "Die datum begrijp ik niet. Typ dag-maand, bijvoorbeeld 24-12,"
            " of dag-maand-jaar, bijvoorbeeld 24-12-2027.",
        ),
        (
            "31-02",
            "Die datum begrijp ik niet. Typ dag-maand, bijvoorbeeld 24-12,"
            " of dag-maand-jaar, bijvoorbeeld 24-12-2027.",
        ),
    ],
)
async def test_a_wrong_date_gets_a_clear_answer_and_the_question_waits(
    bot: Harness, typed: str, answer: str
) -> None:
    vera = await volunteer(bot)
    await vera.send("/pauze")
    await vera.press("Tot en met een datum…")
    reply = await vera.send(typed)
    assert reply.texts == [answer]
    assert await reached(bot) == ["Vera"]
    assert (await vera.send("23-11")).text == on_pause("23-11-2026")  # today is fine


async def test_i_am_back_ends_it(bot: Harness) -> None:
    vera = await volunteer(bot)
    await vera.send("/pauze")
    await vera.press("Geen einddatum")
    reply = await vera.press("Ik ben er weer")
    assert reply.text == (
        "Welkom terug! Je krijgt weer alles: aanbiedingen voor diensten, check-ins en mededelingen."
    )
    assert reply.buttons == []
    assert await reached(bot) == ["Vera"]
    person = await person_of(bot, vera.id)
    assert person is not None and person.own_pause is None

    reply = await vera.press_data("pz:back")
    assert reply.text == "Je hebt op dit moment geen pauze."
    assert (await vera.send("/pauze")).text == CHOOSE


async def test_it_ends_by_itself_after_its_last_day(bot: Harness) -> None:
    vera = await volunteer(bot)
    carla, _ = await seed(bot, "Carla", Role.COORDINATOR)
    await vera.send("/pauze")
    await vera.press("1 week")

    bot.clock.now = datetime(2026, 11, 29, 22, 59, tzinfo=UTC)  # 23:59 on the last day
    assert await reached(bot) == []
    assert (await vera.send("/pauze")).text == on_pause("29-11-2026")

    bot.clock.advance(minutes=1)
    assert await reached(bot) == ["Vera"]
    assert (await vera.send("/pauze")).text == CHOOSE
    assert "pauze" not in (await vera.send("/profiel")).text
    assert "pauze" not in (await carla.send("/mensen")).buttons[3]


async def test_a_reason_only_they_see(bot: Harness) -> None:
    vera = await volunteer(bot)
    carla, _ = await seed(bot, "Carla", Role.COORDINATOR)
    await vera.send("/pauze")
    await vera.press("2 weken")
    reply = await vera.press("Reden erbij zetten")
    assert reply.text == (
        "Typ je reden. Alleen jij ziet die, de coördinatoren niet. Stoppen kan met /annuleer."
    )
    reply = await vera.send("Mijn moeder is ziek <3")
    assert reply.text == on_pause("06-12-2026", "Mijn moeder is ziek &lt;3")
    assert reply.buttons == ["Ik ben er weer", "Andere einddatum", "Reden wijzigen"]

    # Another end date keeps the reason.
    await vera.press("Andere einddatum")
    reply = await vera.press("1 maand")
    assert reply.text == on_pause("22-12-2026", "Mijn moeder is ziek &lt;3")

    profile = (await vera.send("/profiel")).text
    assert profile.endswith(
        "Even pauze: tot en met 22-12-2026\nJe reden (alleen voor jou): Mijn moeder is ziek &lt;3"
    )
    await carla.send("/mensen")
    card = (await carla.press("Vera · vrijwilliger · Noord · even pauze t/m 22-12")).text
    assert "Even pauze (zelf gekozen): tot en met 22-12-2026" in card
    assert "ziek" not in card
    assert "Status: actief" in card


async def test_coordinators_see_it_on_the_card_and_in_the_list(bot: Harness) -> None:
    vera = await volunteer(bot)
    carla, _ = await seed(bot, "Carla", Role.COORDINATOR)
    await seed(bot, "Paul", Role.VOLUNTEER, status=Status.PAUSED)
    await vera.send("/pauze")
    await vera.press("Geen einddatum")

    reply = await carla.send("/mensen")
    assert reply.buttons[3:] == [
        "Carla · coördinator · Noord",
        "Paul · vrijwilliger · Noord · gepauzeerd",
        "Vera · vrijwilliger · Noord · even pauze",
    ]
    reply = await carla.press("Vera · vrijwilliger · Noord · even pauze")
    assert reply.text.endswith(
        "Status: actief\nAangemeld op: 23-11-2026\nEven pauze (zelf gekozen): zonder einddatum"
    )
    assert reply.buttons[0] == "Pauzeren"  # the coordinator's own pause stays a separate thing


async def test_on_pause_every_command_still_works(bot: Harness) -> None:
    vera = await volunteer(bot)
    await vera.send("/pauze")
    await vera.press("1 week")
    assert (await vera.send("/mijnsignalen")).text == (
        "Je hebt nog geen signalen gemeld. Kies 📣 Signaal melden om er een te melden."
    )
    reply = await vera.send("/signaal")
    assert reply.text == "Waar gaat het over? Kies wat het beste past."
    assert "/pauze – even pauze" in (await vera.send("/hulp")).text


async def test_a_person_a_coordinator_paused_cannot_use_it(bot: Harness) -> None:
    paul, _ = await seed(bot, "Paul", Role.VOLUNTEER, status=Status.PAUSED)
    assert (await paul.send("/pauze")).text == PAUSED
    assert (await paul.press_data("pz:p:1w")).toast == PAUSED
    person = await person_of(bot, paul.id)
    assert person is not None and person.own_pause is None


@pytest.mark.parametrize("data", ["pz:p:forever", "pz:p", "pz:nonsense", "pz:"])
async def test_forged_buttons_change_nothing(bot: Harness, data: str) -> None:
    vera = await volunteer(bot)
    assert (await vera.press_data(data)).toast == EXPIRED
    person = await person_of(bot, vera.id)
    assert person is not None and person.own_pause is None


async def test_in_english(bot: Harness) -> None:
    vera = await volunteer(bot, language="en")
    reply = await vera.send("/pause")
    assert reply.buttons == [
        "1 week",
        "2 weeks",
        "1 month",
        "Up to and including a date…",
        "No end date",
    ]
    await vera.press("Up to and including a date…")
    assert (await vera.send("yesterday")).text.startswith("I do not understand that date.")
    reply = await vera.send("24-12")
    assert reply.text.startswith(
        "<b>Taking a break</b>\nYou are on a break up to and including 24-12-2026."
    )
    reply = await vera.press("I am back")
    assert reply.text.startswith("Welcome back!")


async def test_my_data_has_it_and_forgetting_erases_it(bot: Harness) -> None:
    vera = await volunteer(bot)
    await vera.send("/pauze")
    await vera.press("1 week")
    await vera.press("Reden erbij zetten")
    await vera.send("Even op adem komen")

    reply = await vera.send("/mijngegevens")
    assert "Even pauze: tot en met 29-11-2026" in reply.texts[0]
    document = next(c for c in reply if c.method == "sendDocument")
    data = json.loads(next(iter(document.files.values())))
    assert data["person"]["own_pause"] == {
        "since": "2026-11-23T10:00:00+01:00",  # Amsterdam time, as the rest of the file
        "until": "2026-11-30T00:00:00+01:00",  # the moment it ends: after its last day
        "reason": "Even op adem komen",
    }

    await vera.send("/vergeet")
    await vera.press("Ja, wis mijn gegevens")
    assert await person_of(bot, vera.id) is None
    async with bot.services.db.read() as tx:
        assert await tx.fetchone("SELECT 1 FROM people WHERE own_pause_reason IS NOT NULL") is None


async def test_a_draft_is_not_thrown_away_for_a_typed_date(bot: Harness) -> None:
    vera = await volunteer(bot)
    await vera.send("/signaal")
    await vera.send("/pauze")
    reply = await vera.press("Tot en met een datum…")
    assert reply.toast is not None and reply.toast.startswith("Je bent nog bezig met een signaal.")
