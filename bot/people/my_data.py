"""Everything stored about a person, for their right of access (/mijngegevens): their profile,
what they wrote and what was written to them, and every record that names them.

Other people's words about residents stay out: a professional sees which signals are theirs,
not what the volunteers wrote about a resident (bot.people.my_data_signals).

The file is for people to read: plain text (no HTML), every moment in one format (local time
with its offset, to the second), and words in their language instead of codes ("opgepakt", not
"picked_up"); signals and questions go by their references, people's ids by nothing
(bot.people.my_data_words). Features above this package add their records as parts
(`MyDataPart`: shifts, announcements and the consultation each have a my_data module), which the
composition root passes in, like /vergeet's erasure steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.core import i18n
from bot.core.config import Settings
from bot.people.my_data_signals import signals_and_questions
from bot.people.my_data_words import MyDataPart, Words, plain_text, value
from bot.signals.texts import category_label
from storage.database import Transaction
from storage.flows import Flow, FlowRepository
from storage.invites import InviteRepository
from storage.outbox import OutboxRepository
from storage.people import OwnPause, Person
from storage.personal_data import PersonalDataRepository


async def collect(
    tx: Transaction,
    person: Person,
    settings: Settings,
    now: datetime,
    parts: Sequence[MyDataPart] = (),
) -> dict[str, Any]:
    """The person's data as plain JSON-ready values; `person` as stored now. The features'
    parts come between the organisation's records and the conversation, in their order."""
    words = Words(settings, person.language)
    found: dict[str, Any] = {"person": _person(person, words)}
    for part in (signals_and_questions, _work, *parts, _conversation):
        found |= await part(tx, person, words, now)
    return found


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


async def _work(tx: Transaction, person: Person, words: Words, now: datetime) -> dict[str, Any]:
    """Routing rules, absences and invitations: the coordinators' and professionals' records."""
    mine = PersonalDataRepository(tx)
    invites = await InviteRepository(tx).created_by(person.id)
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
            {**{k: value(k, v, words) for k, v in a.items() if k != "id"}}
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


async def _conversation(
    tx: Transaction, person: Person, words: Words, now: datetime
) -> dict[str, Any]:
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
