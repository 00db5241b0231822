"""Who is writing: the person (if registered), their open flow, and whether the update is old news."""

from __future__ import annotations

from bot.core.deps import Service
from bot.flows import names
from bot.telegram.updates import record_update
from storage.flows import Flow, FlowRepository
from storage.outbox import OutboxRepository
from storage.people import PersonRepository
from storage.visitors import VisitorRecord as Visitor
from storage.visitors import load_visitor


class AccessService(Service):
    async def identify(self, update_id: int, telegram_id: int) -> Visitor:
        """One read per update: processed before?, the person, their open flow."""
        async with self.db.read() as tx:
            found = await load_visitor(tx, update_id, telegram_id)
        person = found.person
        if person is not None and not person.reachable:
            # They wrote to us, so they unblocked the bot: deliver what was held back.
            async with self.db.transaction() as tx:
                await PersonRepository(tx).set_reachable(telegram_id, True)
                if await OutboxRepository(tx).release_chat(telegram_id, self.clock()):
                    tx.after_commit(self.outbox.wakeup.set)
        return found

    async def cancel_flow(self, update_id: int | None, telegram_id: int) -> bool:
        """Stop whatever multi-step flow is open; False when there was none (a stranger's
        chosen language is no flow: it stays)."""
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, self.clock())
            flows = FlowRepository(tx)
            flow = await flows.get(telegram_id)
            if flow is None or flow.name == names.STRANGER_LANGUAGE:
                return False
            return await flows.delete(telegram_id)

    async def start_flow(self, update_id: int | None, flow: Flow) -> None:
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, self.clock())
            await FlowRepository(tx).save(flow, self.clock())
