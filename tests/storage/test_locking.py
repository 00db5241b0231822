"""Statements run on the event loop: waiting for another process's write lock must not stall it,
and delivered rows are marked sent in shared transactions (group commit)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from storage import database
from storage.database import Database
from storage.outbox import OutboxRepository
from tests.dialogue import Harness, settings_for


async def _ticks_while(work: asyncio.Future[None] | asyncio.Task[None]) -> int:
    """How often the loop got round to another task while `work` was running."""
    ticks = 0
    while not work.done():
        await asyncio.sleep(0.01)
        ticks += 1
    return ticks


async def test_a_write_lock_held_elsewhere_is_waited_for_without_stalling_the_loop(
    tmp_path: Path,
) -> None:
    db = Database(tmp_path / "db.sqlite3")
    await db.open()
    other = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process is writing
        other.execute("INSERT INTO meta (key, value) VALUES ('other', '1')")

        async def use_case() -> None:
            async with db.transaction() as tx:
                await tx.execute("INSERT INTO meta (key, value) VALUES ('mine', '2')")

        work = asyncio.create_task(use_case())
        asyncio.get_running_loop().call_later(0.4, other.execute, "COMMIT")
        ticks = await _ticks_while(work)
        await work
        assert ticks >= 10  # the loop kept running while the lock was busy
        async with db.transaction() as tx:
            rows = await tx.fetchall("SELECT key FROM meta ORDER BY key")
        assert [r[0] for r in rows] == ["mine", "other"]
    finally:
        other.close()
        await db.close()


async def test_a_lock_held_too_long_fails_the_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "LOCK_PATIENCE", 0.3)
    db = Database(tmp_path / "db.sqlite3")
    await db.open()
    other = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            async with db.transaction():
                pytest.fail("the transaction must not start")
        other.execute("ROLLBACK")
        async with db.transaction() as tx:  # usable again once the lock is free
            await tx.execute("INSERT INTO meta (key, value) VALUES ('after', '1')")
    finally:
        other.close()
        await db.close()


async def test_deliveries_are_marked_sent_together_each_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batches: list[int] = []
    mark = OutboxRepository.mark_sent_many

    async def counting(
        self: OutboxRepository, sent: list[tuple[int, int | None]], now: object
    ) -> None:
        batches.append(len(sent))
        await mark(self, sent, now)  # type: ignore[arg-type]

    monkeypatch.setattr(OutboxRepository, "mark_sent_many", counting)
    h = await Harness(settings_for(tmp_path)).start()
    try:
        chats = range(9_000_001, 9_000_041)
        async with h.services.db.transaction() as tx:
            for chat_id in chats:
                await h.services.outbox.message(tx, f"k:{chat_id}", chat_id, "Hallo", h.clock())
        async with asyncio.timeout(5):
            await h.deliver()
        async with h.services.db.transaction() as tx:
            rows = await tx.fetchall("SELECT status, attempts, sent_at FROM outbox")
        assert len(rows) == 40
        assert all(r["status"] == "sent" and r["attempts"] == 1 and r["sent_at"] for r in rows)
        assert sum(batches) == 40  # every row marked exactly once ...
        assert len(batches) < 40  # ... and not one transaction per row
        assert sorted(c.chat_id or 0 for c in h.fake.sent(method="sendMessage")) == list(chats)
    finally:
        await h.stop()
