"""/vergeet reaches every copy: after erasure no table holds the person's name, Telegram id or
the texts erasure promises to remove, and neither does the database file itself.

What stays by design (README, Privacy): the signals she reported, with their history, for the
professionals, without the link to her."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from tests.dialogue import Harness
from tests.records_by_dialogue import ANNA_TELEGRAM_ID, Everything, build_everything

# What erasure removes everywhere; the signal's texts stay with the signal.
ERASED = ("name", "motivation", "question", "answer", "follow_up", "waiting", "draft")
SIGNAL_TABLES = {"signals", "signal_events"}


def needles(everything: Everything) -> dict[str, str]:
    return {kind: everything.texts[kind] for kind in ERASED}


def where_found(db_path: Path, wanted: dict[str, str]) -> dict[str, set[str]]:
    """For each text (and the Telegram id): the tables holding it, by reading every row of
    every table (SQLite's own shadow tables of full-text search included)."""
    found: dict[str, set[str]] = {}
    with sqlite3.connect(db_path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    for kind in _matches(value, wanted):
                        found.setdefault(kind, set()).add(table)
    return found


def _matches(value: Any, wanted: dict[str, str]) -> list[str]:
    if isinstance(value, int):
        return ["telegram id"] if value == ANNA_TELEGRAM_ID else []
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return []
    kinds = [kind for kind, text in wanted.items() if text in value or text[:24] in value]
    return kinds + (["telegram id"] if str(ANNA_TELEGRAM_ID) in value else [])


def in_file_bytes(db_path: Path, wanted: dict[str, str]) -> list[str]:
    """What the database file and its WAL still hold, deleted pages and free space included."""
    data = b"".join(
        path.read_bytes()
        for path in (db_path, db_path.with_name(db_path.name + "-wal"))
        if path.exists()
    )
    found = [kind for kind, text in wanted.items() if text[:24].encode() in data]
    as_integer = ANNA_TELEGRAM_ID.to_bytes(6, "big")  # how SQLite stores a 48-bit integer
    if str(ANNA_TELEGRAM_ID).encode() in data or as_integer in data:
        found.append("telegram id")
    return found


async def test_erasure_reaches_every_copy(bot: Harness) -> None:
    everything = await build_everything(bot)
    anna, texts, path = everything.anna, everything.texts, bot.settings.database.path
    wanted = needles(everything)
    before = where_found(path, wanted)
    # The test can fail: everything it looks for is there first, outbox copies included.
    assert set(before) == {*ERASED, "telegram id"}
    assert {"people", "outbox"} <= before["name"]
    assert "outbox" in before["question"] and "outbox" in before["waiting"]
    assert set(in_file_bytes(path, wanted)) == {*ERASED, "telegram id"}

    await anna.send("/vergeet")
    reply = await anna.press("Ja, wis mijn gegevens")
    assert reply.text.startswith("Je gegevens zijn gewist.")
    await bot.deliver()

    assert where_found(path, wanted) == {}
    assert in_file_bytes(path, wanted) == []
    # The signal stays for the professionals, with its history, without her.
    kept = where_found(path, {k: texts[k] for k in ("signal", "signal_answer", "closing_message")})
    assert set(kept) == {"signal", "signal_answer", "closing_message"}
    assert all(tables & SIGNAL_TABLES for tables in kept.values())
    carla = everything.team.carla
    assert carla.inbox()[-1].text == (
        f"{texts['name']} (vrijwilliger) heeft gevraagd om alle gegevens te wissen. Dat is gebeurd."
    )
