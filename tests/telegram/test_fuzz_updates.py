"""Keep it honest: random updates of every kind the Bot API defines
(tests/telegram/update_strategies.py), fed to the real application the way Telegram does
(getUpdates, parsed by bot.telegram.polling, handled by process_update), from members of every
role, strangers and the bot itself. After each batch: no unhandled exception anywhere, polling
still runs, and the bot still answers."""

from __future__ import annotations

import asyncio
import itertools
import logging
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.people import PersonRepository, Role, Status
from storage.routing import RoutingRepository
from tests import payloads
from tests.dialogue import Chatter, Harness, settings_for
from tests.fake_telegram import BOT_USER
from tests.telegram.polling import LongPollTelegram, Polling
from tests.telegram.update_strategies import Someone, updates

EXAMPLES = 250  # about 10 s on a quiet machine
_update_ids = itertools.count(1)  # Telegram numbers updates in order; the fuzz does not


class Failures(logging.Handler):
    """Every ERROR any logger emits, except the poller skipping an update PTB cannot read."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not (
            record.name == "bot.telegram.polling" and "skipped, unreadable" in record.getMessage()
        ):
            self.records.append(record)


async def cast(bot: Harness) -> tuple[list[Someone], Chatter]:
    """Members of every role (one paused), two strangers and the bot; Vera checks the answers."""
    pool: list[Someone] = []
    for role, name in [
        (Role.COORDINATOR, "Carla"),
        (Role.PROFESSIONAL, "Piet"),
        (Role.VOLUNTEER, "Anna"),
        (Role.VOLUNTEER, "Paula"),
    ]:
        chatter, person = await bot.member(role, name)
        pool.append(Someone(chatter.id, name))
        async with bot.services.db.transaction() as tx:
            if role is Role.PROFESSIONAL:
                await RoutingRepository(tx).add_rule(None, None, person.id, bot.clock())
            if name == "Paula":
                await PersonRepository(tx).set_status(person.id, Status.PAUSED, bot.clock())
    pool += [Someone(4_000_001, "Mallory"), Someone(4_000_002, "Eve")]
    pool.append(Someone(BOT_USER["id"], "Voelspriet", is_bot=True))
    vera, _ = await bot.member(Role.VOLUNTEER, "Vera")
    return pool, vera


async def still_answers(polling: Polling, vera: Chatter) -> None:
    before = len(vera.inbox())
    await polling.feed([payloads.message_update(vera.user, "/hulp", next(_update_ids))])
    answers = vera.inbox()[before:]
    assert answers and answers[-1].status == 200, "the bot no longer answers"


def test_random_updates_never_stop_the_bot(tmp_path: Path) -> None:
    loop = asyncio.new_event_loop()
    failures = Failures()
    logging.getLogger().addHandler(failures)

    async def start() -> tuple[Harness, Polling, list[Someone], Chatter]:
        bot = await Harness(settings_for(tmp_path), LongPollTelegram()).start()
        pool, vera = await cast(bot)
        return bot, Polling(bot), pool, vera

    bot, polling, pool, vera = loop.run_until_complete(start())

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(batch=st.lists(updates(pool), min_size=1, max_size=5))
    def one_batch(batch: list[dict[str, Any]]) -> None:
        for update in batch:
            update["update_id"] = next(_update_ids)
        loop.run_until_complete(polling.feed(batch))
        loop.run_until_complete(still_answers(polling, vera))
        shown = [f"{r.name}: {r.getMessage()}" for r in failures.records]
        assert shown == [], shown

    try:
        one_batch()
    finally:
        logging.getLogger().removeHandler(failures)
        loop.run_until_complete(polling.close())
        loop.run_until_complete(bot.stop())
        loop.close()
