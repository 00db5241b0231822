"""Erasure reaches every copy (/vergeet).

Besides the person's own rows, their words live on in copies: messages to them in the outbox
(sent ones are kept for a while), and their name and questions in messages to others. Messages
to them go entirely; in the others, their name and the texts erasure removes are replaced by
"—". The two messages erasure itself sends (the notice to coordinators, resetting their command
menu) are deleted once delivered. The database zeroes what it deletes (secure_delete) and the
WAL is checkpointed afterwards, so no old page keeps a copy either.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from bot.core.entities import Entity, replaced
from storage.checkins import CheckinRepository
from storage.database import Transaction
from storage.flows import FlowRepository
from storage.meetings import MeetingRepository
from storage.outbox import OutboxRepository
from storage.people import Person
from storage.questions import QuestionRepository

REDACTED = "—"
# A feature's own part of erasure, run in /vergeet's transaction before the person's row goes
# (bot.people.profile.ProfileService; the composition root passes them in).
ErasureStep = Callable[[Transaction, Person, datetime], Awaitable[None]]


async def words_of(tx: Transaction, person: Person) -> list[str]:
    """The texts erasure removes, as stored: what they typed in their profile (and the reason
    of their own pause), their open draft and their questions, every message in the threads
    of their questions, the notes of their check-ins and their agenda points."""
    pause_reason = person.own_pause.reason if person.own_pause else None
    words = [person.motivation or "", pause_reason or ""]
    flow = await FlowRepository(tx).get(person.telegram_id)
    if flow is not None:
        words += [v for v in flow.data.values() if isinstance(v, str)]
    questions = QuestionRepository(tx)
    for question in await questions.for_asker(person.id, limit=None):
        words += [question.text or "", question.privacy_reason or ""]
        words += [m.body or "" for m in await questions.thread(question.id)]
    for checkin in await CheckinRepository(tx).of_person(person.id):
        words += [checkin.note or "", checkin.note_reason or ""]
    words += [p.text for p in await MeetingRepository(tx).points_of_person(person.id)]
    return [w for w in words if len(w.strip()) >= 4]  # a short word could be anyone's


async def redact_copies(tx: Transaction, name: str, words: list[str]) -> int:
    """Replace the name and the words in every outbox row addressed to someone else; returns
    how many rows changed. (Rows addressed to the person are deleted: OutboxRepository.drop_chat.)"""
    texts, names = _forms(words), _forms([name])
    fragments = [json.dumps(form)[1:-1] for form in texts + names]  # as they sit in the JSON
    name_pattern = _name_pattern(names)
    outbox = OutboxRepository(tx)
    changed = 0
    for row in await outbox.containing(fragments):
        payload = _redacted(row.payload, texts, name_pattern)
        if payload != row.payload:
            await outbox.set_payload(row.id, payload)
            changed += 1
    return changed


def redact_name(text: str, entities: list[Entity], name: str) -> tuple[str, list[Entity]]:
    """A text sent with entities without this name, the entities moved with the words."""
    return _redacted_formatted(text, entities, [], _name_pattern(_forms([name])))


def _name_pattern(names: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names))


def _redacted_formatted(
    text: str, entities: list[Entity], texts: list[str], name: re.Pattern[str]
) -> tuple[str, list[Entity]]:
    """A text sent with entities: the same replacements, the entities moved with the words."""
    spans: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in spans)

    for form in texts:
        at = text.find(form)
        while at >= 0:
            if free(at, at + len(form)):
                spans.append((at, at + len(form)))
            at = text.find(form, at + len(form))
    spans += [m.span() for m in name.finditer(text) if free(*m.span())]
    return replaced(text, entities, spans, REDACTED) if spans else (text, entities)


# A text and its entities, as the Bot API names them in a payload.
_FORMATTED = (("text", "entities"), ("caption", "caption_entities"))


def _forms(words: list[str]) -> list[str]:
    """Each word as typed and as it appears in a message (HTML-escaped), longest first, so a
    text that contains another goes whole."""
    forms = {form for w in words for form in (w, html.escape(w, quote=False))}
    return sorted(forms, key=len, reverse=True)


def _redacted(value: Any, texts: list[str], name: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        for text in texts:
            value = value.replace(text, REDACTED)
        return name.sub(REDACTED, value)
    if isinstance(value, dict):
        redacted = {key: _redacted(item, texts, name) for key, item in value.items()}
        for text_key, entities_key in _FORMATTED:  # sent with entities: move them along
            if isinstance(value.get(text_key), str) and isinstance(value.get(entities_key), list):
                redacted[text_key], redacted[entities_key] = _redacted_formatted(
                    value[text_key], value[entities_key], texts, name
                )
        return redacted
    if isinstance(value, list):
        return [_redacted(item, texts, name) for item in value]
    return value
