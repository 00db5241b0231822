"""Residents' names and birth dates in signals, questions and follow-ups: the guard names the
kind and never the data; the people in the bot are no residents."""

from __future__ import annotations

from storage.people import Role
from tests.dialogue import Chatter, Harness, last_text
from tests.questions.steps import ask
from tests.signals.steps import (
    ASK_URGENCY,
    from_urgency_to_summary,
    to_description,
)
from tests.stored import questions_of, signals_of

KEEP = "Laten staan, het is nodig"


async def test_a_residents_name_and_birth_date_are_named_not_echoed(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await to_description(anna)

    reply = await anna.send("mevrouw jansen op de hoek, geboren 12-03-1948, komt de deur niet uit")
    assert "<b>een geboortedatum en een naam</b>" in reply.text
    assert "jansen" not in reply.text and "1948" not in reply.text
    assert reply.buttons == ["✏️ Tekst aanpassen", KEEP]

    await anna.press(KEEP)
    reply = await anna.send("De huisarts moet weten wie het is.")
    assert reply.text == ASK_URGENCY
    await from_urgency_to_summary(anna)
    await anna.press("✅ Versturen")
    [signal] = await signals_of(bot)
    assert signal.privacy_kept == ("birthdate", "name")
    assert "Bewust laten staan: een geboortedatum en een naam." in last_text(carla)


async def test_the_people_in_the_bot_are_no_residents(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla Mulder")
    await bot.member(Role.PROFESSIONAL, "Pieter de Vries")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await to_description(anna)

    reply = await anna.send("ik heb het met pieter de vries en Carla Mulder besproken")
    assert reply.text == ASK_URGENCY

    await anna.send("/annuleer")
    await to_description(anna)
    reply = await anna.send("ik heb het met henk de vries besproken")
    assert "<b>een naam</b>" in reply.text


async def test_a_first_name_or_a_volunteers_name_exempts_no_resident(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla Mulder")
    await bot.member(Role.PROFESSIONAL, "Pieter")
    await bot.member(Role.VOLUNTEER, "Henk")
    await bot.member(Role.VOLUNTEER, "Anouk Visser")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")

    for text in (
        "Henk Bakker uit de flat komt al weken de deur niet uit",
        "pieter jansen zit de hele dag alleen",
        "anouk visser heeft zelf ook hulp nodig met haar post",
    ):
        await to_description(anna)
        assert "<b>een naam</b>" in (await anna.send(text)).text, text
        await anna.send("/annuleer")

    await to_description(anna)
    assert (await anna.send("carla mulder belt de huisarts")).text == ASK_URGENCY


async def test_someone_who_joins_is_known_at_the_next_check(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    text = "Fatima Yilmaz van het sociaal loket helpt met de formulieren"
    await to_description(anna)
    assert "<b>een naam</b>" in (await anna.send(text)).text

    await bot.member(Role.PROFESSIONAL, "Fatima Yilmaz")
    await anna.send("/annuleer")
    await to_description(anna)
    assert (await anna.send(text)).text == ASK_URGENCY


async def test_a_question_naming_a_residents_son_is_checked(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/vraag")
    await anna.press("Ouderen")
    reply = await anna.send("haar zoon Mohamed komt nooit, mag ik hem bellen?")
    assert "<b>een naam</b>" in reply.text and "Mohamed" not in reply.text
    assert reply.buttons == ["✏️ Tekst aanpassen", KEEP]


async def test_a_follow_up_with_a_name_is_held(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await ask(anna)
    await carla.press("Beantwoorden")
    await carla.send("Bij het Geldloket.")
    sent_to_carla = len(carla.inbox())

    await anna.press("Nog een vraag hierover")
    reply = await anna.send("Het gaat om meneer El Amrani, kan hij daar ook heen?")
    assert reply.text.startswith("Let op: ik zie iets wat iemand kan herkennen in je bericht")
    assert "<b>een naam</b>" in reply.text and "Amrani" not in reply.text
    assert len(carla.inbox()) == sent_to_carla
    assert (await questions_of(bot))[0].status == "answered"


async def test_english_warnings_name_the_kinds_in_english(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    anna: Chatter
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna", language="en")
    await anna.send("/report")
    await anna.press("Loneliness")
    await anna.press("Noord")
    reply = await anna.send("Mrs Jansen, born 2 April 1940, has not been out for weeks")
    assert "<b>a date of birth and a name</b>" in reply.text
    assert "Jansen" not in reply.text and "1940" not in reply.text
