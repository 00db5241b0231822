"""Plural forms: a text with `.one` and `.other` forms is chosen by its `count`, so nothing says
"1 werkdagen"; every plural text has both forms in every language."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import i18n
from bot.core.config import LANGUAGES
from storage.people import Role
from tests.dialogue import Harness, settings_for
from tests.signals.steps import report, route_all_to


@pytest.mark.parametrize(
    ("language", "count", "expected"),
    [
        ("nl", 1, "Een beroepskracht pakt dit binnen 1 werkdag op."),
        ("nl", 3, "Een beroepskracht pakt dit binnen 3 werkdagen op."),
        ("en", 1, "A professional will pick this up within 1 working day."),
        ("en", 0, "A professional will pick this up within 0 working days."),
    ],
)
def test_the_form_follows_the_count(language: str, count: int, expected: str) -> None:
    assert i18n.t(language, "signals.promise_normal", count=count) == expected


def test_a_plural_text_needs_its_count() -> None:
    with pytest.raises(KeyError, match="count"):
        i18n.t("nl", "signals.promise_normal")


def test_every_plural_text_has_each_form_in_every_language() -> None:
    for language in LANGUAGES:
        forms: dict[str, set[str]] = {}
        for key in i18n.catalog(language):
            base, _, form = key.rpartition(".")
            if form in i18n.PLURAL_FORMS:
                forms.setdefault(base, set()).add(form)
        assert forms, "no plural texts at all"
        for base, found in forms.items():
            assert found == set(i18n.PLURAL_FORMS), f"{language}:{base}"


async def test_a_one_day_promise_says_one_working_day(tmp_path: Path) -> None:
    settings = settings_for(
        tmp_path,
        organisation={
            "categories": [{"key": "woning", "nl": "Woning", "en": "Housing", "promise_days": 1}]
        },
    )
    bot = await Harness(settings).start()
    try:
        _, piet = await bot.member(Role.PROFESSIONAL, "Piet")
        await route_all_to(bot, piet)
        anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
        await report(anna, category="Woning")
        receipt = anna.inbox()[-1].text or ""
        assert "binnen 1 werkdag op." in receipt
    finally:
        await bot.stop()


async def test_retention_of_one_day_says_one_day(tmp_path: Path) -> None:
    bot = await Harness(settings_for(tmp_path, retention={"closed_signals_days": 1})).start()
    try:
        carla, _ = await bot.member(Role.COORDINATOR, "Carla")
        reply = await carla.send("/opschonen")
        assert "worden 1 dag na het afsluiten anoniem gemaakt" in reply.texts[0]
    finally:
        await bot.stop()
