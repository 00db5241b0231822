"""What a newcomer ran into in the sandbox: a past day typed without a year, the reminders
left behind by a withdrawal, and words that promised more than the report shows."""

from __future__ import annotations

from tests.announcements.steps import compose, neighbourhood
from tests.dialogue import Harness


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
