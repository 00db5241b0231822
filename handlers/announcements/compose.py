"""/bericht: writing an announcement step by step (the steps: bot.announcements.compose.DRAFT;
the chat side of every draft: handlers.flows.draft), correcting a sent one's text
(bot.announcements.correcting.FIX_DRAFT), and the preview before each summary: the message
exactly as recipients will see it."""

from __future__ import annotations

from typing import Any

from telegram import Message as TelegramMessage
from telegram import Update

from bot.announcements import copies
from bot.announcements.compose import DRAFT as COMPOSE_DRAFT
from bot.announcements.compose import (
    IMPORTANT,
    MESSAGE,
    PRIVACY,
    Message,
    MessageDraft,
    preview_look,
)
from bot.announcements.correcting import FIX_DRAFT
from bot.announcements.texts import number, when, year_of
from bot.core.entities import Entity
from bot.flows.service import Progress
from handlers.core.context import BotContext
from handlers.core.general import unsupported_message
from handlers.core.guards import member
from handlers.core.rendering import main_menu, say
from handlers.flows.draft import DraftChat
from storage.announcements import Announcement, Content, Kind
from storage.flows import Flow
from storage.people import Role

SENDERS = (Role.COORDINATOR, Role.PROFESSIONAL)
PDF = "application/pdf"


class MessageChat(DraftChat[Any]):
    """A draft whose message step takes text with its formatting, a photo or a PDF."""

    async def on_message(self, update: Update, context: BotContext) -> None:
        """Text, a photo or a document: the message step's answer, else what the draft makes
        of typed text (a typed button, the reason to keep identifying data)."""
        message, flow = update.effective_message, context.flow
        assert message is not None
        if not self._mine(context) or flow is None:
            await unsupported_message(update, context)
        elif isinstance(self.draft.at(flow), Message):
            content = _content(message)
            if content is None:
                await say(update, context, context.t("announcements.pdf_only"))
            else:
                await self._message(update, context, flow, content)
        elif message.text is not None:
            await self.on_text(update, context)
        else:
            await say(update, context, context.t("announcements.no_message_now"))

    async def _message(
        self, update: Update, context: BotContext, flow: Flow, content: Content
    ) -> None:
        service = self.service(context)
        assert isinstance(service, MessageDraft)
        progress = await service.message(update.update_id, flow.telegram_id, content)
        await self._answered(update, context, flow, None)
        await self._next(update, context, flow, progress)


async def preview(context: BotContext, data: dict[str, Any], chat_id: int) -> None:
    """The message as recipients will see it (in the sender's language)."""
    method, payload = copies.copy(preview_look(data), context.language, chat_id)
    await context.bot.do_api_request(method, api_kwargs=payload)


_CHANGES_THE_COPY = (MESSAGE, PRIVACY.name, PRIVACY.reason, IMPORTANT)


async def _before_summary(update: Update, context: BotContext, before: Flow, after: Flow) -> None:
    """Whenever what recipients see may have changed: the preview again, above the summary."""
    if after.step == COMPOSE_DRAFT.summary.name and before.step in _CHANGES_THE_COPY:
        await preview(context, after.data, after.telegram_id)


async def _before_fixed(update: Update, context: BotContext, before: Flow, after: Flow) -> None:
    if after.step == FIX_DRAFT.summary.name:
        await preview(context, after.data, after.telegram_id)


async def _sent(update: Update, context: BotContext, progress: Progress[Announcement]) -> None:
    if progress.cancelled:
        await say(update, context, context.t("announcements.cancelled"), main_menu(member(context)))
        return
    announcement = progress.result
    if announcement is not None and announcement.status.value == "scheduled":
        zone = context.services.settings.organisation.zone
        this_year = year_of(context.services.clock(), zone)
        at = when(announcement.send_at, zone, context.language, this_year)
        await say(update, context, context.t("announcements.scheduled", at=at))
    # Sent now: the status message comes through the outbox, and is edited as it goes.


async def _corrected(update: Update, context: BotContext, progress: Progress[int]) -> None:
    if progress.cancelled:
        await say(update, context, context.t("announcements.fix_cancelled"))
    else:
        count = progress.result or 0
        shown = number(count, context.language)
        await say(update, context, context.t("announcements.fixing", count=count, number=shown))


COMPOSE = MessageChat(
    COMPOSE_DRAFT,
    lambda services: services.announcements.compose,
    ended=_sent,
    before_next=_before_summary,
    roles=SENDERS,
)
CORRECT = MessageChat(
    FIX_DRAFT,
    lambda services: services.announcements.correction,
    ended=_corrected,
    before_next=_before_fixed,
    roles=SENDERS,
)
CHATS = (COMPOSE, CORRECT)


def _entities(found: tuple[Any, ...]) -> tuple[Entity, ...]:
    return tuple(entity.to_dict() for entity in found)


def _content(message: TelegramMessage) -> Content | None:
    """What a message holds as an announcement: text, a photo or a PDF, with formatting."""
    if message.text is not None:
        return Content(Kind.TEXT, message.text, _entities(message.entities))
    caption, found = message.caption or "", _entities(message.caption_entities)
    if message.photo:
        return Content(Kind.PHOTO, caption, found, message.photo[-1].file_id)
    document = message.document
    if document is not None and document.mime_type == PDF:
        return Content(Kind.DOCUMENT, caption, found, document.file_id, document.file_name)
    return None


async def on_message(update: Update, context: BotContext) -> None:
    """Text, a photo or a document while one of our drafts is open (bot.app routes them here)."""
    flow = context.flow
    chat = next((c for c in CHATS if flow is not None and c.draft.name == flow.name), COMPOSE)
    await chat.on_message(update, context)
