"""A person's own data: edit it, take a copy (/mydata), erase it (/forget)."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.core import i18n
from bot.core.config import LANGUAGES
from bot.core.deps import Deps, Service
from bot.core.errors import InvalidInput, NotFound
from bot.core.text_input import clean_text, require_letters
from bot.people import my_data
from bot.people.my_data_words import MyDataPart
from bot.people.registration import AVAILABILITY, MAX_SHIFTS
from bot.privacy.erasure import ErasureStep, redact_copies, words_of
from bot.questions import deadlines as question_deadlines
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.flows import FlowRepository
from storage.outbox import GONE_PREFIX, OutboxRepository
from storage.people import Person, PersonRepository, Role
from storage.questions import QuestionRepository


class ProfileService(Service):
    def __init__(
        self,
        deps: Deps,
        erasure: Sequence[ErasureStep] = (),
        my_data: Sequence[MyDataPart] = (),
    ) -> None:
        super().__init__(deps)
        # What features above this package erase in /vergeet's transaction and add to
        # /mijngegevens' file (bot.services).
        self.erasure = tuple(erasure)
        self.my_data = tuple(my_data)

    async def rename(self, update_id: int | None, person: Person, text: str) -> Person:
        return await self._update(
            update_id, person, name=require_letters(clean_text(text, max_length=64))
        )

    async def set_motivation(self, update_id: int | None, person: Person, text: str) -> Person:
        return await self._update(update_id, person, motivation=clean_text(text, max_length=500))

    async def set_wijk(self, update_id: int | None, person: Person, index: int | None) -> Person:
        wijken = self.settings.organisation.wijken
        if index is None and person.role is not Role.VOLUNTEER:
            return await self._update(update_id, person, wijk=None)
        if index is None or not 0 <= index < len(wijken):
            raise InvalidInput("common.button_expired")
        return await self._update(update_id, person, wijk=wijken[index])

    async def toggle(self, update_id: int | None, person: Person, field: str, key: str) -> Person:
        """Add or remove one interest or availability option."""
        if field == "interests":
            allowed: tuple[str, ...] = tuple(c.key for c in self.settings.organisation.interests)
            current = person.interests
        elif field == "availability":
            allowed, current = AVAILABILITY, person.availability
        else:
            raise InvalidInput("common.button_expired")
        if key not in allowed:
            raise InvalidInput("common.button_expired")
        chosen = tuple(k for k in current if k != key) if key in current else (*current, key)
        changes: dict[str, Any] = {field: chosen}
        return await self._update(update_id, person, **changes)

    async def set_max_shifts(
        self, update_id: int | None, person: Person, value: int | None
    ) -> Person:
        if value is not None and value not in MAX_SHIFTS:
            raise InvalidInput("common.button_expired")
        return await self._update(update_id, person, max_shifts_per_week=value)

    async def set_language(self, update_id: int | None, person: Person, language: str) -> Person:
        if language not in LANGUAGES:
            raise InvalidInput("common.button_expired")

        async def republish_commands(tx: Transaction, now: datetime) -> None:
            await self.outbox.publish_commands(tx, person.telegram_id, person.role, language, now)

        return await self._update(update_id, person, then=republish_commands, language=language)

    async def _update(
        self,
        update_id: int | None,
        person: Person,
        then: Callable[[Transaction, datetime], Awaitable[None]] | None = None,
        **changes: Any,
    ) -> Person:
        """Change profile fields in one transaction (closing any open edit flow)."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            people = PersonRepository(tx)
            await people.update(person.id, now, **changes)
            await FlowRepository(tx).delete(person.telegram_id)
            if then is not None:
                await then(tx, now)
        # The row now holds exactly these values; no need to read it back.
        return replace(person, updated_at=now, **changes)

    async def export(self, person: Person) -> dict[str, Any]:
        """Everything stored about the person, as plain JSON-ready data (bot.people.my_data)."""
        async with self.db.read() as tx:
            fresh = await PersonRepository(tx).by_id(person.id)
            if fresh is None:
                raise NotFound("person")
            return await my_data.collect(tx, fresh, self.settings, self.clock(), self.my_data)

    async def forget(self, update_id: int | None, person: Person) -> None:
        """Erase the person. Coordinators hear who left; records they made elsewhere lose the link."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            # Every copy (bot.privacy.erasure): messages to them go, the others lose their name
            # and words.
            await redact_copies(tx, person.name, await words_of(tx, person))
            await OutboxRepository(tx).drop_chat(person.telegram_id)
            await OutboxRepository(tx).drop_words(person.id)
            await FlowRepository(tx).delete(person.telegram_id)
            # Their questions are their own words: erased, and their owners need not answer.
            for question in await QuestionRepository(tx).erase_asked_by(person.id, now):
                await question_deadlines.settle(tx, question.id)
                owner = await PersonRepository(tx).by_id(question.owner_id or 0)
                if owner is not None and owner.id != person.id:
                    text = i18n.t(owner.language, "questions.withdrawn", ref=question.reference)
                    key = f"question:{question.id}:withdrawn"
                    await self.outbox.message(tx, key, owner.telegram_id, text, now)
            for step in self.erasure:
                await step(tx, person, now)
            await PersonRepository(tx).delete(person.id)
            await self.outbox.call(
                tx,
                f"{GONE_PREFIX}commands:{secrets.token_hex(4)}",
                person.telegram_id,
                "deleteMyCommands",
                {"scope": {"type": "chat", "chat_id": person.telegram_id}},
                now,
            )

            def notice(language: str) -> str:
                return i18n.t(
                    language,
                    "profile.forgotten_notice",
                    name=person.name,
                    role=i18n.t(language, f"roles.{person.role}"),
                )

            await self.outbox.tell_coordinators(
                tx, f"{GONE_PREFIX}forgotten:{person.id}", now, notice, exclude=person.id
            )
        await self.db.checkpoint()
