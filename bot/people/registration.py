"""Registration by invitation: a short, restart-safe dialogue (DRAFT, read it as the dialogue)
that ends in an accepted agreement."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.core import i18n
from bot.core.config import Settings
from bot.core.text_input import require_letters
from bot.flows import names
from bot.flows.draft import Draft
from bot.flows.service import DraftService
from bot.flows.steps import Choice, Option, Summary, Text, Ticks, labelled
from bot.people import callbacks
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.flows import Flow, FlowRepository
from storage.invites import InviteRepository
from storage.people import NewPerson, Person, PersonRepository, Role

AVAILABILITY = ("weekday_day", "weekday_evening", "weekend", "flexible")
MAX_SHIFTS = (1, 2, 3, 4, 5)
NO_WIJK = callbacks.NONE


class StartOutcome(StrEnum):
    STARTED = "started"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED_UP = "used_up"
    ALREADY_REGISTERED = "already_registered"


def _volunteer(data: Mapping[str, Any]) -> bool:
    return bool(data["role"] == Role.VOLUNTEER)


def _wijken(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    """By number; staff may have no fixed wijk."""
    wijken = [
        Option(str(i), name, kept=name) for i, name in enumerate(settings.organisation.wijken)
    ]
    if not _volunteer(data):
        wijken.append(Option(NO_WIJK, i18n.t(language, "registration.no_wijk"), kept=None))
    return wijken


def _interests(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    return [Option(c.key, c.label(language)) for c in settings.organisation.interests]


def _shifts(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    return [Option(str(n), str(n), kept=n) for n in MAX_SHIFTS]


def _terms(settings: Settings, data: Mapping[str, Any], language: str) -> str:
    """The task description of the role and the privacy agreement, to accept or decline."""
    keys = (f"terms.task_{data['role']}", "terms.privacy", "terms.question")
    return "\n\n".join(i18n.t(language, key) for key in keys)


# "Know your volunteer" questions may be skipped; name, wijk and the agreement may not.
DRAFT = Draft(
    names.REGISTER,
    callbacks.REGISTER,
    Text("name", "name", limit=64, rule=require_letters, ask="registration.ask_name"),
    Choice(
        "wijk",
        "wijk",
        _wijken,
        ask="registration.ask_wijk",
        line="profile.line_wijk",
        when=lambda data: not data["wijk_fixed"],  # the invitation may name it
    ),
    Ticks(
        "interests",
        "interests",
        _interests,
        ask="registration.ask_interests",
        line="profile.line_interests",
        when=lambda data: _volunteer(data) and data["interests_offered"],
    ),
    Ticks(
        "availability",
        "availability",
        labelled("availability.", AVAILABILITY),
        ask="registration.ask_availability",
        line="profile.line_availability",
        when=_volunteer,
    ),
    Choice(
        "max_shifts",
        "max_shifts",
        _shifts,
        columns=len(MAX_SHIFTS),
        skip=True,
        ask="registration.ask_max_shifts",
        line="profile.line_max_shifts",
        when=_volunteer,
    ),
    Text(
        "motivation",
        "motivation",
        limit=500,
        rule=None,
        skip=True,
        ask="registration.ask_motivation",
        when=_volunteer,
    ),
    Summary("terms", _terms, send="terms.accept", cancel="terms.decline"),
)


@dataclass(frozen=True)
class Started:
    """A registration draft, or why there is none."""

    flow: Flow | None
    outcome: StartOutcome = StartOutcome.STARTED
    person: Person | None = None


class RegistrationService(DraftService[Person | StartOutcome]):
    """Sending is accepting the agreement: the person joins, or hears why the invitation no
    longer works; declining (the summary's stop) keeps nothing."""

    draft = DRAFT

    async def start(
        self, update_id: int | None, telegram_id: int, code: str, language: str
    ) -> Started:
        """Check the invite and open a registration draft."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            person = await PersonRepository(tx).by_telegram_id(telegram_id)
            if person is not None:
                return Started(None, StartOutcome.ALREADY_REGISTERED, person)
            invite = await InviteRepository(tx).get(code) if _plausible(code) else None
            if invite is None:
                return Started(None, StartOutcome.UNKNOWN)
            if invite.uses >= invite.max_uses:
                return Started(None, StartOutcome.USED_UP)
            if now >= invite.expires_at:
                return Started(None, StartOutcome.EXPIRED)
            flow = self.draft.start(
                telegram_id,
                {
                    "code": code,
                    "role": invite.role.value,
                    "language": language,
                    "wijk": invite.wijk,
                    "wijk_fixed": invite.wijk is not None,
                    "invited_by": invite.created_by,
                    "interests": [],
                    "interests_offered": bool(self.settings.organisation.interests),
                    "availability": [],
                },
            )
            await FlowRepository(tx).save(flow, now)
            return Started(flow)

    async def set_language(self, telegram_id: int, language: str) -> None:
        """Someone without an account chose a language: their registration draft takes it (its
        end sets their role's menu), or it is kept on its own (names.STRANGER_LANGUAGE) until
        they register, and their ☰ menu follows it."""
        async with self.db.transaction() as tx:
            flows, now = FlowRepository(tx), self.clock()
            flow = await flows.get(telegram_id)
            if flow and flow.name == self.draft.name:
                flow.data["language"] = language
                await flows.save(flow, now)
            elif flow is None or flow.name == names.STRANGER_LANGUAGE:
                data = {"language": language}
                await flows.save(Flow(telegram_id, names.STRANGER_LANGUAGE, "chosen", data), now)
                await self.outbox.publish_commands(tx, telegram_id, None, language, now)

    async def send(self, tx: Transaction, flow: Flow) -> Person | StartOutcome:
        now = self.clock()
        refusal = await _use_invite(tx, flow.data["code"], now)
        if refusal is not None:
            return refusal
        person = await _admit(tx, flow, now)
        await self.outbox.publish_commands(
            tx, person.telegram_id, person.role, person.language, now
        )

        def notice(language: str) -> str:
            return i18n.t(
                language,
                "registration.coordinator_notice",
                name=person.name,
                role=i18n.t(language, f"roles.{person.role}"),
                wijk=person.wijk or "—",
            )

        await self.outbox.tell_coordinators(
            tx, f"registered:{person.id}", now, notice, exclude=person.id
        )
        return person


async def _use_invite(tx: Transaction, code: str, now: datetime) -> StartOutcome | None:
    """Count the use; the reason it cannot be used (any more) otherwise."""
    invites = InviteRepository(tx)
    if await invites.use(code, now):
        return None
    invite = await invites.get(code)
    if invite is None:
        return StartOutcome.UNKNOWN
    return StartOutcome.USED_UP if invite.uses >= invite.max_uses else StartOutcome.EXPIRED


async def _admit(tx: Transaction, flow: Flow, now: datetime) -> Person:
    """Turn the finished draft into a person."""
    data = flow.data
    people = PersonRepository(tx)
    invited_by = data.get("invited_by")
    if invited_by is not None and await people.by_id(invited_by) is None:
        invited_by = None  # the inviter was forgotten meanwhile
    person_id = await people.add(
        NewPerson(
            telegram_id=flow.telegram_id,
            role=Role(data["role"]),
            name=data["name"],
            wijk=data.get("wijk"),
            language=data["language"],
            interests=tuple(data["interests"]),
            availability=tuple(data["availability"]),
            max_shifts_per_week=data.get("max_shifts"),
            motivation=data.get("motivation"),
            invited_by=invited_by,
        ),
        now,
    )
    person = await people.by_id(person_id)
    assert person is not None
    return person


def _plausible(code: str) -> bool:
    return 4 <= len(code) <= 64 and all(c.isalnum() or c in "-_" for c in code)
