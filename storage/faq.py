"""The knowledge base: published questions with answers, searched with SQLite FTS5 (bm25).

The repository never commits: the caller's transaction does. It reads only `faq_entries`, so
nothing but what a professional published can ever come out of a search.
"""

from __future__ import annotations

import re
import unicodedata
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


# Related answers: at most this many words of the new question, the rarest among the published
# questions first; words in more than this share of them (and more than RELATED_COMMON_MIN)
# say too little to search on.
RELATED_TERMS = 6
RELATED_COMMON_SHARE = 0.05
RELATED_COMMON_MIN = 50


def meaningful_words(text: str) -> list[str]:
    """Lower-case words without stopwords or numbers, diacritics folded as the index folds
    them (unicode61 remove_diacritics), each once, in order."""
    folded = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    words: list[str] = []
    for word in _WORD.findall(plain):
        if len(word) >= 2 and word not in STOPWORDS and not word.isdigit() and word not in words:
            words.append(word)
    return words


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
        """Entries whose published question looks like one someone is about to send: searched
        on its few rarest words (faq_vocab), so a telling word decides, and many common words
        cannot outweigh it or make the search slow."""
        words = meaningful_words(text)[:30]
        if not words:
            return []
        marks = ", ".join("?" * len(words))
        rows = await self.tx.fetchall(
            "SELECT term, doc, (SELECT count(*) FROM faq_entries) AS total FROM faq_vocab"
            f" WHERE col = 'question' AND term IN ({marks})",
            words,
        )
        known = {str(r["term"]): int(r["doc"]) for r in rows}
        total = int(rows[0]["total"]) if rows else 0
        # A small knowledge base keeps every word: there a topic's own word may well be in many.
        too_common = max(RELATED_COMMON_MIN, total * RELATED_COMMON_SHARE)
        # Words no published question holds as such may still start one (schuld → schulden).
        unknown = [w for w in words if w not in known and len(w) >= 5]
        rare = sorted((w for w in known if known[w] <= too_common), key=lambda w: known[w])
        chosen = (rare + unknown)[:RELATED_TERMS]
        # The two rarest words first: a telling word decides; the rest only fill up.
        found: list[FaqEntry] = []
        for terms in (chosen[:2], chosen):
            for entry in await self._match_questions(terms, limit):
                if len(found) < limit and entry not in found:
                    found.append(entry)
        return found

    async def _match_questions(self, words: list[str], limit: int) -> list[FaqEntry]:
        if not words:
            return []
        query = " OR ".join(f'"{w}"*' if len(w) >= 4 else f'"{w}"' for w in words)
        rows = await self.tx.fetchall(
            f"SELECT e.* FROM faq_search JOIN faq_entries e ON e.id = faq_search.rowid"
            f" WHERE faq_search MATCH ? ORDER BY {_RANK}, e.id DESC LIMIT ?",
            (f"question : ({query})", limit),
        )
        return [_entry(r) for r in rows]

    async def by_topic(self, topic: str, limit: int = 10) -> list[FaqEntry]:
        rows = await self.tx.fetchall(
            "SELECT * FROM faq_entries WHERE topic = ? ORDER BY id DESC LIMIT ?", (topic, limit)
        )
        return [_entry(r) for r in rows]

    async def published_from(self, question_id: int) -> bool:
        """Whether an entry was already published from this question."""
        row = await self.tx.fetchone(
            "SELECT 1 FROM faq_entries WHERE question_id = ? LIMIT 1", (question_id,)
        )
        return row is not None

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
