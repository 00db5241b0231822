"""Working on a signal (bot.signals.actions): status moves, outcome, owner and the worklist.

Kept apart from storage.signals, which the reporting and deadline features share. Conditional
updates return whether they applied, so a closed signal stays closed. Never commits.
"""

from __future__ import annotations

from datetime import datetime

from storage.database import Transaction
from storage.signals import _COLUMNS, OPEN_STATUSES, Signal, _signal
from storage.timestamps import to_db


class SignalWorkRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def move(
        self, signal_id: int, from_statuses: tuple[str, ...], to_status: str, now: datetime
    ) -> bool:
        """Change the status only from one of `from_statuses` (a closed signal stays closed)."""
        marks = ", ".join("?" for _ in from_statuses)
        closed_at = to_db(now) if to_status == "closed" else None
        changed = await self.tx.execute(
            f"UPDATE signals SET status = ?, closed_at = coalesce(?, closed_at)"
            f" WHERE id = ? AND status IN ({marks})",
            (to_status, closed_at, signal_id, *from_statuses),
        )
        return changed > 0

    async def set_outcome(self, signal_id: int, outcome: str, message: str | None) -> None:
        await self.tx.execute(
            "UPDATE signals SET outcome = ?, closing_message = ? WHERE id = ?",
            (outcome, message, signal_id),
        )

    async def set_owner(self, signal_id: int, owner_id: int) -> bool:
        """Give an open signal to another owner."""
        changed = await self.tx.execute(
            f"UPDATE signals SET owner_id = ? WHERE id = ? AND status IN {OPEN_STATUSES!r}",
            (owner_id, signal_id),
        )
        return changed > 0

    async def awaiting_answer(self, reporter_id: int) -> list[Signal]:
        """Her open signals with a professional's question asked after her last answer."""
        rows = await self.tx.fetchall(
            f"SELECT {_COLUMNS} FROM signals AS s WHERE reporter_id = ?"
            f" AND status IN {OPEN_STATUSES!r}"
            " AND (SELECT max(id) FROM signal_events WHERE signal_id = s.id AND action = 'question')"
            " > (SELECT coalesce(max(id), 0) FROM signal_events"
            "    WHERE signal_id = s.id AND action = 'answer')"
            " ORDER BY id",
            (reporter_id,),
        )
        return [_signal(r) for r in rows]

    async def worklist(
        self,
        now: datetime,
        statuses: tuple[str, ...],
        owner_id: int | None = None,
        wijk: str | None = None,
        category: str | None = None,
        limit: int = 20,
    ) -> list[Signal]:
        """Signals to work on: overdue (still unpicked after the deadline) first, then by deadline."""
        where = [f"status IN ({', '.join('?' for _ in statuses)})"]
        params: list[object] = [*statuses]
        for column, value in (("owner_id", owner_id), ("wijk", wijk), ("category", category)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        rows = await self.tx.fetchall(
            f"SELECT {_COLUMNS} FROM signals WHERE {' AND '.join(where)}"
            " ORDER BY (status = 'received' AND pickup_due_at < ?) DESC, status = 'closed',"
            " pickup_due_at, id LIMIT ?",
            [*params, to_db(now), limit],
        )
        return [_signal(r) for r in rows]
