"""Durable delivery: the outbox drained under Telegram's limits and faults, across restarts.

Everything runs through the real Application, a real SQLite file and FakeTelegram; rows are
queued the way use cases queue them (Outbox.message inside a transaction).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.app import ALLOWED_UPDATES
from bot.core import i18n
from bot.telegram.outbox import Priority, button
from bot.telegram.polling import Poller
from storage.flows import FlowRepository
from storage.outbox import DUE_ROWS
from storage.people import Person, PersonRepository, Role, Status
from storage.timestamps import from_db, to_db
from tests import payloads
from tests.dialogue import Chatter, Harness, settings_for
from tests.fake_telegram import TIMEOUT, FakeTelegram
from tests.telegram.polling import LongPollTelegram, offsets

_keys = itertools.count(1)


class Launcher:
    """Starts harnesses and stops every one of them when the test ends, however it ends."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.started: list[Harness] = []

    async def start(self, fake: FakeTelegram | None = None, **overrides: dict[str, Any]) -> Harness:
        settings = settings_for(self.tmp_path, **overrides)
        return await self._track(Harness(settings, fake).start())

    async def restart(self, harness: Harness) -> Harness:
        return await self._track(harness.restart())

    async def _track(self, starting: Awaitable[Harness]) -> Harness:
        harness = await starting
        self.started.append(harness)
        return harness

    async def stop_all(self) -> None:
        for harness in self.started:
            await harness.stop()  # stopping twice is harmless


@pytest.fixture
async def launch(tmp_path: Path) -> AsyncIterator[Launcher]:
    launcher = Launcher(tmp_path)
    yield launcher
    await launcher.stop_all()


@dataclass(frozen=True)
class StoredRow:
    id: int
    key: str
    chat_id: int
    text: str
    status: str
    attempts: int
    due_at: datetime
    error: str | None


async def enqueue(h: Harness, chat_id: int, text: str, key: str | None = None) -> bool:
    """Queue a message the way a use case does: inside a transaction, woken after commit."""
    async with h.services.db.transaction() as tx:
        return await h.services.outbox.message(
            tx, key or f"test:{next(_keys)}", chat_id, text, h.clock()
        )


async def deliver(h: Harness) -> None:
    """Drain the outbox; a worker that keeps re-sending fails the test instead of hanging it."""
    async with asyncio.timeout(5):
        await h.deliver()


async def stored(h: Harness, chat_id: int | None = None) -> list[StoredRow]:
    async with h.services.db.transaction() as tx:
        rows = await tx.fetchall(
            "SELECT * FROM outbox WHERE ? IS NULL OR chat_id = ? ORDER BY id", (chat_id, chat_id)
        )
    return [
        StoredRow(
            id=r["id"],
            key=r["key"],
            chat_id=r["chat_id"],
            text=json.loads(r["payload"])["text"],
            status=r["status"],
            attempts=r["attempts"],
            due_at=from_db(r["due_at"]),
            error=r["error"],
        )
        for r in rows
    ]


async def only_row(h: Harness, chat_id: int) -> StoredRow:
    rows = await stored(h, chat_id)
    assert len(rows) == 1, rows
    return rows[0]


def texts(fake: FakeTelegram, chat_id: int) -> list[str]:
    """What Telegram accepted for this chat, in order."""
    return [c.text or "" for c in fake.delivered(chat_id)]


async def set_status(h: Harness, person: Person, status: Status) -> None:
    async with h.services.db.transaction() as tx:
        await PersonRepository(tx).set_status(person.id, status, h.clock())


async def coordinators(h: Harness) -> tuple[Chatter, Chatter, Chatter]:
    """Two active coordinators (nl, en) and a paused one who must not be told anything."""
    carla, _ = await h.member(Role.COORDINATOR, "Carla", "nl")
    chris, _ = await h.member(Role.COORDINATOR, "Chris", "en")
    paula, paused = await h.member(Role.COORDINATOR, "Paula", "nl")
    await set_status(h, paused, Status.PAUSED)
    return carla, chris, paula


# Pacing and order


async def test_a_private_chat_is_paced_and_other_chats_are_not_held_back(
    launch: Launcher,
) -> None:
    h = await launch.start(telegram={"rate_limits": True}, delivery={"per_chat_per_second": 10.0})
    anna, bert = 2_000_001, 2_000_002
    for n in range(6):
        await enqueue(h, anna, f"anna {n}")
    for n in range(3):
        await enqueue(h, bert, f"bert {n}")

    started = time.monotonic()
    await deliver(h)

    to_anna, to_bert = h.fake.delivered(anna), h.fake.delivered(bert)
    assert [c.text for c in to_anna] == [f"anna {n}" for n in range(6)]
    assert [c.text for c in to_bert] == [f"bert {n}" for n in range(3)]
    # A burst of 3, then one per 0.1 s: message k (from 0) cannot leave before (k - 2) x 0.1 s.
    # Measured from the start of the drain, so a slow machine can only make these later.
    elapsed = [c.at - started for c in to_anna]
    assert elapsed[2] < 0.2, elapsed  # without a burst the third would wait 0.2 s
    for k in (3, 4, 5):
        assert elapsed[k] >= (k - 2) * 0.1 - 0.005, elapsed
    assert elapsed[5] < 2.0, elapsed  # ~0.3 s; the default 1 msg/s would take 3 s
    # Bert's three went out while Anna's chat was waiting for capacity.
    calls = h.fake.calls
    assert calls.index(to_bert[-1]) < calls.index(to_anna[3])
    assert {r.status for r in await stored(h)} == {"sent"}


async def test_an_unpaced_chat_is_not_slowed_down(launch: Launcher) -> None:
    h = await launch.start()  # rate limits off, as in development against a local API server
    anna = 2_000_011
    for n in range(6):
        await enqueue(h, anna, f"anna {n}")
    await deliver(h)
    moments = [c.at for c in h.fake.delivered(anna)]
    assert len(moments) == 6
    assert moments[-1] - moments[0] < 1.0  # paced at the default 1 msg/s it would take 3 s


async def test_a_chat_keeps_its_order_while_an_earlier_message_waits_for_a_retry(
    launch: Launcher,
) -> None:
    h = await launch.start(delivery={"concurrency": 4})
    anna, bert = 2_000_021, 2_000_022
    for n in range(4):
        await enqueue(h, anna, f"anna {n}")
        await enqueue(h, bert, f"bert {n}")
    h.fake.fail("sendMessage", 502, "Bad Gateway", chat_id=anna)

    await deliver(h)
    assert texts(h.fake, anna) == []  # "anna 0" waits for its retry; the rest wait behind it
    assert texts(h.fake, bert) == [f"bert {n}" for n in range(4)]

    first = (await stored(h, anna))[0]
    h.clock.now = first.due_at
    await deliver(h)
    assert texts(h.fake, anna) == [f"anna {n}" for n in range(4)]
    assert len(h.fake.sent(anna, "sendMessage")) == 5  # one failed try, four deliveries


# 429 Too Many Requests


@pytest.mark.parametrize("rate_limits", [False, True], ids=["unpaced", "paced"])
async def test_429_reschedules_after_retry_after_and_other_chats_keep_flowing(
    launch: Launcher, rate_limits: bool
) -> None:
    h = await launch.start(
        telegram={"rate_limits": rate_limits}, delivery={"per_chat_per_second": 30.0}
    )
    anna, bert = 2_000_031, 2_000_032
    await enqueue(h, anna, "for anna")
    await enqueue(h, bert, "for bert 1")
    await enqueue(h, bert, "for bert 2")
    h.fake.fail("sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7, chat_id=anna)
    queued_at = h.clock()

    await deliver(h)

    assert texts(h.fake, bert) == ["for bert 1", "for bert 2"]
    assert len(h.fake.sent(anna, "sendMessage")) == 1  # tried once, nobody slept on the 429
    row = await only_row(h, anna)
    assert row.status == "pending"
    assert row.due_at == queued_at + timedelta(seconds=7)
    assert row.attempts == 0  # a 429 is Telegram's pacing, not a failure
    assert row.error == "429"

    h.clock.advance(seconds=6)
    await deliver(h)
    assert len(h.fake.sent(anna, "sendMessage")) == 1  # not due yet

    h.clock.advance(seconds=1)
    await deliver(h)
    await deliver(h)
    assert texts(h.fake, anna) == ["for anna"]
    assert len(h.fake.sent(anna, "sendMessage")) == 2
    row = await only_row(h, anna)
    assert (row.status, row.attempts, row.error) == ("sent", 1, None)


# 5xx and timeouts


async def test_server_errors_and_timeouts_back_off_then_deliver_once(launch: Launcher) -> None:
    h = await launch.start()
    anna = 2_000_041
    await enqueue(h, anna, "hello")
    h.fake.fail("sendMessage", 502, "Bad Gateway", chat_id=anna)
    h.fake.fail("sendMessage", 500, "Internal Server Error", chat_id=anna)
    h.fake.time_out("sendMessage", chat_id=anna)

    delays: list[float] = []
    for attempt in (1, 2, 3):
        before = h.clock()
        await deliver(h)
        row = await only_row(h, anna)
        assert (row.status, row.attempts, row.error) == ("pending", attempt, "network")
        delays.append((row.due_at - before).total_seconds())
        assert len(h.fake.sent(anna, "sendMessage")) == attempt  # no retry before due_at
        h.clock.now = row.due_at

    # 2^attempts seconds with ±20% jitter: 1, 2, 4.
    for delay, base in zip(delays, (1, 2, 4), strict=True):
        assert base * 0.8 <= delay <= base * 1.2, delays
    assert [c.status for c in h.fake.sent(anna, "sendMessage")] == [502, 500, TIMEOUT]

    await deliver(h)
    assert texts(h.fake, anna) == ["hello"]
    row = await only_row(h, anna)
    assert (row.status, row.attempts) == ("sent", 4)

    h.clock.advance(hours=1)
    await deliver(h)
    assert len(h.fake.sent(anna, "sendMessage")) == 4


async def test_backoff_is_capped_by_max_backoff(launch: Launcher) -> None:
    h = await launch.start(delivery={"max_backoff_seconds": 2, "max_attempts": 10})
    anna = 2_000_042
    await enqueue(h, anna, "hello")
    h.fake.fail("sendMessage", 503, "Service Unavailable", times=4, chat_id=anna)
    for _ in range(4):
        before = h.clock()
        await deliver(h)
        row = await only_row(h, anna)
        # Uncapped the third and fourth tries would wait 4 and 8 s (±20%).
        assert (row.due_at - before).total_seconds() <= 2 * 1.2
        h.clock.now = row.due_at
    await deliver(h)
    assert texts(h.fake, anna) == ["hello"]
    assert (await only_row(h, anna)).attempts == 5


async def test_giving_up_after_max_attempts_tells_each_active_coordinator_once(
    launch: Launcher,
) -> None:
    h = await launch.start(delivery={"max_attempts": 3})
    carla, chris, paula = await coordinators(h)
    vera, _ = await h.member(Role.VOLUNTEER, "Vera")
    await enqueue(h, vera.id, "your shift")
    h.fake.fail("sendMessage", 502, "Bad Gateway", times=2, chat_id=vera.id)
    h.fake.time_out("sendMessage", chat_id=vera.id)

    for _ in range(3):
        await deliver(h)
        h.clock.advance(minutes=10)
    await deliver(h)

    row = await only_row(h, vera.id)
    assert (row.status, row.attempts) == ("failed", 3)
    assert row.error is not None and row.error.startswith("network:")
    assert len(h.fake.sent(vera.id, "sendMessage")) == 3
    assert texts(h.fake, vera.id) == []
    assert texts(h.fake, carla.id) == [i18n.t("nl", "delivery.failed", name="Vera", attempts=3)]
    assert texts(h.fake, chris.id) == [i18n.t("en", "delivery.failed", name="Vera", attempts=3)]
    assert texts(h.fake, paula.id) == []

    sends = len(h.fake.sent(method="sendMessage"))
    h.clock.advance(hours=2)
    await deliver(h)
    assert len(h.fake.sent(method="sendMessage")) == sends  # given up means given up
    assert len(await stored(h)) == 3  # the message and one notice per active coordinator


async def test_a_failing_notice_creates_no_further_notices(launch: Launcher) -> None:
    h = await launch.start(delivery={"max_attempts": 2})
    carla, chris, _ = await coordinators(h)
    vera, _ = await h.member(Role.VOLUNTEER, "Vera")
    await enqueue(h, vera.id, "your shift")
    h.fake.fail("sendMessage", 400, "Bad Request: chat not found", chat_id=vera.id)
    # Carla's notice fails for good too: once with a 400, and Chris's after two 5xx.
    h.fake.fail("sendMessage", 400, "Bad Request: message is too long", chat_id=carla.id)
    h.fake.fail("sendMessage", 500, "Internal Server Error", times=2, chat_id=chris.id)

    for _ in range(3):
        await deliver(h)
        h.clock.advance(minutes=10)

    rows = await stored(h)
    assert [(r.chat_id, r.status) for r in rows] == [
        (vera.id, "failed"),
        (carla.id, "failed"),
        (chris.id, "failed"),
    ]
    assert texts(h.fake, carla.id) == [] and texts(h.fake, chris.id) == []
    assert len(h.fake.sent(method="sendMessage")) == 4  # Vera once, Carla once, Chris twice


# 403 Forbidden


async def test_blocked_person_is_held_and_coordinators_told_once_until_they_write_again(
    launch: Launcher,
) -> None:
    h = await launch.start()
    carla, chris, paula = await coordinators(h)
    vera, _ = await h.member(Role.VOLUNTEER, "Vera")
    others = 2_000_051
    h.fake.blocked.add(vera.id)
    for n in range(3):
        await enqueue(h, vera.id, f"vera {n}")
    await enqueue(h, others, "for someone else")

    await deliver(h)

    assert texts(h.fake, others) == ["for someone else"]
    assert len(h.fake.sent(vera.id, "sendMessage")) == 1  # the rest was held, not tried
    assert [r.status for r in await stored(h, vera.id)] == ["held", "held", "held"]
    async with h.services.db.transaction() as tx:
        person = await PersonRepository(tx).by_telegram_id(vera.id)
    assert person is not None and not person.reachable
    role = i18n.t("nl", "roles.volunteer")
    assert texts(h.fake, carla.id) == [i18n.t("nl", "delivery.unreachable", name="Vera", role=role)]
    assert texts(h.fake, chris.id) == [
        i18n.t("en", "delivery.unreachable", name="Vera", role=i18n.t("en", "roles.volunteer"))
    ]
    assert texts(h.fake, paula.id) == []

    # A new message for Vera meanwhile: tried, blocked again, held, and nobody is told twice.
    await enqueue(h, vera.id, "vera 3")
    await deliver(h)
    assert len(h.fake.sent(vera.id, "sendMessage")) == 2
    assert [r.status for r in await stored(h, vera.id)] == ["held"] * 4
    assert len(texts(h.fake, carla.id)) == 1 and len(texts(h.fake, chris.id)) == 1

    # Vera unblocks the bot and writes something: what was held goes out, in order, once.
    h.fake.blocked.discard(vera.id)
    async with asyncio.timeout(5):
        await vera.send("hallo?")
    assert texts(h.fake, vera.id)[-4:] == [f"vera {n}" for n in range(4)]
    assert [t for t in texts(h.fake, vera.id) if t.startswith("vera ")] == [
        f"vera {n}" for n in range(4)
    ]
    assert [r.status for r in await stored(h, vera.id)] == ["sent"] * 4
    async with h.services.db.transaction() as tx:
        person = await PersonRepository(tx).by_telegram_id(vera.id)
    assert person is not None and person.reachable
    await deliver(h)
    assert len(texts(h.fake, carla.id)) == 1 and len(texts(h.fake, chris.id)) == 1


async def test_403_for_a_stranger_fails_the_message(launch: Launcher) -> None:
    h = await launch.start()
    carla, _, _ = await coordinators(h)
    stranger = 2_000_061
    h.fake.blocked.add(stranger)
    await enqueue(h, stranger, "hello")
    await deliver(h)
    row = await only_row(h, stranger)
    assert (row.status, row.attempts) == ("failed", 1)
    assert row.error is not None and row.error.startswith("403:")
    assert texts(h.fake, carla.id) == []  # no person to report on: nothing to hold either


# 400 Bad Request


async def test_bad_request_fails_at_once_and_is_reported(launch: Launcher) -> None:
    h = await launch.start()
    carla, chris, paula = await coordinators(h)
    vera, _ = await h.member(Role.VOLUNTEER, "Vera")
    await enqueue(h, vera.id, "<b>broken")
    await enqueue(h, vera.id, "fine")
    h.fake.fail("sendMessage", 400, "Bad Request: can't parse entities", chat_id=vera.id)

    await deliver(h)

    first, second = await stored(h, vera.id)
    assert (first.status, first.attempts, first.error) == ("failed", 1, "400: Can't parse entities")
    assert second.status == "sent"
    assert texts(h.fake, vera.id) == ["fine"]
    assert texts(h.fake, carla.id) == [i18n.t("nl", "delivery.failed", name="Vera", attempts=1)]
    assert texts(h.fake, chris.id) == [i18n.t("en", "delivery.failed", name="Vera", attempts=1)]
    assert texts(h.fake, paula.id) == []

    h.clock.advance(hours=1)
    await deliver(h)
    assert len(h.fake.sent(vera.id, "sendMessage")) == 2


# Priority: interactive before notices before bulk


async def queue(h: Harness, chat_id: int, text: str, priority: Priority) -> None:
    async with h.services.db.transaction() as tx:
        await h.services.outbox.message(
            tx, f"test:{next(_keys)}", chat_id, text, h.clock(), priority=priority
        )


async def test_an_alert_goes_before_a_broadcast_queued_earlier(launch: Launcher) -> None:
    h = await launch.start(delivery={"concurrency": 1})  # one at a time: the order shows
    readers = range(3_000_001, 3_000_041)
    for reader in readers:
        await queue(h, reader, f"nieuwsbrief {reader}", Priority.BULK)
    piet = 3_000_999
    await queue(h, piet, "herinnering", Priority.NOTICE)
    await queue(h, piet, "nieuw signaal", Priority.INTERACTIVE)
    await queue(h, readers[0], "antwoord", Priority.INTERACTIVE)

    await deliver(h)
    order = [c.text for c in h.fake.calls if c.method == "sendMessage"]
    assert order[:3] == ["nieuw signaal", "antwoord", "herinnering"]
    assert order[3:] == [f"nieuwsbrief {reader}" for reader in readers]  # in their own order


async def test_an_edit_never_overtakes_the_message_it_edits(launch: Launcher) -> None:
    """Taking the buttons off a pending reminder: the edit has the reminder's priority, so it
    waits behind it however urgent the rest of the chat is."""
    h = await launch.start(delivery={"concurrency": 1})
    piet = 3_001_001
    async with h.services.db.transaction() as tx:
        keyboard = [[button("Oppakken", "sig:pick:1")]]
        await h.services.outbox.message(
            tx, "reminder:1", piet, "herinnering", h.clock(), keyboard, priority=Priority.NOTICE
        )
        await h.services.outbox.retire(tx, ["reminder:1"], "9", lambda _: "doorgestuurd", h.clock())
    await queue(h, piet, "nieuw signaal", Priority.INTERACTIVE)
    await deliver(h)
    assert [c.method for c in h.fake.calls if c.chat_id == piet] == [
        "sendMessage",
        "sendMessage",
        "editMessageText",
    ]
    assert texts(h.fake, piet) == ["nieuw signaal", "herinnering"]
    assert "doorgestuurd" in (h.fake.shown(piet, h.fake.delivered(piet)[1].message_id).text or "")


async def test_finding_the_next_rows_reads_the_queue_in_priority_order(launch: Launcher) -> None:
    h = await launch.start()
    async with h.services.db.read() as tx:
        plan = [
            r["detail"]
            for r in await tx.fetchall(f"EXPLAIN QUERY PLAN {DUE_ROWS}", (to_db(h.clock()), 16))
        ]
    # Each priority's due rows, in order (no sort): rows due later, such as a broadcast held
    # back by quiet hours, are never read; each chat's next row from its own queue.
    assert plan == [
        "SEARCH o USING INDEX outbox_due (priority=? AND due_at<?)",
        "CORRELATED SCALAR SUBQUERY 1",
        "SEARCH p USING INDEX outbox_chat_queue (chat_id=?)",
    ]


# Restarts and idempotency


async def test_restart_delivers_pending_rows_exactly_once(launch: Launcher) -> None:
    h = await launch.start()
    anna, bert = 2_000_071, 2_000_072
    for n in range(3):
        await enqueue(h, anna, f"anna {n}")
        await enqueue(h, bert, f"bert {n}")
    assert h.fake.sent(method="sendMessage") == []

    h = await launch.restart(h)
    await deliver(h)
    assert texts(h.fake, anna) == [f"anna {n}" for n in range(3)]
    assert texts(h.fake, bert) == [f"bert {n}" for n in range(3)]

    await deliver(h)
    h = await launch.restart(h)
    await deliver(h)
    h.clock.advance(days=1)
    await deliver(h)
    assert len(h.fake.sent(method="sendMessage")) == 6
    assert {r.status for r in await stored(h)} == {"sent"}


async def test_a_row_retried_before_a_restart_is_retried_after_it(launch: Launcher) -> None:
    h = await launch.start()
    anna = 2_000_073
    await enqueue(h, anna, "hello")
    h.fake.fail("sendMessage", 502, "Bad Gateway", chat_id=anna)
    await deliver(h)

    h = await launch.restart(h)
    await deliver(h)
    assert texts(h.fake, anna) == []  # its backoff survives the restart
    h.clock.now = (await only_row(h, anna)).due_at
    await deliver(h)
    assert texts(h.fake, anna) == ["hello"]


async def test_the_same_idempotency_key_queues_one_message(launch: Launcher) -> None:
    h = await launch.start()
    anna = 2_000_081
    assert await enqueue(h, anna, "once", key="shift:42:reminder")
    assert not await enqueue(h, anna, "twice", key="shift:42:reminder")
    await deliver(h)

    h = await launch.restart(h)
    assert not await enqueue(h, anna, "after restart", key="shift:42:reminder")
    await deliver(h)
    assert texts(h.fake, anna) == ["once"]
    assert len(await stored(h, anna)) == 1


# Polling: confirm only what was processed


async def poll(poller: Poller, fake: LongPollTelegram, updates: list[dict[str, Any]]) -> None:
    """Let Telegram hand out `updates`, run the poller until it asked again, then stop it."""
    fake.updates = list(updates)
    asked = len(fake.sent(method="getUpdates"))
    stop = asyncio.Event()
    task = asyncio.create_task(poller.run(stop))
    async with asyncio.timeout(5):
        while len(fake.sent(method="getUpdates")) < asked + 2:
            fake.polled.clear()
            await fake.polled.wait()
    stop.set()
    await task


async def test_the_poller_confirms_an_update_only_after_processing_it(launch: Launcher) -> None:
    fake = LongPollTelegram()
    h = await launch.start(fake)
    code = (await h.services.invites.create(Role.VOLUNTEER)).code
    anna, bert = h.chatter("Anna"), h.chatter("Bert")
    first = payloads.message_update(anna.user, f"/start {code}")
    second = payloads.message_update(bert.user, "/help")
    poller = Poller(h.app, timeout=0, allowed=ALLOWED_UPDATES)

    await poll(poller, fake, [first, second])

    assert offsets(h.fake)[:2] == [None, second["update_id"] + 1]
    confirming = h.fake.sent(method="getUpdates")[1]
    # Both answers went out before Telegram was told the updates were done.
    for chatter in (anna, bert):
        reply = h.fake.sent(chatter.id, "sendMessage")
        assert reply, f"no answer to {chatter.user['first_name']}"
        assert h.fake.calls.index(reply[-1]) < h.fake.calls.index(confirming)

    third = payloads.message_update(anna.user, "Anna de Vries")
    await poll(poller, fake, [third])
    assert offsets(h.fake)[-1] == third["update_id"] + 1


async def test_redelivered_updates_change_nothing(launch: Launcher) -> None:
    fake = LongPollTelegram()
    h = await launch.start(fake)
    code = (await h.services.invites.create(Role.VOLUNTEER)).code
    anna = h.chatter("Anna")
    start = payloads.message_update(anna.user, f"/start {code}")
    name = payloads.message_update(anna.user, "Anna de Vries")
    poller = Poller(h.app, timeout=0, allowed=ALLOWED_UPDATES)
    await poll(poller, fake, [start])
    await poll(poller, fake, [name])
    answered = len(h.fake.sent(anna.id))

    async def flow_state() -> tuple[str, dict[str, Any]]:
        async with h.services.db.transaction() as tx:
            flow = await FlowRepository(tx).get(anna.id)
        assert flow is not None
        return flow.step, flow.data

    before = await flow_state()
    assert before[0] == "wijk" and before[1]["name"] == "Anna de Vries"

    # A crash lost the confirmation: a new process gets both updates again.
    h = await launch.restart(h)
    poller = Poller(h.app, timeout=0, allowed=ALLOWED_UPDATES)
    await poll(poller, fake, [start, name])
    assert offsets(h.fake)[-1] == name["update_id"] + 1
    assert len(h.fake.sent(anna.id)) == answered
    assert await flow_state() == before

    # Poller.process on its own gives the same answer.
    await poller.process([Update.de_json(start, h.app.bot), Update.de_json(name, h.app.bot)])
    assert len(h.fake.sent(anna.id)) == answered
    assert await flow_state() == before
