"""What a recipient's copy of an announcement looks like, and the outbox keys of its copies.

A copy is the sender's own text with the sender's own formatting (Telegram's entities, not
re-parsed HTML), between a header naming the sender and a footer saying that a reply reaches
only the sender (a reply is known by the copy it answers, bot.announcements.replies). A photo or document keeps its
file and carries the text as caption. An important one has the "Gelezen 👍" button. The
sender's preview is built here too, so it is exactly what recipients see.
The outbox keys of the copies and of every later row about them are storage.announcements'
(`row_key`, `prefix`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.announcements import callbacks
from bot.core import i18n
from bot.core.config import LANGUAGES
from bot.core.entities import Entity, joined
from bot.core.message_fit import CAPTION_LIMIT, TEXT_LIMIT, units
from bot.telegram.outbox import Priority
from storage.announcements import Announcement, Content, Kind

SEND = {Kind.TEXT: "sendMessage", Kind.PHOTO: "sendPhoto", Kind.DOCUMENT: "sendDocument"}
EDIT = {Kind.TEXT: "editMessageText", Kind.PHOTO: "editMessageCaption"}
EDIT[Kind.DOCUMENT] = EDIT[Kind.PHOTO]


def priority(announcement: Announcement) -> Priority:
    """Copies are bulk: direct answers, alerts and reminders go first. An urgent one outranks
    the bulk, also another announcement's copy waiting for the morning in the same chat; the
    rows that act on a copy (edits, deletes, reminders) share its priority, so none overtakes it."""
    return Priority.NOTICE if announcement.urgent else Priority.BULK


def person_of(copy_key: str) -> int:
    """The person a copy's key names."""
    return int(copy_key.rsplit(":", 1)[1])


@dataclass(frozen=True)
class Look:
    """An announcement as everyone sees it, less the chat it goes to."""

    announcement_id: int  # 0: a draft's preview
    content: Content
    sender: str | None  # None: the sender asked to be forgotten
    important: bool


def look(announcement: Announcement, sender: str | None) -> Look:
    return Look(announcement.id, announcement.content, sender, announcement.important)


def _frame(look: Look, language: str) -> tuple[str, str]:
    who = look.sender or "—"
    header = i18n.raw(language, "announcements.header", sender=who)
    footer = i18n.raw(language, "announcements.footer", sender=who)
    return header, footer


def formatted(look: Look, language: str) -> tuple[str, list[Entity]]:
    """The whole text in `language`: bold header, the sender's text, italic footer."""
    header, footer = _frame(look, language)
    bold = [{"type": "bold", "offset": 0, "length": units(header)}]
    italic = [{"type": "italic", "offset": 0, "length": units(footer)}]
    return joined(
        [
            (header, bold),
            ("\n\n", []),
            (look.content.body, look.content.entities),
            ("\n\n", []),
            (footer, italic),
        ]
    )


def room(kind: Kind, sender: str) -> int:
    """How many units the sender's text may take, header and footer counted in the longest
    language."""
    limit = TEXT_LIMIT if kind is Kind.TEXT else CAPTION_LIMIT
    empty = Look(0, Content(kind, ""), sender, False)
    return limit - max(units(formatted(empty, language)[0]) for language in LANGUAGES)


def keyboard(look: Look, language: str, acknowledged: bool = False) -> dict[str, Any] | None:
    if not look.important:
        return None
    label = i18n.t(language, "announcements.acknowledged" if acknowledged else "announcements.ack")
    data = callbacks.acknowledge(look.announcement_id)
    return {"inline_keyboard": [[{"text": label, "callback_data": data}]]}


def _body(look: Look, language: str) -> dict[str, Any]:
    text, entities = formatted(look, language)
    if look.content.kind is Kind.TEXT:
        return {"text": text, "entities": entities}
    return {"caption": text, "caption_entities": entities}


def copy(look: Look, language: str, chat_id: int) -> tuple[str, dict[str, Any]]:
    """The Bot API call that sends a recipient their copy."""
    content = look.content
    payload: dict[str, Any] = {"chat_id": chat_id, **_body(look, language)}
    if content.kind is Kind.PHOTO:
        payload["photo"] = content.file_id
    elif content.kind is Kind.DOCUMENT:
        payload["document"] = content.file_id
    markup = keyboard(look, language)
    if markup:
        payload["reply_markup"] = markup
    return SEND[content.kind], payload


def correction(
    look: Look, language: str, chat_id: int, acknowledged: bool
) -> tuple[str, dict[str, Any]]:
    """The edit of a delivered copy to the corrected text; the outbox fills in the message id
    of the copy it names (bot.telegram.delivery). The button stays as the recipient left it."""
    payload: dict[str, Any] = {"chat_id": chat_id, **_body(look, language)}
    markup = keyboard(look, language, acknowledged)
    if markup:
        payload["reply_markup"] = markup
    return EDIT[look.content.kind], payload
