"""Another feature offers a kind of audience under "Aan wie?" with one line (the shifts feature's
"the volunteers of a coming shift"): here a made-up kind, "the volunteers of a team"."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

import pytest

from bot.announcements import picker
from bot.core.config import Settings
from bot.people import audiences
from bot.people.audience_kinds import AudienceKind
from storage.audiences import Clause
from storage.database import Transaction
from tests.announcements.steps import copies_to, neighbourhood, reached, settle, write
from tests.dialogue import Harness

TEAMS = {"1": ("Vera", "Zara")}


class Team(AudienceKind):
    """Made up for this test: a team is a set of people by name."""

    name = "team"

    def check(self, values: tuple[str, ...], settings: Settings) -> tuple[str, ...]:
        return values

    def clause(self, values: tuple[str, ...], now: datetime) -> Clause:
        names = TEAMS[values[0]]
        return Clause(f"p.name IN ({', '.join('?' for _ in names)})", names)

    def describe(self, values: tuple[str, ...], language: str, settings: Settings) -> str:
        return "in team Kerst"


async def teams(tx: Transaction, now: datetime, language: str) -> Sequence[tuple[str, str]]:
    return [("1", "Team Kerst (Vera, Zara)")]


@pytest.fixture
def team_kind() -> Iterator[None]:
    audiences.register(Team())
    picker.offer(picker.Listed("team", "announcements.who_all", "announcements.ask_pick", teams))
    yield
    audiences._KINDS.pop("team")
    picker._LISTED.pop("team")


async def test_an_offered_kind_lists_its_values_and_reaches_them(
    bot: Harness, team_kind: None
) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    reply = await carla.send("/bericht")
    assert reply.buttons[2] == "👥 Iedereen"  # the label this test borrows, after the built-ins
    await carla.press_data("an:who:team", reply[-1].message_id or 0)
    reply = await carla.press("Team Kerst (Vera, Zara)")
    await write(carla, "Oefenen voor de kerstmarkt.", [])
    reply = await carla.press("Nee, gewoon een bericht")
    assert "Aan: iedereen in team Kerst\nGaat naar 2 mensen." in reply.texts[-1]
    await carla.press("📣 Versturen")
    await settle(bot)
    assert reached(bot, people, "Carla") == {"Vera", "Zara"}
    assert len(copies_to(bot, people["Vera"][0])) == 1
