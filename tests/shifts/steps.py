"""Steps the shift tests share: a coordinator and volunteers, a shift or series made through the
service, a wave of offers, and what is stored about a shift."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from bot.shifts.planning import ShiftPlan
from storage.people import Person, Role
from storage.shift_signups import SignupRepository
from storage.shifts import Shift, ShiftRepository
from tests.dialogue import Chatter, Harness
from tests.people.steps import seed

# The harness clock starts on Monday 23-11-2026 09:00 UTC (10:00 in Amsterdam).
THURSDAY = date(2026, 11, 26)


async def coordinator(bot: Harness, name: str = "Carla", language: str = "nl") -> Chatter:
    chatter, _ = await seed(bot, name, Role.COORDINATOR, None, language)
    return chatter


async def volunteer(
    bot: Harness, name: str, language: str = "nl", **fields: Any
) -> tuple[Chatter, Person]:
    fields.setdefault("interests", ("ouderen",))
    wijk = fields.pop("wijk", "Noord")
    return await seed(bot, name, Role.VOLUNTEER, wijk, language, **fields)


def plan(**changes: Any) -> ShiftPlan:
    values: dict[str, Any] = {
        "title": "Koffieochtend",
        "interest": "ouderen",
        "wijk": "Noord",
        "place": "Buurthuis De Boog",
        "notes": None,
        "day": THURSDAY,
        "start": time(10, 0),
        "end": time(12, 0),
        "needed": 2,
    }
    values.update(changes)
    return ShiftPlan(**values)


async def make(bot: Harness, carla: Chatter, **changes: Any) -> list[Shift]:
    return await bot.services.shifts.planning.create(None, carla.id, plan(**changes))


async def make_one(bot: Harness, carla: Chatter, **changes: Any) -> Shift:
    (shift,) = await make(bot, carla, **changes)
    return shift


async def wave(bot: Harness, shift: Shift) -> int:
    """One wave of offers now; the messages delivered."""
    desk = bot.services.shifts.signups
    async with bot.services.db.transaction() as tx:
        fresh = await ShiftRepository(tx).get(shift.id)
        assert fresh is not None
        asked = await desk.wave(tx, fresh, bot.clock())
    await bot.deliver()
    return asked


async def statuses(bot: Harness, shift: Shift) -> dict[str, str]:
    """Name → status of every sign-up of the shift (the newest per person)."""
    async with bot.services.db.read() as tx:
        rows = await tx.fetchall(
            "SELECT p.name, g.status FROM shift_signups g JOIN people p ON p.id = g.person_id"
            " WHERE g.shift_id = ? ORDER BY g.id",
            (shift.id,),
        )
    return {r[0]: r[1] for r in rows}


async def fresh_shift(bot: Harness, shift: Shift) -> Shift:
    async with bot.services.db.read() as tx:
        found = await ShiftRepository(tx).get(shift.id)
    assert found is not None
    return found


async def hours_of(bot: Harness, person: Person) -> tuple[int, float]:
    async with bot.services.db.read() as tx:
        return await SignupRepository(tx).hours(person.id, bot.clock())
