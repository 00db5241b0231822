"""Another feature offers a kind of audience under "Aan wie?" with one line (the shifts feature's
"the volunteers of a coming shift"): here a made-up kind, "the volunteers of a team"."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import pytest

from bot.announcements import picker
from bot.core.config import Settings
from bot.people import audiences
from bot.people.audience_kinds import AudienceKind
from bot.shifts import audience as shift_audience
from storage.audiences import Clause
from storage.database import Transaction
from tests.announcements.steps import copies_to, neighbourhood, reached, settle, write
from tests.dialogue import Harness
from tests.shifts.steps import make_one

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


@dataclass(frozen=True)
class TeamChoice:
    value: str
    label: str


async def teams(
    tx: Transaction, settings: Settings, language: str, now: datetime
) -> Sequence[TeamChoice]:
    return [TeamChoice("1", "Team Kerst (Vera, Zara)")]


@pytest.fixture
def team_kind() -> Iterator[None]:
    audiences.register(Team())
    picker.offer(picker.Listed("team", "announcements.who_all", "announcements.ask_who", teams))
    yield
    audiences._KINDS.pop("team")
    picker._LISTED.pop("team")


async def test_an_offered_kind_lists_its_values_and_reaches_them(
    bot: Harness, team_kind: None
) -> None:
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    reply = await carla.send("/bericht")
    assert reply.buttons == [
        "👥 Iedereen",
        "🔎 Kiezen: rol, wijk, interesse",
        "🗓 De vrijwilligers van een dienst",
        "👥 Iedereen",  # the team: the label this test borrows
        "👋 Oud-deelnemers",
    ]
    await carla.press_data("an:who:team", reply[-1].message_id or 0)
    reply = await carla.press("Team Kerst (Vera, Zara)")
    assert reply.texts[0].endswith("<b>Gekozen: Team Kerst (Vera, Zara)</b> ✓")
    await write(carla, "Oefenen voor de kerstmarkt.", [])
    reply = await carla.press("Nee, gewoon een bericht")
    assert "Aan: iedereen in team Kerst\nGaat naar 2 mensen." in reply.texts[-1]
    await carla.press("📣 Versturen")
    await settle(bot)
    assert reached(bot, people, "Carla") == {"Vera", "Zara"}
    assert len(copies_to(bot, people["Vera"][0])) == 1


@pytest.fixture
def forget_shift_names() -> Iterator[None]:
    """bot.shifts.audience remembers the shifts a picker listed (by id, for one database);
    another test's database has its own shift 1."""
    yield
    shift_audience._known.clear()


async def test_the_volunteers_of_a_coming_shift(bot: Harness, forget_shift_names: None) -> None:
    """The shifts feature's kind, offered with one line in bot/services.py."""
    people = await neighbourhood(bot)
    carla = people["Carla"][0]
    shift = await make_one(bot, carla, needed=2)
    for name in ("Vera", "Eva"):
        await bot.services.shifts.signups.take(None, people[name][0].id, shift.id, "list")
    await carla.send("/bericht")
    reply = await carla.press("🗓 De vrijwilligers van een dienst")
    assert reply.texts[-1] == (
        "Welke dienst? Dit zijn de diensten van de komende twee weken, met hoeveel er komen."
    )
    assert reply.buttons == ["do 26-11 10:00 Koffieochtend (2/2)"]
    await carla.press("do 26-11 10:00 Koffieochtend (2/2)")
    await write(carla, "De koffie staat donderdag om half tien klaar.", [])
    reply = await carla.press("Nee, gewoon een bericht")
    assert (
        "Aan: vrijwilligers van do 26-11 10:00 Koffieochtend\nGaat naar 2 mensen."
        in (reply.texts[-1])
    )
    await carla.press("📣 Versturen")
    await settle(bot)
    assert reached(bot, people, "Carla") == {"Vera", "Eva"}
