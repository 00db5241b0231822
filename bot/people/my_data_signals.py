"""Signals and questions in /mijngegevens (bot.people.my_data): what the person reported and
asked with what they were told, what they own, the steps they took or that name them, and
what they published in the knowledge base.

A volunteer sees what they reported, asked and were told, not the professionals' audit trail
on it (routing, reminders, pass-on reasons); photos are noted (`has_photo`), not copied."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import Any

from bot.people.my_data_words import Words, detail, value
from bot.questions.texts import topic_label
from bot.signals.texts import category_label
from storage.database import Transaction
from storage.faq import FaqRepository
from storage.people import Person
from storage.personal_data import PersonalDataRepository
from storage.questions import QuestionRepository
from storage.questions import reference as question_ref
from storage.signals import reference as signal_ref

# A thread message the asker wrote or was told (not "routed", "reassigned", "reminded"...).
ASKERS_OWN = ("asked", "answer", "followup", "closed")


async def signals_and_questions(
    tx: Transaction, person: Person, words: Words, now: datetime
) -> dict[str, Any]:
    mine = PersonalDataRepository(tx)
    return {
        **await _questions(tx, person, words),
        "signals_reported": [_signal(s, words) for s in await mine.signals_reported(person.id)],
        "signals_owned": [_signal(s, words) for s in await mine.signals_owned(person.id)],
        "your_steps_on_signals": [
            _step(e, words, signal_ref(e["signal_id"]))
            for e in await mine.signal_events_by(person.id)
        ],
        "signal_steps_naming_you": [
            _step(e, words, signal_ref(e["signal_id"]), "_you")
            for e in await mine.signal_events_naming(person.id)
        ],
        "questions_owned": [_question(q, words) for q in await mine.questions_owned(person.id)],
        "question_steps_naming_you": [
            _step(m, words, question_ref(m["question_id"]), "_you")
            for m in await mine.question_messages_naming(person.id)
        ],
        "knowledge_base_published": [
            {
                "topic": topic_label(words.settings, e.topic, words.language),
                "question": e.question,
                "answer": e.answer,
                "published_at": words.when(e.created_at),
            }
            for e in await FaqRepository(tx).published_by(person.id)
        ],
    }


async def _questions(tx: Transaction, person: Person, words: Words) -> dict[str, Any]:
    questions = QuestionRepository(tx)
    asked, asked_ids = [], set()
    for q in await questions.for_asker(person.id, limit=None):
        asked_ids.add(q.id)
        thread = [m for m in await questions.thread(q.id) if m.kind in ASKERS_OWN]
        asked.append(
            {
                **_question(asdict(q), words),
                "thread": [
                    {
                        "what": words.what(m.kind),
                        "by_you": m.author_id == person.id,
                        "text": m.body,
                        "at": words.when(m.created_at),
                    }
                    for m in thread
                ],
            }
        )
    # Asked questions carry their own thread; these are the rest of what they wrote.
    written = [
        _step(
            {"kind": m.kind, "body": m.body, "created_at": m.created_at},
            words,
            question_ref(m.question_id),
        )
        for m in await questions.written_by(person.id)
        if m.question_id not in asked_ids
    ]
    return {"questions_asked": asked, "your_messages_on_questions": written}


def _signal(row: dict[str, Any], words: Words) -> dict[str, Any]:
    """A signal's row (storage.personal_data) in words; the columns it has, no others."""
    labels: dict[str, Any] = {
        "reference": signal_ref(row["id"]),
        "category": category_label(words.settings, row["category"], words.language),
        "wijk": row["wijk"],
        "status": words.t(f"signals.status_{row['status']}"),
    }
    if "urgency" in row:
        labels["urgency"] = words.t(f"signals.urgency_{row['urgency']}")
        labels["consent"] = words.t(f"signals.consent_{row['consent']}")
        labels["privacy_kept"] = words.kinds(json.loads(row["privacy_kept"]))
    stamps = {"created_at": "reported_at"}
    kept = {k: v for k, v in row.items() if k not in (*labels, "id", "messages")}
    result = {**labels, **{stamps.get(k, k): value(k, v, words) for k, v in kept.items()}}
    if "messages" in row:
        result["messages"] = [_told(m, words) for m in row["messages"]]
    return result


def _question(row: dict[str, Any], words: Words) -> dict[str, Any]:
    labels: dict[str, Any] = {
        "reference": question_ref(row["id"]),
        "topic": topic_label(words.settings, row["topic"], words.language),
        "wijk": row["wijk"],
        "status": words.t(f"questions.status_{row['status']}"),
    }
    if "privacy_kept" in row:
        labels["privacy_kept"] = words.kinds(row["privacy_kept"])
    stamps = {"created_at": "asked_at"}
    left_out = (*labels, "id", "asker_id", "owner_id", "waiting_since")
    kept = {k: v for k, v in row.items() if k not in left_out}
    return {**labels, **{stamps.get(k, k): value(k, v, words) for k, v in kept.items()}}


def _told(message: dict[str, Any], words: Words) -> dict[str, Any]:
    """A text on their own signal: a professional's question, their answer, the closing."""
    return {
        "what": words.what(message["action"]),
        "by_you": message["by_you"],
        "text": message["text"],
        "at": words.when(message["created_at"]),
    }


def _step(row: dict[str, Any], words: Words, ref: str, whose: str = "") -> dict[str, Any]:
    """An audit step (a signal event or a question message) in words: what happened, the
    text typed with it (a reason, an answer, an outcome), and when."""
    kind = str(row.get("action") or row.get("kind"))
    text = detail(row.get("detail") or row.get("body"))
    if kind == "closed" and "signal_id" in row and text:
        text = words.t(f"signal_work.outcome_{text}")
    if kind in ("routed", "reminded", "out_of_hours"):
        text = None  # "via rule 3", "follow-up": the bot's bookkeeping
    return {
        "about": ref,
        "what": words.what(kind + whose),
        "text": text,
        "at": words.when(row["created_at"]),
    }
