"""Scheduled purge: old delivered messages, processed update ids, stale drafts, dead invites and
fired timers go."""

from __future__ import annotations

from datetime import timedelta

from bot.scheduling import timers
from storage.flows import Flow, FlowRepository
from storage.outbox import OutboxRepository
from storage.people import Role
from storage.timers import TimerRepository
from storage.updates import UpdateLog
from tests.dialogue import Harness


async def test_purge_removes_only_what_is_old_enough(bot: Harness) -> None:
    coordinator, _ = await bot.member(Role.COORDINATOR, "Carla")
    old_invite = await bot.services.invites.create(Role.VOLUNTEER, days=1)
    async with bot.services.db.transaction() as tx:
        await bot.services.outbox.message(tx, "old", coordinator.id, "old news", bot.clock())
        await UpdateLog(tx).record(1, bot.clock())
        await FlowRepository(tx).save(Flow(555, "register", "name"), bot.clock())
    await bot.deliver()

    bot.clock.advance(days=40)
    fresh_invite = await bot.services.invites.create(Role.VOLUNTEER, days=1)
    async with bot.services.db.transaction() as tx:
        await bot.services.outbox.message(tx, "new", coordinator.id, "new news", bot.clock())
        await UpdateLog(tx).record(2, bot.clock())
        await FlowRepository(tx).save(Flow(556, "register", "name"), bot.clock())
    await bot.deliver()

    purged = await bot.services.retention.purge()

    assert (purged.messages, purged.updates, purged.drafts, purged.invites) == (1, 1, 1, 1)
    async with bot.services.db.transaction() as tx:
        assert await OutboxRepository(tx).counts() == {"sent": 1}
        assert not await UpdateLog(tx).seen(1) and await UpdateLog(tx).seen(2)
        assert await FlowRepository(tx).get(555) is None
        assert await FlowRepository(tx).get(556) is not None
        rows = await tx.fetchall("SELECT code FROM invites")
    assert [r[0] for r in rows] == [fresh_invite.code]
    assert old_invite.expires_at < bot.clock() - timedelta(days=30)


async def test_pending_messages_are_never_purged(bot: Harness) -> None:
    async with bot.services.db.transaction() as tx:
        await bot.services.outbox.message(tx, "waiting", 4242, "for later", bot.clock())
    bot.clock.advance(days=400)
    async with bot.services.db.transaction() as tx:
        await bot.services.outbox.message(tx, "held", 4343, "still waiting", bot.clock())
        await tx.execute("UPDATE outbox SET status = 'held' WHERE key = 'held'")
    await bot.services.retention.purge()
    async with bot.services.db.transaction() as tx:
        keys = {r[0] for r in await tx.fetchall("SELECT key FROM outbox")}
    assert keys == {"waiting", "held"}


async def fire(bot: Harness, key: str) -> None:
    async with bot.services.db.transaction() as tx:
        repository = TimerRepository(tx)
        await timers.schedule(tx, key, "test.kind", None, bot.clock(), bot.clock())
        found = await repository.by_key(key)
        assert found is not None and await repository.claim(found.id, bot.clock()) is not None


async def test_fired_timers_are_forgotten_after_a_month_waiting_ones_never(bot: Harness) -> None:
    await fire(bot, "test:old")
    async with bot.services.db.transaction() as tx:
        await timers.schedule(tx, "test:waiting", "test.kind", None, bot.clock(), bot.clock())
    bot.clock.advance(days=20)
    await fire(bot, "test:recent")
    bot.clock.advance(days=20)

    assert (await bot.services.retention.purge()).timers == 1
    async with bot.services.db.read() as tx:
        left = [t.key for t in await TimerRepository(tx).with_prefix("test:")]
    assert left == ["test:recent", "test:waiting"]
