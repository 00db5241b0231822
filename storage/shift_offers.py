"""Offers of shifts to volunteers, and who fits a shift, best first. Never commits.

Who fits is decided in one query over `people`: the audiences' base rule (active, not on their
own pause, reachable; storage.audiences), the volunteer role, the shift's wijk, interest and
time of the week as far as their profile names them, no overlapping shift, under their maximum
for that week, and not asked for this shift before. The best fitting come first (what their
profile says matches, not merely leaves open), then the least recently asked, then the ones
with the fewest places that week: nobody is asked again and again while others wait.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.audiences import Clause, role_in, where
from storage.database import Transaction
from storage.shifts import Shift
from storage.timestamps import from_db, to_db


@dataclass(frozen=True)
class Candidate:
    person_id: int
    telegram_id: int
    name: str
    language: str
    fit: int  # 0-3: how many of wijk, interest and time their profile names and matches
    last_asked: datetime | None
    places_that_week: int


@dataclass(frozen=True)
class Offer:
    id: int
    shift_id: int
    person_id: int
    swap_id: int | None
    wave: int
    answer: str | None


@dataclass(frozen=True)
class Need:
    """What a shift asks of a volunteer, for the fit query."""

    shift: Shift
    slot: str  # availability key of its time: weekday_day, weekday_evening, weekend
    week_start: datetime
    week_end: datetime
    swap_id: int | None = None  # for a swap: not asked for this swap (rather than this shift)


def _fits(need: Need, default_max: int) -> tuple[list[Clause], str, list[Any]]:
    """The conditions and the fit score of the candidates for `need`."""
    shift = need.shift
    start, end = to_db(shift.starts_at), to_db(shift.ends_at)
    clauses = [role_in(["volunteer"])]
    score, params = ["0"], []
    if shift.wijk is not None:
        clauses.append(Clause("(p.wijk = ? OR p.wijk IS NULL)", (shift.wijk,)))
        score.append("(p.wijk IS ?)")
        params.append(shift.wijk)
    if shift.interest is not None:
        named = "EXISTS (SELECT 1 FROM json_each(p.interests) i WHERE i.value = ?)"
        clauses.append(Clause(f"(p.interests = '[]' OR {named})", (shift.interest,)))
        score.append(named)
        params.append(shift.interest)
    available = (
        "EXISTS (SELECT 1 FROM json_each(p.availability) a WHERE a.value IN (?, 'flexible'))"
    )
    clauses.append(Clause(f"(p.availability = '[]' OR {available})", (need.slot,)))
    score.append("(p.availability != '[]')")
    taken = (
        "SELECT 1 FROM shift_signups g JOIN shifts t ON t.id = g.shift_id WHERE g.person_id = p.id"
        " AND g.status IN ('confirmed', 'called') AND t.status = 'planned'"
    )
    asked = (
        Clause(
            "NOT EXISTS (SELECT 1 FROM shift_offers o WHERE o.swap_id = ? AND o.person_id = p.id)",
            (need.swap_id,),
        )
        if need.swap_id is not None
        else Clause(
            "NOT EXISTS (SELECT 1 FROM shift_offers o WHERE o.shift_id = ? AND o.person_id = p.id"
            " AND o.swap_id IS NULL)",
            (shift.id,),
        )
    )
    clauses += [
        asked,
        Clause(
            "NOT EXISTS (SELECT 1 FROM shift_signups g WHERE g.shift_id = ? AND g.person_id = p.id)",
            (shift.id,),
        ),
        Clause(f"NOT EXISTS ({taken} AND t.starts_at < ? AND t.ends_at > ?)", (end, start)),
        Clause(
            f"(SELECT count(*) FROM ({taken} AND t.starts_at >= ? AND t.starts_at < ?))"
            " < coalesce(p.max_shifts_per_week, ?)",
            (to_db(need.week_start), to_db(need.week_end), default_max),
        ),
    ]
    return clauses, " + ".join(score), params


class OfferRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def candidates(
        self, need: Need, now: datetime, limit: int, default_max: int
    ) -> list[Candidate]:
        """The volunteers who fit `need`, best first, at most `limit`."""
        clauses, score, score_params = _fits(need, default_max)
        condition, params = where(clauses, now, alumni=False, urgent=False, unreachable=False)
        week = (to_db(need.week_start), to_db(need.week_end))
        rows = await self.tx.fetchall(
            f"SELECT p.id, p.telegram_id, p.name, p.language, {score} AS fit,"
            " (SELECT max(o.offered_at) FROM shift_offers o WHERE o.person_id = p.id) AS asked,"
            " (SELECT count(*) FROM shift_signups g JOIN shifts t ON t.id = g.shift_id"
            "   WHERE g.person_id = p.id AND g.status IN ('confirmed', 'called')"
            "   AND t.status = 'planned' AND t.starts_at >= ? AND t.starts_at < ?) AS week"
            f" FROM people AS p WHERE {condition}"
            " ORDER BY fit DESC, asked IS NOT NULL, asked, week, p.id LIMIT ?",
            [*score_params, *week, *params, limit],
        )
        return [
            Candidate(
                r["id"],
                r["telegram_id"],
                r["name"],
                r["language"],
                int(r["fit"]),
                from_db(r["asked"]) if r["asked"] else None,
                int(r["week"]),
            )
            for r in rows
        ]

    async def record(
        self, shift_id: int, person_id: int, wave: int, now: datetime, swap_id: int | None = None
    ) -> int | None:
        """The offer, once per person and shift (or swap); None when they were asked already."""
        return await self.tx.insert(
            "INSERT OR IGNORE INTO shift_offers (shift_id, person_id, swap_id, wave, offered_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (shift_id, person_id, swap_id, wave, to_db(now)),
        )

    async def made_to(
        self, shift_id: int, person_id: int, swap_id: int | None = None
    ) -> Offer | None:
        row = await self.tx.fetchone(
            "SELECT * FROM shift_offers WHERE shift_id = ? AND person_id = ? AND swap_id IS ?",
            (shift_id, person_id, swap_id),
        )
        if row is None:
            return None
        return Offer(
            row["id"], row["shift_id"], row["person_id"], row["swap_id"], row["wave"], row["answer"]
        )

    async def answer(self, offer_id: int, answer: str, now: datetime) -> None:
        await self.tx.execute(
            "UPDATE shift_offers SET answer = ?, answered_at = ? WHERE id = ?",
            (answer, to_db(now), offer_id),
        )

    async def open_to(self, shift_id: int) -> list[int]:
        """The people asked for this shift's places who have not answered."""
        rows = await self.tx.fetchall(
            "SELECT person_id FROM shift_offers WHERE shift_id = ? AND swap_id IS NULL"
            " AND answer IS NULL ORDER BY id",
            (shift_id,),
        )
        return [int(r[0]) for r in rows]

    async def asked_for_swap(self, swap_id: int) -> list[int]:
        rows = await self.tx.fetchall(
            "SELECT person_id FROM shift_offers WHERE swap_id = ? ORDER BY id", (swap_id,)
        )
        return [int(r[0]) for r in rows]

    async def of_person(self, person_id: int) -> list[dict[str, Any]]:
        """Their offers, for /mijngegevens."""
        rows = await self.tx.fetchall(
            "SELECT shift_id, swap_id IS NOT NULL AS swap, wave, offered_at, answer, answered_at"
            " FROM shift_offers WHERE person_id = ? ORDER BY id",
            (person_id,),
        )
        return [dict(r) for r in rows]
