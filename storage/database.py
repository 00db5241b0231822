"""One SQLite connection, opened with WAL and foreign keys, and the transaction unit services use.

Statements run on the event loop's own thread. A use case's statements are point lookups and
small writes of some tens of microseconds each; handing every one to a worker thread (as
aiosqlite does) cost far more than that: a thread switch and a GIL hand-over per statement,
and, while the loop is busy, a wait of up to a whole GIL switch interval, with every other
transaction queued behind the lock meanwhile. Waiting for another process's write lock is the
one thing that could stall the loop, so BEGIN IMMEDIATE gives way to the loop between short tries.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

Row = sqlite3.Row
# How long one statement may wait for a lock held by another process before SQLite gives up
# (it blocks the loop meanwhile), and how long BEGIN IMMEDIATE keeps retrying in all.
STATEMENT_BUSY_MS = 50
LOCK_PATIENCE = 5.0


class Transaction:
    """A running transaction: repositories execute through it; only `Database` commits."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._after_commit: list[Callable[[], None]] = []

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run a statement and return the number of rows it changed."""
        cursor = self._conn.execute(sql, tuple(params))
        cursor.close()
        return cursor.rowcount

    async def insert(self, sql: str, params: Iterable[Any] = ()) -> int | None:
        """Run an INSERT and return the new rowid, or None when OR IGNORE skipped it."""
        cursor = self._conn.execute(sql, tuple(params))
        cursor.close()
        return cursor.lastrowid if cursor.rowcount > 0 else None

    async def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> None:
        self._conn.executemany(sql, [tuple(r) for r in rows]).close()

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> Row | None:
        cursor = self._conn.execute(sql, tuple(params))
        try:
            row: Row | None = cursor.fetchone()
            return row
        finally:
            cursor.close()

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        cursor = self._conn.execute(sql, tuple(params))
        try:
            return cursor.fetchall()
        finally:
            cursor.close()

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the transaction has committed (e.g. wake the delivery worker)."""
        self._after_commit.append(callback)


class Database:
    """Owns the connection; serialises transactions so services never interleave writes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._lock = asyncio.Lock()

    async def open(self) -> None:
        if self.path != Path(":memory:"):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        for pragma in (
            "PRAGMA journal_mode=WAL",
            "PRAGMA synchronous=NORMAL",  # WAL + NORMAL survives a process crash (kill -9)
            "PRAGMA foreign_keys=ON",
            f"PRAGMA busy_timeout={LOCK_PATIENCE * 1000:.0f}",
        ):
            conn.execute(pragma).close()
        migrate_now(conn)  # at start-up, before anything else runs
        conn.execute(f"PRAGMA busy_timeout={STATEMENT_BUSY_MS}").close()
        self._conn = conn

    async def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """Open a write transaction; commit when the block ends, roll back on any exception."""
        conn = self._require()
        async with self._lock:
            await _begin_immediate(conn)
            tx = Transaction(conn)
            try:
                yield tx
            except BaseException:
                conn.rollback()
                raise
            conn.commit()
        for callback in tx._after_commit:
            callback()

    def _require(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn


async def _begin_immediate(conn: sqlite3.Connection) -> None:
    """Take the write lock; while another process holds it, let the loop run between tries."""
    deadline = time.monotonic() + LOCK_PATIENCE
    pause = 0.005
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE").close()
            return
        except sqlite3.OperationalError as error:
            locked = "locked" in str(error) or "busy" in str(error)
            if not locked or time.monotonic() >= deadline:
                raise
        await asyncio.sleep(pause)
        pause = min(0.1, pause * 2)


def migration_scripts() -> list[tuple[int, str]]:
    """The numbered SQL scripts shipped in storage/migrations, in order."""
    folder = resources.files("storage") / "migrations"
    scripts = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            scripts.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(scripts)


def migrate_now(conn: sqlite3.Connection, up_to: int | None = None) -> int:
    """`migrate` on a plain sqlite3 connection (what `Database.open` uses)."""
    row = conn.execute("PRAGMA user_version").fetchone()
    current = int(row[0]) if row else 0
    for version, script in migration_scripts():
        if version <= current or (up_to is not None and version > up_to):
            continue
        log.info("applying migration %04d", version)
        conn.executescript(_step(version, script))
        current = version
    return current


def _step(version: int, script: str) -> str:
    # executescript commits first; the script's own BEGIN/COMMIT keeps each step atomic.
    return f"BEGIN;\n{script}\nPRAGMA user_version={version};\nCOMMIT;"


async def migrate(conn: aiosqlite.Connection, up_to: int | None = None) -> int:
    """Apply every migration newer than the database's user_version; return the new version."""
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    current = int(row[0]) if row else 0
    for version, script in migration_scripts():
        if version <= current or (up_to is not None and version > up_to):
            continue
        log.info("applying migration %04d", version)
        await conn.executescript(_step(version, script))
        current = version
    return current
