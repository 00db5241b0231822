"""What the bot stores about one person, across tables, for their right of access
(bot.people.my_data). Read-only; rows come back as plain dicts with the stored values.

People are named in three ways: a foreign key to `people` (reporter, owner, asker, author,
actor, publisher, professional of a rule, absent person or substitute, inviter), their
Telegram id (`flows`, `outbox`), and in the audit details "to 12 via rule 3" / "to 12: reason"
of routing, passing on and reminders (`signal_events.detail`, `question_messages.body`).
"""

from __future__ import annotations

import json
import re
from typing import Any

from storage.database import Row, Transaction

# Audit entries whose detail names people by id ("to 12", "to 3, 12", "to 12: reason"); an
# escalation's "to 3 coordinators" counts people instead, so it is not among them.
_NAMING = ("routed", "reassigned", "reminded", "out_of_hours")
_NAMED = re.compile(r"^to (\d+(?:, \d+)*)(?=$|[ :])")
# What a reporter's signal holds of what they wrote and were told (the rest of the audit trail
# is the professionals' work on a resident's situation).
_TOLD = ("question", "answer", "closing_message")


# Columns computed as SQLite's 0/1 that read better as true/false.
_FLAGS = ("has_photo", "by_you", "yours", "you_substitute")


def _plain(rows: list[Row]) -> list[dict[str, Any]]:
    found = [dict(row) for row in rows]
    for row in found:
        for flag in _FLAGS:
            if flag in row:
                row[flag] = bool(row[flag])
    return found


def names(detail: str | None, person_id: int) -> bool:
    """Whether an audit detail names this person."""
    found = _NAMED.match(detail or "")
    return found is not None and str(person_id) in found.group(1).split(", ")


class PersonalDataRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def _all(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        return _plain(await self.tx.fetchall(sql, args))

    async def signals_reported(self, person_id: int) -> list[dict[str, Any]]:
        """Their signals with what they wrote and were told (not the photo's bytes)."""
        signals = await self._all(
            "SELECT id, category, wijk, description, urgency, consent,"
            " photo IS NOT NULL AS has_photo, latitude, longitude, privacy_kept, privacy_reason,"
            " status, closing_message, created_at, closed_at, anonymised_at"
            " FROM signals WHERE reporter_id = ? ORDER BY id",
            person_id,
        )
        marks = ", ".join("?" for _ in _TOLD)
        for signal in signals:
            signal["messages"] = await self._all(
                "SELECT action, detail AS text, actor_id = ? AS by_you, created_at"
                f" FROM signal_events WHERE signal_id = ? AND action IN ({marks}) ORDER BY id",
                person_id,
                signal["id"],
                *_TOLD,
            )
        return signals

    async def signals_owned(self, person_id: int) -> list[dict[str, Any]]:
        return await self._all(
            "SELECT id, category, wijk, status, created_at, closed_at FROM signals"
            " WHERE owner_id = ? ORDER BY id",
            person_id,
        )

    async def signal_events_by(self, person_id: int) -> list[dict[str, Any]]:
        """What they did on signals they did not report (those carry their own messages)."""
        return await self._all(
            "SELECT e.id, e.signal_id, e.action, e.detail, e.created_at FROM signal_events e"
            " JOIN signals s ON s.id = e.signal_id"
            " WHERE e.actor_id = ? AND s.reporter_id IS NOT ? ORDER BY e.id",
            person_id,
            person_id,
        )

    async def signal_events_naming(self, person_id: int) -> list[dict[str, Any]]:
        marks = ", ".join("?" for _ in _NAMING)
        rows = await self._all(
            "SELECT id, signal_id, action, detail, created_at FROM signal_events"
            f" WHERE action IN ({marks}) AND detail LIKE ? ORDER BY id",
            *_NAMING,
            f"%{person_id}%",
        )
        return [r for r in rows if names(r["detail"], person_id)]

    async def questions_owned(self, person_id: int) -> list[dict[str, Any]]:
        return await self._all(
            "SELECT id, topic, wijk, status, created_at, closed_at FROM questions"
            " WHERE owner_id = ? ORDER BY id",
            person_id,
        )

    async def question_messages_naming(self, person_id: int) -> list[dict[str, Any]]:
        marks = ", ".join("?" for _ in _NAMING)
        rows = await self._all(
            "SELECT id, question_id, kind, body, created_at FROM question_messages"
            f" WHERE kind IN ({marks}) AND body LIKE ? ORDER BY id",
            *_NAMING,
            f"%{person_id}%",
        )
        return [r for r in rows if names(r["body"], person_id)]

    async def routing_rules(self, person_id: int) -> list[dict[str, Any]]:
        return await self._all(
            "SELECT id, position, category, wijk, created_at FROM routing_rules"
            " WHERE professional_id = ? ORDER BY position, id",
            person_id,
        )

    async def absences(self, person_id: int) -> list[dict[str, Any]]:
        """Their own absences and those they substitute in."""
        return await self._all(
            "SELECT id, person_id = ? AS yours, substitute_id = ? AS you_substitute,"
            " starts_at, ends_at FROM absences WHERE person_id = ? OR substitute_id = ?"
            " ORDER BY starts_at, id",
            person_id,
            person_id,
            person_id,
            person_id,
        )

    async def people_invited(self, person_id: int) -> list[dict[str, Any]]:
        """Who registered with their invitation: ids and dates only (the rest is theirs)."""
        return await self._all(
            "SELECT id, created_at FROM people WHERE invited_by = ? ORDER BY id", person_id
        )

    async def messages_delivered(self, telegram_id: int) -> list[dict[str, Any]]:
        """Messages sent to them that are still kept (retention.delivered_messages_days)."""
        rows = await self._all(
            "SELECT created_at, sent_at, status, method, payload FROM outbox"
            " WHERE chat_id = ? AND status IN ('sent', 'failed') ORDER BY id",
            telegram_id,
        )
        for row in rows:
            row["text"] = _text_of(row.pop("payload"))
        return [r for r in rows if r["text"] is not None]  # not command menus and the like


def _text_of(payload: str) -> str | None:
    value = json.loads(payload)
    text = value.get("text") or value.get("caption") or value.get("append")
    return text if isinstance(text, str) else None
