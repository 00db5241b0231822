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

from storage.buddies import BuddyRepository
from storage.checkins import CheckinRepository, ContactRepository
from storage.database import Transaction
from storage.faq import FaqRepository
from storage.flows import FlowRepository
from storage.followups import FollowupRepository
from storage.invites import InviteRepository
from storage.meetings import MeetingRepository
from storage.outbox import OutboxRepository
from storage.people import Person
from storage.personal_data import PersonalDataRepository
from storage.questions import QuestionRepository


async def collect(tx: Transaction, person: Person) -> dict[str, Any]:
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
        **await _consultation(tx, person),
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


async def _consultation(tx: Transaction, person: Person) -> dict[str, Any]:
    """Their check-ins (answers, notes, whether a follow-up was opened and closed; the closing
    note is the professional's), the follow-ups they own, meetings and agenda points, their
    contact professional as set and their buddies."""
    followups = FollowupRepository(tx)
    mine = {f.checkin_id: f for f in await followups.of_person(person.id)}
    checkins = []
    for c in await CheckinRepository(tx).of_person(person.id):
        f = mine.get(c.id)
        entry = {**plain(asdict(c)), "follow_up_opened": plain(f.created_at) if f else None}
        entry["follow_up_closed"] = plain(f.closed_at) if f and f.closed_at else None
        checkins.append(entry)
    meetings = MeetingRepository(tx)
    return {
        "checkins": checkins,
        "checkin_follow_ups_owned": [plain(asdict(f)) for f in await followups.open_for(person.id)],
        "meetings_invited": [
            {"meeting": m.title, "starts_at": plain(m.starts_at), "rsvp": i.rsvp}
            for m, i in await meetings.invites_of_person(person.id)
        ],
        "meetings_organised": [plain(asdict(m)) for m in await meetings.organised_by(person.id)],
        "agenda_points": [plain(asdict(p)) for p in await meetings.points_of_person(person.id)],
        "contact_professional_set": await ContactRepository(tx).of(person.id),
        "buddies": [plain(asdict(p)) for p in await BuddyRepository(tx).involving(person.id)],
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
