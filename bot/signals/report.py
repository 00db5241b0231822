"""Reporting a signal: a restart-safe draft (flow "signal"), then one transaction that stores,
routes, audits and queues the alert to the accountable professional and the volunteer's receipt.

The draft lives in the `flows` table. A photo is stored in it base64-encoded, after its metadata
was stripped (bot.privacy.photos), so nothing identifying waits in the database even in a draft.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.core.deps import Deps, Service
from bot.core.errors import InvalidInput, NotAllowed
from bot.core.text_input import clean_text, require_words
from bot.flows import names
from bot.flows.drafts import draft_step, open_draft
from bot.privacy.guard import identifying_kinds
from bot.privacy.known_people import KnownPeople
from bot.routing.rules import NobodyAvailable, route
from bot.signals import deadlines
from bot.signals import texts as signal_texts
from bot.signals.out_of_hours import notify_out_of_hours
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.flows import Flow, FlowRepository
from storage.people import Person, PersonRepository, Role
from storage.signals import NewSignal, Signal, SignalRepository

FLOW = names.SIGNAL
URGENCIES = ("normal", "soon", "today")
CONSENTS = ("yes", "no", "unknown")
MAX_DESCRIPTION = 2000
MAX_REASON = 300


class Step(StrEnum):
    CATEGORY = "cat"
    WIJK = "wijk"
    DESCRIPTION = "desc"
    PRIVACY = "priv"  # identifying data found: rewrite, or keep it with a reason
    REASON = "reason"
    URGENCY = "urg"
    CONSENT = "cons"
    PHOTO = "photo"
    LOCATION = "loc"
    SUMMARY = "sum"


ORDER = (
    Step.CATEGORY,
    Step.WIJK,
    Step.DESCRIPTION,
    Step.URGENCY,
    Step.CONSENT,
    Step.PHOTO,
    Step.LOCATION,
    Step.SUMMARY,
)
EDITABLE = frozenset(ORDER) - {Step.SUMMARY}


@dataclass(frozen=True)
class Progress:
    """Where a report stands after one answer."""

    flow: Flow | None
    signal: Signal | None = None
    promise_days: int = 0
    cancelled: bool = False
    safety: bool = False  # show the safety line again (urgency "today")

    @property
    def step(self) -> Step | None:
        return Step(self.flow.step) if self.flow else None


def _advance(flow: Flow, after: Step) -> None:
    """Go to the step after `after`, or back to the summary when editing from there."""
    if flow.data.get("editing"):
        flow.step = Step.SUMMARY
        flow.data["editing"] = False
    else:
        flow.step = ORDER[ORDER.index(after) + 1]


class SignalService(Service):
    def __init__(self, deps: Deps, known_people: KnownPeople) -> None:
        super().__init__(deps)
        self.known_people = known_people  # staff are no residents (privacy guard)

    async def start(self, update_id: int | None, person: Person) -> Flow:
        """Open a draft, or return the one already open (it survives restarts)."""
        if person.role is not Role.VOLUNTEER or not person.active:
            raise NotAllowed
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            data: dict[str, Any] = {"wijk": person.wijk, "editing": False}
            return await open_draft(tx, Flow(person.telegram_id, FLOW, Step.CATEGORY, data), now)

    async def draft(self, telegram_id: int) -> Flow | None:
        async with self.db.read() as tx:
            flow = await FlowRepository(tx).get(telegram_id)
        return flow if flow and flow.name == FLOW else None

    async def answer_text(self, update_id: int | None, telegram_id: int, text: str) -> Progress:
        """Typed text: the description (checked for identifying data) or the reason to keep it."""
        async with draft_step(self.db, self.clock, update_id, telegram_id, FLOW) as (tx, flow):
            if flow.step == Step.DESCRIPTION:
                description = require_words(clean_text(text, MAX_DESCRIPTION))
                found = identifying_kinds(description, await self.known_people.names(tx))
                flow.data.update(description=description, found=found, kept=[], reason=None)
                if found:
                    flow.step = Step.PRIVACY
                else:
                    _advance(flow, Step.DESCRIPTION)
            elif flow.step == Step.REASON:
                flow.data["reason"] = clean_text(text, MAX_REASON)
                flow.data["kept"] = flow.data["found"]
                _advance(flow, Step.DESCRIPTION)
            else:
                raise InvalidInput("signals.use_buttons")
            await FlowRepository(tx).save(flow, self.clock())
            return Progress(flow)

    async def choose(
        self, update_id: int | None, telegram_id: int, step: str, value: str
    ) -> Progress:
        """A pressed button; `step` comes from the button and must match the draft's step."""
        async with draft_step(self.db, self.clock, update_id, telegram_id, FLOW) as (tx, flow):
            if step == "edit" and flow.step == Step.SUMMARY and value in EDITABLE:
                flow.step = value
                flow.data["editing"] = True
            elif flow.step != step:
                raise InvalidInput("common.button_expired")
            elif step == Step.SUMMARY:
                return await self._finish(tx, flow, value)
            else:
                self._apply(flow, Step(step), value)
            await FlowRepository(tx).save(flow, self.clock())
            return Progress(flow, safety=step == Step.URGENCY and value == "today")

    async def add_photo(self, update_id: int | None, telegram_id: int, jpeg: bytes) -> Progress:
        """A photo whose metadata was already stripped."""
        async with draft_step(self.db, self.clock, update_id, telegram_id, FLOW) as (tx, flow):
            if flow.step != Step.PHOTO:
                raise InvalidInput("signals.no_photo_now")
            flow.data["photo"] = base64.b64encode(jpeg).decode("ascii")
            _advance(flow, Step.PHOTO)
            await FlowRepository(tx).save(flow, self.clock())
            return Progress(flow)

    async def add_location(
        self, update_id: int | None, telegram_id: int, latitude: float, longitude: float
    ) -> Progress:
        async with draft_step(self.db, self.clock, update_id, telegram_id, FLOW) as (tx, flow):
            if flow.step != Step.LOCATION:
                raise InvalidInput("signals.no_location_now")
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                raise InvalidInput("signals.no_location_now")
            flow.data["location"] = [latitude, longitude]
            _advance(flow, Step.LOCATION)
            await FlowRepository(tx).save(flow, self.clock())
            return Progress(flow)

    async def remember_prompt(self, telegram_id: int, step: Step, message_id: int) -> None:
        """The message asking for a photo or location: its buttons go once one is sent."""
        async with draft_step(self.db, self.clock, None, telegram_id, FLOW) as (tx, flow):
            if flow.step == step:
                flow.data["prompt"] = message_id
                await FlowRepository(tx).save(flow, self.clock())

    async def mine(self, person: Person) -> list[Signal]:
        async with self.db.read() as tx:
            return await SignalRepository(tx).for_reporter(person.id)

    def _apply(self, flow: Flow, step: Step, value: str) -> None:
        org, data = self.settings.organisation, flow.data
        if step is Step.CATEGORY and value in org.category_keys():
            data["category"] = value
        elif step is Step.WIJK and value.isdecimal() and int(value) < len(org.wijken):
            data["wijk"] = org.wijken[int(value)]  # isdecimal(): isdigit() lets '²' in
        elif step is Step.PRIVACY and value in ("rewrite", "keep"):
            flow.step = Step.DESCRIPTION if value == "rewrite" else Step.REASON
            return
        elif step is Step.URGENCY and value in URGENCIES:
            data["urgency"] = value
        elif step is Step.CONSENT and value in CONSENTS:
            data["consent"] = value
        elif step in (Step.PHOTO, Step.LOCATION) and value in ("skip", "remove"):
            if value == "remove":  # "skip" keeps what is there (when editing from the summary)
                data.pop("photo" if step is Step.PHOTO else "location", None)
        else:
            raise InvalidInput("common.button_expired")
        _advance(flow, step)

    async def _finish(self, tx: Transaction, flow: Flow, value: str) -> Progress:
        if value == "cancel":
            await FlowRepository(tx).delete(flow.telegram_id)
            return Progress(None, cancelled=True)
        if value != "send":
            raise InvalidInput("common.button_expired")
        person = await PersonRepository(tx).by_telegram_id(flow.telegram_id)
        if person is None or person.role is not Role.VOLUNTEER or not person.active:
            raise NotAllowed
        try:
            signal = await self._submit(tx, flow, person)
        except NobodyAvailable:
            raise InvalidInput("signals.nobody_available") from None
        category = self.settings.organisation.category(signal.category)
        assert category is not None
        return Progress(None, signal=signal, promise_days=category.promise_days)

    async def _submit(self, tx: Transaction, flow: Flow, person: Person) -> Signal:
        now, data = self.clock(), flow.data
        category = self.settings.organisation.category(data["category"])
        if category is None:  # the configuration changed while the draft waited
            raise InvalidInput("signals.category_gone")
        signals = SignalRepository(tx)
        owner = await route(tx, category.key, data["wijk"], now)
        location = data.get("location") or (None, None)
        signal_id = await signals.add(
            NewSignal(
                reporter_id=person.id,
                owner_id=owner.owner.id,
                category=category.key,
                wijk=data["wijk"],
                description=data["description"],
                urgency=data["urgency"],
                consent=data["consent"],
                photo=base64.b64decode(data["photo"]) if data.get("photo") else None,
                latitude=location[0],
                longitude=location[1],
                privacy_kept=tuple(data.get("kept", ())),
                privacy_reason=data.get("reason"),
                pickup_due_at=deadlines.pickup_deadline(
                    self.settings, self.hours, category, data["urgency"], now
                ),
            ),
            now,
        )
        await signals.add_event(signal_id, person.id, "reported", None, now)
        await signals.add_event(signal_id, None, "routed", owner.describe(), now)
        await FlowRepository(tx).delete(flow.telegram_id)
        signal = await signals.by_id(signal_id)
        assert signal is not None
        await deadlines.schedule(tx, self.hours, signal, now)
        await self._notify(tx, signal, owner.owner, person, category.promise_days)
        await notify_out_of_hours(tx, self.outbox, self.settings, self.hours, signal, now)
        return signal

    async def _notify(
        self, tx: Transaction, signal: Signal, owner: Person, reporter: Person, promise_days: int
    ) -> None:
        """The alert (and photo) to the owner, the receipt to the volunteer: all via the outbox."""
        now, key = self.clock(), f"signal:{signal.id}"
        text = signal_texts.alert(self.settings, signal, reporter, owner.language)
        buttons = signal_texts.alert_buttons(signal.id, owner.language)
        await self.outbox.message(tx, f"{key}:alert", owner.telegram_id, text, now, buttons)
        if signal.has_photo:
            payload = {
                "chat_id": owner.telegram_id,
                "caption": signal.reference,
                "signal_photo": signal.id,
            }
            await self.outbox.call(tx, f"{key}:photo", owner.telegram_id, "sendPhoto", payload, now)
        lang = reporter.language
        told = deadlines.promise(self.settings, self.hours, signal, promise_days, lang)
        receipt = signal_texts.receipt(signal, told, lang)
        await self.outbox.message(tx, f"{key}:receipt", reporter.telegram_id, receipt, now)
