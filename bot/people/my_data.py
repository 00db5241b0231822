"""Everything stored about a person, for their right of access (/mijngegevens): their profile,
what they wrote and what was written to them, and every record that names them.

Other people's words about residents stay out: a professional sees which signals are theirs,
not what the volunteers wrote about a resident, and a volunteer sees what they reported, asked
and were told, not the professionals' audit trail on it (routing, reminders, pass-on reasons).
Photos are noted (`has_photo`), not copied.

The file is for people to read: plain text (no HTML), every moment in one format (local time
with its offset, to the second), and words in their language instead of codes ("opgepakt", not
"picked_up"); signals and questions go by their references, people's ids by nothing.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from bot.core import i18n
from bot.core.config import Settings
from bot.questions.texts import topic_label
from bot.signals.texts import category_label
from storage.announcements import AnnouncementRepository
from storage.buddies import BuddyRepository
from storage.checkins import Checkin, CheckinRepository, ContactRepository
from storage.database import Transaction
from storage.faq import FaqRepository
from storage.flows import Flow, FlowRepository
from storage.followups import Followup, FollowupRepository
from storage.invites import InviteRepository
from storage.meetings import Meeting, MeetingRepository
from storage.outbox import OutboxRepository
from storage.people import OwnPause, Person, PersonRepository
from storage.personal_data import PersonalDataRepository
from storage.questions import QuestionRepository
from storage.questions import reference as question_ref
from storage.shift_offers import OfferRepository
from storage.shift_signups import SignupRepository
from storage.shifts import ShiftRepository
from storage.signals import reference as signal_ref
from storage.timestamps import from_db

# A thread message the asker wrote or was told (not "routed", "reassigned", "reminded"...).
ASKERS_OWN = ("asked", "answer", "followup", "closed")
_TAG = re.compile(r"<[^>]+>")
_TO_SOMEONE = re.compile(r"^to \d+(?:, \d+)*(?:: | |$)")


@dataclass(frozen=True)
class Words:
    """Codes in the person's words, moments in one format."""

    settings: Settings
    language: str

    def t(self, key: str, /, **params: object) -> str:
        return plain_text(i18n.t(self.language, key, **params))

    def when(self, moment: datetime | str | None) -> str | None:
        if moment is None:
            return None
        at = from_db(moment) if isinstance(moment, str) else moment
        return at.astimezone(self.settings.organisation.zone).isoformat(timespec="seconds")

    def what(self, kind: str) -> str:
        """What happened, in words; a kind without its words as it is stored."""
        known = f"my_data.what_{kind}" in i18n.catalog(self.language)
        return self.t(f"my_data.what_{kind}") if known else kind

    def kinds(self, found: list[str] | tuple[str, ...]) -> list[str]:
        return [self.t(f"privacy.kind_{kind}") for kind in found]


def plain_text(text: str) -> str:
    """A message as people read it: without HTML tags and entities."""
    return html.unescape(_TAG.sub("", text))


def detail(text: str | None) -> str | None:
    """An audit detail without the ids of people in it: "to 12: reason" is "reason"."""
    rest = _TO_SOMEONE.sub("", text or "", count=1) if text else text
    return rest if rest else None


async def collect(
    tx: Transaction, person: Person, settings: Settings, now: datetime
) -> dict[str, Any]:
    """The person's data as plain JSON-ready values; `person` as stored now."""
    words = Words(settings, person.language)
    mine = PersonalDataRepository(tx)
    return {
        "person": _person(person, words),
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
                "topic": topic_label(settings, e.topic, words.language),
                "question": e.question,
                "answer": e.answer,
                "published_at": words.when(e.created_at),
            }
            for e in await FaqRepository(tx).published_by(person.id)
        ],
        **await _work(mine, person, words),
        **await _consultation(tx, person, words),
        **await _shifts(tx, person, words, now),
        **await _announcements(tx, person, words),
        **await _conversation(tx, person, words),
    }


async def _announcements(tx: Transaction, person: Person, words: Words) -> dict[str, Any]:
    """What they got (and when they pressed "Gelezen"), sent, and replied to one."""
    announcements = AnnouncementRepository(tx)
    received = [
        {
            "announcement": r["announcement"],
            "text": r["text"],
            "sent_at": words.when(r["sent_at"]),
            "read_at": words.when(r["acknowledged_at"]),
        }
        for r in await announcements.received_by(person.id)
    ]
    sent = [
        {
            "announcement": a.reference,
            "text": a.content.body,
            "sent_at": words.when(a.send_at),
            "withdrawn_at": words.when(a.withdrawn_at),
        }
        for a in await announcements.sent_by(person.id)
    ]
    replies = [
        {"written_at": words.when(r.due_at), "text": plain_text(str(r.payload.get("text", "")))}
        for r in await OutboxRepository(tx).words_of(person.id)
    ]
    return {
        "announcements_received": received,
        "announcements_sent": sent,
        "your_replies_to_announcements": replies,
    }


def _person(person: Person, words: Words) -> dict[str, Any]:
    interests = {c.key: c.label(words.language) for c in words.settings.organisation.interests}
    return {
        "id": person.id,
        "telegram_id": person.telegram_id,
        "name": person.name,
        "role": words.t(f"roles.{person.role}"),
        "status": words.t(f"status.{person.status}"),
        "reachable": person.reachable,
        "wijk": person.wijk,
        "language": words.t(f"language.name_{person.language}"),
        "interests": [interests.get(k, k) for k in person.interests],
        "availability": [words.t(f"availability.{k}") for k in person.availability],
        "max_shifts_per_week": person.max_shifts_per_week,
        "motivation": person.motivation,
        "terms_accepted_at": words.when(person.terms_accepted_at),
        "registered_at": words.when(person.created_at),
        "updated_at": words.when(person.updated_at),
        "own_pause": _own_pause(person.own_pause, words),
    }


def _own_pause(pause: OwnPause | None, words: Words) -> dict[str, Any] | None:
    """Their own pause (/pauze); `until` is the moment it ends by itself."""
    if pause is None:
        return None
    since, until = words.when(pause.since), words.when(pause.until)
    return {"since": since, "until": until, "reason": pause.reason}


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
    result = {**labels, **{stamps.get(k, k): _value(k, v, words) for k, v in kept.items()}}
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
    return {**labels, **{stamps.get(k, k): _value(k, v, words) for k, v in kept.items()}}


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


async def _work(mine: PersonalDataRepository, person: Person, words: Words) -> dict[str, Any]:
    """Routing rules, absences and invitations: the coordinators' and professionals' records."""
    invites = await InviteRepository(mine.tx).created_by(person.id)
    return {
        "routing_rules": [
            {
                "position": r["position"],
                "category": category_label(words.settings, r["category"], words.language)
                if r["category"]
                else words.t("signal_work.all"),
                "wijk": r["wijk"] or words.t("signal_work.all"),
                "created_at": words.when(r["created_at"]),
            }
            for r in await mine.routing_rules(person.id)
        ],
        "absences": [
            {**{k: _value(k, v, words) for k, v in a.items() if k != "id"}}
            for a in await mine.absences(person.id)
        ],
        "invites_created": [
            {
                "code": i.code,
                "role": words.t(f"roles.{i.role}"),
                "wijk": i.wijk,
                "max_uses": i.max_uses,
                "uses": i.uses,
                "expires_at": words.when(i.expires_at),
                "created_at": words.when(i.created_at),
            }
            for i in invites
        ],
        "people_you_invited": [
            {"registered_at": words.when(p["created_at"])}
            for p in await mine.people_invited(person.id)
        ],
    }


async def _consultation(tx: Transaction, person: Person, words: Words) -> dict[str, Any]:
    """Their check-ins (questions and answers in words, the note, whether a follow-up was
    opened and closed: the closing note is the professional's), the follow-ups they own or
    closed (with their own closing note),
    meetings and agenda points, the contact a coordinator set for them, and their buddies."""
    followups = FollowupRepository(tx)
    on_mine = {f.checkin_id: f for f in await followups.of_person(person.id)}
    meetings = MeetingRepository(tx)
    contact = await ContactRepository(tx).of(person.id)
    return {
        "checkins": [
            _checkin(c, on_mine.get(c.id), words)
            for c in await CheckinRepository(tx).of_person(person.id)
        ],
        "checkin_follow_ups_owned": [
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


async def _shifts(tx: Transaction, person: Person, words: Words, now: datetime) -> dict[str, Any]:
    """Their places in shifts (and the hours they count), offers, swaps, the history about them,
    and the shifts and series they made."""
    signups, shifts = SignupRepository(tx), ShiftRepository(tx)
    done, hours = await signups.hours(person.id, now)
    places = [
        {
            **{k: _value(k, v, words) for k, v in g.items() if k not in ("status", "via")},
            "status": words.t(f"shifts.status_{g['status']}"),
        }
        for g in await signups.of_person(person.id)
    ]
    made = await shifts.made_by(person.id)
    return {
        "shift_signups": places,
        "shift_hours": {"shifts": done, "hours": hours},
        "shift_offers": [
            {k: _value(k, v, words) for k, v in o.items()}
            for o in await OfferRepository(tx).of_person(person.id)
        ],
        "shift_swaps_taken": [
            {k: _value(k, v, words) for k, v in s.items()}
            for s in await signups.swaps_taken(person.id)
        ],
        "shift_history": [
            {k: _value(k, v, words) for k, v in e.items()}
            for e in await shifts.events_naming(person.id)
        ],
        **{
            key: [{k: _value(k, v, words) for k, v in row.items()} for row in rows]
            for key, rows in made.items()
        },
    }


async def _conversation(tx: Transaction, person: Person, words: Words) -> dict[str, Any]:
    """The open multi-step flow and the messages to them still kept."""
    flow = await FlowRepository(tx).get(person.telegram_id)
    queued = await OutboxRepository(tx).pending_for_chat(person.telegram_id)
    delivered = await PersonalDataRepository(tx).messages_delivered(person.telegram_id)
    return {
        "open_conversation": _flow(flow, words) if flow else None,
        "messages_waiting": [
            {"at": words.when(r.due_at), "text": plain_text(str(r.payload.get("text", "")))}
            for r in queued
        ],
        "messages_delivered": [
            {
                "at": words.when(m["sent_at"] or m["created_at"]),
                "delivered": m["status"] == "sent",
                "text": plain_text(m["text"]),
            }
            for m in delivered
        ],
    }


def _flow(flow: Flow, words: Words) -> dict[str, Any]:
    """A half-finished conversation: which one, what was typed so far (a photo only noted)."""
    known = i18n.catalog(words.language).get(f"my_data.flow_{flow.name}")
    return {
        "what": words.t(f"my_data.flow_{flow.name}") if known else flow.name,
        "typed": {k: (v if k != "photo" else bool(v)) for k, v in flow.data.items()},
        "updated_at": words.when(flow.updated_at),
    }


def _value(key: str, value: Any, words: Words) -> Any:
    """Moments (columns ending in _at) in the one format; anything else as it is."""
    return words.when(value) if key.endswith("_at") else value
