"""/afwezig: an absence with a substitute, handing over open signals, and coming back."""

from __future__ import annotations

from bot.core import i18n
from storage.routing import Absence, RoutingRepository
from tests.answers import NOT_ALLOWED
from tests.dialogue import Chatter, Harness
from tests.people.steps import away_for_a_week_with
from tests.questions.steps import ask
from tests.signals.steps import latest, report, team
from tests.stored import events_of, questions_of, thread_of

SECOND = "Een buurman vraagt om hulp met zijn post."


async def absences(bot: Harness, person_id: int) -> list[Absence]:
    async with bot.services.db.read() as tx:
        return await RoutingRepository(tx).absences_of(person_id, bot.clock())


async def test_new_signals_go_to_the_substitute(bot: Harness) -> None:
    _, piet, _, anna, piet_person, pia_person = await team(bot)
    text = await away_for_a_week_with(piet, "Pia")
    assert text == (
        "<b>Afwezig</b>\nJe bent weg tot en met 29-11-2026."
        " Nieuwe signalen en vragen gaan naar Pia."
    )
    assert [a.substitute_id for a in await absences(bot, piet_person.id)] == [pia_person.id]

    await report(anna)
    signal = await latest(bot)
    assert signal.owner_id == pia_person.id
    routed = [e.detail for e in await events_of(bot, signal.id) if e.action == "routed"]
    assert routed == [f"to {pia_person.id} via substitute, rule 1"]


async def test_open_signals_are_handed_over_with_audit_and_alert(bot: Harness) -> None:
    _, piet, pia, anna, piet_person, pia_person = await team(bot)
    await report(anna)
    signal = await latest(bot)
    assert signal.owner_id == piet_person.id

    text = await away_for_a_week_with(piet, "Pia")
    assert (
        "Dit staat nog bij jou: open signalen: 1, open vragen: 0. Wil je die aan Pia geven?" in text
    )
    reply = await piet.press("Overdragen aan vervanger (1)")
    assert reply.texts[0] == "Klaar. Overgedragen: 1. Je vervanger heeft een bericht gekregen."

    assert (await latest(bot)).owner_id == pia_person.id
    reassigned = [e for e in await events_of(bot, signal.id) if e.action == "reassigned"]
    assert len(reassigned) == 1 and reassigned[0].actor_id == piet_person.id
    assert "afwezig tot en met 29-11-2026" in (reassigned[0].detail or "")
    alert = pia.inbox()[-1]
    assert "S-0001" in (alert.text or "") and "afwezig tot en met 29-11-2026" in (alert.text or "")
    assert alert.keyboard  # the same alert buttons as any new signal


async def test_open_questions_are_handed_over_too(bot: Harness) -> None:
    _, piet, pia, anna, piet_person, pia_person = await team(bot)
    await ask(anna, "Hoe vraag ik een parkeervergunning voor mantelzorg aan?")
    await ask(anna, "Waar haal ik een rollator?")
    first, second = await questions_of(bot)
    assert first.owner_id == second.owner_id == piet_person.id
    await piet.press_data(f"q:ans:{second.id}")
    await piet.send("Bij de thuiszorgwinkel.")  # answered, but follow-ups still come to Piet
    await anna.press_data(f"q:done:{second.id}")  # ... until Anna closes it

    text = await away_for_a_week_with(piet, "Pia")
    assert "open signalen: 0, open vragen: 1." in text
    reply = await piet.press("Overdragen aan vervanger (1)")
    assert reply.texts[0] == "Klaar. Overgedragen: 1. Je vervanger heeft een bericht gekregen."

    moved, closed = await questions_of(bot)
    assert (moved.owner_id, closed.owner_id) == (pia_person.id, piet_person.id)
    [entry] = [m for m in await thread_of(bot, moved.id) if m.kind == "reassigned"]
    assert entry.author_id == piet_person.id and "afwezig tot en met 29-11-2026" in (
        entry.body or ""
    )
    alert = pia.inbox()[-1]
    assert "Nieuwe vraag Q-0001" in (alert.text or "") and "afwezig" in (alert.text or "")

    # New questions go to Pia while Piet is away.
    await ask(anna, "Is er een maatjesproject in de wijk?")
    assert (await questions_of(bot))[-1].owner_id == pia_person.id


async def test_coming_back_ends_the_absence(bot: Harness) -> None:
    _, piet, _, anna, piet_person, _ = await team(bot)
    await away_for_a_week_with(piet, "Pia")
    bot.clock.advance(days=1)

    reply = await piet.send("/afwezig")
    assert "Je bent weg tot en met 29-11-2026" in reply.text
    reply = await piet.press("Ik ben terug")
    assert reply.text == "Welkom terug! Nieuwe signalen en vragen komen weer naar jou."
    assert await absences(bot, piet_person.id) == []

    await report(anna)
    assert (await latest(bot)).owner_id == piet_person.id
    assert (await piet.send("/afwezig")).text == "<b>Afwezig</b>\nTot wanneer ben je weg?"


async def test_changing_and_ending_an_absence_at_once(bot: Harness) -> None:
    _, piet, _, _, piet_person, _ = await team(bot)
    await away_for_a_week_with(piet, "Pia")
    await piet.press("Iets veranderen")
    await piet.press("2 weken")
    reply = await piet.press("Niemand — naar de coördinatoren")
    assert "tot en met 06-12-2026" in reply.text
    assert [a.substitute_id for a in await absences(bot, piet_person.id)] == [None]
    await piet.press("Ik ben terug")
    assert await absences(bot, piet_person.id) == []


async def test_a_typed_date_is_checked_and_nobody_means_the_coordinators(bot: Harness) -> None:
    carla, piet, _, anna, _, _ = await team(bot)
    await piet.send("/afwezig")
    reply = await piet.press("Tot en met een datum…")
    assert reply.text == "Typ de laatste dag dat je weg bent, bijvoorbeeld 24-12-2026."
    for typed, key in (
        ("morgen", "routing.away_date_invalid"),
        ("31-02-2026", "routing.away_date_invalid"),
        ("01-01-2020", "routing.away_date_past"),
        ("01-01-2030", "routing.away_date_far"),
    ):
        assert (await piet.send(typed)).text == i18n.t("nl", key)
    reply = await piet.send("24-12-2026")
    assert reply.text.startswith("Je bent weg tot en met 24-12-2026.")
    reply = await piet.press("Niemand — naar de coördinatoren")
    assert "Nieuwe signalen en vragen gaan naar de coördinatoren." in reply.text
    assert "Overdragen" not in " ".join(reply.buttons)

    await report(anna)
    assert (await latest(bot)).owner_id == await latest_person_id(bot, carla)


async def test_forged_absence_buttons_are_refused(bot: Harness) -> None:
    carla, piet, _, anna, piet_person, pia_person = await team(bot)
    for forger in (anna, carla):
        reply = await forger.press_data(f"ab:s:20261130:{pia_person.id}")
        assert reply.toast == NOT_ALLOWED
    anna_id = await latest_person_id(bot, anna)
    expired = i18n.t("nl", "common.button_expired")
    for data, toast in (
        (f"ab:s:20261130:{anna_id}", expired),
        (f"ab:s:20261130:{piet_person.id}", expired),
        ("ab:s:20201130:0", i18n.t("nl", "routing.away_date_past")),
        ("ab:p:3w", expired),
        ("ab:zz", expired),
    ):
        assert (await piet.press_data(data)).toast == toast
    assert (await piet.press_data("ab:s:2026x130:0")).toast == i18n.t("nl", "common.button_expired")
    assert (await piet.press_data("ab:h")).toast == i18n.t("nl", "routing.away_no_substitute")
    for person_id in (piet_person.id, pia_person.id):
        assert await absences(bot, person_id) == []


async def latest_person_id(bot: Harness, chatter: Chatter) -> int:
    async with bot.services.db.read() as tx:
        row = await tx.fetchone("SELECT id FROM people WHERE telegram_id = ?", (chatter.id,))
    assert row is not None
    return int(row[0])
