"""Signals and their audit trail. The repository never commits: the caller's transaction does.

People see a signal's reference as ``S-`` and its id, zero-padded to four digits (``S-0042``;
``S-12345`` once there are more): short to read out over the phone, and unique for ever.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from storage.database import Row, Transaction
from storage.timestamps import from_db, to_db

OPEN_STATUSES = ("received", "picked_up", "contact_made")
# Every kind of step a signal's history holds (signal_events.action). Each has its words on the
# card (signal_work.event_<kind>, tests/signals/test_event_texts.py): add a new one here first.
EVENT_ACTIONS = frozenset(
    {
        "reported",
        "routed",
        "out_of_hours",
        "picked_up",
        "contact_made",
        "question",
        "answer",
        "reassigned",
        "closed",
        "closing_message",
        "reminded",
        "escalated",
    }
)


def reference(signal_id: int) -> str:
    return f"S-{signal_id:04d}"


@dataclass(frozen=True)
class NewSignal:
    reporter_id: int
    owner_id: int
    category: str
    wijk: str | None
    description: str
    urgency: str
    consent: str
    photo: bytes | None
    latitude: float | None
    longitude: float | None
    privacy_kept: tuple[str, ...]
    privacy_reason: str | None
    pickup_due_at: datetime


@dataclass(frozen=True)
class Signal:
    id: int
    reporter_id: int | None
    owner_id: int | None
    category: str
    wijk: str | None
    description: str | None
    urgency: str
    consent: str
    has_photo: bool
    latitude: float | None
    longitude: float | None
    privacy_kept: tuple[str, ...]
    privacy_reason: str | None
    status: str
    created_at: datetime
    pickup_due_at: datetime

    @property
    def reference(self) -> str:
        return reference(self.id)


@dataclass(frozen=True)
class SignalEvent:
    id: int
    signal_id: int
    actor_id: int | None
    action: str
    detail: str | None
    created_at: datetime


_COLUMNS = (
    "id, reporter_id, owner_id, category, wijk, description, urgency, consent,"
    " photo IS NOT NULL AS has_photo, latitude, longitude, privacy_kept, privacy_reason,"
    " status, created_at, pickup_due_at"
)


def _signal(row: Row) -> Signal:
    return Signal(
        id=row["id"],
        reporter_id=row["reporter_id"],
        owner_id=row["owner_id"],
        category=row["category"],
        wijk=row["wijk"],
        description=row["description"],
        urgency=row["urgency"],
        consent=row["consent"],
        has_photo=bool(row["has_photo"]),
        latitude=row["latitude"],
        longitude=row["longitude"],
        privacy_kept=tuple(json.loads(row["privacy_kept"])),
        privacy_reason=row["privacy_reason"],
        status=row["status"],
        created_at=from_db(row["created_at"]),
        pickup_due_at=from_db(row["pickup_due_at"]),
    )


class SignalRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(self, new: NewSignal, now: datetime) -> int:
        signal_id = await self.tx.insert(
            """INSERT INTO signals (reporter_id, owner_id, category, wijk, description, urgency,
                   consent, photo, latitude, longitude, privacy_kept, privacy_reason, created_at,
                   pickup_due_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                new.reporter_id,
                new.owner_id,
                new.category,
                new.wijk,
                new.description,
                new.urgency,
                new.consent,
                new.photo,
                new.latitude,
                new.longitude,
                json.dumps(list(new.privacy_kept)),
                new.privacy_reason,
                to_db(now),
                to_db(new.pickup_due_at),
            ),
        )
        assert signal_id is not None
        return signal_id

    async def by_id(self, signal_id: int) -> Signal | None:
        row = await self.tx.fetchone(f"SELECT {_COLUMNS} FROM signals WHERE id = ?", (signal_id,))
        return _signal(row) if row else None

    async def photo(self, signal_id: int) -> bytes | None:
        row = await self.tx.fetchone("SELECT photo FROM signals WHERE id = ?", (signal_id,))
        return bytes(row["photo"]) if row and row["photo"] is not None else None

    async def for_reporter(self, reporter_id: int, limit: int | None = 20) -> list[Signal]:
        """Newest first; limit None: all of them (SQLite reads a negative LIMIT as none)."""
        rows = await self.tx.fetchall(
            f"SELECT {_COLUMNS} FROM signals WHERE reporter_id = ? ORDER BY id DESC LIMIT ?",
            (reporter_id, -1 if limit is None else limit),
        )
        return [_signal(r) for r in rows]

    async def open_counts(self, owner_ids: Sequence[int]) -> dict[int, int]:
        """Open signals of these owners: routing gives fallback work to the least busy
        coordinator. Asking for a few owners keeps this an index range, however many
        signals were ever stored."""
        marks = ", ".join("?" * len(owner_ids))
        rows = await self.tx.fetchall(
            f"SELECT owner_id, count(*) FROM signals WHERE owner_id IN ({marks})"
            f" AND status IN {OPEN_STATUSES!r} GROUP BY owner_id",
            owner_ids,
        )
        return {int(r[0]): int(r[1]) for r in rows}

    async def add_event(
        self, signal_id: int, actor_id: int | None, action: str, detail: str | None, now: datetime
    ) -> int:
        if action not in EVENT_ACTIONS:
            raise ValueError(f"unknown kind of signal event {action!r}: add it to EVENT_ACTIONS")
        event_id = await self.tx.insert(
            "INSERT INTO signal_events (signal_id, actor_id, action, detail, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (signal_id, actor_id, action, detail, to_db(now)),
        )
        assert event_id is not None
        return event_id

    async def events(self, signal_id: int) -> list[SignalEvent]:
        rows = await self.tx.fetchall(
            "SELECT * FROM signal_events WHERE signal_id = ? ORDER BY id", (signal_id,)
        )
        return [
            SignalEvent(
                r["id"],
                r["signal_id"],
                r["actor_id"],
                r["action"],
                r["detail"],
                from_db(r["created_at"]),
            )
            for r in rows
        ]

    # -- anonymisation (bot.privacy.anonymise) --------------------------------------------------

    async def anonymise_closed(self, closed_before: datetime, now: datetime) -> int:
        """Strip closed signals (closed at or before `closed_before`) of everything personal:
        free text, photo, position, reporter link and the audit trail's details. Category, wijk,
        urgency, status, outcome, owner and dates stay for statistics. Returns how many."""
        due = (
            "SELECT id FROM signals WHERE status = 'closed' AND anonymised_at IS NULL"
            " AND closed_at <= ?"
        )
        await self.tx.execute(
            # The reporter's own entries ("reported", answers to questions) lose their author
            # too; otherwise the trail would still link them to the signal.
            "UPDATE signal_events SET detail = NULL, actor_id = CASE WHEN actor_id ="
            " (SELECT reporter_id FROM signals s WHERE s.id = signal_id) THEN NULL"
            f" ELSE actor_id END WHERE signal_id IN ({due})",
            (to_db(closed_before),),
        )
        return await self.tx.execute(
            "UPDATE signals SET description = NULL, photo = NULL, reporter_id = NULL,"
            " latitude = NULL, longitude = NULL, privacy_reason = NULL, closing_message = NULL,"
            f" anonymised_at = ? WHERE id IN ({due})",
            (to_db(now), to_db(closed_before)),
        )

    async def closed_awaiting_anonymisation(
        self, closed_before: datetime
    ) -> tuple[int, datetime | None, datetime | None]:
        """How many closed, not yet anonymised signals were closed at or before `closed_before`,
        with the oldest and newest closing time among them."""
        row = await self.tx.fetchone(
            "SELECT count(*), min(closed_at), max(closed_at) FROM signals"
            " WHERE status = 'closed' AND anonymised_at IS NULL AND closed_at <= ?",
            (to_db(closed_before),),
        )
        if row is None or not row[0]:
            return 0, None, None
        return int(row[0]), from_db(row[1]), from_db(row[2])
