"""The service side of a draft: one transaction per answer (the update id recorded, the draft
loaded, moved on by its table in bot.flows.draft, saved), and the feature's `send` at the end.

A feature's service subclasses DraftService with its `draft` table and its `send` (and, when a
Privacy step checks a text, `findings`: the privacy guard's kinds for it).
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, Generic, TypeVar

from bot.core.clock import Clock
from bot.core.deps import Service
from bot.core.errors import InvalidInput, NotFound
from bot.core.text_input import clean_text
from bot.flows import names
from bot.flows.draft import Draft, Outcome, StepPress
from bot.flows.steps import MAX_REASON, Privacy, Text
from bot.telegram.updates import record_update
from storage.database import Database, Transaction
from storage.flows import Flow, FlowRepository

R = TypeVar("R")


@dataclass(frozen=True)
class Progress(Generic[R]):
    """Where a draft stands after one answer."""

    flow: Flow | None  # None: it ended (sent or stopped)
    result: R | None = None  # what sending made
    cancelled: bool = False
    stayed: bool = False  # a tick-list press: the same question, its buttons redrawn


async def open_draft(tx: Transaction, fresh: Flow, now: datetime) -> Flow:
    """The person's draft of this kind if one is open (it survives restarts), else `fresh`,
    saved. A draft of the other kind is kept: InvalidInput until it is sent or cancelled."""
    flows = FlowRepository(tx)
    current = await flows.get(fresh.telegram_id)
    if current is not None and current.name == fresh.name:
        return current
    if current is not None and current.name in names.DRAFTS:
        raise InvalidInput(f"common.finish_{current.name}")
    await flows.save(fresh, now)
    return fresh


@asynccontextmanager
async def draft_step(
    db: Database, clock: Clock, update_id: int | None, telegram_id: int, name: str
) -> AsyncIterator[tuple[Transaction, Flow]]:
    """Open the transaction, record the update and load the person's `name` draft.

    NotFound when they have none (an old button, or the draft was finished or cancelled)."""
    async with db.transaction() as tx:
        await record_update(tx, update_id, clock())
        flow = await FlowRepository(tx).get(telegram_id)
        if flow is None or flow.name != name:
            raise NotFound(name)
        yield tx, flow


class DraftService(Service, Generic[R]):
    """Answers to one kind of draft; the subclass names its `draft` and says what `send` does."""

    draft: ClassVar[Draft]

    async def send(self, tx: Transaction, flow: Flow) -> R:
        """The draft is complete and the person pressed send: make what it describes."""
        raise NotImplementedError

    def clean(self, step: Text, typed: str) -> str:
        """A text step's answer as kept; a feature checks more here (a moment against now)."""
        return step.clean(typed)

    async def findings(self, tx: Transaction, text: str) -> list[str]:
        """The kinds of identifying data in a text a Privacy step checks (none by default)."""
        return []

    async def open(self, update_id: int | None, telegram_id: int, data: dict[str, object]) -> Flow:
        """Open a draft, or return the one already open (it survives restarts)."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            return await open_draft(tx, self.draft.start(telegram_id, dict(data)), now)

    async def current(self, telegram_id: int) -> Flow | None:
        async with self.db.read() as tx:
            flow = await FlowRepository(tx).get(telegram_id)
        return flow if flow and flow.name == self.draft.name else None

    async def press(self, update_id: int | None, telegram_id: int, press: StepPress) -> Progress[R]:
        """A pressed button (or typed text naming one); the draft checks it fits."""
        async with self._step(update_id, telegram_id) as (tx, flow):
            outcome = self.draft.press(flow, press, self.settings)
            if outcome is Outcome.SEND:
                result = await self.send(tx, flow)
                await FlowRepository(tx).delete(telegram_id)
                return Progress(None, result=result)
            if outcome is Outcome.CANCEL:
                await FlowRepository(tx).delete(telegram_id)
                return Progress(None, cancelled=True)
            await self._save(tx, flow)
            return Progress(flow, stayed=outcome is Outcome.STAYED)

    async def typed(self, update_id: int | None, telegram_id: int, text: str) -> Progress[R]:
        """Typed text: the answer of a text step, or the reason to keep identifying data."""
        async with self._step(update_id, telegram_id) as (tx, flow):
            await self._take_text(tx, flow, text)
            await self._save(tx, flow)
            return Progress(flow)

    async def photo(
        self, update_id: int | None, telegram_id: int, jpeg: bytes, caption: str | None = None
    ) -> Progress[R]:
        """A photo whose metadata was already stripped; with a caption where text is expected,
        the caption is that text."""
        async with self._step(update_id, telegram_id) as (tx, flow):
            photo, text = self.draft.photo_place(flow, caption)
            if text is not None and caption is not None:
                await self._take_text(tx, flow, caption)
            self.draft.take_photo(flow, photo, base64.b64encode(jpeg).decode("ascii"))
            await self._save(tx, flow)
            return Progress(flow)

    async def location(
        self, update_id: int | None, telegram_id: int, latitude: float, longitude: float
    ) -> Progress[R]:
        async with self._step(update_id, telegram_id) as (tx, flow):
            self.draft.take_location(flow, latitude, longitude)
            await self._save(tx, flow)
            return Progress(flow)

    async def remember_prompt(self, flow: Flow, message_id: int) -> None:
        """The message that asks the draft's current step, so that answering it (pressed or
        typed) can show the answer there and take its buttons away."""
        async with self.db.transaction() as tx:
            await FlowRepository(tx).remember_prompt(flow, message_id)

    async def _take_text(self, tx: Transaction, flow: Flow, typed: str) -> None:
        step = self.draft.text_step(flow)
        if isinstance(step, Privacy):
            self.draft.take_reason(flow, step, clean_text(typed, MAX_REASON))
            return
        text = self.clean(step, typed)
        checked = self.draft.privacy_of(step) is not None
        found = await self.findings(tx, text) if checked else []
        self.draft.take_text(flow, step, text, found)

    async def _save(self, tx: Transaction, flow: Flow) -> None:
        await FlowRepository(tx).save(flow, self.clock())

    @asynccontextmanager
    async def _step(
        self, update_id: int | None, telegram_id: int
    ) -> AsyncIterator[tuple[Transaction, Flow]]:
        async with draft_step(self.db, self.clock, update_id, telegram_id, self.draft.name) as (
            tx,
            flow,
        ):
            yield tx, flow
