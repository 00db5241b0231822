"""The sandbox's Telegram: people, chats, messages and the update queue, kept in memory."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field
from typing import Any

from bot.core.clock import Clock, system_clock
from sandbox import photos
from sandbox.entities import utf16_len

BOT_ID = 7_000_000_001
BOT_USERNAME = "voelspriet_sandbox_bot"
MAX_UPDATES = 100
CAPTION_LIMIT = 1024  # UTF-16 code units, as Telegram counts


class ApiError(Exception):
    """An answer Telegram gives with ok=false."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after


@dataclass
class Person:
    id: int
    first_name: str
    language_code: str | None = None
    started: bool = False  # has pressed Start, so the bot may write first
    blocked: bool = False  # has blocked the bot

    def json(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.language_code:
            user["language_code"] = self.language_code
        return user


@dataclass
class StoredMessage:
    chat_id: int
    message_id: int
    from_bot: bool
    date: int
    text: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)  # of the text or the caption
    caption: str | None = None
    reply_markup: dict[str, Any] | None = None
    photo: list[dict[str, Any]] = field(default_factory=list)  # PhotoSize, smallest first
    document: dict[str, Any] | None = None
    location: dict[str, float] | None = None
    reply_to: int | None = None  # the message id this one replies to, in the same chat
    edited: bool = False
    deleted: bool = False

    def json(self, world: World, with_reply: bool = True) -> dict[str, Any]:
        """The Message object. The message it replies to comes along (as it is now, unless
        deleted), without its own reply_to_message, as Telegram sends it."""
        chat_person = world.people.get(self.chat_id)
        message: dict[str, Any] = {
            "message_id": self.message_id,
            "date": self.date,
            "chat": {
                "id": self.chat_id,
                "type": "private",
                "first_name": chat_person.first_name if chat_person else "?",
            },
            "from": world.bot_user()
            if self.from_bot
            else (chat_person.json() if chat_person else {}),
        }
        quoted = world.find(self.chat_id, self.reply_to) if with_reply and self.reply_to else None
        if quoted is not None:
            message["reply_to_message"] = quoted.json(world, with_reply=False)
        if self.text is not None:
            message["text"] = self.text
            if self.entities:
                message["entities"] = self.entities
        if self.photo:
            message["photo"] = self.photo
        if self.caption is not None:
            message["caption"] = self.caption
            if self.entities:
                message["caption_entities"] = self.entities
        if self.document:
            message["document"] = self.document
        if self.location:
            message["location"] = self.location
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            message["reply_markup"] = self.reply_markup
        if self.edited:
            message["edit_date"] = self.date
        return message


class World:
    """All state of the stand-in. Bot-side calls live in sandbox.botapi, people's in here."""

    def __init__(self) -> None:
        self.people: dict[int, Person] = {}
        self.chats: dict[int, list[StoredMessage]] = {}
        self.reply_keyboards: dict[int, dict[str, Any] | None] = {}
        self.files: dict[str, bytes] = {}
        self.photos: dict[str, list[dict[str, Any]]] = {}  # any size's file id -> all sizes
        self.commands: dict[str, list[dict[str, str]]] = {}
        self.updates: list[dict[str, Any]] = []
        self.allowed_updates: list[str] | None = None
        self.open_queries: dict[str, tuple[int, int]] = {}  # query id -> (chat, message)
        self.query_answers: dict[str, str | None] = {}
        self.events: list[dict[str, Any]] = []
        self._changed = asyncio.Event()
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._query_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._person_ids = itertools.count(2_000_001)
        # Message dates follow this clock: the sandbox moves it, and the bot's, forward together.
        self.clock: Clock = system_clock

    def timestamp(self) -> int:
        """Now, as Telegram dates its messages (Unix time)."""
        return int(self.clock().timestamp())

    # --- what the bot sees of itself
    def bot_user(self) -> dict[str, Any]:
        return {"id": BOT_ID, "is_bot": True, "first_name": "Voelspriet", "username": BOT_USERNAME}

    # --- people and their chats
    def add_person(
        self,
        first_name: str,
        language_code: str | None = "nl",
        person_id: int | None = None,
        started: bool = False,
    ) -> Person:
        """Someone with Telegram; `started`: has pressed Start before (the demo's personas)."""
        person = Person(person_id or next(self._person_ids), first_name, language_code, started)
        self.people[person.id] = person
        self.chats.setdefault(person.id, [])
        self._event(
            "person",
            person_id=person.id,
            person={
                "id": person.id,
                "first_name": first_name,
                "language_code": language_code,
                "started": person.started,
            },
        )
        return person

    def person(self, person_id: int) -> Person:
        person = self.people.get(person_id)
        if person is None:
            raise ApiError(400, "Bad Request: chat not found")
        return person

    def next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def store(self, message: StoredMessage) -> StoredMessage:
        self.chats.setdefault(message.chat_id, []).append(message)
        self._event("message", chat_id=message.chat_id, message=self.view(message))
        return message

    def find(self, chat_id: int, message_id: int) -> StoredMessage | None:
        for message in self.chats.get(chat_id, []):
            if message.message_id == message_id and not message.deleted:
                return message
        return None

    def new_file(self, data: bytes) -> str:
        file_id = f"sandbox-file-{next(self._file_ids)}"
        self.files[file_id] = data
        return file_id

    def new_photo(self, data: bytes) -> list[dict[str, Any]]:
        """Keep a picture the way Telegram does: its PhotoSize entries, smallest first, each a
        file of its own (photos.PhotoRefused when Telegram would not take it as a photo)."""
        sizes: list[dict[str, Any]] = []
        for size in photos.sizes(data):
            file_id = self.new_file(size.data)
            sizes.append(
                {
                    "file_id": file_id,
                    "file_unique_id": file_id + "u",
                    "width": size.width,
                    "height": size.height,
                    "file_size": len(size.data),
                }
            )
        for size_entry in sizes:
            self.photos[size_entry["file_id"]] = sizes
        return sizes

    # --- people act
    def person_sends(
        self,
        person_id: int,
        text: str | None = None,
        photo: bytes | None = None,
        caption: str | None = None,
        location: dict[str, float] | None = None,
        reply_to: int | None = None,
    ) -> StoredMessage:
        """A message from a person to the bot; ApiError(400) with the reason when their app
        would not send it (a reply to a message not in the chat, a caption too long, a photo
        Telegram would not take)."""
        person = self.person(person_id)
        if reply_to is not None and self.find(person.id, reply_to) is None:
            raise ApiError(400, f"there is no message {reply_to} in this chat to reply to")
        if caption is not None and utf16_len(caption) > CAPTION_LIMIT:
            raise ApiError(
                400,
                f"the caption is {utf16_len(caption)} UTF-16 code units long; "
                f"Telegram allows {CAPTION_LIMIT}",
            )
        try:
            sizes = self.new_photo(photo) if photo is not None else []
        except photos.PhotoRefused as refused:
            raise ApiError(
                400, f"Telegram would not send this as a photo: {refused.reason}"
            ) from None
        if text is not None and text.startswith("/start") and not person.started:
            person.started = True  # Telegram's START button, or a typed /start
            self._event("started", person_id=person.id)
        message = StoredMessage(
            person.id,
            self.next_message_id(person.id),
            False,
            self.timestamp(),
            text=text,
            caption=caption,
            photo=sizes,
            location=location,
            reply_to=reply_to,
            entities=_command_entities(text if text is not None else caption),
        )
        self.store(message)
        if not person.blocked:
            self.push_update("message", message.json(self))
        return message

    def person_presses(self, person_id: int, message_id: int, data: str) -> str:
        person = self.person(person_id)
        message = self.find(person.id, message_id)
        if message is None or not message.from_bot:
            raise ApiError(400, "message not found")
        query_id = str(next(self._query_ids))
        self.open_queries[query_id] = (person.id, message_id)
        self.push_update(
            "callback_query",
            {
                "id": query_id,
                "from": person.json(),
                "chat_instance": str(person.id),
                "data": data,
                "message": message.json(self),
            },
        )
        return query_id

    def set_blocked(self, person_id: int, blocked: bool) -> None:
        self.person(person_id).blocked = blocked
        self._event("blocked", person_id=person_id, blocked=blocked)

    # --- the update queue (getUpdates lives in botapi)
    def push_update(self, kind: str, payload: dict[str, Any]) -> None:
        self.updates.append({"update_id": next(self._update_ids), kind: payload})
        self._notify()

    # --- what the web chat and tests watch
    def view(self, message: StoredMessage) -> dict[str, Any]:
        data = message.json(self)
        data["from_bot"] = message.from_bot
        data["deleted"] = message.deleted
        if message.photo:
            data["photo_url"] = f"/sandbox/files/{message.photo[-1]['file_id']}"
        if message.from_bot and message.chat_id in self.reply_keyboards:
            data["reply_keyboard"] = self.reply_keyboards[message.chat_id]
        return data

    def _event(self, kind: str, **data: Any) -> None:
        self.events.append({"seq": len(self.events) + 1, "kind": kind, **data})
        self._notify()

    def clock_moved(self, now: str) -> None:
        """Every open web chat shows the new time."""
        self._event("clock", now=now)

    def changed_message(self, message: StoredMessage, kind: str = "edit") -> None:
        self._event(kind, chat_id=message.chat_id, message=self.view(message))

    def _notify(self) -> None:
        # Wake everyone waiting now; later waiters wait for the next change.
        self._changed.set()
        self._changed = asyncio.Event()

    def change_signal(self) -> asyncio.Event:
        """The event the next change sets. Take it *before* yielding to the loop, or a change
        made in between is missed."""
        return self._changed

    async def wait_for_change(self, timeout: float) -> bool:  # noqa: ASYNC109
        """Wait until something changes; False when the timeout passed first."""
        changed = self._changed
        try:
            await asyncio.wait_for(changed.wait(), timeout)
        except TimeoutError:
            return False
        return True


def _command_entities(text: str | None) -> list[dict[str, Any]]:
    """What Telegram marks in a person's text or caption: a /command at the start."""
    if not text or not text.startswith("/"):
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(text.split()[0])}]
