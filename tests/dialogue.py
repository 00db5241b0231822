"""Drive the real PTB Application like people do: send text, press buttons, read the answers."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from telegram import Update

from bot.app import BotApplication, build_application, start_services
from bot.core.config import Settings
from bot.scheduling.tick import TickReport
from bot.services import Services
from storage.people import NewPerson, Person, PersonRepository, Role
from tests import payloads
from tests.fake_telegram import Call, FakeTelegram

_user_ids = itertools.count(1_000_001)


class FakeClock:
    def __init__(self, start: datetime = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class Replies(list[Call]):
    """What the bot did in answer to one action, in order."""

    @property
    def texts(self) -> list[str]:
        return [
            c.text
            for c in self
            if c.text and c.method in ("sendMessage", "editMessageText", "sendDocument")
        ]

    @property
    def said(self) -> list[str]:
        """The texts of new messages, leaving out edits (a pressed question shows its choice)."""
        return [c.text for c in self if c.text and c.method in ("sendMessage", "sendDocument")]

    @property
    def text(self) -> str:
        texts = self.texts
        assert texts, f"the bot answered no text; calls: {[c.method for c in self]}"
        return texts[-1]

    @property
    def buttons(self) -> list[str]:
        for call in reversed(self):
            if call.keyboard:
                return call.buttons
        return []

    @property
    def toast(self) -> str | None:
        answers = [c for c in self if c.method == "answerCallbackQuery"]
        assert answers, "the button press was not answered"
        return answers[-1].params.get("text")

    def methods(self) -> list[str]:
        return [c.method for c in self]


@dataclass
class Chatter:
    """One Telegram user in a private chat with the bot."""

    harness: Harness
    user: dict[str, Any]

    @property
    def id(self) -> int:
        return int(self.user["id"])

    async def send(self, text: str, update_id: int | None = None) -> Replies:
        return await self.harness.process(payloads.message_update(self.user, text, update_id))

    async def send_photo(self, caption: str | None = None) -> Replies:
        return await self.harness.process(payloads.photo_update(self.user, caption))

    async def send_location(self, latitude: float, longitude: float) -> Replies:
        return await self.harness.process(payloads.location_update(self.user, latitude, longitude))

    async def press(self, label: str) -> Replies:
        """Press the button with this label (a ✅ mark may precede it) on the newest message showing it."""
        for call in reversed(self.harness.fake.sent(self.id)):
            for row in call.keyboard:
                for button in row:
                    text = button["text"]
                    if "callback_data" in button and label in (text, text.removeprefix("✅ ")):
                        assert call.message_id is not None
                        return await self.press_data(button["callback_data"], call.message_id)
        raise AssertionError(f"no button {label!r} in the chat of {self.user['first_name']}")

    async def press_data(self, data: str, message_id: int = 1) -> Replies:
        """Send a callback query with any data at all, as a forger would."""
        return await self.harness.process(payloads.callback_update(self.user, data, message_id))

    def inbox(self) -> list[Call]:
        return self.harness.fake.sent(self.id)


class Harness:
    """The real Application, a real SQLite file, and FakeTelegram at the network edge."""

    def __init__(
        self, settings: Settings, fake: FakeTelegram | None = None, clock: FakeClock | None = None
    ) -> None:
        self.settings = settings
        self.fake = fake or FakeTelegram()
        self.clock = clock or FakeClock()
        self.app: BotApplication
        self.services: Services

    async def start(self) -> Harness:
        self.app, self.services = build_application(
            self.settings, request=self.fake, clock=self.clock
        )
        await self.app.initialize()
        await start_services(self.app, self.services, background=False)
        return self

    async def stop(self) -> None:
        await self.services.stop()
        await self.app.shutdown()

    async def restart(self) -> Harness:
        """A new process on the same database and the same Telegram."""
        await self.stop()
        return await Harness(self.settings, self.fake, self.clock).start()

    def chatter(self, first_name: str = "Anna", language_code: str | None = "nl") -> Chatter:
        return Chatter(self, payloads.user_json(next(_user_ids), first_name, language_code))

    async def process(self, update_json: dict[str, Any]) -> Replies:
        chat_id = _chat_of(update_json)
        before = len(self.fake.calls)
        await self.app.process_update(Update.de_json(update_json, self.app.bot))
        await self.deliver()
        return Replies(
            c
            for c in self.fake.calls[before:]
            if c.chat_id in (chat_id, None) or c.method == "answerCallbackQuery"
        )

    async def deliver(self) -> None:
        assert self.services.delivery is not None
        await self.services.delivery.drain()

    async def member(
        self,
        role: Role,
        name: str = "Anna",
        language: str = "nl",
        wijk: str | None = "Noord",
        telegram_id: int | None = None,
    ) -> tuple[Chatter, Person]:
        """A person who registered earlier (seeded straight into the database)."""
        chatter = self.chatter(name, language)
        if telegram_id is not None:  # one that stands out in a file's bytes
            chatter = Chatter(self, payloads.user_json(telegram_id, name, language))
        async with self.services.db.transaction() as tx:
            people = PersonRepository(tx)
            person_id = await people.add(
                NewPerson(
                    telegram_id=chatter.id, role=role, name=name, wijk=wijk, language=language
                ),
                self.clock(),
            )
            person = await people.by_id(person_id)
        assert person is not None
        return chatter, person


def last_text(chatter: Chatter) -> str:
    """The text of the newest message in the person's chat."""
    return chatter.inbox()[-1].text or ""


async def tick(bot: Harness) -> TickReport:
    """One scheduler tick (bot/scheduling/tick.py), then what it queued delivered."""
    result = await bot.services.scheduler.tick()
    await bot.deliver()
    return result


def _chat_of(update_json: dict[str, Any]) -> int:
    if "message" in update_json:
        return int(update_json["message"]["chat"]["id"])
    return int(update_json["callback_query"]["from"]["id"])


def settings_for(tmp_path: Path, **overrides: Any) -> Settings:
    data: dict[str, Any] = {
        "telegram": {"token": "123456789:TEST-TOKEN-abcdefghijklmnop", "rate_limits": False},
        "database": {"path": str(tmp_path / "voelspriet.sqlite3")},
        # Off here so other features' tests that move time see no check-ins; tests/consultation
        # switches it on.
        "consultation": {"default_round": False},
        "organisation": {
            "name": "Buurtwerk Utrecht",
            "wijken": ["Noord", "Zuid", "Centrum"],
            "categories": [
                {"key": "eenzaamheid", "nl": "Eenzaamheid", "en": "Loneliness"},
                {"key": "schulden", "nl": "Geldzorgen", "en": "Money worries"},
            ],
            "interests": [
                {"key": "ouderen", "nl": "Ouderen", "en": "Older people"},
                {"key": "schulden", "nl": "Schuldhulp", "en": "Debt help"},
                {"key": "jeugd", "nl": "Jongeren", "en": "Young people"},
            ],
        },
    }
    for section, values in overrides.items():
        data.setdefault(section, {}).update(values)
    return Settings(**data)
