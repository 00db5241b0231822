"""The consultation's part of /mijngegevens (a part of bot.people.my_data, bot.services): their
check-ins (questions and answers in words, the note, whether a follow-up was opened and closed:
the closing note is the professional's), the follow-ups they own, meetings and agenda points,
the contact a coordinator set for them, and their buddies."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.people.my_data_words import Words
from storage.buddies import BuddyRepository
from storage.checkins import Checkin, CheckinRepository, ContactRepository
from storage.database import Transaction
from storage.followups import Followup, FollowupRepository
from storage.meetings import Meeting, MeetingRepository
from storage.people import Person, PersonRepository


async def collect(tx: Transaction, person: Person, words: Words, now: datetime) -> dict[str, Any]:
    followups = FollowupRepository(tx)
    on_mine = {f.checkin_id: f for f in await followups.of_person(person.id)}
    meetings = MeetingRepository(tx)
    contact = await ContactRepository(tx).of(person.id)
    return {
        "checkins": [
            _checkin(c, on_mine.get(c.id), words)
            for c in await CheckinRepository(tx).of_person(person.id)
        ],
        "checkin_follow_ups_owned": [  # owned or closed, with their own closing note
            {
                "opened_at": words.when(f.created_at),
                "due_at": words.when(f.due_at),
                "closed_at": words.when(f.closed_at),
                "your_close_note": f.close_note if f.closed_by == person.id else None,
            }
            for f in await followups.handled_by(person.id)
        ],
        "meetings_invited": [
            {
                **_meeting(m, words),
                "rsvp": words.t(f"consultation.rsvp_{i.rsvp}") if i.rsvp else None,
            }
            for m, i in await meetings.invites_of_person(person.id)
        ],
        "meetings_organised": [_meeting(m, words) for m in await meetings.organised_by(person.id)],
        "agenda_points": [
            {"text": p.text, "at": words.when(p.created_at)}
            for p in await meetings.points_of_person(person.id)
        ],
        "contact_professional_set": await _name(tx, contact) if contact else None,
        "buddies": [
            {
                "newcomer": await _name(tx, p.newcomer_id),
                "buddy": await _name(tx, p.buddy_id),
                "paired_at": words.when(p.paired_at),
            }
            for p in await BuddyRepository(tx).involving(person.id)
        ],
    }


def _checkin(checkin: Checkin, followup: Followup | None, words: Words) -> dict[str, Any]:
    answers = {
        words.t(f"consultation.q_{key}"): words.t(f"consultation.a_{key}_{value}")
        for key, value in checkin.answers.items()
    }
    return {
        "sent_at": words.when(checkin.sent_at),
        "answers": answers,
        "note": checkin.note,
        "note_reason": checkin.note_reason,
        "finished_at": words.when(checkin.finished_at),
        "follow_up_opened": words.when(followup.created_at) if followup else None,
        "follow_up_closed": words.when(followup.closed_at) if followup else None,
    }


def _meeting(meeting: Meeting, words: Words) -> dict[str, Any]:
    return {
        "kind": words.t(f"consultation.kind_{meeting.kind.value}"),
        "title": meeting.title,
        "place": meeting.place,
        "starts_at": words.when(meeting.starts_at),
    }


async def _name(tx: Transaction, person_id: int) -> str | None:
    """Their contact's or buddy's first name (staff and buddies, no residents)."""
    other = await PersonRepository(tx).by_id(person_id)
    return other.name.split()[0] if other and other.name.split() else None
