"""Routing rules and absences: who is accountable for what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.database import Row, Transaction
from storage.timestamps import from_db, to_db


@dataclass(frozen=True)
class RoutingRule:
    id: int
    position: int
    category: str | None
    wijk: str | None
    professional_id: int

    def matches(self, category: str, wijk: str | None) -> bool:
        return (self.category is None or self.category == category) and (
            self.wijk is None or self.wijk == wijk
        )


@dataclass(frozen=True)
class Absence:
    id: int
    person_id: int
    substitute_id: int | None
    starts_at: datetime
    ends_at: datetime


def _rule(row: Row) -> RoutingRule:
    return RoutingRule(
        row["id"], row["position"], row["category"], row["wijk"], row["professional_id"]
    )


def _absence(row: Row) -> Absence:
    return Absence(
        row["id"],
        row["person_id"],
        row["substitute_id"],
        from_db(row["starts_at"]),
        from_db(row["ends_at"]),
    )


class RoutingRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def rules(self) -> list[RoutingRule]:
        rows = await self.tx.fetchall("SELECT * FROM routing_rules ORDER BY position, id")
        return [_rule(r) for r in rows]

    async def add_rule(
        self, category: str | None, wijk: str | None, professional_id: int, now: datetime
    ) -> int:
        """Append a rule at the end of the list."""
        row = await self.tx.fetchone("SELECT coalesce(max(position), 0) + 1 FROM routing_rules")
        position = int(row[0]) if row else 1
        rule_id = await self.tx.insert(
            "INSERT INTO routing_rules (position, category, wijk, professional_id, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (position, category, wijk, professional_id, to_db(now)),
        )
        assert rule_id is not None
        return rule_id

    async def delete_rule(self, rule_id: int) -> bool:
        return await self.tx.execute("DELETE FROM routing_rules WHERE id = ?", (rule_id,)) > 0

    async def move_rule(self, rule_id: int, position: int) -> None:
        """Put the rule at `position` (1-based) and renumber the rest in order."""
        rules = [r for r in await self.rules() if r.id != rule_id]
        ids = [r.id for r in rules]
        ids.insert(max(0, min(position - 1, len(ids))), rule_id)
        await self.tx.executemany(
            "UPDATE routing_rules SET position = ? WHERE id = ?",
            [(index + 1, rid) for index, rid in enumerate(ids)],
        )

    async def absence_at(self, person_id: int, moment: datetime) -> Absence | None:
        row = await self.tx.fetchone(
            "SELECT * FROM absences WHERE person_id = ? AND starts_at <= ? AND ends_at > ?"
            " ORDER BY starts_at DESC LIMIT 1",
            (person_id, to_db(moment), to_db(moment)),
        )
        return _absence(row) if row else None

    async def absences_of(self, person_id: int, after: datetime) -> list[Absence]:
        rows = await self.tx.fetchall(
            "SELECT * FROM absences WHERE person_id = ? AND ends_at > ? ORDER BY starts_at",
            (person_id, to_db(after)),
        )
        return [_absence(r) for r in rows]

    async def add_absence(
        self, person_id: int, substitute_id: int | None, starts_at: datetime, ends_at: datetime
    ) -> int:
        absence_id = await self.tx.insert(
            "INSERT INTO absences (person_id, substitute_id, starts_at, ends_at) VALUES (?, ?, ?, ?)",
            (person_id, substitute_id, to_db(starts_at), to_db(ends_at)),
        )
        assert absence_id is not None
        return absence_id

    async def end_absence(self, absence_id: int, now: datetime) -> None:
        await self.tx.execute(
            "UPDATE absences SET ends_at = ? WHERE id = ? AND ends_at > ?",
            (to_db(now), absence_id, to_db(now)),
        )

    async def delete_absence(self, absence_id: int) -> None:
        """Drop an absence that has not really begun (ending it would leave it empty)."""
        await self.tx.execute("DELETE FROM absences WHERE id = ?", (absence_id,))
