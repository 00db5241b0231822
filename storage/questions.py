"""Questions and their threads. The repository never commits: the caller's transaction does.

People see a question's reference as ``Q-`` and its id, zero-padded to four digits (``Q-0007``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from storage.database import Row, Transaction
from storage.timestamps import from_db, to_db

STATUSES = ("open", "answered", "closed")


def reference(question_id: int) -> str:
    return f"Q-{question_id:04d}"


# A finished question the retention purge has yet to anonymise. Word for word the WHERE clause
# of the partial index questions_finished (migration 0005), so SQLite uses that index.
_FINISHED = "status IN ('answered', 'closed') AND anonymised_at IS NULL"
# A question's last activity: its newest thread message, its creation or its closing, whichever
# is latest (SQLite's max() of several values is NULL if one is, hence the coalesce).
_LAST_ACTIVITY = (
    "max(q.created_at, coalesce(q.closed_at, q.created_at), coalesce((SELECT max(m.created_at)"
    " FROM question_messages m WHERE m.question_id = q.id), q.created_at))"
)
# Finished questions whose last activity is at or before a moment (bound twice). Activity is
# never before creation, so `created_at <= ?` lets the index skip every recent question.
_DUE = (
    f"SELECT q.id FROM questions q WHERE {_FINISHED} AND q.created_at <= ?"
    f" AND {_LAST_ACTIVITY} <= ?"
)

# Every column but the photo's bytes, which only delivery reads (QuestionRepository.photo).
COLUMNS = (
    "id, asker_id, owner_id, topic, wijk, text, privacy_kept, privacy_reason, status,"
    " created_at, answer_due_at, answered_at, closed_at, photo IS NOT NULL AS has_photo,"
    " anonymised_at, waiting_since"
)


@dataclass(frozen=True)
class NewQuestion:
    asker_id: int
    owner_id: int
    topic: str
    wijk: str | None
    text: str
    privacy_kept: tuple[str, ...]
    privacy_reason: str | None
    answer_due_at: datetime
    photo: bytes | None = None  # metadata already stripped (bot.privacy.photos)


@dataclass(frozen=True)
class Question:
    id: int
    asker_id: int | None
    owner_id: int | None
    topic: str
    wijk: str | None
    text: str | None
    privacy_kept: tuple[str, ...]
    privacy_reason: str | None
    status: str
    created_at: datetime
    answer_due_at: datetime
    answered_at: datetime | None
    closed_at: datetime | None
    has_photo: bool = False
    anonymised_at: datetime | None = None
    waiting_since: datetime | None = None  # the current round's start (None: created_at)

    @property
    def round_started_at(self) -> datetime:
        """When the question began waiting for the answer it waits for now."""
        return self.waiting_since or self.created_at

    @property
    def reference(self) -> str:
        return reference(self.id)


@dataclass(frozen=True)
class ThreadMessage:
    id: int
    question_id: int
    author_id: int | None
    kind: str
    body: str | None
    created_at: datetime


def _question(row: Row) -> Question:
    return Question(
        id=row["id"],
        asker_id=row["asker_id"],
        owner_id=row["owner_id"],
        topic=row["topic"],
        wijk=row["wijk"],
        text=row["text"],
        privacy_kept=tuple(json.loads(row["privacy_kept"])),
        privacy_reason=row["privacy_reason"],
        status=row["status"],
        created_at=from_db(row["created_at"]),
        answer_due_at=from_db(row["answer_due_at"]),
        answered_at=from_db(row["answered_at"]) if row["answered_at"] else None,
        closed_at=from_db(row["closed_at"]) if row["closed_at"] else None,
        has_photo=bool(row["has_photo"]),
        anonymised_at=from_db(row["anonymised_at"]) if row["anonymised_at"] else None,
        waiting_since=from_db(row["waiting_since"]) if row["waiting_since"] else None,
    )


def _message(row: Row) -> ThreadMessage:
    return ThreadMessage(
        row["id"],
        row["question_id"],
        row["author_id"],
        row["kind"],
        row["body"],
        from_db(row["created_at"]),
    )


class QuestionRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(self, new: NewQuestion, now: datetime) -> int:
        question_id = await self.tx.insert(
            """INSERT INTO questions (asker_id, owner_id, topic, wijk, text, privacy_kept,
                   privacy_reason, created_at, answer_due_at, photo)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                new.asker_id,
                new.owner_id,
                new.topic,
                new.wijk,
                new.text,
                json.dumps(list(new.privacy_kept)),
                new.privacy_reason,
                to_db(now),
                to_db(new.answer_due_at),
                new.photo,
            ),
        )
        assert question_id is not None
        return question_id

    async def by_id(self, question_id: int) -> Question | None:
        row = await self.tx.fetchone(
            f"SELECT {COLUMNS} FROM questions WHERE id = ?", (question_id,)
        )
        return _question(row) if row else None

    async def photo(self, question_id: int) -> bytes | None:
        row = await self.tx.fetchone("SELECT photo FROM questions WHERE id = ?", (question_id,))
        return bytes(row["photo"]) if row and row["photo"] is not None else None

    async def for_asker(self, asker_id: int, limit: int | None = 20) -> list[Question]:
        """Newest first; limit None: all of them (SQLite reads a negative LIMIT as none)."""
        rows = await self.tx.fetchall(
            f"SELECT {COLUMNS} FROM questions WHERE asker_id = ? ORDER BY id DESC LIMIT ?",
            (asker_id, -1 if limit is None else limit),
        )
        return [_question(r) for r in rows]

    async def mark_answered(self, question_id: int, now: datetime) -> None:
        """An answer arrived: 'answered' (again, after a follow-up); the first time is kept."""
        await self.tx.execute(
            "UPDATE questions SET status = 'answered', answered_at = coalesce(answered_at, ?)"
            " WHERE id = ? AND status != 'closed'",
            (to_db(now), question_id),
        )

    async def reopen(self, question_id: int, now: datetime, answer_due_at: datetime) -> bool:
        """A follow-up: the question waits for an answer again, a new round from `now`."""
        changed = await self.tx.execute(
            "UPDATE questions SET status = 'open', waiting_since = ?, answer_due_at = ?"
            " WHERE id = ? AND status != 'closed'",
            (to_db(now), to_db(answer_due_at), question_id),
        )
        return changed > 0

    async def set_owner(self, question_id: int, owner_id: int) -> bool:
        """Pass an unclosed question on to another owner: True if it changed."""
        changed = await self.tx.execute(
            "UPDATE questions SET owner_id = ? WHERE id = ? AND status != 'closed'",
            (owner_id, question_id),
        )
        return changed > 0

    async def open_counts(self, owner_ids: Sequence[int]) -> dict[int, int]:
        """Questions awaiting these owners' answer (routing's least-busy fallback); an index
        range per owner (questions_by_owner), however many questions were ever asked."""
        marks = ", ".join("?" * len(owner_ids))
        rows = await self.tx.fetchall(
            f"SELECT owner_id, count(*) FROM questions WHERE owner_id IN ({marks})"
            " AND status = 'open' GROUP BY owner_id",
            owner_ids,
        )
        return {int(r[0]): int(r[1]) for r in rows}

    async def unclosed_for_owner(self, owner_id: int, limit: int) -> list[Question]:
        """Questions still with this owner (awaiting an answer, or answered but not closed:
        follow-ups come to the owner), oldest first."""
        rows = await self.tx.fetchall(
            f"SELECT {COLUMNS} FROM questions WHERE owner_id = ? AND status != 'closed'"
            " ORDER BY id LIMIT ?",
            (owner_id, limit),
        )
        return [_question(r) for r in rows]

    async def erase_asked_by(self, asker_id: int, now: datetime) -> list[Question]:
        """The asker erases their data (/vergeet): every question they asked loses its text,
        photo, privacy reason and thread bodies, and is closed. Returns the ones that were
        still unclosed (as they were), so their owners can be told."""
        rows = await self.tx.fetchall(
            f"SELECT {COLUMNS} FROM questions WHERE asker_id = ? AND status != 'closed'",
            (asker_id,),
        )
        await self.tx.execute(
            "UPDATE question_messages SET body = NULL"
            " WHERE question_id IN (SELECT id FROM questions WHERE asker_id = ?)",
            (asker_id,),
        )
        await self.tx.execute(
            "UPDATE questions SET text = NULL, photo = NULL, privacy_reason = NULL,"
            " status = 'closed', closed_at = coalesce(closed_at, ?),"
            " anonymised_at = coalesce(anonymised_at, ?) WHERE asker_id = ?",
            (to_db(now), to_db(now), asker_id),
        )
        return [_question(r) for r in rows]

    async def worklist(self, owner_id: int | None, limit: int) -> list[Question]:
        """Unclosed questions (of one owner, or everyone's for None): those awaiting an answer
        first, soonest deadline first, then answered ones, newest first."""
        owner = "AND owner_id = ?" if owner_id is not None else ""
        params: tuple[object, ...] = (owner_id, limit) if owner_id is not None else (limit,)
        rows = await self.tx.fetchall(
            f"SELECT {COLUMNS} FROM questions WHERE status != 'closed' {owner}"
            " ORDER BY status != 'open', CASE WHEN status = 'open' THEN answer_due_at END,"
            " id DESC LIMIT ?",
            params,
        )
        return [_question(r) for r in rows]

    async def close(self, question_id: int, now: datetime) -> bool:
        """True only the first time."""
        changed = await self.tx.execute(
            "UPDATE questions SET status = 'closed', closed_at = ?"
            " WHERE id = ? AND status != 'closed'",
            (to_db(now), question_id),
        )
        return changed > 0

    async def add_message(
        self,
        question_id: int,
        author_id: int | None,
        kind: str,
        body: str | None,
        now: datetime,
    ) -> int:
        message_id = await self.tx.insert(
            "INSERT INTO question_messages (question_id, author_id, kind, body, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (question_id, author_id, kind, body, to_db(now)),
        )
        assert message_id is not None
        return message_id

    async def thread(self, question_id: int) -> list[ThreadMessage]:
        rows = await self.tx.fetchall(
            "SELECT * FROM question_messages WHERE question_id = ? ORDER BY id", (question_id,)
        )
        return [_message(r) for r in rows]

    async def written_by(self, author_id: int) -> list[ThreadMessage]:
        """Messages this person wrote in threads (answers, follow-ups, notes), oldest first."""
        rows = await self.tx.fetchall(
            "SELECT * FROM question_messages WHERE author_id = ? ORDER BY id", (author_id,)
        )
        return [_message(r) for r in rows]

    # -- anonymisation (bot.privacy.anonymise) --------------------------------------------------

    async def anonymise_finished(self, before: datetime, now: datetime) -> int:
        """Strip finished questions (answered or closed) whose last activity is at or before
        `before` of everything personal: text, photo, asker link, privacy reason, the thread's
        bodies and the asker's name on its messages. An answered question is closed as well:
        nobody can follow it up any more, so it leaves every worklist. Topic, wijk, owner and
        dates stay for statistics; published knowledge-base entries are separate texts and
        stay too. Returns how many."""
        cutoff = to_db(before)
        await self.tx.execute(
            "UPDATE question_messages SET body = NULL, author_id = nullif(author_id,"
            " (SELECT asker_id FROM questions WHERE id = question_messages.question_id))"
            f" WHERE question_id IN ({_DUE})",
            (cutoff, cutoff),
        )
        return await self.tx.execute(
            "UPDATE questions SET text = NULL, photo = NULL, asker_id = NULL,"
            " privacy_reason = NULL, status = 'closed', closed_at = coalesce(closed_at, ?),"
            f" anonymised_at = ? WHERE id IN ({_DUE})",
            (to_db(now), to_db(now), cutoff, cutoff),
        )

    async def finished_awaiting_anonymisation(
        self, before: datetime
    ) -> tuple[int, datetime | None, datetime | None]:
        """How many finished, not yet anonymised questions had their last activity at or
        before `before`, with the oldest and newest last activity among them."""
        cutoff = to_db(before)
        # MATERIALIZED: work out each last activity once, not again for min() and max().
        row = await self.tx.fetchone(
            f"WITH finished AS MATERIALIZED (SELECT {_LAST_ACTIVITY} AS last FROM questions q"
            f"  WHERE {_FINISHED} AND q.created_at <= ?)"
            " SELECT count(*), min(last), max(last) FROM finished WHERE last <= ?",
            (cutoff, cutoff),
        )
        if row is None or not row[0]:
            return 0, None, None
        return int(row[0]), from_db(row[1]), from_db(row[2])
