"""Registration by invitation: a short, restart-safe dialogue that ends in an accepted agreement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.core import i18n
from bot.core.deps import Service
from bot.core.errors import InvalidInput
from bot.core.text_input import clean_text, require_letters
from bot.flows import names
from bot.flows.drafts import draft_step
from bot.telegram.updates import record_update
from storage.database import Transaction
from storage.flows import Flow, FlowRepository
from storage.invites import InviteRepository
from storage.people import NewPerson, Person, PersonRepository, Role

FLOW = names.REGISTER
AVAILABILITY = ("weekday_day", "weekday_evening", "weekend", "flexible")
MAX_SHIFTS = (1, 2, 3, 4, 5)
NO_WIJK = "-"


class Step(StrEnum):
    NAME = "name"
    WIJK = "wijk"
    INTERESTS = "interests"
    AVAILABILITY = "availability"
    MAX_SHIFTS = "max_shifts"
    MOTIVATION = "motivation"
    TERMS = "terms"


_VOLUNTEER_STEPS = (
    Step.NAME,
    Step.WIJK,
    Step.INTERESTS,
    Step.AVAILABILITY,
    Step.MAX_SHIFTS,
    Step.MOTIVATION,
    Step.TERMS,
)
_OTHER_STEPS = (Step.NAME, Step.WIJK, Step.TERMS)
# "Know your volunteer" questions may be skipped; name, wijk and the agreement may not.
SKIPPABLE = frozenset({Step.INTERESTS, Step.AVAILABILITY, Step.MAX_SHIFTS, Step.MOTIVATION})


class StartOutcome(StrEnum):
    STARTED = "started"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED_UP = "used_up"
    ALREADY_REGISTERED = "already_registered"


@dataclass(frozen=True)
class Progress:
    """Where a registration stands after one answer."""

    flow: Flow | None
    person: Person | None = None
    declined: bool = False
    outcome: StartOutcome = StartOutcome.STARTED

    @property
    def step(self) -> Step | None:
        return Step(self.flow.step) if self.flow else None


def _steps(data: dict[str, Any]) -> list[Step]:
    steps = list(_VOLUNTEER_STEPS if data["role"] == Role.VOLUNTEER else _OTHER_STEPS)
    if data.get("wijk_fixed"):
        steps.remove(Step.WIJK)
    if not data.get("interests_offered") and Step.INTERESTS in steps:
        steps.remove(Step.INTERESTS)
    return steps


def _advance(flow: Flow) -> None:
    steps = _steps(flow.data)
    flow.step = steps[steps.index(Step(flow.step)) + 1]


class RegistrationService(Service):
    async def start(
        self, update_id: int | None, telegram_id: int, code: str, language: str
    ) -> Progress:
        """Check the invite and open a registration draft."""
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            person = await PersonRepository(tx).by_telegram_id(telegram_id)
            if person is not None:
                return Progress(None, person=person, outcome=StartOutcome.ALREADY_REGISTERED)
            invite = await InviteRepository(tx).get(code) if _plausible(code) else None
            if invite is None:
                return Progress(None, outcome=StartOutcome.UNKNOWN)
            if invite.uses >= invite.max_uses:
                return Progress(None, outcome=StartOutcome.USED_UP)
            if now >= invite.expires_at:
                return Progress(None, outcome=StartOutcome.EXPIRED)
            flow = Flow(
                telegram_id,
                FLOW,
                Step.NAME,
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
            return Progress(flow)

    async def draft(self, telegram_id: int) -> Flow | None:
        async with self.db.read() as tx:
            flow = await FlowRepository(tx).get(telegram_id)
        return flow if flow and flow.name == FLOW else None

    async def answer_text(self, update_id: int | None, telegram_id: int, text: str) -> Progress:
        """A typed answer: the name, or the motivation."""
        async with draft_step(self.db, self.clock, update_id, telegram_id, FLOW) as (tx, flow):
            if flow.step == Step.NAME:
                flow.data["name"] = require_letters(clean_text(text, max_length=64))
            elif flow.step == Step.MOTIVATION:
                flow.data["motivation"] = clean_text(text, max_length=500)
            else:
                raise InvalidInput("registration.use_buttons")
            _advance(flow)
            await FlowRepository(tx).save(flow, self.clock())
            return Progress(flow)

    async def choose(
        self, update_id: int | None, telegram_id: int, step: str, value: str
    ) -> Progress:
        """A pressed button. `step` comes from the button and must match the draft's step."""
        async with draft_step(self.db, self.clock, update_id, telegram_id, FLOW) as (tx, flow):
            if flow.step != step:
                raise InvalidInput("common.button_expired")
            if step == Step.TERMS:
                return await self._finish(tx, flow, accepted=value == "yes")
            if value == "skip":
                if Step(step) not in SKIPPABLE:
                    raise InvalidInput("common.button_expired")
                _advance(flow)
            elif value == "done" and step in (Step.INTERESTS, Step.AVAILABILITY):
                _advance(flow)  # only the tick-lists have a Done button
            else:
                self._apply_choice(flow, Step(step), value)
            await FlowRepository(tx).save(flow, self.clock())
            return Progress(flow)

    async def set_language(self, telegram_id: int, language: str) -> None:
        """Someone without an account chose a language: their registration draft takes it (its
        end sets their role's menu), or it is kept on its own (names.STRANGER_LANGUAGE) until
        they register, and their ☰ menu follows it."""
        async with self.db.transaction() as tx:
            flows, now = FlowRepository(tx), self.clock()
            flow = await flows.get(telegram_id)
            if flow is not None and flow.name == FLOW:
                flow.data["language"] = language
                await flows.save(flow, now)
            elif flow is None or flow.name == names.STRANGER_LANGUAGE:
                data = {"language": language}
                await flows.save(Flow(telegram_id, names.STRANGER_LANGUAGE, "chosen", data), now)
                await self.outbox.publish_commands(tx, telegram_id, None, language, now)

    def _apply_choice(self, flow: Flow, step: Step, value: str) -> None:
        org = self.settings.organisation
        if step == Step.WIJK:
            if value == NO_WIJK and flow.data["role"] != Role.VOLUNTEER:
                flow.data["wijk"] = None
            elif value.isdecimal() and int(value) < len(org.wijken):  # isdigit() lets '²' in
                flow.data["wijk"] = org.wijken[int(value)]
            else:
                raise InvalidInput("common.button_expired")
            _advance(flow)
        elif step in (Step.INTERESTS, Step.AVAILABILITY):
            allowed = [c.key for c in org.interests] if step == Step.INTERESTS else AVAILABILITY
            if value not in allowed:
                raise InvalidInput("common.button_expired")
            chosen: list[str] = flow.data[step.value]
            if value in chosen:
                chosen.remove(value)
            else:
                chosen.append(value)
        elif step == Step.MAX_SHIFTS:
            if not value.isdecimal() or int(value) not in MAX_SHIFTS:
                raise InvalidInput("common.button_expired")
            flow.data["max_shifts"] = int(value)
            _advance(flow)
        else:
            raise InvalidInput("common.button_expired")

    async def _finish(self, tx: Transaction, flow: Flow, accepted: bool) -> Progress:
        now = self.clock()
        await FlowRepository(tx).delete(flow.telegram_id)
        if not accepted:
            return Progress(None, declined=True)
        refusal = await _use_invite(tx, flow.data["code"], now)
        if refusal is not None:
            return Progress(None, outcome=refusal)
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
        return Progress(None, person=person)


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
