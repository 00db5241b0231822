"""Follow-ups on worrying check-in answers: who acts, by when, and how it was closed. Never commits."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from storage.database import Row, Transaction
from storage.timestamps import from_db, to_db


@dataclass(frozen=True)
class Followup:
    id: int
    checkin_id: int
    owner_id: int | None
    reasons: tuple[str, ...]
    created_at: datetime
    due_at: datetime
    closed_at: datetime | None
    closed_by: int | None
    close_note: str | None

    @property
    def open(self) -> bool:
        return self.closed_at is None


def _followup(row: Row) -> Followup:
    return Followup(
        id=row["id"],
        checkin_id=row["checkin_id"],
        owner_id=row["owner_id"],
        reasons=tuple(json.loads(row["reasons"])),
        created_at=from_db(row["created_at"]),
        due_at=from_db(row["due_at"]),
        closed_at=from_db(row["closed_at"]) if row["closed_at"] else None,
        closed_by=row["closed_by"],
        close_note=row["close_note"],
    )


class FollowupRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(
        self,
        checkin_id: int,
        owner_id: int,
        reasons: Sequence[str],
        due_at: datetime,
        now: datetime,
    ) -> int | None:
        """A new follow-up; None when the check-in has one already."""
        return await self.tx.insert(
            "INSERT OR IGNORE INTO consult_followups (checkin_id, owner_id, reasons, created_at,"
            " due_at) VALUES (?, ?, ?, ?, ?)",
            (checkin_id, owner_id, json.dumps(list(reasons)), to_db(now), to_db(due_at)),
        )

    async def by_id(self, followup_id: int) -> Followup | None:
        row = await self.tx.fetchone("SELECT * FROM consult_followups WHERE id = ?", (followup_id,))
        return _followup(row) if row else None

    async def of_checkin(self, checkin_id: int) -> Followup | None:
        row = await self.tx.fetchone(
            "SELECT * FROM consult_followups WHERE checkin_id = ?", (checkin_id,)
        )
        return _followup(row) if row else None

    async def open_for(self, owner_id: int | None) -> list[Followup]:
        """Open follow-ups, oldest deadline first: one owner's, or (None) everyone's."""
        if owner_id is None:
            rows = await self.tx.fetchall(
                "SELECT * FROM consult_followups WHERE closed_at IS NULL ORDER BY due_at, id"
            )
        else:
            rows = await self.tx.fetchall(
                "SELECT * FROM consult_followups WHERE closed_at IS NULL AND owner_id = ?"
                " ORDER BY due_at, id",
                (owner_id,),
            )
        return [_followup(r) for r in rows]

    async def of_person(self, person_id: int) -> list[Followup]:
        """The follow-ups on a volunteer's check-ins."""
        rows = await self.tx.fetchall(
            "SELECT f.* FROM consult_followups AS f JOIN checkins AS c ON c.id = f.checkin_id"
            " WHERE c.person_id = ? ORDER BY f.id",
            (person_id,),
        )
        return [_followup(r) for r in rows]

    async def handled_by(self, person_id: int) -> list[Followup]:
        """The follow-ups a person owns or closed, open or not (their own data)."""
        rows = await self.tx.fetchall(
            "SELECT * FROM consult_followups WHERE owner_id = ? OR closed_by = ? ORDER BY id",
            (person_id, person_id),
        )
        return [_followup(r) for r in rows]

    async def reassign(self, followup_id: int, owner_id: int) -> None:
        await self.tx.execute(
            "UPDATE consult_followups SET owner_id = ? WHERE id = ?", (owner_id, followup_id)
        )

    async def close(self, followup_id: int, by: int, note: str, now: datetime) -> bool:
        return (
            await self.tx.execute(
                "UPDATE consult_followups SET closed_at = ?, closed_by = ?, close_note = ?"
                " WHERE id = ? AND closed_at IS NULL",
                (to_db(now), by, note, followup_id),
            )
            > 0
        )

    async def forget_notes_of_anonymised(self) -> int:
        """Closing notes about check-ins that were anonymised go too."""
        return await self.tx.execute(
            "UPDATE consult_followups SET close_note = NULL WHERE close_note IS NOT NULL AND"
            " checkin_id IN (SELECT id FROM checkins WHERE anonymised_at IS NOT NULL)"
        )
