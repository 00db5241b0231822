"""A check-in's typed note, a draft (bot/flows): the note, the privacy guard's step when it
finds identifying data (rewrite it, or keep it and say why), then a summary to send it, change
it or not send it.

The draft opens when the check-in reaches its last question (bot.consultation.checkins), with
the check-in's id and the message that shows it; its first question is that message, so the
chat shows no separate prompt. Sending finishes the check-in with the note (a worrying answer
or any note then reaches the contact, bot.consultation.followups).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.consultation import callbacks
from bot.consultation.checkins import MAX_NOTE, CheckinService, Shown
from bot.core import i18n
from bot.core.config import Settings
from bot.core.deps import Deps
from bot.core.errors import NotFound
from bot.flows import names
from bot.flows.draft import Draft
from bot.flows.service import DraftService
from bot.flows.steps import Privacy, Summary, Text, kept
from bot.privacy.guard import identifying_kinds
from bot.privacy.known_people import KnownPeople
from bot.privacy.texts import kinds
from storage.database import Transaction
from storage.flows import Flow
from storage.people import PersonRepository

NOTE = "note"
PRIVACY = Privacy("priv", checks=NOTE)


def _summary(settings: Settings, data: Mapping[str, Any], language: str) -> str:
    text = i18n.t(language, "consultation.note_summary", note=str(data.get(NOTE, "")))
    found, reason = kept(data, PRIVACY)
    if found:
        text += "\n" + i18n.t(
            language, "privacy.line_kept", kinds=kinds(found, language), reason=reason or ""
        )
    return text


DRAFT = Draft(
    names.CHECKIN_NOTE,
    callbacks.NOTE,
    Text(NOTE, NOTE, limit=MAX_NOTE, ask="consultation.q_note", edit="consultation.note_edit"),
    PRIVACY,
    Summary("sum", _summary, send="consultation.note_send", cancel="consultation.note_cancel"),
)


@dataclass(frozen=True)
class Noted:
    shown: Shown
    message_id: int | None  # the message that showed the check-in, to show it finished


class NoteDraft(DraftService[Noted]):
    draft = DRAFT

    def __init__(self, deps: Deps, known_people: KnownPeople, checkins: CheckinService) -> None:
        super().__init__(deps)
        self.known_people = known_people
        self.checkins = checkins

    async def findings(self, tx: Transaction, text: str) -> list[str]:
        return identifying_kinds(text, await self.known_people.names(tx))

    async def send(self, tx: Transaction, flow: Flow) -> Noted:
        person = await PersonRepository(tx).by_telegram_id(flow.telegram_id)
        if person is None:
            raise NotFound("person")
        _, reason = kept(flow.data, PRIVACY)
        checkin_id = int(flow.data["checkin"])
        note = str(flow.data[NOTE])
        shown = await self.checkins.finish_with_note(tx, person, checkin_id, note, reason)
        message = flow.data.get("message")
        return Noted(shown, message if isinstance(message, int) else None)
