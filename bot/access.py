"""Who is writing: the person (if registered), their open flow, and whether the update is old news."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.outbox import Outbox
from bot.updates import record_update
from storage.database import Database
from storage.flows import Flow, FlowRepository
from storage.outbox import OutboxRepository
from storage.people import Person, PersonRepository
from storage.updates import UpdateLog


@dataclass(frozen=True)
class Visitor:
    seen: bool
    person: Person | None
    flow: Flow | None


class AccessService:
    def __init__(self, db: Database, outbox: Outbox, clock: Clock) -> None:
        self.db = db
        self.outbox = outbox
        self.clock = clock

    async def identify(self, update_id: int, telegram_id: int) -> Visitor:
        """One read per update: processed before?, the person, their open flow."""
        async with self.db.transaction() as tx:
            seen = await UpdateLog(tx).seen(update_id)
            person = await PersonRepository(tx).by_telegram_id(telegram_id)
            flow = await FlowRepository(tx).get(telegram_id)
            if person is not None and not person.reachable:
                # They wrote to us, so they unblocked the bot: deliver what was held back.
                await PersonRepository(tx).set_reachable(telegram_id, True)
                if await OutboxRepository(tx).release_chat(telegram_id, self.clock()):
                    tx.after_commit(self.outbox.wakeup.set)
        return Visitor(seen, person, flow)

    async def cancel_flow(self, update_id: int | None, telegram_id: int) -> bool:
        """Stop whatever multi-step flow is open; False when there was none."""
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, self.clock())
            return await FlowRepository(tx).delete(telegram_id)

    async def start_flow(self, update_id: int | None, flow: Flow) -> None:
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, self.clock())
            await FlowRepository(tx).save(flow, self.clock())
