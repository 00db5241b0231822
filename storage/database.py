"""One aiosqlite connection, opened with WAL and foreign keys, and the transaction unit services use.

Every statement is one hand-over to aiosqlite's worker thread: reads use `execute_fetchall`
and writes read `rowcount`/`lastrowid` straight off the cursor, instead of the three round trips
(execute, fetch, close) a cursor context costs. A use case runs some ten statements, so this
keeps the thread switching (the dominant cost per update) small. Waiting for another process's
write lock happens in the worker thread (busy_timeout), so the event loop never stalls.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

Row = aiosqlite.Row
# How long a transaction waits for a write lock held by another process before it fails.
LOCK_PATIENCE = 5.0


class Transaction:
    """A running transaction: repositories execute through it; only `Database` commits."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn
        self._after_commit: list[Callable[[], None]] = []

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run a statement and return the number of rows it changed."""
        cursor = await self._conn.execute(sql, tuple(params))
        return cursor.rowcount

    async def insert(self, sql: str, params: Iterable[Any] = ()) -> int | None:
        """Run an INSERT and return the new rowid, or None when OR IGNORE skipped it."""
        cursor = await self._conn.execute(sql, tuple(params))
        return cursor.lastrowid if cursor.rowcount > 0 else None

    async def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> None:
        await self._conn.executemany(sql, [tuple(r) for r in rows])

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> Row | None:
        rows = list(await self._conn.execute_fetchall(sql, tuple(params)))
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        return list(await self._conn.execute_fetchall(sql, tuple(params)))

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the transaction has committed (e.g. wake the delivery worker)."""
        self._after_commit.append(callback)


class Database:
    """Owns the connection; serialises transactions so services never interleave writes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()

    async def open(self) -> None:
        if self.path != Path(":memory:"):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = await aiosqlite.connect(self.path, isolation_level=None)
        self._conn.row_factory = aiosqlite.Row
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=NORMAL",  # WAL + NORMAL survives a process crash (kill -9)
            "PRAGMA foreign_keys=ON",
            # Deleted and overwritten content is zeroed, not left in free space: erasure
            # (/vergeet) must not survive in the file's bytes.
            "PRAGMA secure_delete=ON",
            f"PRAGMA busy_timeout={LOCK_PATIENCE * 1000:.0f}",
        ):
            await self._conn.execute(pragma)
        await migrate(self._conn)

    async def checkpoint(self) -> None:
        """Copy the WAL into the database file and empty it, so old page images (with erased
        data in them) do not linger there."""
        conn = self._require()
        async with self._lock:
            await conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """Open a write transaction; commit when the block ends, roll back on any exception."""
        conn = self._require()
        async with self._lock:
            await conn.execute("BEGIN IMMEDIATE")
            tx = Transaction(conn)
            try:
                yield tx
            except BaseException:
                await conn.rollback()
                raise
            await conn.commit()
        for callback in tx._after_commit:
            callback()

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Transaction]:
        """Run reads without BEGIN/COMMIT (two fewer thread hand-overs); writes belong in
        `transaction`. Each statement sees committed data; this process's writers are kept out."""
        conn = self._require()
        async with self._lock:
            yield Transaction(conn)

    def _require(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn


def migration_scripts() -> list[tuple[int, str]]:
    """The numbered SQL scripts shipped in storage/migrations, in order."""
    folder = resources.files("storage") / "migrations"
    scripts = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            scripts.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(scripts)


# A script that rebuilds a table others refer to starts with this line: it runs with foreign
# keys off (they cannot change inside a transaction, and DROP TABLE would otherwise null or
# delete every reference), and is rolled back unless `PRAGMA foreign_key_check` finds nothing.
FOREIGN_KEYS_OFF = "-- voelspriet: foreign keys off"


async def apply_migration(conn: aiosqlite.Connection, version: int, script: str) -> None:
    """Run one numbered script and set user_version to it, all in one transaction."""
    rebuild = script.lstrip().startswith(FOREIGN_KEYS_OFF)
    keys_were_on = bool(next(iter(await conn.execute_fetchall("PRAGMA foreign_keys")))[0])
    if rebuild:
        await conn.execute("PRAGMA foreign_keys=OFF")
    try:
        # executescript commits first; the BEGIN here keeps the step atomic.
        await conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version={version};")
        if rebuild and list(await conn.execute_fetchall("PRAGMA foreign_key_check")):
            raise RuntimeError(f"migration {version:04d} would break a foreign key")
        await conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            await conn.execute("ROLLBACK")
        raise
    finally:
        if rebuild and keys_were_on:
            await conn.execute("PRAGMA foreign_keys=ON")


async def migrate(conn: aiosqlite.Connection, up_to: int | None = None) -> int:
    """Apply every migration newer than the database's user_version; return the new version."""
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    current = int(row[0]) if row else 0
    for version, script in migration_scripts():
        if version <= current or (up_to is not None and version > up_to):
            continue
        log.info("applying migration %04d", version)
        await apply_migration(conn, version, script)
        current = version
    return current
