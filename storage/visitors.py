"""Everything the access gate needs about an update's sender, in one statement."""

from __future__ import annotations

import json
from dataclasses import dataclass

from storage.database import Transaction
from storage.flows import Flow
from storage.people import Person, person_from_row
from storage.timestamps import from_db


@dataclass(frozen=True)
class VisitorRecord:
    seen: bool  # the update was processed before
    person: Person | None
    flow: Flow | None


_LOOKUP = """
SELECT EXISTS (SELECT 1 FROM processed_updates WHERE update_id = ?) AS seen,
       p.*, f.name AS flow_name, f.step AS flow_step, f.data AS flow_data,
       f.updated_at AS flow_updated_at
FROM (SELECT ? AS telegram_id) AS me
LEFT JOIN people AS p ON p.telegram_id = me.telegram_id
LEFT JOIN flows AS f ON f.telegram_id = me.telegram_id
"""


async def load_visitor(tx: Transaction, update_id: int, telegram_id: int) -> VisitorRecord:
    """One round trip per update: this runs before every handler."""
    row = await tx.fetchone(_LOOKUP, (update_id, telegram_id))
    assert row is not None  # the FROM clause always yields one row
    person = person_from_row(row) if row["id"] is not None else None
    flow = None
    if row["flow_name"] is not None:
        flow = Flow(
            telegram_id=telegram_id,
            name=row["flow_name"],
            step=row["flow_step"],
            data=json.loads(row["flow_data"]),
            updated_at=from_db(row["flow_updated_at"]),
        )
    return VisitorRecord(bool(row["seen"]), person, flow)
