"""People's ids are never used twice, not even after /vergeet: audit details name people by id
("to 12 via rule 3"), and a newcomer must not inherit an erased person's history. Migration 0011
rebuilds the table with AUTOINCREMENT, foreign keys off around it (storage.database)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import aiosqlite
import pytest

from storage.database import Database, apply_migration, migrate, migration_scripts
from storage.people import NewPerson, PersonRepository, Role
from tests.dialogue import Harness

AUTOINCREMENT = 11
BEFORE = max(v for v, _ in migration_scripts() if v < AUTOINCREMENT)
NOW = "2026-11-23T09:00:00+00:00"


async def test_a_newcomer_never_gets_an_erased_persons_id(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    bob, bob_person = await bot.member(Role.VOLUNTEER, "Bob")
    await bob.send("/vergeet")
    await bob.press("Ja, wis mijn gegevens")

    _, newcomer = await bot.member(Role.VOLUNTEER, "Zoë")
    assert newcomer.id > bob_person.id


def _person(person_id: int, invited_by: int | None = None) -> tuple[object, ...]:
    return (
        person_id,
        9000 + person_id,
        "volunteer",
        f"P{person_id}",
        "nl",
        NOW,
        invited_by,
        NOW,
        NOW,
    )


_INSERT_PERSON = (
    "INSERT INTO people (id, telegram_id, role, name, language, terms_accepted_at, invited_by,"
    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


async def _columns_and_indexes(conn: aiosqlite.Connection) -> tuple[list[object], list[object]]:
    columns = [tuple(r) for r in await conn.execute_fetchall("PRAGMA table_info(people)")]
    indexes = [
        tuple(r)
        for r in await conn.execute_fetchall(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'people'"
        )
    ]
    return columns, indexes


async def test_the_upgrade_keeps_everyone_and_skips_ids_the_audit_trail_names(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        await migrate(conn, up_to=BEFORE)
        await conn.execute("PRAGMA foreign_keys=ON")
        for person in (_person(1), _person(2, invited_by=1), _person(3, invited_by=2)):
            await conn.execute(_INSERT_PERSON, person)
        await conn.execute(  # columns added by 0010 come along
            "UPDATE people SET own_pause_since = ?, own_pause_reason = 'rust' WHERE id = 3", (NOW,)
        )
        await conn.execute(
            "INSERT INTO invites VALUES ('abc', 'volunteer', NULL, 1, 0, ?, 2, ?)", (NOW, NOW)
        )
        await conn.execute(
            "INSERT INTO signals (id, reporter_id, owner_id, category, urgency, consent,"
            " created_at, pickup_due_at) VALUES (1, 3, 2, 'x', 'normal', 'yes', ?, ?)",
            (NOW, NOW),
        )
        for action, detail in (
            ("routed", "to 7 via rule 1"),  # 7 and 9 were erased since
            ("out_of_hours", "to 2, 9"),
            ("reassigned", "to 5: bel haar, 612345678"),  # a number in the reason is no id
        ):
            await conn.execute(
                "INSERT INTO signal_events (signal_id, action, detail, created_at)"
                " VALUES (1, ?, ?, ?)",
                (action, detail, NOW),
            )
        before = await _columns_and_indexes(conn)

    db = Database(path)
    await db.open()
    try:
        async with db.transaction() as tx:
            people = PersonRepository(tx)
            newcomer = await people.add(
                NewPerson(telegram_id=1, role=Role.VOLUNTEER, name="Zoë", wijk=None, language="nl"),
                datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
            )
            invited = await tx.fetchone("SELECT created_by FROM invites")
            signal = await tx.fetchone("SELECT reporter_id, owner_id FROM signals")
            chain = await tx.fetchall("SELECT id, invited_by FROM people ORDER BY id")
            pause = await tx.fetchone(
                "SELECT own_pause_since, own_pause_until, own_pause_reason FROM people WHERE id = 3"
            )
            broken = await tx.fetchall("PRAGMA foreign_key_check")
            on = await tx.fetchone("PRAGMA foreign_keys")
        assert newcomer == 10
        assert invited is not None and invited[0] == 2
        assert signal is not None and tuple(signal) == (3, 2)
        assert [tuple(r) for r in chain] == [(1, None), (2, 1), (3, 2), (10, None)]
        assert pause is not None and tuple(pause) == (NOW, None, "rust")
        assert broken == [] and on is not None and on[0] == 1
        async with db.transaction() as tx:  # references still hold: erasing 2 clears them
            await tx.execute("DELETE FROM people WHERE id = 2")
            invited = await tx.fetchone("SELECT created_by FROM invites")
            signal = await tx.fetchone("SELECT owner_id FROM signals")
        assert invited is not None and invited[0] is None
        assert signal is not None and signal[0] is None
    finally:
        await db.close()
    async with aiosqlite.connect(path) as conn:
        columns, indexes = await _columns_and_indexes(conn)
        sql = await conn.execute_fetchall("SELECT sql FROM sqlite_master WHERE name = 'people'")
    assert (columns, indexes) == before  # nothing lost in the rebuild
    assert "AUTOINCREMENT" in str(next(iter(sql))[0])


async def test_a_rebuild_that_breaks_a_reference_is_rolled_back(tmp_path: Path) -> None:
    async with aiosqlite.connect(tmp_path / "x.sqlite3", isolation_level=None) as conn:
        await conn.execute("PRAGMA foreign_keys=ON")
        await conn.executescript(
            "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
            "CREATE TABLE child (parent_id INTEGER REFERENCES parent(id));"
            "INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1);"
        )
        script = (
            "-- voelspriet: foreign keys off\n"
            "CREATE TABLE parent_new (id INTEGER PRIMARY KEY AUTOINCREMENT);"
            "DROP TABLE parent; ALTER TABLE parent_new RENAME TO parent;"
        )
        with pytest.raises(RuntimeError, match="foreign key"):
            await apply_migration(conn, 2, script)
        kept = await conn.execute_fetchall("SELECT id FROM parent")
        version = await conn.execute_fetchall("PRAGMA user_version")
        on = await conn.execute_fetchall("PRAGMA foreign_keys")
    assert [tuple(r) for r in kept] == [(1,)]
    assert next(iter(version))[0] == 0 and next(iter(on))[0] == 1
