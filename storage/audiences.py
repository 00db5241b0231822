"""Who a message reaches, in one query over `people` (bot.people.audiences says who is meant).

The base rule holds for every audience: active people (status 'active'), or alumni when the
audience asks for them and only then; never people a coordinator paused; not people on their
own pause unless the message is urgent; unreachable people (they blocked the bot) only when
asked for, flagged, so a delivery report can name them. Erased people have no row. On top of
that every `Clause` must hold (AND); a clause offers its values as alternatives (OR), e.g.
`p.wijk IN (?, ?)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.database import Transaction
from storage.people import Role, Status
from storage.timestamps import to_db


@dataclass(frozen=True)
class Clause:
    """A condition on the person `p`, with its parameters. Features add their own (e.g. the
    volunteers of a shift: `p.id IN (SELECT person_id FROM ... WHERE shift_id = ?)`)."""

    sql: str
    params: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Recipient:
    person_id: int
    telegram_id: int
    name: str
    language: str
    role: Role
    reachable: bool  # False: they blocked the bot; messages to them are held until they return


@dataclass(frozen=True)
class Reach:
    """How many people an audience has now, and how many of them cannot be reached."""

    people: int
    unreachable: int


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


def role_in(roles: Sequence[str]) -> Clause:
    return Clause(f"p.role IN ({_marks(roles)})", tuple(roles))


def wijk_in(wijken: Sequence[str]) -> Clause:
    return Clause(f"p.wijk IN ({_marks(wijken)})", tuple(wijken))


def interest_in(keys: Sequence[str]) -> Clause:
    """One of these interests among those in their profile (a JSON list)."""
    return Clause(
        f"EXISTS (SELECT 1 FROM json_each(p.interests) AS i WHERE i.value IN ({_marks(keys)}))",
        tuple(keys),
    )


def registered_since(moment: datetime) -> Clause:
    return Clause("p.created_at >= ?", (to_db(moment),))


def where(
    clauses: Sequence[Clause], now: datetime, *, alumni: bool, urgent: bool, unreachable: bool
) -> tuple[str, list[Any]]:
    """The WHERE clause over `people AS p` and its parameters (the tests read its plan)."""
    status = Status.ALUMNI if alumni else Status.ACTIVE
    conditions, params = ["p.status = ?"], [status.value]
    if not urgent:
        # NULL until (no end date) compares as unknown: still on their pause.
        conditions.append("(p.own_pause_since IS NULL OR p.own_pause_until <= ?)")
        params.append(to_db(now))
    if not unreachable:
        conditions.append("p.reachable = 1")
    for clause in clauses:
        conditions.append(f"({clause.sql})")
        params.extend(clause.params)
    return " AND ".join(conditions), params


class AudienceRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def recipients(
        self,
        clauses: Sequence[Clause],
        now: datetime,
        *,
        alumni: bool = False,
        urgent: bool = False,
        unreachable: bool = False,
    ) -> list[Recipient]:
        """Everyone the clauses and the base rule let through, by id."""
        condition, params = where(
            clauses, now, alumni=alumni, urgent=urgent, unreachable=unreachable
        )
        rows = await self.tx.fetchall(
            "SELECT p.id, p.telegram_id, p.name, p.language, p.role, p.reachable"
            f" FROM people AS p WHERE {condition} ORDER BY p.id",
            params,
        )
        return [
            Recipient(
                r["id"],
                r["telegram_id"],
                r["name"],
                r["language"],
                Role(r["role"]),
                bool(r["reachable"]),
            )
            for r in rows
        ]

    async def count(
        self,
        clauses: Sequence[Clause],
        now: datetime,
        *,
        alumni: bool = False,
        urgent: bool = False,
    ) -> Reach:
        """The count for "goes to 143 people", unreachable ones included and counted apart."""
        condition, params = where(clauses, now, alumni=alumni, urgent=urgent, unreachable=True)
        row = await self.tx.fetchone(
            "SELECT count(*) AS people, total(p.reachable = 0) AS unreachable"
            f" FROM people AS p WHERE {condition}",
            params,
        )
        assert row is not None
        return Reach(int(row["people"]), int(row["unreachable"]))
