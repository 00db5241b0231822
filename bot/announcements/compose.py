"""Writing an announcement: the draft's steps (DRAFT, read it as the dialogue), then sending
it now or at a set moment (bot.announcements.sending).

"Aan wie?" (bot.announcements.picker; a professional's audience is fixed: their wijk's
volunteers), the message (typed with its formatting, or a photo or PDF with a caption; checked
by the privacy guard), whether it is important (a "Gelezen 👍" button). The summary comes after
the preview, which is exactly what recipients see (bot.announcements.copies), and says how many
people it goes to; from there it is sent, changed, made urgent, scheduled or stopped.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final, TypeVar

from bot.announcements import callbacks, copies, picker, texts
from bot.announcements.access import check_audience, fixed_audience
from bot.announcements.sending import Outgoing, SendingService, reach
from bot.announcements.when import parse_moment
from bot.core import i18n
from bot.core.config import Settings
from bot.core.deps import Deps
from bot.core.entities import kept
from bot.core.errors import InvalidInput, NotAllowed
from bot.core.message_fit import units
from bot.core.text_input import require_readable, require_words
from bot.flows import names
from bot.flows.draft import Draft
from bot.flows.service import DraftService, Progress
from bot.flows.steps import Choice, Privacy, Summary, Text, Ticks, labelled
from bot.people import audiences
from bot.privacy.guard import identifying_kinds
from bot.privacy.known_people import KnownPeople
from storage.announcements import Announcement, Content, Kind
from storage.database import Transaction
from storage.flows import Flow
from storage.people import Person, PersonRepository
from storage.timestamps import from_db, to_db

WHO: Final = "who"
PICK: Final = "pick"
MESSAGE: Final = "msg"
IMPORTANT: Final = "imp"
AT: Final = "at"
SUMMARY: Final = "sum"
# Typed at the scheduling question: send at once after all.
NOW_WORDS = frozenset({"nu", "now", "direct", "meteen"})


class Message(Text):
    """The message itself: typed text with its formatting, or a photo or PDF with a caption.
    Taken by ComposeService.message (the handler reads the entities and the file); a Text step,
    so the privacy guard checks it."""


def _some(data: Mapping[str, Any]) -> bool:
    return picker.chooses(data) and data.get("who") == picker.SOME


def _listed(data: Mapping[str, Any]) -> bool:
    return picker.chooses(data) and picker.listed(data.get("who")) is not None


def _summary(settings: Settings, data: Mapping[str, Any], language: str) -> str:
    return texts.summary(settings, data, language)


PRIVACY = Privacy(
    "priv",
    checks=MESSAGE,
    reason="why",
    ask="announcements.privacy_ask",
    ask_reason="announcements.privacy_reason",
)


DRAFT = Draft(
    names.ANNOUNCE,
    callbacks.PREFIX,
    Choice(
        WHO,
        "who",
        picker.who,
        columns=1,
        ask="announcements.ask_who",
        edit="announcements.edit_who",
        when=picker.chooses,
    ),
    Ticks(
        "roles",
        "roles",
        picker.roles,
        ask="announcements.ask_roles",
        when=_some,
        line="announcements.line_roles",
        edit="announcements.edit_roles",
        none="announcements.all_roles",
    ),
    Ticks(
        "wijken",
        "wijken",
        picker.wijken,
        ask="announcements.ask_wijken",
        when=_some,
        line="announcements.line_wijken",
        edit="announcements.edit_wijken",
        none="announcements.all_wijken",
    ),
    Ticks(
        "ints",
        "interests",
        picker.interests,
        ask="announcements.ask_interests",
        when=lambda d: _some(d) and bool(d.get("with_interests")),
        line="announcements.line_interests",
        edit="announcements.edit_interests",
        none="announcements.all_interests",
    ),
    Choice(
        PICK,
        "picked",
        picker.picked,
        columns=1,
        ask="announcements.ask_pick",
        line="announcements.line_pick",
        edit="announcements.edit_pick",
        when=_listed,
    ),
    Message(
        MESSAGE, "body", limit=4096, ask="announcements.ask_msg", edit="announcements.edit_msg"
    ),
    PRIVACY,
    Choice(
        IMPORTANT,
        "important",
        labelled("announcements.important_", ("yes", "no")),
        columns=1,
        ask="announcements.ask_imp",
        line="announcements.line_imp",
        edit="announcements.edit_imp",
    ),
    Choice(
        "urg",
        "urgent",
        labelled("announcements.urgent_", ("no", "yes")),
        columns=1,
        on_path=False,
        ask="announcements.ask_urg",
        line="announcements.line_urg",
        edit="announcements.edit_urg",
    ),
    Text(
        AT, "at", limit=40, on_path=False, ask="announcements.ask_at", edit="announcements.edit_at"
    ),
    Summary(SUMMARY, _summary, send="announcements.send", cancel="announcements.cancel"),
)


R = TypeVar("R")


class MessageDraft(DraftService[R]):
    """A draft with a Message step, checked by the privacy guard."""

    def __init__(self, deps: Deps, known_people: KnownPeople) -> None:
        super().__init__(deps)
        self.known_people = known_people

    async def findings(self, tx: Transaction, text: str) -> list[str]:
        return identifying_kinds(text, await self.known_people.names(tx))

    async def message(
        self, update_id: int | None, telegram_id: int, content: Content
    ) -> Progress[R]:
        """The message step answered: text with its entities, or a file with its caption."""
        async with self._step(update_id, telegram_id) as (tx, flow):
            step = self.draft.at(flow)
            if not isinstance(step, Message):
                raise InvalidInput("announcements.no_message_now")
            sender = await PersonRepository(tx).by_telegram_id(telegram_id)
            checked = check_content(self._content(flow, content), sender.name if sender else "")
            flow.data["content"] = content_data(checked)
            found = await self.findings(tx, checked.body) if checked.body else []
            self.draft.take_text(flow, step, checked.body, found)
            await self._save(tx, flow)
            return Progress(flow)

    def _content(self, flow: Flow, content: Content) -> Content:
        """What the message becomes in this draft (a correction keeps the original's file)."""
        return content


class ComposeService(MessageDraft[Announcement]):
    draft = DRAFT

    def __init__(self, deps: Deps, known_people: KnownPeople, sending: SendingService) -> None:
        super().__init__(deps, known_people)
        self.sending = sending

    async def start(self, update_id: int | None, person: Person) -> Flow:
        """Open a draft (or the one open): a professional's audience is fixed."""
        fixed = fixed_audience(person, self.settings)
        data: dict[str, Any] = {
            "language": person.language,
            "with_interests": bool(self.settings.organisation.interests),
        }
        if fixed is not None:
            data["fixed"] = fixed.to_json()
        return await self.open(update_id, person.telegram_id, data)

    async def _take_text(self, tx: Transaction, flow: Flow, typed: str) -> None:
        if flow.step == AT:
            flow.data["at"] = self._moment(typed)
            self.draft.advance(flow, self.draft.at(flow))
            return
        await super()._take_text(tx, flow, typed)

    def _moment(self, typed: str) -> str | None:
        if typed.strip().casefold() in NOW_WORDS:
            return None
        moment = parse_moment(typed, self.clock(), self.settings.organisation.zone)
        return to_db(moment)

    async def _save(self, tx: Transaction, flow: Flow) -> None:
        """Before the draft is kept: what its next question needs from the database."""
        now, data = self.clock(), flow.data
        if flow.step == PICK and "listed" not in data:
            language = str(data.get("language", i18n.DEFAULT_LANGUAGE))
            await picker.load(tx, data, self.settings, now, language)
        if flow.step == SUMMARY:
            sender = await PersonRepository(tx).by_telegram_id(flow.telegram_id)
            if sender is None:
                raise NotAllowed("announce")
            audience = audiences.check(picker.audience(data), self.settings)
            found = await reach(tx, audience, sender, bool(data.get("urgent") == "yes"), now)
            data["reach"], data["unreachable"] = found.people, found.unreachable
            data["sender"] = sender.name
            data["year"] = texts.year_of(now, self.settings.organisation.zone)
        await super()._save(tx, flow)

    async def send(self, tx: Transaction, flow: Flow) -> Announcement:
        data = flow.data
        sender = await PersonRepository(tx).by_telegram_id(flow.telegram_id)
        if sender is None:
            raise NotAllowed("announce")
        audience = check_audience(sender, picker.audience(data), self.settings)
        at = from_db(data["at"]) if data.get("at") else None
        if at is not None and at <= self.clock():
            raise InvalidInput("announcements.at_past")
        outgoing = Outgoing(
            audiences.check(audience, self.settings),
            content_of(data),
            important=data.get("important") == "yes",
            urgent=data.get("urgent") == "yes",
        )
        return await self.sending.add(tx, sender, outgoing, at)


def check_content(content: Content, sender: str) -> Content:
    """A message fit to send: readable, with words (a photo or file may go without), within
    Telegram's limit once the header and footer are around it; only formatting worth sending."""
    body = require_readable(content.body)
    if content.kind is Kind.TEXT or body.strip():
        require_words(body)
    room = copies.room(content.kind, sender)
    if units(body) > room:
        raise InvalidInput("common.too_long", limit=room)
    return Content(
        content.kind, body, tuple(kept(content.entities)), content.file_id, content.file_name
    )


def content_data(content: Content) -> dict[str, Any]:
    return {
        "kind": content.kind.value,
        "entities": list(content.entities),
        "file_id": content.file_id,
        "file_name": content.file_name,
    }


def content_of(data: Mapping[str, Any]) -> Content:
    stored = data.get("content") or {}
    return Content(
        Kind(stored.get("kind", Kind.TEXT.value)),
        str(data.get("body", "")),
        tuple(stored.get("entities") or ()),
        stored.get("file_id"),
        stored.get("file_name"),
    )


def preview_look(data: Mapping[str, Any]) -> copies.Look:
    """The draft as recipients will see it."""
    return copies.Look(
        0, content_of(data), str(data.get("sender", "")), data.get("important") == "yes"
    )


def scheduled_at(data: Mapping[str, Any]) -> datetime | None:
    return from_db(data["at"]) if data.get("at") else None
