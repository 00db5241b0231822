"""Audiences: who a message reaches, for every kind and their combinations, under the base rule
(no one a coordinator paused, no one on their own pause unless urgent, no alumni unless asked
for, no erased people, the unreachable only when asked for), with the count and the words."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.core import i18n
from bot.core.config import Settings
from bot.core.errors import InvalidInput
from bot.people import audiences
from bot.people.audience_kinds import AudienceKind
from bot.people.audiences import Audience, describe, reach_text
from storage.audiences import Clause, Reach, where
from storage.people import PersonRepository, Role, Status
from tests.dialogue import Chatter, Harness
from tests.people.steps import seed

VOLUNTEERS = Audience.everyone().where("role", "volunteer")


async def cast(bot: Harness) -> dict[str, Chatter]:
    """Everyone the audiences below choose from; names say who they are."""
    chats: dict[str, Chatter] = {}
    for name, role, wijk, interests, status in (
        ("Carla", Role.COORDINATOR, "Noord", (), Status.ACTIVE),
        ("Pieter", Role.PROFESSIONAL, "Zuid", (), Status.ACTIVE),
        ("Vera", Role.VOLUNTEER, "Noord", ("ouderen",), Status.ACTIVE),
        ("Wim", Role.VOLUNTEER, "Zuid", ("jeugd", "ouderen"), Status.ACTIVE),
        ("Sara", Role.VOLUNTEER, "Centrum", ("schulden",), Status.ACTIVE),
        ("Rob", Role.VOLUNTEER, "Noord", ("ouderen",), Status.ACTIVE),  # blocked the bot
        ("Eva", Role.VOLUNTEER, "Zuid", ("ouderen",), Status.ACTIVE),  # on her own pause
        ("Paul", Role.VOLUNTEER, "Noord", ("ouderen",), Status.PAUSED),  # by a coordinator
        ("Olga", Role.VOLUNTEER, "Noord", ("ouderen",), Status.ALUMNI),
        ("Otto", Role.PROFESSIONAL, "Centrum", (), Status.ALUMNI),
    ):
        chats[name], _ = await seed(bot, name, role, wijk, status=status, interests=interests)
    async with bot.services.db.transaction() as tx:
        await PersonRepository(tx).set_reachable(chats["Rob"].id, False)
    await bot.services.own_pause.start(None, chats["Eva"].id, date(2026, 12, 6))
    return chats


async def names(
    bot: Harness, audience: Audience, *, urgent: bool = False, unreachable: bool = False
) -> list[str]:
    found = await bot.services.audiences.recipients(
        audience, urgent=urgent, unreachable=unreachable
    )
    return sorted(r.name + ("" if r.reachable else " (blocked)") for r in found)


async def test_everyone_is_every_active_reachable_person_not_on_a_pause(bot: Harness) -> None:
    await cast(bot)
    assert await names(bot, Audience.everyone()) == ["Carla", "Pieter", "Sara", "Vera", "Wim"]


async def test_the_unreachable_come_along_flagged_when_asked_for(bot: Harness) -> None:
    await cast(bot)
    found = await names(bot, VOLUNTEERS, unreachable=True)
    assert found == ["Rob (blocked)", "Sara", "Vera", "Wim"]


async def test_urgent_reaches_people_on_their_own_pause_but_not_the_ones_a_coordinator_paused(
    bot: Harness,
) -> None:
    await cast(bot)
    assert await names(bot, VOLUNTEERS, urgent=True) == ["Eva", "Sara", "Vera", "Wim"]


async def test_an_own_pause_ends_by_itself_and_one_without_end_lasts(bot: Harness) -> None:
    chats = await cast(bot)
    await bot.services.own_pause.start(None, chats["Sara"].id, None)  # no end date
    bot.clock.now = datetime(2026, 12, 6, 22, 59, tzinfo=UTC)  # 23:59 on her last day
    assert await names(bot, VOLUNTEERS) == ["Vera", "Wim"]
    bot.clock.advance(minutes=1)  # midnight in Amsterdam: 06-12 is over
    assert await names(bot, VOLUNTEERS) == ["Eva", "Vera", "Wim"]
    bot.clock.advance(days=400)
    assert "Sara" not in await names(bot, VOLUNTEERS)


async def test_each_kind_alone(bot: Harness) -> None:
    await cast(bot)
    everyone = Audience.everyone()
    assert await names(bot, everyone.where("role", "professional")) == ["Pieter"]
    assert await names(bot, everyone.where("role", "volunteer", "coordinator")) == [
        "Carla",
        "Sara",
        "Vera",
        "Wim",
    ]
    assert await names(bot, everyone.where("wijk", "Noord")) == ["Carla", "Vera"]
    assert await names(bot, everyone.where("wijk", "Zuid", "Centrum")) == ["Pieter", "Sara", "Wim"]
    assert await names(bot, everyone.where("interest", "ouderen")) == ["Vera", "Wim"]
    assert await names(bot, everyone.where("interest", "jeugd", "schulden")) == ["Sara", "Wim"]


async def test_filters_combine_with_and_their_values_with_or(bot: Harness) -> None:
    await cast(bot)
    audience = VOLUNTEERS.where("wijk", "Noord", "Zuid").where("interest", "ouderen")
    assert await names(bot, audience) == ["Vera", "Wim"]
    assert await names(bot, audience.where("wijk", "Centrum")) == ["Vera", "Wim"]  # values add up
    assert await names(bot, VOLUNTEERS.where("wijk", "Centrum", "Noord")) == ["Sara", "Vera"]
    assert await names(bot, VOLUNTEERS.where("wijk", "Centrum").where("interest", "jeugd")) == []


async def test_alumni_only_when_chosen_and_then_only_them(bot: Harness) -> None:
    await cast(bot)
    assert await names(bot, Audience.alumni_only()) == ["Olga", "Otto"]
    assert await names(bot, Audience.alumni_only().where("role", "volunteer")) == ["Olga"]
    assert "Olga" not in await names(bot, VOLUNTEERS.where("wijk", "Noord"), urgent=True)


async def test_new_volunteers_registered_within_the_days(bot: Harness) -> None:
    await cast(bot)
    bot.clock.advance(days=40)
    await seed(bot, "Nina", Role.VOLUNTEER, "Zuid")
    bot.clock.advance(days=20)
    await seed(bot, "Nils", Role.PROFESSIONAL, "Zuid")
    assert await names(bot, Audience.new_volunteers(30)) == ["Nina"]
    assert await names(bot, Audience.everyone().where("new", "30")) == ["Nils", "Nina"]
    assert await names(bot, Audience.new_volunteers(10)) == []


async def test_erased_people_are_gone(bot: Harness) -> None:
    chats = await cast(bot)
    await chats["Vera"].send("/vergeet")
    await chats["Vera"].press("Ja, wis mijn gegevens")
    assert await names(bot, VOLUNTEERS) == ["Sara", "Wim"]


def answer(error: pytest.ExceptionInfo[InvalidInput], language: str = "nl") -> str:
    return i18n.t(language, error.value.reason, **error.value.params)


async def test_unknown_values_get_a_clear_answer(bot: Harness) -> None:
    service = bot.services.audiences
    with pytest.raises(InvalidInput) as unknown_wijk:
        await service.recipients(VOLUNTEERS.where("wijk", "Overvecht"))
    assert answer(unknown_wijk) == "De wijk Overvecht ken ik niet. Kies uit: Noord, Zuid, Centrum."
    with pytest.raises(InvalidInput) as unknown_interest:
        await service.count(Audience.everyone().where("interest", "sport"))
    assert answer(unknown_interest, "en") == (
        "I do not know the interest sport. Choose from: ouderen, schulden, jeugd."
    )
    with pytest.raises(InvalidInput) as unknown_role:
        service.check(Audience.everyone().where("role", "boss"))
    assert answer(unknown_role) == "De rol boss ken ik niet."
    with pytest.raises(InvalidInput) as bad_days:
        service.check(Audience.new_volunteers(0))
    assert answer(bad_days) == "Kies een aantal dagen van 1 tot en met 365."
    with pytest.raises(InvalidInput) as empty:
        service.check(Audience.everyone().where("wijk"))
    assert answer(empty) == "Kies minstens één waarde voor wijk."


def test_stored_as_small_json_and_read_back() -> None:
    audience = Audience.everyone().where("interest", "ouderen").where("wijk", "Noord", "Zuid")
    audience = audience.where("role", "volunteer")
    text = audience.to_json()
    assert text == '{"role": ["volunteer"], "wijk": ["Noord", "Zuid"], "interest": ["ouderen"]}'
    assert Audience.from_json(text) == audience
    assert Audience.from_json("{}") == Audience.everyone()
    assert Audience.from_json(Audience.alumni_only().to_json()).alumni


@pytest.mark.parametrize(
    "stored", ['{"no_such_kind": ["4"]}', "[1]", "not json", '{"wijk": "Noord"}', '{"wijk": [3]}']
)
def test_what_cannot_be_read_is_a_clear_answer(stored: str) -> None:
    with pytest.raises(InvalidInput) as error:
        Audience.from_json(stored)
    assert error.value.reason in ("audience.invalid", "audience.unknown_kind")


@pytest.mark.parametrize(
    ("audience", "dutch", "english"),
    [
        (Audience.everyone(), "iedereen", "everyone"),
        (
            VOLUNTEERS.where("wijk", "Noord", "Zuid").where("interest", "ouderen"),
            "vrijwilligers in Noord en Zuid met interesse Ouderen",
            "volunteers in Noord and Zuid interested in Older people",
        ),
        (
            Audience.everyone().where("role", "volunteer", "professional", "coordinator"),
            "vrijwilligers, beroepskrachten en coördinatoren",
            "volunteers, professionals and coordinators",
        ),
        (
            Audience.everyone().where("interest", "ouderen", "jeugd").where("wijk", "Centrum"),
            "iedereen in Centrum met interesse Ouderen of Jongeren",
            "everyone in Centrum interested in Older people or Young people",
        ),
        (Audience.alumni_only(), "oud-deelnemers", "former members"),
        (
            Audience.alumni_only().where("role", "volunteer"),
            "oud-deelnemers (vrijwilligers)",
            "former members (volunteers)",
        ),
        (
            Audience.new_volunteers(30),
            "vrijwilligers aangemeld in de laatste 30 dagen",
            "volunteers who joined in the last 30 days",
        ),
        (
            Audience.new_volunteers(1),
            "vrijwilligers aangemeld in de laatste 1 dag",
            "volunteers who joined in the last 1 day",
        ),
    ],
)
def test_described_in_words(audience: Audience, dutch: str, english: str, bot: Harness) -> None:
    settings = bot.settings
    assert (describe(audience, "nl", settings), describe(audience, "en", settings)) == (
        dutch,
        english,
    )


async def test_the_count_names_the_unreachable_apart(bot: Harness) -> None:
    await cast(bot)
    reach = await bot.services.audiences.count(VOLUNTEERS)
    assert reach == Reach(people=4, unreachable=1)
    assert reach_text(reach, "nl") == (
        "Gaat naar 4 mensen. Niet bereikbaar omdat ze de bot blokkeerden: 1."
    )
    assert reach_text(reach, "en") == (
        "Goes to 4 people. Cannot be reached because they blocked the bot: 1."
    )
    one = await bot.services.audiences.count(Audience.everyone().where("role", "professional"))
    assert (reach_text(one, "nl"), reach_text(one, "en")) == (
        "Gaat naar 1 persoon.",
        "Goes to 1 person.",
    )
    urgent = await bot.services.audiences.count(VOLUNTEERS, urgent=True)
    assert urgent.people == 5  # Eva too


class Chosen(AudienceKind):
    """A kind a feature adds (as the shifts feature adds "the volunteers of shift X"): here,
    people chosen by id."""

    name = "test_chosen"

    def check(self, values: tuple[str, ...], settings: Settings) -> tuple[str, ...]:
        if not all(v.isdecimal() for v in values):
            raise InvalidInput("audience.invalid")
        return values

    def clause(self, values: tuple[str, ...], now: datetime) -> Clause:
        return Clause(f"p.id IN ({', '.join('?' for _ in values)})", tuple(map(int, values)))

    def describe(self, values: tuple[str, ...], language: str, settings: Settings) -> str:
        return f"(#{', #'.join(values)})"


async def test_a_feature_adds_a_kind_and_the_base_rule_still_holds(bot: Harness) -> None:
    audiences.register(Chosen())
    chats = await cast(bot)
    ids = {}
    async with bot.services.db.read() as tx:
        for name in ("Vera", "Eva", "Paul", "Pieter"):
            person = await PersonRepository(tx).by_telegram_id(chats[name].id)
            assert person is not None
            ids[name] = str(person.id)
    chosen = VOLUNTEERS.where("test_chosen", *ids.values())
    assert await names(bot, chosen) == ["Vera"]  # not Eva (own pause), Paul (paused), Pieter
    assert await names(bot, chosen, urgent=True) == ["Eva", "Vera"]
    assert Audience.from_json(chosen.to_json()) == chosen
    assert describe(chosen, "nl", bot.settings).startswith("vrijwilligers (#")
    with pytest.raises(ValueError, match="taken"):
        audiences.register(type("Impostor", (Chosen,), {})())
    audiences.register(Chosen())  # registering the same kind again is harmless


@pytest.mark.parametrize(
    "audience",
    [
        Audience.everyone(),
        VOLUNTEERS,
        Audience.everyone().where("wijk", "Noord", "Zuid"),
        Audience.alumni_only(),
        VOLUNTEERS.where("interest", "ouderen"),
    ],
)
async def test_the_query_reads_an_index_not_the_whole_table(
    bot: Harness, audience: Audience
) -> None:
    checked = audiences.check(audience, bot.settings)
    now = bot.clock()
    condition, params = where(
        audiences.clauses(checked, now), now, alumni=checked.alumni, urgent=False, unreachable=False
    )
    async with bot.services.db.read() as tx:
        rows = await tx.fetchall(
            f"EXPLAIN QUERY PLAN SELECT p.id FROM people AS p WHERE {condition} ORDER BY p.id",
            params,
        )
    plan = [str(r["detail"]) for r in rows]
    assert any(step.startswith("SEARCH p USING") and "INDEX" in step for step in plan), plan
    assert not any(step.startswith("SCAN p") for step in plan), plan
