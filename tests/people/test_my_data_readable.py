"""/mijngegevens in words people read: only what they wrote or were told (not the routing audit
trail on their question), plain text without HTML tags, one timestamp format (local time with
its offset), and labels instead of codes."""

from __future__ import annotations

import json
import re
from typing import Any

from storage.people import Role
from tests.dialogue import Chatter, Harness
from tests.questions.steps import ask, rule
from tests.records import person_with_every_record
from tests.signals.steps import report, team

STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")
ONE_FORMAT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00")  # Amsterdam, seconds


async def export(chatter: Chatter) -> tuple[str, dict[str, Any]]:
    reply = await chatter.send("/mijngegevens")
    document = next(c for c in reply if c.method == "sendDocument")
    raw = next(iter(document.files.values())).decode("utf-8")
    return raw, json.loads(raw)


def strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


async def test_her_question_holds_what_she_wrote_and_was_told_not_its_routing(
    bot: Harness,
) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    pia, _ = await bot.member(Role.PROFESSIONAL, "Pia", wijk="Zuid")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await rule(bot, None, piet_person)
    await ask(anna, "Waar kan iemand met schulden terecht?")
    await piet.press("Doorsturen")
    await piet.press("Pia (Zuid)")
    await piet.send("Pia kent het Geldloket.")
    await pia.press("Beantwoorden")
    await pia.send("Bij het Geldloket, elke dinsdag.")

    raw, data = await export(anna)
    [question] = data["questions_asked"]
    assert [(m["what"], m["by_you"], m["text"]) for m in question["thread"]] == [
        ("vraag", True, "Waar kan iemand met schulden terecht?"),
        ("antwoord", False, "Bij het Geldloket, elke dinsdag."),
    ]
    assert "Pia kent het Geldloket" not in raw  # the professionals' reasons are not hers
    assert "via" not in raw and "routed" not in raw and "reassigned" not in raw
    assert question["topic"] == "Geldzorgen" and question["status"] == "beantwoord"
    assert question["reference"] == "Q-0001"


async def test_the_file_is_plain_text_in_one_timestamp_format_and_words(bot: Harness) -> None:
    _, piet, _, anna, _, _ = await team(bot)
    await report(anna)
    await piet.press("Oppakken")
    raw, data = await export(anna)

    assert "<b>" not in raw and "<i>" not in raw and "&lt;" not in raw
    stamps = [s for s in strings(data) if STAMP.match(s)]
    assert stamps and [s for s in stamps if not ONE_FORMAT.fullmatch(s)] == []
    [signal] = data["signals_reported"]
    assert (signal["reference"], signal["category"], signal["status"]) == (
        "S-0001",
        "Eenzaamheid",
        "opgepakt",
    )
    assert (signal["urgency"], signal["consent"]) == ("Normaal", "Weet ik niet")
    assert data["person"]["role"] == "vrijwilliger" and data["person"]["status"] == "actief"
    assert "sendMessage" not in raw and "picked_up" not in raw


async def test_every_record_reads_the_same_way(bot: Harness) -> None:
    record = await person_with_every_record(bot)
    raw, data = await export(record.chatter)
    stamps = [s for s in strings(data) if STAMP.match(s)]
    assert [s for s in stamps if not ONE_FORMAT.fullmatch(s)] == []
    assert "to 1:" not in raw and "to 2:" not in raw  # ids of people are no words
