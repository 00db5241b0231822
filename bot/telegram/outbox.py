"""Writing to the outbox from a use case's transaction, and waking the delivery worker after commit."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from datetime import datetime
from enum import IntEnum
from typing import Any

from bot.core import i18n
from bot.core.message_fit import fit
from bot.telegram.commands import set_commands_payload
from storage.database import Transaction
from storage.outbox import OutboxRepository
from storage.people import Person, PersonRepository, Role

Keyboard = list[list[dict[str, str]]]
# An editMessageText row names the earlier row whose delivered message it edits
# (bot.telegram.delivery).
EDIT_OF = "edit_of"


class Priority(IntEnum):
    """Which rows the delivery worker takes first (lowest first; storage.outbox)."""

    INTERACTIVE = 0  # answers, alerts, receipts: someone waits for these
    NOTICE = 1  # reminders, escalations, notices about delivery
    BULK = 2  # broadcasts: never ahead of the others


class Outbox:
    """Queues Bot API calls; the delivery worker sends them (see bot.telegram.delivery)."""

    def __init__(self) -> None:
        self.wakeup = asyncio.Event()

    async def message(
        self,
        tx: Transaction,
        key: str,
        chat_id: int,
        text: str,
        now: datetime,
        keyboard: Keyboard | None = None,
        due_at: datetime | None = None,
        priority: Priority = Priority.INTERACTIVE,
    ) -> bool:
        """Queue a message; `due_at` is its "not before" (Service.not_before for quiet hours)."""
        payload: dict[str, Any] = {"chat_id": chat_id, "text": fit(text), "parse_mode": "HTML"}
        if keyboard:
            payload["reply_markup"] = {"inline_keyboard": keyboard}
        return await self.call(tx, key, chat_id, "sendMessage", payload, now, due_at, priority)

    async def call(
        self,
        tx: Transaction,
        key: str,
        chat_id: int,
        method: str,
        payload: dict[str, Any],
        now: datetime,
        due_at: datetime | None = None,
        priority: Priority = Priority.INTERACTIVE,
    ) -> bool:
        outbox = OutboxRepository(tx)
        added = await outbox.add(key, chat_id, method, payload, now, due_at, priority)
        if added:
            tx.after_commit(self.wakeup.set)
        return added

    async def retire(
        self,
        tx: Transaction,
        keys: list[str],
        tag: str,
        line: Callable[[str], str],
        now: datetime,
    ) -> int:
        """Replace earlier messages with buttons (these keys; one ending in ':' is a prefix) by
        one short line saying why, rendered in each reader's language, without buttons: whoever
        no longer acts on the item no longer needs its details, and a line always fits. Each
        edit waits in its chat's queue behind the message it edits (it takes that message's
        priority, so it never overtakes it); returns how many were queued."""
        people = PersonRepository(tx)
        queued = 0
        for row in await OutboxRepository(tx).with_buttons(keys):
            reader = await people.by_telegram_id(row.chat_id)
            language = reader.language if reader else i18n.DEFAULT_LANGUAGE
            payload = {"chat_id": row.chat_id, EDIT_OF: row.key, "text": fit(line(language))}
            key = f"{row.key}:edited:{tag}"
            priority = Priority(row.priority)
            queued += await self.call(
                tx, key, row.chat_id, "editMessageText", payload, now, priority=priority
            )
        return queued

    async def publish_commands(
        self, tx: Transaction, telegram_id: int, role: Role | None, language: str, now: datetime
    ) -> None:
        """Set the person's command menu (Telegram's setMyCommands, scoped to their chat);
        role None: someone without an account, in the language they chose."""
        await self.call(
            tx,
            f"commands:{telegram_id}:{secrets.token_hex(4)}",
            telegram_id,
            "setMyCommands",
            set_commands_payload(telegram_id, role, language),
            now,
        )

    async def tell_coordinators(
        self,
        tx: Transaction,
        key: str,
        now: datetime,
        render: Callable[[str], str],
        *,
        exclude: int | None = None,
    ) -> int:
        """Send a notice to every active coordinator, rendered in their language, after the
        interactive messages (Priority.NOTICE); returns how many."""
        coordinators = await PersonRepository(tx).active_coordinators()
        sent = 0
        for coordinator in coordinators:
            if coordinator.id == exclude:
                continue
            text = render(coordinator.language)
            sent += await self.message(
                tx,
                f"{key}:{coordinator.id}",
                coordinator.telegram_id,
                text,
                now,
                priority=Priority.NOTICE,
            )
        return sent


def button(text: str, data: str) -> dict[str, str]:
    return {"text": text, "callback_data": data}


def person_label(person: Person) -> str:
    return f"{person.name} ({person.wijk})" if person.wijk else person.name
