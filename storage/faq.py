"""The knowledge base: published questions with answers, searched with SQLite FTS5 (bm25).

The repository never commits: the caller's transaction does. It reads only `faq_entries`, so
nothing but what a professional published can ever come out of a search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from storage.database import Row, Transaction
from storage.timestamps import from_db, to_db

# Words too common to say anything about what a question is about (Dutch and English).
STOPWORDS = frozenset(
    [
        "aan",
        "al",
        "als",
        "bij",
        "dan",
        "dat",
        "de",
        "der",
        "des",
        "deze",
        "die",
        "dit",
        "door",
        "een",
        "en",
        "er",
        "het",
        "hij",
        "hoe",
        "ik",
        "in",
        "is",
        "je",
        "kan",
        "kun",
        "kunnen",
        "maar",
        "met",
        "mijn",
        "na",
        "naar",
        "niet",
        "nog",
        "of",
        "om",
        "ook",
        "op",
        "over",
        "te",
        "tot",
        "u",
        "uit",
        "van",
        "veel",
        "voor",
        "waar",
        "wat",
        "wie",
        "wij",
        "wil",
        "zijn",
        "ze",
        "zich",
        "zo",
        "zou",
        "iemand",
        "wijk",
        "buurt",
        "a",
        "an",
        "and",
        "are",
        "can",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "to",
        "what",
        "where",
        "who",
        "with",
        "you",
    ]
)
_WORD = re.compile(r"\w+", re.UNICODE)
# Search weights: a match in the question counts twice as much as one in the answer.
_RANK = "bm25(faq_search, 2.0, 1.0)"


@dataclass(frozen=True)
class FaqEntry:
    id: int
    question_id: int | None
    topic: str
    question: str
    answer: str
    published_by: int | None
    created_at: datetime


def _entry(row: Row) -> FaqEntry:
    return FaqEntry(
        id=row["id"],
        question_id=row["question_id"],
        topic=row["topic"],
        question=row["question"],
        answer=row["answer"],
        published_by=row["published_by"],
        created_at=from_db(row["created_at"]),
    )


def match_query(words: str) -> str | None:
    """An FTS5 query matching any of the meaningful words (prefixes from four letters on).

    Each word is quoted, so nothing people type is read as FTS5 syntax. None: no usable word."""
    tokens: list[str] = []
    for word in _WORD.findall(words.lower()):
        if len(word) < 2 or word in STOPWORDS or word.isdigit():
            continue
        term = f'"{word}"*' if len(word) >= 4 else f'"{word}"'
        if term not in tokens:
            tokens.append(term)
    return " OR ".join(tokens[:30]) if tokens else None


class FaqRepository:
    def __init__(self, tx: Transaction) -> None:
        self.tx = tx

    async def add(
        self,
        question_id: int | None,
        topic: str,
        question: str,
        answer: str,
        published_by: int | None,
        now: datetime,
    ) -> int:
        entry_id = await self.tx.insert(
            "INSERT INTO faq_entries (question_id, topic, question, answer, published_by,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (question_id, topic, question, answer, published_by, to_db(now)),
        )
        assert entry_id is not None
        return entry_id

    async def by_id(self, entry_id: int) -> FaqEntry | None:
        row = await self.tx.fetchone("SELECT * FROM faq_entries WHERE id = ?", (entry_id,))
        return _entry(row) if row else None

    async def search(
        self, words: str, limit: int = 5, questions_only: bool = False
    ) -> list[FaqEntry]:
        """The entries matching any of the words, most relevant (lowest bm25) first."""
        query = match_query(words)
        if query is None:
            return []
        if questions_only:
            query = f"question : ({query})"
        rows = await self.tx.fetchall(
            f"SELECT e.* FROM faq_search JOIN faq_entries e ON e.id = faq_search.rowid"
            f" WHERE faq_search MATCH ? ORDER BY {_RANK}, e.id DESC LIMIT ?",
            (query, limit),
        )
        return [_entry(r) for r in rows]

    async def related(self, text: str, limit: int = 3) -> list[FaqEntry]:
        """Entries whose published question looks like one someone is about to send."""
        return await self.search(text, limit, questions_only=True)

    async def by_topic(self, topic: str, limit: int = 10) -> list[FaqEntry]:
        rows = await self.tx.fetchall(
            "SELECT * FROM faq_entries WHERE topic = ? ORDER BY id DESC LIMIT ?", (topic, limit)
        )
        return [_entry(r) for r in rows]

    async def published_by(self, person_id: int) -> list[FaqEntry]:
        """What this person published (for their own data export), oldest first."""
        rows = await self.tx.fetchall(
            "SELECT * FROM faq_entries WHERE published_by = ? ORDER BY id", (person_id,)
        )
        return [_entry(r) for r in rows]

    async def topics(self) -> dict[str, int]:
        """Each topic with published entries, and how many."""
        rows = await self.tx.fetchall(
            "SELECT topic, count(*) AS n FROM faq_entries GROUP BY topic ORDER BY topic"
        )
        return {r["topic"]: r["n"] for r in rows}
