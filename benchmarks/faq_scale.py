"""The knowledge base at scale, in-process: FaqService.search and .related on a real SQLite file.

Part (a) of benchmarks.question_latency. For each size the file is made with storage.database
(migrations included) and filled through FaqRepository.add, one transaction per entry as
publishing does it (`--batch` groups them), with generated Dutch entries (benchmarks.faq_corpus)
and the 20 planted ones (benchmarks.faq_planted) spread evenly among them. Then, on the same
file through a fresh Database and FaqService (warm page cache, as in a running bot):

- search: /faq with 1 to 3 words of one theme's vocabulary;
- related: a 20 to 40-word question text, as shown before every new question's summary;
- ranking: where each planted entry comes for its own query (search, top 5 asked) and its own
  question text (related, top 3 asked): precision@1 and the share within the top 3.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import faq_corpus, faq_planted
from bot.core.clock import system_clock
from bot.core.config import Settings
from bot.core.deps import Deps
from bot.questions.faq import FaqService
from storage.database import Database
from storage.faq import FaqEntry, FaqRepository


def percentiles(values: list[float]) -> dict[str, float]:
    """p50/p95/p99/max/mean of milliseconds, rounded (inclusive method, as signal_latency)."""
    if not values:
        return {}
    cut = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else []

    def at(p: int) -> float:
        return cut[p - 1] if cut else values[0]

    return {
        "p50": round(at(50), 2),
        "p95": round(at(95), 2),
        "p99": round(at(99), 2),
        "max": round(max(values), 2),
        "mean": round(statistics.fmean(values), 2),
    }


@dataclass
class Ranking:
    searches: list[int | None] = field(default_factory=list)  # rank (1-based) or None
    related: list[int | None] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)  # not first: what came first

    def record(
        self, call: str, asked: str, planted: str, found: list[FaqEntry], entry_id: int
    ) -> None:
        rank = next((i + 1 for i, e in enumerate(found) if e.id == entry_id), None)
        (self.searches if call == "search" else self.related).append(rank)
        if rank != 1:
            first = found[0].question if found else None
            self.misses.append(
                {"call": call, "asked": asked, "planted": planted, "rank": rank, "first": first}
            )

    @staticmethod
    def share(ranks: list[int | None], within: int) -> float:
        return sum(1 for r in ranks if r is not None and r <= within) / len(ranks) if ranks else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "planted": len(self.searches),
            "search_precision_at_1": round(self.share(self.searches, 1), 3),
            "search_top_3": round(self.share(self.searches, 3), 3),
            "related_precision_at_1": round(self.share(self.related, 1), 3),
            "related_top_3": round(self.share(self.related, 3), 3),
            "search_ranks": self.searches,
            "related_ranks": self.related,
            "misses": self.misses,
        }


@dataclass
class Scale:
    entries: int
    seed_seconds: float
    file_bytes: int
    search_ms: list[float]
    related_ms: list[float]
    search_hits: list[int]
    related_hits: list[int]
    ranking: Ranking

    def summary(self) -> dict[str, Any]:
        return {
            "entries": self.entries,
            "seed_seconds": round(self.seed_seconds, 1),
            "publish_ms_per_entry": round(self.seed_seconds * 1000 / self.entries, 3),
            "file_bytes": self.file_bytes,
            "file_mb": round(self.file_bytes / 1e6, 2),
            "search_ms": percentiles(self.search_ms),
            "search_queries": len(self.search_ms),
            "search_mean_results": round(statistics.fmean(self.search_hits), 2),
            "related_ms": percentiles(self.related_ms),
            "related_texts": len(self.related_ms),
            "related_mean_results": round(statistics.fmean(self.related_hits), 2),
            "ranking": self.ranking.summary(),
        }


async def fill(path: Path, entries: int, batch: int, rng: random.Random) -> dict[int, int]:
    """`entries` published entries, the planted ones among them; their ids by planted index."""
    planted_at = {
        (i * entries) // len(faq_planted.PLANTED) + entries // 50: i
        for i in range(len(faq_planted.PLANTED))
    }
    planted_ids: dict[int, int] = {}
    database = Database(path)
    await database.open()  # applies the migrations
    now = datetime.now(UTC)
    try:
        for start in range(0, entries, batch):
            async with database.transaction() as tx:
                repo = FaqRepository(tx)
                for position in range(start, min(entries, start + batch)):
                    if (index := planted_at.get(position)) is not None:
                        p = faq_planted.PLANTED[index]
                        entry_id = await repo.add(None, p.topic, p.question, p.answer, None, now)
                        planted_ids[index] = entry_id
                    else:
                        topic, question, answer = faq_corpus.entry(rng)
                        await repo.add(None, topic, question, answer, None, now)
    finally:
        await database.close()  # the last connection checkpoints and removes the WAL
    return planted_ids


async def _timed(
    call: Callable[[str], Awaitable[list[FaqEntry]]], inputs: list[str]
) -> tuple[list[float], list[int]]:
    times, hits = [], []
    for text in inputs:
        began = time.perf_counter()
        found = await call(text)
        times.append((time.perf_counter() - began) * 1000)
        hits.append(len(found))
    return times, hits


async def measure(
    path: Path,
    entries: int,
    settings: Settings,
    searches: int,
    related: int,
    batch: int,
) -> Scale:
    rng = random.Random(entries)
    began = time.perf_counter()
    planted_ids = await fill(path, entries, batch, rng)
    seed_seconds = time.perf_counter() - began
    file_bytes = (await asyncio.to_thread(path.stat)).st_size
    queries = [faq_corpus.search_words(rng) for _ in range(searches)]
    texts = [faq_corpus.question_text(rng)[1] for _ in range(related)]
    database = Database(path)
    await database.open()
    try:
        faq = FaqService(Deps.build(settings, system_clock, database))
        for text in queries[:20] + texts[:20]:  # warm-up: page cache, statement cache
            await faq.search(text)
            await faq.related(text)
        search_ms, search_hits = await _timed(faq.search, queries)
        related_ms, related_hits = await _timed(faq.related, texts)
        ranking = Ranking()
        for index, planted in enumerate(faq_planted.PLANTED):
            entry_id, question = planted_ids[index], planted.question
            found = await faq.search(planted.query)
            ranking.record("search", planted.query, question, found, entry_id)
            found = await faq.related(planted.text)
            ranking.record("related", planted.text, question, found, entry_id)
    finally:
        await database.close()
    return Scale(
        entries,
        seed_seconds,
        file_bytes,
        search_ms,
        related_ms,
        search_hits,
        related_hits,
        ranking,
    )


def table(scales: list[Scale]) -> str:
    header = (
        f"{'entries':>8}  {'file MB':>7}  {'call':<7}  {'n':>4}  {'p50 ms':>7}  {'p95 ms':>7}"
        f"  {'p99 ms':>7}  {'max ms':>7}  {'hits':>4}  {'P@1':>5}  {'top 3':>5}"
    )
    lines = [header, "-" * len(header)]
    for s in scales:
        rank = s.ranking
        rows = (
            ("search", s.search_ms, s.search_hits, rank.searches),
            ("related", s.related_ms, s.related_hits, rank.related),
        )
        for call, times, hits, ranks in rows:
            p = percentiles(times)
            lines.append(
                f"{s.entries:>8,}  {s.file_bytes / 1e6:>7.1f}  {call:<7}  {len(times):>4}"
                f"  {p['p50']:>7.2f}  {p['p95']:>7.2f}  {p['p99']:>7.2f}  {p['max']:>7.2f}"
                f"  {statistics.fmean(hits):>4.1f}  {Ranking.share(ranks, 1):>5.0%}"
                f"  {Ranking.share(ranks, 3):>5.0%}"
            )
    return "\n".join(lines)
