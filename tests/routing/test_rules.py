"""Routing: first matching rule wins, absences pass to substitutes, coordinators catch the rest."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.routing.rules import NobodyAvailable, Via
from storage.people import Person, PersonRepository, Role, Status
from storage.routing import RoutingRepository
from tests.dialogue import Harness
from tests.routing.steps import who


async def professional(bot: Harness, name: str, wijk: str | None = "Noord") -> Person:
    _, person = await bot.member(Role.PROFESSIONAL, name, wijk=wijk)
    return person


async def add_rules(bot: Harness, *rules: tuple[str | None, str | None, Person]) -> None:
    async with bot.services.db.transaction() as tx:
        for category, wijk, person in rules:
            await RoutingRepository(tx).add_rule(category, wijk, person.id, bot.clock())


async def test_first_matching_rule_wins(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    piet, sara, omar = [await professional(bot, n) for n in ("Piet", "Sara", "Omar")]
    await add_rules(
        bot, ("schulden", "Noord", piet), ("schulden", None, sara), (None, "Zuid", omar)
    )

    assert await who(bot, "schulden", "Noord") == ("Piet", Via.RULE)
    assert await who(bot, "schulden", "Zuid") == ("Sara", Via.RULE)
    assert await who(bot, "eenzaamheid", "Zuid") == ("Omar", Via.RULE)
    assert await who(bot, "eenzaamheid", "Noord") == ("Carla", Via.FALLBACK)


async def test_moving_a_rule_changes_the_order(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    piet, sara = await professional(bot, "Piet"), await professional(bot, "Sara")
    await add_rules(bot, (None, None, piet), ("schulden", None, sara))
    async with bot.services.db.transaction() as tx:
        rules = await RoutingRepository(tx).rules()
        await RoutingRepository(tx).move_rule(rules[1].id, 1)
        assert [r.professional_id for r in await RoutingRepository(tx).rules()] == [
            sara.id,
            piet.id,
        ]
    assert await who(bot, "schulden", "Noord") == ("Sara", Via.RULE)
    assert await who(bot, "eenzaamheid", "Noord") == ("Piet", Via.RULE)


async def test_paused_professional_is_skipped(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    piet, sara = await professional(bot, "Piet"), await professional(bot, "Sara")
    await add_rules(bot, ("schulden", None, piet), (None, None, sara))
    async with bot.services.db.transaction() as tx:
        await PersonRepository(tx).set_status(piet.id, Status.PAUSED, bot.clock())
    assert await who(bot, "schulden", "Noord") == ("Sara", Via.RULE)


async def test_absence_passes_to_the_substitute_and_back(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    piet, sara = await professional(bot, "Piet"), await professional(bot, "Sara")
    await add_rules(bot, (None, None, piet))
    now = bot.clock()
    async with bot.services.db.transaction() as tx:
        await RoutingRepository(tx).add_absence(piet.id, sara.id, now, now + timedelta(days=7))

    assert await who(bot, "schulden", "Noord") == ("Sara", Via.SUBSTITUTE)
    bot.clock.advance(days=7)
    assert await who(bot, "schulden", "Noord") == ("Piet", Via.RULE)


async def test_a_chain_of_substitutes_is_followed_and_a_circle_is_not(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    piet, sara, omar = [await professional(bot, n) for n in ("Piet", "Sara", "Omar")]
    await add_rules(bot, (None, None, piet))
    now, later = bot.clock(), bot.clock() + timedelta(days=3)
    async with bot.services.db.transaction() as tx:
        await RoutingRepository(tx).add_absence(piet.id, sara.id, now, later)
        await RoutingRepository(tx).add_absence(sara.id, omar.id, now, later)
    assert await who(bot, "x", None) == ("Omar", Via.SUBSTITUTE)

    async with bot.services.db.transaction() as tx:
        await RoutingRepository(tx).add_absence(omar.id, piet.id, now, later)
    assert await who(bot, "x", None) == ("Carla", Via.FALLBACK)


async def test_absence_without_substitute_falls_back_to_the_least_busy_coordinator(
    bot: Harness,
) -> None:
    _, carla = await bot.member(Role.COORDINATOR, "Carla")
    _, dirk = await bot.member(Role.COORDINATOR, "Dirk")
    piet = await professional(bot, "Piet")
    await add_rules(bot, (None, None, piet))
    async with bot.services.db.transaction() as tx:
        await RoutingRepository(tx).add_absence(
            piet.id, None, bot.clock(), bot.clock() + timedelta(days=1)
        )
    assert await who(bot, "x", None, {carla.id: 3, dirk.id: 1}) == ("Dirk", Via.FALLBACK)
    assert await who(bot, "x", None, {carla.id: 1, dirk.id: 1}) == ("Carla", Via.FALLBACK)


async def test_removing_a_professional_removes_their_rules(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    piet = await professional(bot, "Piet")
    await add_rules(bot, (None, None, piet))
    async with bot.services.db.transaction() as tx:
        await PersonRepository(tx).delete(piet.id)
        assert await RoutingRepository(tx).rules() == []


async def test_nobody_at_all_is_an_error_not_a_silent_drop(bot: Harness) -> None:
    with pytest.raises(NobodyAvailable):
        await who(bot, "x", None)


async def test_the_fallback_counts_open_signals_from_the_database(bot: Harness) -> None:
    _, carla = await bot.member(Role.COORDINATOR, "Carla")
    _, dirk = await bot.member(Role.COORDINATOR, "Dirk")
    stamp = "2026-11-23T09:00:00.000000Z"
    async with bot.services.db.transaction() as tx:
        rows = [(carla.id, "received"), (carla.id, "picked_up"), (dirk.id, "received")]
        rows += [(dirk.id, "closed")] * 5  # closed ones do not count
        await tx.executemany(
            "INSERT INTO signals (owner_id, category, urgency, consent, status, created_at,"
            " pickup_due_at) VALUES (?, 'x', 'normal', 'yes', ?, ?, ?)",
            [(owner, status, stamp, stamp) for owner, status in rows],
        )
    assert await who(bot, "x", None, None) == ("Dirk", Via.FALLBACK)


async def test_the_fallback_counts_open_questions_too(bot: Harness) -> None:
    _, carla = await bot.member(Role.COORDINATOR, "Carla")
    _, dirk = await bot.member(Role.COORDINATOR, "Dirk")
    stamp = "2026-11-23T09:00:00.000000Z"
    async with bot.services.db.transaction() as tx:
        await tx.execute(
            "INSERT INTO signals (owner_id, category, urgency, consent, status, created_at,"
            " pickup_due_at) VALUES (?, 'x', 'normal', 'yes', 'received', ?, ?)",
            (dirk.id, stamp, stamp),
        )
        questions = [(carla.id, "open"), (carla.id, "open"), (dirk.id, "answered")]
        questions += [(dirk.id, "closed")] * 3  # answered and closed ones do not count
        await tx.executemany(
            "INSERT INTO questions (owner_id, topic, status, created_at, answer_due_at)"
            " VALUES (?, 'x', ?, ?, ?)",
            [(owner, status, stamp, stamp) for owner, status in questions],
        )
    # Carla: 2 open questions; Dirk: 1 open signal.
    assert await who(bot, "x", None, None) == ("Dirk", Via.FALLBACK)
