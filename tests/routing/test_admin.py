"""/routering: coordinators add, move and delete routing rules; the configuration seeds them once."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.core import i18n
from bot.routing.rules import Via
from storage.people import Role
from storage.routing import RoutingRepository, RoutingRule
from tests.answers import NOT_ALLOWED
from tests.dialogue import Harness, settings_for
from tests.routing.steps import who
from tests.signals.steps import latest, report, team

EXPIRED = i18n.t("nl", "common.button_expired")


async def rules_of(bot: Harness) -> list[RoutingRule]:
    async with bot.services.db.read() as tx:
        return await RoutingRepository(tx).rules()


async def test_coordinator_adds_moves_and_deletes_rules(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    await bot.member(Role.PROFESSIONAL, "Piet")
    await bot.member(Role.PROFESSIONAL, "Sara")

    reply = await carla.send("/routering")
    assert "Er zijn nog geen regels." in reply.text
    await carla.press("➕ Regel toevoegen")
    assert (await carla.press("Geldzorgen")).text == "Voor welke wijk is de regel?"
    assert (await carla.press("Noord")).text == "Wie krijgt deze signalen?"
    reply = await carla.press("Piet")
    assert reply.toast == "Opgeslagen. Signalen die al open staan, houden hun eigenaar."
    assert "1. Geldzorgen · Noord → Piet" in reply.text

    await carla.press("➕ Regel toevoegen")
    await carla.press("Alle categorieën")
    await carla.press("Alle wijken")
    reply = await carla.press("Sara")
    assert "2. Alle categorieën · Alle wijken → Sara" in reply.text
    assert await who(bot, "schulden", "Noord") == ("Piet", Via.RULE)
    assert await who(bot, "eenzaamheid", "Zuid") == ("Sara", Via.RULE)

    reply = await carla.press("⬆️ 2")
    assert "1. Alle categorieën · Alle wijken → Sara\n2. Geldzorgen · Noord → Piet" in reply.text
    assert await who(bot, "schulden", "Noord") == ("Sara", Via.RULE)

    reply = await carla.press("🗑 1")
    assert reply.text.startswith("Wil je deze regel verwijderen?")
    reply = await carla.press("Ja, verwijderen")
    assert "1. Geldzorgen · Noord → Piet" in reply.text and "Sara" not in reply.text
    assert await who(bot, "eenzaamheid", "Zuid") == ("Carla", Via.FALLBACK)


async def test_all_callback_data_fits_telegrams_64_bytes(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    await bot.member(Role.PROFESSIONAL, "Piet")
    await carla.send("/routering")
    await carla.press("➕ Regel toevoegen")
    await carla.press("Anders")
    replies = await carla.press("Centrum")
    data = [b["callback_data"] for c in replies for row in c.keyboard for b in row]
    assert data and all(len(d.encode()) <= 64 for d in data)


async def test_forged_buttons_are_refused_and_change_nothing(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    anna, anna_person = await bot.member(Role.VOLUNTEER, "Anna")
    async with bot.services.db.transaction() as tx:
        rule_id = await RoutingRepository(tx).add_rule(None, None, piet_person.id, bot.clock())
    before = await rules_of(bot)

    for forger in (piet, anna):
        for data in (f"rt:p:1:0:{piet_person.id}", f"rt:xok:{rule_id}", f"rt:u:{rule_id}", "rt:l"):
            assert (await forger.press_data(data)).toast == NOT_ALLOWED
        assert NOT_ALLOWED in (await forger.send("/routering")).text
    # A coordinator's forged indexes and ids are checked too.
    for data in (
        f"rt:p:9:0:{piet_person.id}",
        f"rt:p:0:x:{piet_person.id}",
        f"rt:p:a:a:{anna_person.id}",
        "rt:xok:999",
        "rt:u:abc",
        "rt:zz",
    ):
        assert (await carla.press_data(data)).toast == EXPIRED
    assert await rules_of(bot) == before


async def test_changing_rules_re_routes_no_open_signal(bot: Harness) -> None:
    carla, _, _, anna, piet, _ = await team(bot)
    await report(anna)
    signal = await latest(bot)
    assert signal.owner_id == piet.id

    await carla.send("/routering")
    await carla.press("➕ Regel toevoegen")
    await carla.press("Alle categorieën")
    await carla.press("Alle wijken")
    await carla.press("Pia")
    await carla.press("⬆️ 2")
    await carla.press("🗑 2")
    await carla.press("Ja, verwijderen")

    assert (await latest(bot)).owner_id == piet.id  # the open signal keeps its owner
    await report(anna, "Nog een buurman die hulp nodig heeft.")
    assert (await latest(bot)).owner_id != piet.id


async def test_configured_rules_are_seeded_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    rules = [
        {"category": "schulden", "wijk": "Noord", "professional_telegram_id": 555},
        {"professional_telegram_id": 777},
    ]
    bot = await Harness(settings_for(tmp_path, routing={"rules": rules})).start()
    try:
        _, carla = await bot.member(Role.COORDINATOR, "Carla")
        _, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
        assert await rules_of(bot) == []  # Piet was not registered at start-up
        async with bot.services.db.transaction() as tx:
            await tx.execute("UPDATE people SET telegram_id = 555 WHERE id = ?", (piet_person.id,))
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="bot.routing.admin"):
            bot = await bot.restart()
        assert [r.message for r in caplog.records] == [
            "routing rule 2 from the configuration skipped: no active professional"
        ]
        seeded = await rules_of(bot)
        assert [(r.category, r.wijk, r.professional_id) for r in seeded] == [
            ("schulden", "Noord", piet_person.id)
        ]
        async with bot.services.db.transaction() as tx:
            await RoutingRepository(tx).delete_rule(seeded[0].id)
            await RoutingRepository(tx).add_rule(None, "Zuid", carla.id, bot.clock())
        bot = await bot.restart()  # the table has rules: the configuration is not copied again
        assert [(r.category, r.wijk) for r in await rules_of(bot)] == [(None, "Zuid")]
    finally:
        await bot.stop()


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ({"category": "fietsen", "professional_telegram_id": 1}, "unknown category"),
        ({"wijk": "Oost", "professional_telegram_id": 1}, "unknown wijk"),
    ],
)
def test_configured_rules_must_name_known_categories_and_wijken(
    tmp_path: Path, rule: dict[str, object], problem: str
) -> None:
    with pytest.raises(ValidationError, match=problem):
        settings_for(tmp_path, routing={"rules": [rule]})
