"""Pickup deadlines in working time, one reminder, one escalation, and 'today' out of hours
(bot/signals/deadlines.py, fired by the tick)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.signals import deadlines
from storage.people import NewPerson, Person, PersonRepository, Role
from storage.routing import RoutingRepository
from storage.signals import Signal
from tests import payloads
from tests.dialogue import Chatter, FakeClock, Harness, settings_for, tick
from tests.signals.steps import to_description
from tests.stored import events_of, signals_of, timers_of, waiting_timers

MONDAY_10 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 10:00 in Amsterdam
ON_CALL_ID = 4_200_001
REMINDER = "Herinnering: signaal"
ESCALATION = "is nog niet opgepakt</b>"
OUT_OF_HOURS = "Buiten kantooruren"


def settings(tmp_path: Path, **organisation: Any) -> Any:
    categories = [
        {"key": "eenzaamheid", "nl": "Eenzaamheid", "en": "Loneliness", "pickup_hours": 2},
        {"key": "schulden", "nl": "Geldzorgen", "en": "Money worries"},
    ]
    return settings_for(tmp_path, organisation={"categories": categories, **organisation})


async def started(tmp_path: Path, start: datetime = MONDAY_10, **organisation: Any) -> Harness:
    return await Harness(settings(tmp_path, **organisation), clock=FakeClock(start)).start()


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Harness]:
    harness = await started(tmp_path)
    yield harness
    await harness.stop()


async def seed(bot: Harness, telegram_id: int, role: Role, name: str) -> tuple[Chatter, Person]:
    """A registered person with a chosen Telegram id (the on-call setting names it)."""
    chatter = Chatter(bot, payloads.user_json(telegram_id, name, "nl"))
    async with bot.services.db.transaction() as tx:
        people = PersonRepository(tx)
        new = NewPerson(telegram_id=telegram_id, role=role, name=name, wijk="Noord", language="nl")
        person = await people.by_id(await people.add(new, bot.clock()))
    assert person is not None
    return chatter, person


async def team(bot: Harness) -> tuple[Chatter, Chatter, Chatter, Chatter]:
    """Two coordinators, professional Piet (owner of 'eenzaamheid') and volunteer Anna."""
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    cees, _ = await bot.member(Role.COORDINATOR, "Cees", language="en")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    async with bot.services.db.transaction() as tx:
        await RoutingRepository(tx).add_rule("eenzaamheid", None, piet_person.id, bot.clock())
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    return carla, cees, piet, anna


async def report(anna: Chatter, urgency: str = "Normaal") -> Signal:
    await to_description(anna)
    await anna.send("Meneer op nummer 3 is al weken niet buiten geweest.")
    await anna.press(urgency)
    await anna.press("Weet ik niet")
    await anna.press("Overslaan")
    await anna.press("Overslaan")
    reply = await anna.press("✅ Versturen")
    assert "S-" in reply.text
    return (await signals_of(anna.harness))[-1]


def texts(chatter: Chatter, marker: str) -> list[str]:
    return [c.text for c in chatter.inbox() if c.text and marker in c.text]


async def test_an_escalation_of_a_one_hour_deadline_says_one_working_hour(tmp_path: Path) -> None:
    one_hour = [{"key": "eenzaamheid", "nl": "Eenzaamheid", "en": "Loneliness", "pickup_hours": 1}]
    bot = await started(tmp_path, categories=one_hour)
    try:
        carla, cees, _, anna = await team(bot)
        await report(anna)
        bot.clock.advance(hours=3)
        assert (await tick(bot)).fired == {"signal.remind": 1, "signal.escalate": 1}
        [dutch] = texts(carla, ESCALATION)
        assert "Het wacht al 3 werkuren. Afgesproken was: binnen 1 werkuur." in dutch
        english = cees.inbox()[-1].text or ""
        assert "waiting for 3 working hours. The agreed time was 1 working hour." in english
    finally:
        await bot.stop()


@pytest.mark.parametrize(
    ("submitted", "due"),
    [
        # Friday 16:00 + 2 working hours: one hour on Friday, one on Monday.
        (datetime(2026, 11, 20, 15, 0, tzinfo=UTC), datetime(2026, 11, 23, 9, 0, tzinfo=UTC)),
        # The same over Koningsdag (Monday 27 April 2026): Tuesday 10:00.
        (datetime(2026, 4, 24, 14, 0, tzinfo=UTC), datetime(2026, 4, 28, 8, 0, tzinfo=UTC)),
        # Wednesday before Hemelvaart (Thursday 14 May 2026): Friday 10:00.
        (datetime(2026, 5, 13, 14, 0, tzinfo=UTC), datetime(2026, 5, 15, 8, 0, tzinfo=UTC)),
    ],
)
async def test_deadline_skips_weekends_and_holidays(
    tmp_path: Path, submitted: datetime, due: datetime
) -> None:
    bot = await started(tmp_path, submitted)
    try:
        _, _, piet, anna = await team(bot)
        signal = await report(anna)
        assert signal.pickup_due_at == due
        assert deadlines.deadline_hours(bot.services.deps.hours, signal) == 2

        bot.clock.now = due - timedelta(minutes=1)
        assert (await tick(bot)).fired == {}
        bot.clock.now = due
        assert (await tick(bot)).fired == {"signal.remind": 1}
        assert len(texts(piet, REMINDER)) == 1
    finally:
        await bot.stop()


async def test_escalation_deadline_counts_working_hours(bot: Harness) -> None:
    _, _, _, anna = await team(bot)
    bot.clock.now = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)  # Friday 16:00
    signal = await report(anna)
    # 6 working hours: Friday 16-17, Monday 09-14.
    assert deadlines.escalation_due(bot.services.deps.hours, signal) == datetime(
        2026, 11, 23, 13, 0, tzinfo=UTC
    )


async def test_reminder_once_then_escalation_once_across_restarts(bot: Harness) -> None:
    carla, cees, piet, anna = await team(bot)
    signal = await report(anna)
    assert signal.pickup_due_at == MONDAY_10 + timedelta(hours=2)

    bot.clock.advance(hours=2, seconds=-1)
    assert (await tick(bot)).fired == {}
    assert texts(piet, REMINDER) == []
    bot.clock.advance(seconds=1)
    assert (await tick(bot)).fired == {"signal.remind": 1}
    [reminder] = [c for c in piet.inbox() if c.text and REMINDER in c.text]
    assert "S-0001" in (reminder.text or "") and "Noord" in (reminder.text or "")
    assert reminder.buttons == ["Oppakken", "Doorsturen"]
    assert reminder.keyboard[1][0]["callback_data"] == f"sig:reassign:{signal.id}"
    assert (await tick(bot)).fired == {}

    bot = await bot.restart()
    try:
        assert (await tick(bot)).fired == {}
        bot.clock.advance(hours=4, seconds=-1)  # 3 x 2 working hours: Monday 16:00
        assert (await tick(bot)).fired == {}
        bot.clock.advance(seconds=1)
        assert (await tick(bot)).fired == {"signal.escalate": 1}
        assert (await tick(bot)).fired == {}
        bot = await bot.restart()
        bot.clock.advance(days=3)
        assert (await tick(bot)).fired == {}

        for coordinator in (carla, cees):
            notices = [c for c in coordinator.inbox() if c.text and signal.reference in c.text]
            assert len(notices) == 1
            assert notices[0].keyboard == [
                [{"text": notices[0].buttons[0], "callback_data": f"sig:reassign:{signal.id}"}]
            ]
        assert len(texts(carla, ESCALATION)) == 1 and "Piet (Noord)" in texts(carla, ESCALATION)[0]
        assert "has not been picked up" in (cees.inbox()[-1].text or "")
        assert "wacht al 6 werkuren" in texts(carla, ESCALATION)[0]
        assert "binnen 2 werkuren" in texts(carla, ESCALATION)[0]
        assert len(texts(piet, REMINDER)) == 1
        actions = [e.action for e in await events_of(bot, signal.id)]
        assert actions == ["reported", "routed", "reminded", "escalated"]
    finally:
        await bot.stop()


async def test_after_downtime_due_work_is_caught_up_once(bot: Harness) -> None:
    carla, _, piet, anna = await team(bot)
    await report(anna)
    bot = await bot.restart()
    try:
        bot.clock.advance(days=4)
        assert (await tick(bot)).fired == {"signal.remind": 1, "signal.escalate": 1}
        assert (await tick(bot)).fired == {}
        assert len(texts(piet, REMINDER)) == 1 and len(texts(carla, ESCALATION)) == 1
    finally:
        await bot.stop()


async def test_a_paused_owner_gets_no_reminder_but_the_coordinators_hear(bot: Harness) -> None:
    carla, _, piet, anna = await team(bot)
    signal = await report(anna)
    async with bot.services.db.transaction() as tx:
        await tx.execute("UPDATE people SET status = 'paused' WHERE telegram_id = ?", (piet.id,))
    bot.clock.advance(days=1)
    assert (await tick(bot)).fired == {"signal.remind": 1, "signal.escalate": 1}
    assert texts(piet, REMINDER) == [] and len(texts(carla, ESCALATION)) == 1
    events = await events_of(bot, signal.id)
    assert events[2].detail == "owner gone or inactive"


@pytest.mark.parametrize("status", ["picked_up", "contact_made", "closed"])
async def test_picked_up_signals_never_remind(bot: Harness, status: str) -> None:
    carla, _, piet, anna = await team(bot)
    signal = await report(anna)
    async with bot.services.db.transaction() as tx:
        await tx.execute("UPDATE signals SET status = ? WHERE id = ?", (status, signal.id))
    bot.clock.advance(days=10)
    assert (await tick(bot)).fired == {}
    assert texts(piet, REMINDER) == [] and texts(carla, ESCALATION) == []


async def test_today_outside_office_hours_goes_to_the_on_call_at_once(tmp_path: Path) -> None:
    evening = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)  # Monday 20:00
    bot = await started(tmp_path, evening, on_call_telegram_id=ON_CALL_ID)
    try:
        carla, cees, piet, anna = await team(bot)
        pam, pam_person = await seed(bot, ON_CALL_ID, Role.PROFESSIONAL, "Pam")
        signal = await report(anna, "Vandaag nog")

        [notice] = texts(pam, OUT_OF_HOURS)
        assert "Piet (Noord)" in notice and "Nieuw signaal S-0001" in notice
        assert "weken niet buiten" in notice
        assert texts(carla, OUT_OF_HOURS) == [] and texts(cees, "Outside office hours") == []
        assert len(texts(piet, "Nieuw signaal S-0001")) == 1
        events = await events_of(bot, signal.id)
        assert (events[-1].action, events[-1].detail) == ("out_of_hours", f"to {pam_person.id}")
    finally:
        await bot.stop()


async def test_today_outside_office_hours_without_on_call_goes_to_coordinators(
    tmp_path: Path,
) -> None:
    saturday = datetime(2026, 11, 28, 11, 0, tzinfo=UTC)
    bot = await started(tmp_path, saturday)
    try:
        carla, cees, _, anna = await team(bot)
        await report(anna, "Vandaag nog")
        assert len(texts(carla, OUT_OF_HOURS)) == 1
        [notice] = texts(cees, "Outside office hours")
        assert "New signal S-0001" in notice
    finally:
        await bot.stop()


@pytest.mark.parametrize(
    ("moment", "urgency"),
    [(MONDAY_10, "Vandaag nog"), (datetime(2026, 11, 23, 19, 0, tzinfo=UTC), "Normaal")],
)
async def test_no_out_of_hours_notice_in_office_hours_or_when_not_urgent(
    tmp_path: Path, moment: datetime, urgency: str
) -> None:
    bot = await started(tmp_path, moment)
    try:
        carla, cees, _, anna = await team(bot)
        await report(anna, urgency)
        assert texts(carla, OUT_OF_HOURS) == [] and texts(cees, "Outside office hours") == []
    finally:
        await bot.stop()


async def test_the_timers_follow_the_signal_through_a_pass_on_and_a_pickup(bot: Harness) -> None:
    carla, _, piet, anna = await team(bot)
    pia, _ = await bot.member(Role.PROFESSIONAL, "Pia", wijk="Zuid")
    signal = await report(anna)
    hours = bot.services.deps.hours
    reported = {
        "signal:1:escalate": deadlines.escalation_due(hours, signal),
        "signal:1:remind": signal.pickup_due_at,
    }
    assert await waiting_timers(bot, "signal:1:") == reported

    # Passed on: the deadline was promised to the volunteer and stays; the reminder goes to
    # whoever owns the signal when it is due.
    await piet.press("Doorsturen")
    await piet.press("Pia (Zuid)")
    await piet.send("Pia kent deze bewoner al.")
    assert await waiting_timers(bot, "signal:1:") == reported
    bot.clock.now = signal.pickup_due_at
    assert (await tick(bot)).fired == {"signal.remind": 1}
    assert texts(piet, REMINDER) == [] and len(texts(pia, REMINDER)) == 1

    # Picked up: nothing is waiting any more, and the escalation never comes.
    await pia.press("Oppakken")
    assert await waiting_timers(bot, "signal:1:") == {}
    bot.clock.advance(days=10)
    assert not await tick(bot)
    assert texts(carla, ESCALATION) == []


async def test_closing_a_signal_that_was_never_picked_up_cancels_its_timers(bot: Harness) -> None:
    _, _, piet, anna = await team(bot)
    await report(anna)
    await piet.press("Afsluiten")
    await piet.press("Geen actie nodig")
    await piet.press("Geen bericht")
    assert await waiting_timers(bot, "signal:1:") == {}
    assert [t.key for t in await timers_of(bot, "signal:1:")] == []


async def test_a_catch_up_in_the_night_waits_for_the_end_of_the_quiet_hours(bot: Harness) -> None:
    carla, _, piet, anna = await team(bot)
    await report(anna)
    bot = await bot.restart()
    try:
        bot.clock.now = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # Tuesday 03:00: back up
        report_at_night = await tick(bot)
        assert report_at_night.fired == {}
        assert report_at_night.later == {"signal.remind": 1, "signal.escalate": 1}
        assert texts(piet, REMINDER) == [] and texts(carla, ESCALATION) == []
        bot.clock.now = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)  # 08:00
        assert (await tick(bot)).fired == {"signal.remind": 1, "signal.escalate": 1}
        assert len(texts(piet, REMINDER)) == 1 and len(texts(carla, ESCALATION)) == 1
    finally:
        await bot.stop()
