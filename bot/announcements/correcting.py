"""Correcting a sent announcement: the new text (typed with its formatting; for a photo or file,
its caption), checked by the privacy guard, previewed exactly as the copies will read, then
edited into every copy (bot.announcements.changes)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.announcements import callbacks, texts
from bot.announcements.access import check_handle
from bot.announcements.changes import ChangeService
from bot.announcements.compose import Message, MessageDraft, content_of
from bot.core.config import Settings
from bot.core.deps import Deps
from bot.core.errors import InvalidInput
from bot.flows import names
from bot.flows.draft import Draft
from bot.flows.steps import Privacy, Summary
from bot.privacy.known_people import KnownPeople
from storage.announcements import AnnouncementRepository, Content, Kind, State
from storage.database import Transaction
from storage.flows import Flow, FlowRepository
from storage.people import Person, PersonRepository

TEXT = "ntext"


def _summary(settings: Settings, data: Mapping[str, Any], language: str) -> str:
    return texts.correction_summary(data, language)


FIX_DRAFT = Draft(
    names.ANNOUNCE_FIX,
    callbacks.PREFIX,
    Message(TEXT, "body", limit=4096, ask="announcements.ask_fix"),
    Privacy(
        "npriv",
        checks=TEXT,
        reason="nwhy",
        ask="announcements.privacy_ask",
        ask_reason="announcements.privacy_reason",
    ),
    Summary("nsum", _summary, send="announcements.fix_send", cancel="announcements.fix_cancel"),
)


class CorrectionService(MessageDraft[int]):
    draft = FIX_DRAFT

    def __init__(self, deps: Deps, known_people: KnownPeople, changes: ChangeService) -> None:
        super().__init__(deps, known_people)
        self.changes = changes

    async def start(self, update_id: int | None, person: Person, announcement_id: int) -> Flow:
        """Ask for the new text of a sent announcement (a correction open for another one
        gives way: it had nothing sent yet)."""
        async with self.db.read() as tx:
            found = await AnnouncementRepository(tx).by_id(announcement_id)
            announcement = check_handle(person, found)
            sender = await PersonRepository(tx).by_id(announcement.sender_id or 0)
        if announcement.status is not State.SENT:
            raise InvalidInput(f"announcements.correct_{announcement.status}")
        data = {
            "sender": sender.name if sender else "",
            "announcement": announcement.id,
            "reference": announcement.reference,
            "kind": announcement.content.kind.value,
            "file_id": announcement.content.file_id,
            "important": "yes" if announcement.important else "no",
        }
        current = await self.current(person.telegram_id)
        if current is not None and current.data.get("announcement") != announcement.id:
            await self._forget(person.telegram_id)
        return await self.open(update_id, person.telegram_id, data)

    async def _forget(self, telegram_id: int) -> None:
        async with self.db.transaction() as tx:
            await FlowRepository(tx).delete(telegram_id)

    def _content(self, flow: Flow, content: Content) -> Content:
        if content.file_id is not None:
            raise InvalidInput("announcements.correct_text_only")
        kind = Kind(flow.data["kind"])
        return Content(kind, content.body, content.entities, flow.data.get("file_id"))

    async def send(self, tx: Transaction, flow: Flow) -> int:
        announcement_id = int(flow.data["announcement"])
        content = content_of(flow.data)
        return await self.changes.correct(tx, flow.telegram_id, announcement_id, content)
