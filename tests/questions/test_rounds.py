"""A follow-up starts a new round: a fresh answer deadline with its own reminder and
escalation, and it reaches someone who can answer even when the owner left or is away."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.questions import deadlines
from storage.people import Role
from storage.timestamps import to_db
from tests.dialogue import Harness, last_text, settings_for, tick
from tests.people.steps import away_for_a_week_with
from tests.questions.steps import ask, rule
from tests.stored import questions_of, thread_of, waiting_timers


async def test_a_follow_up_gets_its_own_deadline_reminder_and_escalation(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await rule(bot, None, piet_person)
    await ask(anna)
    [question] = await questions_of(bot)
    bot.clock.now = question.answer_due_at
    assert (await tick(bot)).fired["question.remind"] == 1  # round 1: late, reminded
    await piet.press_data(f"q:ans:{question.id}")
    await piet.send("Bij het Geldloket.")

    bot.clock.advance(hours=1)
    await anna.press_data(f"q:more:{question.id}")
    await anna.send("Ook op zaterdag?")
    [question] = await questions_of(bot)
    assert question.status == "open" and question.waiting_since == bot.clock()
    hours = bot.services.deps.hours
    answer_hours = bot.settings.organisation.answer_hours(question.topic)
    assert question.answer_due_at == hours.add_working_hours(bot.clock(), answer_hours)

    bot.clock.now = question.answer_due_at - timedelta(seconds=1)
    assert (await tick(bot)).fired["question.remind"] == 0
    bot.clock.now = question.answer_due_at
    assert (await tick(bot)).fired["question.remind"] == 1  # round 2 has its own reminder
    assert "Vraag Q-0001 wacht nog op antwoord" in last_text(piet)
    assert (await tick(bot)).fired["question.remind"] == 0
    bot.clock.now = hours.add_working_hours(question.round_started_at, 3 * answer_hours)
    assert (await tick(bot)).fired["question.escalate"] == 1
    assert "Vraag Q-0001 is na 48 werkuren nog niet beantwoord" in last_text(carla)
    assert (await tick(bot)).fired["question.escalate"] == 0
    kinds = [m.kind for m in await thread_of(bot, question.id)]
    assert kinds.count("reminded") == 2 and kinds.count("escalated") == 1


async def test_a_follow_up_finds_someone_when_the_owner_left_or_is_away(bot: Harness) -> None:
    carla, carla_person = await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    pia, pia_person = await bot.member(Role.PROFESSIONAL, "Pia", wijk="Zuid")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await rule(bot, None, piet_person)
    await ask(anna)
    await piet.press_data("q:ans:1")
    await piet.send("Bij het Geldloket.")

    # Piet is away with Pia as his substitute: the follow-up goes to her, with the question.
    await away_for_a_week_with(piet, "Pia")
    await anna.press_data("q:more:1")
    await anna.send("Ook op zaterdag?")
    [question] = await questions_of(bot)
    assert question.owner_id == pia_person.id
    alert = pia.inbox()[-1]
    assert "Anna vraagt nog iets over Q-0001" in (alert.text or "")
    assert "Nieuwe vraag Q-0001" in (alert.text or "")  # she has not seen the question before
    assert alert.buttons == ["Beantwoorden", "Doorsturen", "📚 Antwoord voor iedereen"]
    await pia.press("Beantwoorden")
    await pia.send("Nee, alleen doordeweeks.")

    # Pia erases her data; the next follow-up goes by routing (Piet's rule: to Pia, his
    # substitute, is gone; Carla as the coordinator takes it).
    await pia.send("/vergeet")
    await pia.press("Ja, wis mijn gegevens")
    await anna.press_data("q:more:1")
    await anna.send("En op feestdagen?")
    [question] = await questions_of(bot)
    assert question.owner_id == carla_person.id
    assert "Anna vraagt nog iets over Q-0001" in last_text(carla)
    routed = [m.body for m in await thread_of(bot, question.id) if m.kind == "routed"]
    assert routed[-2:] == [f"follow-up to {pia_person.id}", f"follow-up to {carla_person.id}"]


async def test_an_asker_who_erases_their_data_withdraws_their_questions(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await rule(bot, None, piet_person)
    await ask(anna, "Waar kan mijn buurvrouw met aanmaningen heen?")
    await ask(anna, "Is er een budgetcursus?")
    await piet.press_data("q:ans:2")
    await piet.send("Ja, in het voorjaar.")
    await anna.press_data("q:done:2")

    await anna.send("/vergeet")
    await anna.press("Ja, wis mijn gegevens")

    first, second = await questions_of(bot)
    assert (first.text, second.text) == (None, None)
    assert (first.status, second.status) == ("closed", "closed")
    for question in (first, second):
        assert all(m.body is None for m in await thread_of(bot, question.id))
    withdrawn = [c.text for c in piet.inbox() if "ingetrokken" in (c.text or "")]
    assert withdrawn == [
        "Vraag Q-0001 is ingetrokken: de vrijwilliger heeft haar of zijn gegevens laten wissen."
        " Je hoeft niet meer te antwoorden."
    ]
    assert (await piet.send("/vragen")).text == "Er staan geen vragen open."


async def test_the_timers_follow_the_question_round_by_round(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    pia, _ = await bot.member(Role.PROFESSIONAL, "Pia", wijk="Zuid")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await rule(bot, None, piet_person)
    await ask(anna)
    [question] = await questions_of(bot)
    round_1 = to_db(question.created_at)
    asked = {
        f"question:1:escalate:{round_1}": deadlines.escalation_due(
            bot.settings, bot.services.deps.hours, question
        ),
        f"question:1:remind:{round_1}": question.answer_due_at,
    }
    assert await waiting_timers(bot, "question:1:") == asked

    # Passed on: the deadline stays; answered: nothing waits any more.
    await piet.press_data(f"q:re:{question.id}")
    await piet.press("Pia (Zuid)")
    await piet.send("Pia weet dit beter.")
    assert await waiting_timers(bot, "question:1:") == asked
    await pia.press("Beantwoorden")
    await pia.send("Bij het Geldloket.")
    assert await waiting_timers(bot, "question:1:") == {}

    # A follow-up starts round 2 with its own timers; closing it ends them.
    bot.clock.advance(hours=1)
    await anna.press_data(f"q:more:{question.id}")
    await anna.send("Ook op zaterdag?")
    round_2 = to_db(bot.clock())
    assert set(await waiting_timers(bot, "question:1:")) == {
        f"question:1:escalate:{round_2}",
        f"question:1:remind:{round_2}",
    }
    await anna.press_data(f"q:done:{question.id}")
    assert await waiting_timers(bot, "question:1:") == {}
    bot.clock.advance(days=10)
    assert not await tick(bot)


async def test_a_follow_up_before_the_answer_replaces_the_round(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await rule(bot, None, piet_person)
    await ask(anna)
    bot.clock.advance(hours=2)
    await anna.press_data("q:more:1")
    await anna.send("Het is best dringend.")
    [question] = await questions_of(bot)
    assert set(await waiting_timers(bot, "question:1:")) == {
        f"question:1:escalate:{to_db(bot.clock())}",
        f"question:1:remind:{to_db(bot.clock())}",
    }
    bot.clock.now = question.answer_due_at
    assert (await tick(bot)).fired == {"question.remind": 1}  # once, for the round that waits
    assert "Vraag Q-0001 wacht nog op antwoord" in last_text(piet)


async def test_an_asker_who_erases_their_data_leaves_no_timers(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    _, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await rule(bot, None, piet_person)
    await ask(anna)
    await anna.send("/vergeet")
    await anna.press("Ja, wis mijn gegevens")
    assert await waiting_timers(bot, "question:1:") == {}


@pytest.mark.parametrize(("hours", "said"), [(1, "1 werkuur"), (1.5, "1.5 werkuren")])
async def test_an_escalation_names_the_deadline_in_working_hours(
    tmp_path: Path, hours: float, said: str
) -> None:
    topic = {"key": "schulden", "nl": "Geldzorgen", "en": "Money worries", "answer_hours": hours}
    bot = await Harness(settings_for(tmp_path, organisation={"question_topics": [topic]})).start()
    try:
        carla, _ = await bot.member(Role.COORDINATOR, "Carla")
        anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
        await ask(anna)
        bot.clock.advance(days=3)  # past three times the deadline, in working hours
        assert (await tick(bot)).fired == {"question.remind": 1, "question.escalate": 1}
        assert f"(termijn: {said})" in last_text(carla)
    finally:
        await bot.stop()
