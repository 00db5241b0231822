"""Reporting a signal: the draft's steps (DRAFT, read it as the dialogue), then one transaction
that stores, routes, audits and queues the alert to the accountable professional and the
volunteer's receipt.

The draft lives in the `flows` table (bot.flows.draft). A photo is stored in it base64-encoded,
after its metadata was stripped (bot.privacy.photos), so nothing identifying waits in the
database even in a draft.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any, Final

from bot.core.config import Settings
from bot.core.deps import Deps
from bot.core.errors import InvalidInput, NotAllowed
from bot.flows import names
from bot.flows.draft import Draft
from bot.flows.service import DraftService
from bot.flows.steps import (
    Choice,
    Location,
    Option,
    Photo,
    Privacy,
    Summary,
    Text,
    kept,
    labelled,
)
from bot.privacy.guard import identifying_kinds
from bot.privacy.known_people import KnownPeople
from bot.routing.rules import NobodyAvailable, route
from bot.signals import callbacks, deadlines
from bot.signals import texts as signal_texts
from bot.signals.out_of_hours import notify_out_of_hours
from storage.database import Transaction
from storage.flows import Flow
from storage.people import Person, PersonRepository, Role
from storage.signals import NewSignal, Signal, SignalRepository

URGENCIES = ("normal", "soon", "today")
CONSENTS = ("yes", "no", "unknown")
MAX_DESCRIPTION = 2000
URGENCY: Final = "urg"  # after "today" the chat shows the safety line again


def _categories(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    keys = settings.organisation.category_keys()
    return [Option(key, signal_texts.category_label(settings, key, language)) for key in keys]


def _wijken(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    """By number (a wijk's name may be long), the volunteer's own wijk first."""
    wijken = settings.organisation.wijken
    order = sorted(range(len(wijken)), key=lambda i: wijken[i] != data.get("wijk"))
    return [Option(str(i), wijken[i], kept=wijken[i]) for i in order]


PRIVACY = Privacy("priv", checks="desc")


def _summary(settings: Settings, data: Mapping[str, Any], language: str) -> str:
    return signal_texts.summary(settings, data, kept(data, PRIVACY), language)


DRAFT = Draft(
    names.SIGNAL,
    callbacks.REPORT,
    Choice(
        "cat",
        "category",
        _categories,
        ask="signals.ask_cat",
        line="signals.line_category",
        edit="signals.edit_cat",
    ),
    Choice(
        "wijk",
        "wijk",
        _wijken,
        ask="signals.ask_wijk",
        line="signals.line_wijk",
        edit="signals.edit_wijk",
    ),
    Text(
        "desc",
        "description",
        limit=MAX_DESCRIPTION,
        ask="signals.ask_desc",
        edit="signals.edit_desc",
    ),
    PRIVACY,
    Choice(
        URGENCY,
        "urgency",
        labelled("signals.urgency_", URGENCIES),
        columns=1,
        ask="signals.ask_urg",
        line="signals.line_urgency",
        edit="signals.edit_urg",
    ),
    Choice(
        "cons",
        "consent",
        labelled("signals.consent_", CONSENTS),
        columns=1,
        ask="signals.ask_cons",
        line="signals.line_consent",
        edit="signals.edit_cons",
    ),
    Photo(
        "photo",
        ask="signals.ask_photo",
        edit="signals.edit_photo",
        remove="signals.remove_photo",
        not_now="signals.no_photo_now",
        unusable="signals.photo_unusable",
    ),
    Location(
        "loc",
        ask="signals.ask_loc",
        edit="signals.edit_loc",
        remove="signals.remove_loc",
        not_now="signals.no_location_now",
    ),
    Summary("sum", _summary, send="signals.send", cancel="signals.cancel"),
)


class SignalService(DraftService[Signal]):
    draft = DRAFT

    def __init__(self, deps: Deps, known_people: KnownPeople) -> None:
        super().__init__(deps)
        self.known_people = known_people  # staff are no residents (privacy guard)

    async def start(self, update_id: int | None, person: Person) -> Flow:
        """Open a draft, or return the one already open (it survives restarts)."""
        if person.role is not Role.VOLUNTEER or not person.active:
            raise NotAllowed
        return await self.open(update_id, person.telegram_id, {"wijk": person.wijk})

    async def findings(self, tx: Transaction, text: str) -> list[str]:
        return identifying_kinds(text, await self.known_people.names(tx))

    async def send(self, tx: Transaction, flow: Flow) -> Signal:
        person = await PersonRepository(tx).by_telegram_id(flow.telegram_id)
        if person is None or person.role is not Role.VOLUNTEER or not person.active:
            raise NotAllowed
        try:
            return await self._submit(tx, flow, person)
        except NobodyAvailable:
            raise InvalidInput("signals.nobody_available") from None

    async def mine(self, person: Person) -> list[Signal]:
        async with self.db.read() as tx:
            return await SignalRepository(tx).for_reporter(person.id)

    async def _submit(self, tx: Transaction, flow: Flow, person: Person) -> Signal:
        now, data = self.clock(), flow.data
        category = self.settings.organisation.category(data["category"])
        if category is None:  # the configuration changed while the draft waited
            raise InvalidInput("signals.category_gone")
        signals = SignalRepository(tx)
        owner = await route(tx, category.key, data["wijk"], now)
        kinds, reason = kept(data, PRIVACY)
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
                privacy_kept=tuple(kinds),
                privacy_reason=reason,
                pickup_due_at=deadlines.pickup_deadline(
                    self.settings, self.hours, category, data["urgency"], now
                ),
            ),
            now,
        )
        await signals.add_event(signal_id, person.id, "reported", None, now)
        await signals.add_event(signal_id, None, "routed", owner.describe(), now)
        signal = await signals.by_id(signal_id)
        assert signal is not None
        await deadlines.schedule(tx, self.hours, signal, now)
        await self._notify(tx, signal, owner.owner, person, category.promise_days)
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
        on_duty = await notify_out_of_hours(tx, self.outbox, self.settings, self.hours, signal, now)
        settings, hours, lang = self.settings, self.hours, reporter.language
        told = deadlines.promise(settings, hours, signal, promise_days, lang, on_duty)
        receipt = signal_texts.receipt(signal, told, lang)
        await self.outbox.message(tx, f"{key}:receipt", reporter.telegram_id, receipt, now)
