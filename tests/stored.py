"""What the bot stored, read back for the assertions (each in its own read)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from storage.flows import Flow, FlowRepository
from storage.people import Person, PersonRepository
from storage.questions import Question, QuestionRepository, ThreadMessage
from storage.signals import Signal, SignalEvent, SignalRepository
from storage.timers import Timer, TimerRepository
from tests.dialogue import Chatter, Harness


async def signals_of(bot: Harness) -> list[Signal]:
    async with bot.services.db.read() as tx:
        rows = await tx.fetchall("SELECT id FROM signals ORDER BY id")
        found = [await SignalRepository(tx).by_id(r["id"]) for r in rows]
    return [s for s in found if s is not None]


async def events_of(bot: Harness, signal_id: int) -> list[SignalEvent]:
    async with bot.services.db.read() as tx:
        return await SignalRepository(tx).events(signal_id)


def _telegram_id(who: Chatter | int) -> int:
    return who if isinstance(who, int) else who.id


async def draft_of(bot: Harness, who: Chatter | int) -> Flow | None:
    """The open flow (draft or step) of a person, by their chat or Telegram id."""
    async with bot.services.db.read() as tx:
        return await FlowRepository(tx).get(_telegram_id(who))


async def questions_of(bot: Harness) -> list[Question]:
    async with bot.services.db.read() as tx:
        rows = await tx.fetchall("SELECT id FROM questions ORDER BY id")
        found = [await QuestionRepository(tx).by_id(r["id"]) for r in rows]
    return [q for q in found if q is not None]


async def thread_of(bot: Harness, question_id: int) -> list[ThreadMessage]:
    async with bot.services.db.read() as tx:
        return await QuestionRepository(tx).thread(question_id)


async def timers_of(bot: Harness, prefix: str) -> list[Timer]:
    """The timers whose keys start with `prefix` ("signal:1:"), waiting or fired, by key."""
    async with bot.services.db.read() as tx:
        return await TimerRepository(tx).with_prefix(prefix)


async def waiting_timers(bot: Harness, prefix: str) -> dict[str, datetime]:
    """The unfired timers whose keys start with `prefix`: key -> when due."""
    return {t.key: t.due_at for t in await timers_of(bot, prefix) if t.fired_at is None}


async def has_flow(bot: Harness, who: Chatter | int) -> bool:
    return await draft_of(bot, who) is not None


async def person_of(bot: Harness, who: Chatter | int) -> Person | None:
    """The stored person, by their chat or Telegram id; None when not (or no longer) there."""
    async with bot.services.db.read() as tx:
        return await PersonRepository(tx).by_telegram_id(_telegram_id(who))


def where_found(db_path: Path, wanted: dict[str, str], telegram_id: int) -> dict[str, set[str]]:
    """For each text (and the person's Telegram id): the tables holding it, by reading every
    row of every table (SQLite's own shadow tables of full-text search included)."""
    found: dict[str, set[str]] = {}
    with sqlite3.connect(db_path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    for kind in _matches(value, wanted, telegram_id):
                        found.setdefault(kind, set()).add(table)
    return found


def _matches(value: Any, wanted: dict[str, str], telegram_id: int) -> list[str]:
    if isinstance(value, int):
        return ["telegram id"] if value == telegram_id else []
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return []
    kinds = [kind for kind, text in wanted.items() if text in value or text[:24] in value]
    return kinds + (["telegram id"] if str(telegram_id) in value else [])


def in_file_bytes(db_path: Path, wanted: dict[str, str], telegram_id: int) -> list[str]:
    """What the database file and its WAL still hold, deleted pages and free space included:
    the texts, and the Telegram id as text or as the integer SQLite stores (big-endian, in the
    fewest of 1, 2, 3, 4, 6 or 8 bytes)."""
    data = b"".join(
        path.read_bytes()
        for path in (db_path, db_path.with_name(db_path.name + "-wal"))
        if path.exists()
    )
    found = [kind for kind, text in wanted.items() if text[:24].encode() in data]
    size = next(n for n in (1, 2, 3, 4, 6, 8) if telegram_id < 2 ** (8 * n - 1))
    if str(telegram_id).encode() in data or telegram_id.to_bytes(size, "big") in data:
        found.append("telegram id")
    return found
