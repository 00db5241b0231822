"""Shared by the signal actions: who may act (checked in the transaction) and the flow state
of a typed part (a question to the volunteer, a reason, a closing message, an answer)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.core.errors import InvalidInput, NotAllowed, NotFound
from bot.flows import names
from storage.database import Transaction
from storage.flows import Flow, FlowRepository
from storage.people import Person, PersonRepository, Role
from storage.signals import OPEN_STATUSES, Signal, SignalRepository

FLOW = names.SIGNAL_WORK


class Step(StrEnum):
    QUESTION = "question"
    REASON = "reason"
    CLOSING = "closing"
    ANSWER = "answer"


@dataclass(frozen=True)
class Done:
    """What a typed part completed."""

    step: Step
    signal: Signal
    # An answer holding identifying data is not sent yet: these kinds were found, and the
    # volunteer rewrites it or sends it anyway (bot.signals.answers).
    held: tuple[str, ...] = ()


def may_work_on(actor: Person, signal: Signal) -> bool:
    if not actor.active:
        return False
    if actor.role is Role.COORDINATOR:
        return True
    return actor.role is Role.PROFESSIONAL and actor.id == signal.owner_id


def check(actor: Person, signal: Signal, open_only: bool = True) -> None:
    if not may_work_on(actor, signal):
        raise NotAllowed("signal")
    if open_only and signal.status not in OPEN_STATUSES:
        raise InvalidInput("signal_work.already_closed")


def is_step(flow: Flow | None, step: Step, signal_id: int) -> bool:
    return (
        flow is not None
        and flow.name == FLOW
        and flow.step == step
        and flow.data.get("signal") == signal_id
    )


async def save_flow(
    tx: Transaction,
    telegram_id: int,
    step: Step,
    signal_id: int,
    data: dict[str, Any],
    now: datetime,
) -> None:
    flows = FlowRepository(tx)
    current = await flows.get(telegram_id)
    if current is not None and current.name != FLOW:
        raise InvalidInput("signal_work.finish_first")
    await flows.save(Flow(telegram_id, FLOW, step, {**data, "signal": signal_id}), now)


async def actor_of(tx: Transaction, telegram_id: int) -> Person:
    found = await PersonRepository(tx).by_telegram_id(telegram_id)
    if found is None:
        raise NotAllowed("stranger")
    return found


async def person_of(tx: Transaction, person_id: int | None) -> Person | None:
    return await PersonRepository(tx).by_id(person_id) if person_id is not None else None


async def signal_of(tx: Transaction, signal_id: int) -> Signal:
    found = await SignalRepository(tx).by_id(signal_id)
    if found is None:
        raise NotFound("signal")
    return found


async def authorised(
    tx: Transaction, telegram_id: int, signal_id: int, open_only: bool = False
) -> tuple[Person, Signal]:
    """The actor and the signal, if the actor is its owner or an active coordinator."""
    actor = await actor_of(tx, telegram_id)
    if actor.role is Role.VOLUNTEER or not actor.active:
        raise NotAllowed("signal")
    signal = await signal_of(tx, signal_id)
    check(actor, signal, open_only)
    return actor, signal


async def new_owner(tx: Transaction, signal: Signal, to: int) -> Person:
    """An active professional other than the current owner."""
    person = await person_of(tx, to)
    if person is None or person.role is not Role.PROFESSIONAL or not person.active:
        raise InvalidInput("common.button_expired")
    if person.id == signal.owner_id:
        raise InvalidInput("signal_work.same_owner")
    return person
