"""Invitation codes: the only way in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.database import Row, Transaction
from storage.people import Role
from storage.timestamps import from_db, to_db


@dataclass(frozen=True)
class Invite:
    code: str
    role: Role
    wijk: str | None
    max_uses: int
    uses: int
    expires_at: datetime
    created_by: int | None
    created_at: datetime

    def usable_at(self, now: datetime) -> bool:
        return self.uses < self.max_uses and now < self.expires_at


def _invite(row: Row) -> Invite:
    return Invite(
        code=row["code"],
        role=Role(row["role"]),
        wijk=row["wijk"],
        max_uses=row["max_uses"],
        uses=row["uses"],
        expires_at=from_db(row["expires_at"]),
        created_by=row["created_by"],
        created_at=from_db(row["created_at"]),
    )


class InviteRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(self, invite: Invite) -> None:
        await self.tx.execute(
            """INSERT INTO invites (code, role, wijk, max_uses, uses, expires_at, created_by,
                   created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                invite.code,
                invite.role.value,
                invite.wijk,
                invite.max_uses,
                invite.uses,
                to_db(invite.expires_at),
                invite.created_by,
                to_db(invite.created_at),
            ),
        )

    async def get(self, code: str) -> Invite | None:
        row = await self.tx.fetchone("SELECT * FROM invites WHERE code = ?", (code,))
        return _invite(row) if row else None

    async def use(self, code: str, now: datetime) -> bool:
        """Count one use; False when the code is used up or expired by now."""
        changed = await self.tx.execute(
            "UPDATE invites SET uses = uses + 1 WHERE code = ? AND uses < max_uses AND expires_at > ?",
            (code, to_db(now)),
        )
        return changed > 0

    async def created_by(self, person_id: int) -> list[Invite]:
        rows = await self.tx.fetchall(
            "SELECT * FROM invites WHERE created_by = ? ORDER BY created_at", (person_id,)
        )
        return [_invite(r) for r in rows]

    async def purge_expired(self, before: datetime) -> int:
        return await self.tx.execute("DELETE FROM invites WHERE expires_at < ?", (to_db(before),))
