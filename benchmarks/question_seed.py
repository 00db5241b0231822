"""The database for benchmarks.question_latency (b): benchmarks.signal_latency's people and
routing rules, stored questions with their threads, and a knowledge base, with executemany."""

from __future__ import annotations

import random
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks import faq_corpus
from benchmarks.signal_latency import seed
from bot.core.config import Settings
from storage.timestamps import to_db


@dataclass
class Population:
    volunteers: list[int]  # people.id
    owners: list[int]  # professionals and coordinators
    topics: list[str]
    wijken: list[str]
    now: datetime
    anonymise_before: datetime  # finished questions last active before then are anonymised


def seed_questions(
    path: Path, settings: Settings, questions: int, kb_entries: int, rng: random.Random
) -> tuple[list[tuple[int, str]], list[int], dict[str, int], float]:
    """signal_latency's people and routing rules (no signals), then `questions` stored questions
    with their threads and `kb_entries` published entries, with executemany."""
    began = time.perf_counter()
    seeded = seed(path, settings, 0, rng)
    now = datetime.now(UTC)
    conn = sqlite3.connect(path)
    with conn:
        people = conn.execute("SELECT id, role FROM people").fetchall()
        population = Population(
            volunteers=[p for p, role in people if role == "volunteer"],
            owners=[p for p, role in people if role != "volunteer"],
            topics=[t.key for t in settings.organisation.topics()],
            wijken=list(settings.organisation.wijken),
            now=now,
            anonymise_before=now - timedelta(days=settings.retention.finished_questions_days),
        )
        rows, messages, finished = [], [], []
        for question_id in range(1, questions + 1):
            row, thread = _question(question_id, population, rng)
            rows.append(row)
            messages += thread
            if row[6] != "open":
                finished.append(question_id)
        conn.executemany(
            """INSERT INTO questions (id, asker_id, owner_id, topic, wijk, text, status,
                   created_at, answer_due_at, answered_at, closed_at, anonymised_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )
        conn.executemany(
            "INSERT INTO question_messages (question_id, author_id, kind, body, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            messages,
        )
        stamp = to_db(now - timedelta(days=30))
        entries = []
        for _ in range(kb_entries):
            topic, question, answer = faq_corpus.entry(rng)
            source = rng.choice(finished) if finished else None
            entries.append((source, topic, question, answer, rng.choice(population.owners), stamp))
        conn.executemany(
            "INSERT INTO faq_entries (question_id, topic, question, answer, published_by,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?)",
            entries,
        )
    conn.execute("ANALYZE")
    counts = {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("people", "routing_rules", "questions", "question_messages", "faq_entries")
    }
    conn.close()
    return seeded.volunteers, seeded.everyone, counts, time.perf_counter() - began


def _question(
    question_id: int, population: Population, rng: random.Random
) -> tuple[tuple[Any, ...], list[tuple[Any, ...]]]:
    """One stored question and its thread, as the bot's own jobs would have left them: old
    finished ones anonymised, overdue open ones reminded and escalated already, so the first
    ticks and purges find nothing to do."""
    now = population.now
    roll = rng.random()
    status = "closed" if roll < 0.85 else "answered" if roll < 0.93 else "open"
    span = 30 * 86_400 if status == "open" else 2 * 365 * 86_400
    created = now - timedelta(seconds=rng.uniform(3_600, span))
    due = created + timedelta(days=2)
    answered = created + timedelta(hours=rng.uniform(1, 72)) if status != "open" else None
    closed = None
    if answered is not None and status == "closed":
        closed = answered + timedelta(days=rng.uniform(0, 10))
    cap = now - timedelta(minutes=1)  # nothing happens in the future
    answered, closed = (min(t, cap) if t else None for t in (answered, closed))
    last = closed or answered
    anonymised = last is not None and last <= population.anonymise_before
    asker, owner = rng.choice(population.volunteers), rng.choice(population.owners)
    text = None if anonymised else faq_corpus.question_text(rng)[1]
    at = to_db(created)
    thread = [
        (question_id, None if anonymised else asker, "asked", text, at),
        (question_id, None, "routed", f"to {owner} via rule", at),
    ]
    if answered is not None:
        body = None if anonymised else faq_corpus.entry(rng)[2]
        thread.append((question_id, owner, "answer", body, to_db(answered)))
    if closed is not None:
        thread.append((question_id, None if anonymised else asker, "closed", None, to_db(closed)))
    if status == "open" and due < now:
        thread.append((question_id, None, "reminded", f"to {owner}", to_db(due)))
        thread.append((question_id, None, "escalated", "to 5 coordinators", to_db(due)))
    row = (
        question_id,
        None if anonymised else asker,
        owner,
        rng.choice(population.topics),
        rng.choice(population.wijken),
        text,
        status,
        at,
        to_db(due),
        to_db(answered) if answered else None,
        to_db(closed) if closed else None,
        to_db(now) if anonymised else None,
    )
    return row, thread
