"""Who routing names, asked in a transaction of its own."""

from __future__ import annotations

from bot.routing.rules import Via, route
from tests.dialogue import Harness


async def who(
    bot: Harness, category: str, wijk: str | None, counts: dict[int, int] | None = None
) -> tuple[str, Via]:
    async with bot.services.db.transaction() as tx:
        found = await route(tx, category, wijk, bot.clock(), counts)
    return found.owner.name, found.via
