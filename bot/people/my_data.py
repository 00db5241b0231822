"""Everything stored about a person, for their right of access (/mijngegevens): their profile,
what they wrote and what was written to them, and every record that names them.

Other people's words about residents stay out: a professional sees which signals are theirs,
not what the volunteers wrote about a resident, and a volunteer sees what they reported and
were told, not the professionals' audit trail on it. Photos are noted (`has_photo`), not copied.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import Any

from storage.database import Transaction
from storage.faq import FaqRepository
from storage.flows import FlowRepository
from storage.invites import InviteRepository
from storage.outbox import OutboxRepository
from storage.people import Person
from storage.personal_data import PersonalDataRepository
from storage.questions import QuestionRepository
from storage.shift_offers import OfferRepository
from storage.shift_signups import SignupRepository
from storage.shifts import ShiftRepository


async def collect(tx: Transaction, person: Person, now: datetime) -> dict[str, Any]:
    """The person's data as plain JSON-ready values; `person` as stored now."""
    mine = PersonalDataRepository(tx)
    signals = await mine.signals_reported(person.id)
    for signal in signals:
        signal["privacy_kept"] = json.loads(signal["privacy_kept"])
    return {
        "person": plain(asdict(person)),
        **await _questions(tx, person),
        "signals_reported": signals,
        "signals_owned": await mine.signals_owned(person.id),
        "signal_events_by_you": await mine.signal_events_by(person.id),
        "signal_events_naming_you": await mine.signal_events_naming(person.id),
        "questions_owned": await mine.questions_owned(person.id),
        "question_messages_naming_you": await mine.question_messages_naming(person.id),
        "knowledge_base_published": [
            plain(asdict(e)) for e in await FaqRepository(tx).published_by(person.id)
        ],
        "routing_rules": await mine.routing_rules(person.id),
        "absences": await mine.absences(person.id),
        "invites_created": [
            plain(asdict(i)) for i in await InviteRepository(tx).created_by(person.id)
        ],
        "people_you_invited": await mine.people_invited(person.id),
        **await _shifts(tx, person, now),
        **await _conversation(tx, person),
    }


async def _questions(tx: Transaction, person: Person) -> dict[str, Any]:
    questions = QuestionRepository(tx)
    asked = [
        {**plain(asdict(q)), "thread": [plain(asdict(m)) for m in await questions.thread(q.id)]}
        for q in await questions.for_asker(person.id, limit=None)
    ]
    # Asked questions carry their whole thread; these are the rest of what they wrote.
    asked_ids = {q["id"] for q in asked}
    written = [
        plain(asdict(m))
        for m in await questions.written_by(person.id)
        if m.question_id not in asked_ids
    ]
    return {"questions_asked": asked, "question_messages_written": written}


async def _shifts(tx: Transaction, person: Person, now: datetime) -> dict[str, Any]:
    """Their places in shifts (with the hours they count), offers, swaps and history."""
    signups = SignupRepository(tx)
    done, hours = await signups.hours(person.id, now)
    return {
        "shift_signups": await signups.of_person(person.id),
        "shift_hours": {"shifts": done, "hours": hours},
        "shift_offers": await OfferRepository(tx).of_person(person.id),
        "shift_swaps_taken": await signups.swaps_taken(person.id),
        "shift_history": await ShiftRepository(tx).events_naming(person.id),
        **await ShiftRepository(tx).made_by(person.id),
    }


async def _conversation(tx: Transaction, person: Person) -> dict[str, Any]:
    """The open multi-step flow and the messages to them still kept."""
    flow = await FlowRepository(tx).get(person.telegram_id)
    queued = await OutboxRepository(tx).pending_for_chat(person.telegram_id)
    return {
        "open_conversation": plain(asdict(flow)) if flow else None,
        "messages_waiting": [
            {"created": r.due_at.isoformat(), "text": r.payload.get("text")} for r in queued
        ],
        "messages_delivered": await PersonalDataRepository(tx).messages_delivered(
            person.telegram_id
        ),
    }


def plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value
