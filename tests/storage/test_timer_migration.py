"""Migration 0009: the deadlines of a running bot become timers, and what was reminded or
escalated under the old marks is not reminded or escalated again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiosqlite

from bot.signals import deadlines
from storage.database import Transaction, migrate
from storage.people import NewPerson, PersonRepository, Role
from storage.questions import NewQuestion, QuestionRepository
from storage.signals import NewSignal, SignalRepository
from storage.timestamps import to_db
from tests.dialogue import FakeClock, Harness, settings_for, tick
from tests.stored import events_of, signals_of, thread_of, timers_of

MONDAY_10 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DUE = MONDAY_10 + timedelta(hours=16)  # stands for any deadline


def new_signal(reporter: int, owner: int) -> NewSignal:
    return NewSignal(
        reporter,
        owner,
        "eenzaamheid",
        "Noord",
        "Meneer komt niet buiten.",
        "normal",
        "yes",
        None,
        None,
        None,
        (),
        None,
        MONDAY_10 + timedelta(hours=2),
    )


async def version_8_with_work_in_progress(path: Path) -> None:
    """Signals and questions as the bot before 0009 left them."""
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        conn.row_factory = aiosqlite.Row
        assert await migrate(conn, up_to=8) == 8
        tx = Transaction(conn)
        people = PersonRepository(tx)
        ids = [
            await people.add(NewPerson(telegram_id, role, name, "Noord", "nl"), MONDAY_10)
            for telegram_id, role, name in (
                (5_000_001, Role.COORDINATOR, "Carla"),
                (5_000_002, Role.PROFESSIONAL, "Piet"),
                (5_000_003, Role.VOLUNTEER, "Anna"),
            )
        ]
        signals = SignalRepository(tx)
        for _ in range(3):
            await signals.add(new_signal(ids[2], ids[1]), MONDAY_10)
        late = to_db(MONDAY_10 + timedelta(hours=3))
        # 1 waits, 2 was reminded already, 3 was picked up after its reminder.
        await tx.execute("UPDATE signals SET reminded_at = ? WHERE id IN (2, 3)", (late,))
        await tx.execute("UPDATE signals SET status = 'picked_up' WHERE id = 3")
        questions = QuestionRepository(tx)
        for _ in range(2):
            new = NewQuestion(ids[2], ids[1], "schulden", "Noord", "Waar heen?", (), None, DUE)
            await questions.add(new, MONDAY_10)
        # Question 2 was reminded and escalated in its first round, then followed up.
        for kind in ("reminded", "escalated"):
            await questions.add_message(2, None, kind, "old round", DUE)
        round_2 = DUE + timedelta(days=2)
        await questions.reopen(2, round_2, round_2 + timedelta(days=2))
        await questions.add_message(2, None, "reminded", "this round", round_2 + timedelta(days=2))


async def test_open_deadlines_become_timers_and_nothing_fires_twice(tmp_path: Path) -> None:
    await version_8_with_work_in_progress(tmp_path / "voelspriet.sqlite3")
    bot = await Harness(settings_for(tmp_path), clock=FakeClock(MONDAY_10)).start()
    try:
        converted = await timers_of(bot, "signal:") + await timers_of(bot, "question:")
        fired = {t.key: t.fired_at is not None for t in converted}
        round_1, round_2 = to_db(MONDAY_10), to_db(DUE + timedelta(days=2))
        assert fired == {
            "signal:1:remind": False,
            "signal:1:escalate": False,
            "signal:2:remind": True,
            "signal:2:escalate": False,
            f"question:1:remind:{round_1}": False,
            f"question:1:escalate:{round_1}": False,
            f"question:2:remind:{round_2}": True,  # its reminder in this round was sent
            f"question:2:escalate:{round_2}": False,  # the old round's escalation does not count
        }

        # The escalation timers started at the deadline; the first look moves them to three
        # times it in working hours (Monday 10:00 + 6 working hours: Monday 16:00).
        bot.clock.now = MONDAY_10 + timedelta(hours=2)
        assert (await tick(bot)).fired == {"signal.remind": 1}
        [signal, *_] = await signals_of(bot)
        due = deadlines.escalation_due(bot.services.deps.hours, signal)
        assert due == MONDAY_10 + timedelta(hours=6)
        bot.clock.now = due
        assert (await tick(bot)).fired == {"signal.escalate": 2}  # signals 1 and 2, once each
        assert not (await tick(bot)).fired
        assert [e.action for e in await events_of(bot, 2)] == ["escalated"]  # not reminded again
        reminded = [m for m in await thread_of(bot, 2) if m.kind == "reminded"]
        bot.clock.advance(days=30)
        await tick(bot)
        assert [m for m in await thread_of(bot, 2) if m.kind == "reminded"] == reminded
    finally:
        await bot.stop()
