"""The schema is built by numbered migrations, and an older database upgrades in place."""

from __future__ import annotations

from pathlib import Path

import aiosqlite
import pytest

from storage.database import Database, migrate, migration_scripts

VERSIONS = [version for version, _ in migration_scripts()]
LATEST = VERSIONS[-1]
# 12 was handed out to a branch that needed no schema change. It stays empty rather than
# renumbering 13 to 15: databases already at 13 (shifts landed first) would skip the renumbered
# ones. Any other gap is an error.
SKIPPED = {12}


def test_migrations_are_numbered_without_gaps_each_once() -> None:
    expected = [v for v in range(1, LATEST + 1) if v not in SKIPPED]
    assert expected == VERSIONS


async def test_fresh_database_has_current_version_and_pragmas(tmp_path: Path) -> None:
    db = Database(tmp_path / "fresh.sqlite3")
    await db.open()
    try:
        async with db.transaction() as tx:
            version = await tx.fetchone("PRAGMA user_version")
            foreign_keys = await tx.fetchone("PRAGMA foreign_keys")
            tables = {
                r[0]
                for r in await tx.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        assert version is not None and version[0] == LATEST
        assert foreign_keys is not None and foreign_keys[0] == 1
        assert {"people", "invites", "flows", "outbox", "processed_updates", "meta"} <= tables
    finally:
        await db.close()
    async with (
        aiosqlite.connect(tmp_path / "fresh.sqlite3") as conn,
        conn.execute("PRAGMA journal_mode") as cur,
    ):
        row = await cur.fetchone()
    assert row is not None and row[0] == "wal"


@pytest.mark.parametrize("from_version", [0, *VERSIONS[:-1]])
async def test_older_database_upgrades_in_place(tmp_path: Path, from_version: int) -> None:
    path = tmp_path / "old.sqlite3"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn, up_to=from_version) == from_version
        await conn.execute("CREATE TABLE IF NOT EXISTS keepsake (note TEXT)")
        await conn.execute("INSERT INTO keepsake VALUES ('still here')")
    db = Database(path)
    await db.open()
    try:
        async with db.transaction() as tx:
            version = await tx.fetchone("PRAGMA user_version")
            kept = await tx.fetchone("SELECT note FROM keepsake")
        assert version is not None and version[0] == LATEST
        assert kept is not None and kept[0] == "still here"
    finally:
        await db.close()


async def test_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    db = Database(tmp_path / "tx.sqlite3")
    await db.open()
    try:
        with pytest.raises(RuntimeError):
            async with db.transaction() as tx:
                await tx.execute("INSERT INTO meta (key, value) VALUES ('a', 'b')")
                raise RuntimeError("crash mid-use-case")
        async with db.transaction() as tx:
            assert await tx.fetchone("SELECT * FROM meta") is None
    finally:
        await db.close()
