"""Urgency sets the pickup deadline and what the volunteer is promised: "today" the same working
day, "soon" the next working day, "normal" the category's days."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from storage.people import Role
from storage.signals import Signal
from tests.dialogue import FakeClock, Harness, settings_for
from tests.signals.steps import from_urgency_to_summary, route_all_to, to_description
from tests.stored import signals_of

FRIDAY_1400 = datetime(2026, 11, 27, 13, 0, tzinfo=UTC)  # 14:00 in Amsterdam: 3 hours left
FRIDAY_1455 = datetime(2026, 11, 27, 13, 55, tzinfo=UTC)
FRIDAY_1655 = datetime(2026, 11, 27, 15, 55, tzinfo=UTC)
FRIDAY_2000 = datetime(2026, 11, 27, 19, 0, tzinfo=UTC)
MONDAY_10 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ON_DUTY = "🌙"  # the notice to whoever is on duty after hours (bot.signals.out_of_hours)


async def report_at(
    tmp_path: Path,
    moment: datetime,
    urgency: str,
    coordinator: bool = True,
    **organisation: Any,
) -> tuple[str, str, Signal]:
    """Anna reports at `moment` with this urgency; returns (receipt, Piet's alert, the signal).
    The coordinator Carla, when there is one, is on duty after hours: `ON_DUTY` in the alert
    means she got it at once."""
    settings = settings_for(tmp_path, organisation=organisation) if organisation else None
    bot = await Harness(settings or settings_for(tmp_path), clock=FakeClock(moment)).start()
    try:
        carla = (await bot.member(Role.COORDINATOR, "Carla"))[0] if coordinator else None
        piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
        anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
        await route_all_to(bot, piet_person)
        await to_description(anna)
        await anna.send("Mevrouw op de hoek is gevallen en kan niet goed lopen.")
        await from_urgency_to_summary(anna, urgency)
        receipt = (await anna.press("✅ Versturen")).text
        alert = piet.inbox()[-1].text or ""
        if carla is not None and any(ON_DUTY in (c.text or "") for c in carla.inbox()):
            alert += "\n" + ON_DUTY
        [signal] = await signals_of(bot)
        return receipt, alert, signal
    finally:
        await bot.stop()


async def test_today_on_friday_afternoon_is_today_not_within_three_days(tmp_path: Path) -> None:
    receipt, alert, signal = await report_at(tmp_path, FRIDAY_1400, "Vandaag nog")
    assert "werkdagen" not in receipt and ON_DUTY not in alert
    assert "vandaag nog op, uiterlijk om 17:00" in receipt
    assert signal.pickup_due_at == datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # Friday 17:00
    assert "Graag oppakken vóór 27-11-2026 17:00." in alert


async def test_today_gets_a_few_working_hours(tmp_path: Path) -> None:
    receipt, alert, signal = await report_at(
        tmp_path, MONDAY_10, "Vandaag nog", pickup_hours_today=2
    )
    assert "vandaag nog op, uiterlijk om 12:00" in receipt
    assert signal.pickup_due_at == datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
    assert "Graag oppakken vóór 23-11-2026 12:00." in alert


async def test_today_out_of_hours_goes_to_whoever_is_on_duty_and_says_when(
    tmp_path: Path,
) -> None:
    receipt, alert, signal = await report_at(tmp_path, FRIDAY_2000, "Vandaag nog")
    assert ON_DUTY in alert  # Carla, the coordinator, got it at once
    assert receipt.endswith(
        "Het kantoor is nu dicht. De coördinatoren hebben je melding meteen gekregen."
        " Een beroepskracht pakt dit uiterlijk maandag 30-11 om 12:00 op."  # opening + 3 hours
        " Over de afloop hoor je niet alles: dat is om de privacy van de bewoner te beschermen."
    )
    assert signal.pickup_due_at == datetime(2026, 11, 30, 11, 0, tzinfo=UTC)
    assert "Graag oppakken vóór 30-11-2026 12:00." in alert


async def test_today_just_before_closing_is_out_of_hours(tmp_path: Path) -> None:
    receipt, alert, signal = await report_at(tmp_path, FRIDAY_1655, "Vandaag nog")
    assert ON_DUTY in alert  # fewer than 3 working hours left: whoever is on duty gets it now
    assert "Het kantoor gaat zo dicht. De coördinatoren hebben je melding meteen gekregen." in (
        receipt
    )
    assert "uiterlijk maandag 30-11 om 12:00" in receipt
    assert signal.pickup_due_at == datetime(2026, 11, 30, 11, 0, tzinfo=UTC)  # not 17:00 today


async def test_today_out_of_hours_with_nobody_on_duty_says_so(tmp_path: Path) -> None:
    receipt, _, signal = await report_at(tmp_path, FRIDAY_2000, "Vandaag nog", coordinator=False)
    assert "Het kantoor is nu dicht. Er heeft nu niemand dienst." in receipt
    assert "meteen gekregen" not in receipt
    assert signal.pickup_due_at == datetime(2026, 11, 30, 11, 0, tzinfo=UTC)


async def test_soon_is_the_next_working_day(tmp_path: Path) -> None:
    receipt, alert, signal = await report_at(tmp_path, FRIDAY_1455, "Binnenkort")
    assert "werkdagen" not in receipt
    assert "uiterlijk maandag 30-11 op" in receipt
    assert signal.pickup_due_at == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)  # Monday 17:00
    assert "Graag oppakken vóór 30-11-2026 17:00." in alert


async def test_normal_keeps_the_categorys_promise(tmp_path: Path) -> None:
    receipt, _, signal = await report_at(tmp_path, FRIDAY_1455, "Normaal")
    assert "binnen 3 werkdagen" in receipt
    # Friday 14:55 + 16 working hours: Tuesday 14:55.
    assert signal.pickup_due_at == datetime(2026, 12, 1, 13, 55, tzinfo=UTC)


@pytest.mark.parametrize(
    ("urgency", "moment", "promise"),
    [
        ("Today", FRIDAY_1400, "today, by 17:00"),
        ("Today", FRIDAY_1455, "The office closes soon. The coordinators got your report at once."),
        ("Soon", FRIDAY_1455, "by Monday 30-11"),
    ],
)
async def test_the_promise_in_english(
    tmp_path: Path, urgency: str, moment: datetime, promise: str
) -> None:
    bot = await Harness(settings_for(tmp_path), clock=FakeClock(moment)).start()
    try:
        await bot.member(Role.COORDINATOR, "Carla")
        amy, _ = await bot.member(Role.VOLUNTEER, "Amy", language="en")
        await amy.send("/report")
        await amy.press("Loneliness")
        await amy.press("Noord")
        await amy.send("An older man fell and cannot walk well.")
        await amy.press(urgency)
        await amy.press("I don't know")
        await amy.press("Skip")
        await amy.press("Skip")
        receipt = (await amy.press("✅ Send")).text
        assert promise in receipt and "working days" not in receipt
    finally:
        await bot.stop()
