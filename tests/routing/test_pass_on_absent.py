"""Passing a signal or question on: the list marks who is away, and an absent person gets it
only through their substitute or after an explicit "send it anyway"."""

from __future__ import annotations

from storage.people import Person, Role
from tests.dialogue import Chatter, Harness
from tests.people.steps import away_for_a_week_with
from tests.questions.steps import ask
from tests.signals.steps import latest, report, team
from tests.stored import questions_of

PIA_AWAY = "Pia (Zuid) · afwezig t/m 29-11 · vervanger: Pim"
CONFIRM = "<b>Pia is afwezig t/m 29-11.</b>\nPim vervangt Pia. Naar wie stuur je S-0001?"


async def with_pia_away(bot: Harness) -> tuple[Chatter, Chatter, Chatter, Person, Person]:
    """Carla (coordinator), Anna's signal with Piet; Pia away for a week, Pim substitutes."""
    carla, _, pia, anna, _, pia_person = await team(bot)
    pim, pim_person = await bot.member(Role.PROFESSIONAL, "Pim")
    await away_for_a_week_with(pia, "Pim")
    await report(anna)
    return carla, pia, pim, pia_person, pim_person


async def test_the_list_marks_who_is_away_and_their_substitute(bot: Harness) -> None:
    carla, _, _, _, _ = await with_pia_away(bot)
    reply = await carla.press_data(f"sig:reassign:{(await latest(bot)).id}")
    assert reply.buttons == [PIA_AWAY, "Pim (Noord)"]


async def test_choosing_someone_away_offers_the_substitute(bot: Harness) -> None:
    carla, pia, pim, _, pim_person = await with_pia_away(bot)
    signal = await latest(bot)
    await carla.press_data(f"sig:reassign:{signal.id}")
    reply = await carla.press(PIA_AWAY)
    assert reply.text == CONFIRM
    assert reply.buttons == ["Naar Pim (vervanger)", "Toch naar Pia", "Iemand anders kiezen"]

    reply = await carla.press("Naar Pim (vervanger)")
    assert reply.text.startswith("Waarom stuur je het door?")
    await carla.send("Pia is weg, Pim kent de buurt.")
    assert (await latest(bot)).owner_id == pim_person.id
    assert "Doorgestuurd naar jou door Carla" in (pim.inbox()[-1].text or "")
    assert not any("S-0001" in (c.text or "") for c in pia.inbox())


async def test_sending_it_to_someone_away_anyway_needs_a_press(bot: Harness) -> None:
    carla, _, _, pia_person, _ = await with_pia_away(bot)
    signal = await latest(bot)
    # A forged press straight at Pia, skipping the question: still asked first.
    reply = await carla.press_data(f"sig:to:{signal.id}:{pia_person.id}")
    assert reply.text == CONFIRM
    reply = await carla.press("Toch naar Pia")
    assert reply.text.startswith("Waarom stuur je het door?")
    await carla.send("Pia kent deze mevrouw al jaren.")
    assert (await latest(bot)).owner_id == pia_person.id


async def test_someone_else_shows_the_list_again(bot: Harness) -> None:
    carla, _, _, _, _ = await with_pia_away(bot)
    await carla.press_data(f"sig:reassign:{(await latest(bot)).id}")
    await carla.press(PIA_AWAY)
    reply = await carla.press("Iemand anders kiezen")
    assert reply.buttons == [PIA_AWAY, "Pim (Noord)"]


async def test_questions_are_passed_on_the_same_way(bot: Harness) -> None:
    carla, _, pim, pia_person, pim_person = await with_pia_away(bot)
    volunteer, _ = await bot.member(Role.VOLUNTEER, "Vera")
    await ask(volunteer, "Waar haal ik een rollator?")
    [question] = await questions_of(bot)
    reply = await carla.press_data(f"q:re:{question.id}")
    assert reply.buttons == [PIA_AWAY, "Pim (Noord)"]
    reply = await carla.press(PIA_AWAY)
    assert reply.text == CONFIRM.replace("S-0001", "Q-0001")
    await carla.press("Naar Pim (vervanger)")
    await carla.send("Pia is weg.")
    [question] = await questions_of(bot)
    assert question.owner_id == pim_person.id
    assert question.owner_id != pia_person.id
    assert "Q-0001" in (pim.inbox()[-1].text or "")
