"""Typed answers in the shifts feature: a date, times, a number, read the way people type them
("26-11", "26-11-2026", "10:00-12:00", "10-12", "9.30 tot 12"), and the typed steps that wait
for them (a late cancellation's reason, why a coordinator assigns above the maximum, a changed
field) in the flows table, so a restart loses nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from bot.core.errors import InvalidInput, NotFound
from bot.flows import names
from bot.scheduling import typed_days
from storage.database import Transaction
from storage.flows import Flow, FlowRepository

FLOW = names.SHIFT_WORK
_TIMES = re.compile(
    r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(?:-|–|tot|to|until)\s*(\d{1,2})(?:[:.](\d{2}))?\s*$",
    re.IGNORECASE,
)


def parse_times(text: str) -> tuple[time, time]:
    """ "10:00-12:00". No overnight shifts: an end at or before the start is a typo."""
    found = _TIMES.match(text)
    if found is None:
        raise InvalidInput("shifts.time_invalid")
    hours = (int(found[1]), int(found[3]))
    minutes = (int(found[2] or 0), int(found[4] or 0))
    if any(h > 23 for h in hours) or any(m > 59 for m in minutes) or hours == (0, 0) == minutes:
        raise InvalidInput("shifts.time_invalid")
    start, end = time(hours[0], minutes[0]), time(hours[1], minutes[1])
    if end <= start:
        raise InvalidInput("shifts.time_end_before_start")
    return start, end


def parse_day(text: str, today: date) -> date:
    """ "26-11" (the coming one) or "26-11-2026"; not in the past."""
    try:
        return typed_days.parse_day(text, today)
    except typed_days.NoSuchDay:
        raise InvalidInput("shifts.date_invalid") from None
    except typed_days.DayGone:
        raise InvalidInput("shifts.date_past") from None


def parse_when(text: str, today: date) -> tuple[date, time, time]:
    """ "26-11 10:00-12:00" (a weekday in front is allowed: "do 26-11 10-12")."""
    words = text.split()
    while words and words[0].rstrip(".,").isalpha():
        words = words[1:]
    if len(words) < 2:
        raise InvalidInput("shifts.when_invalid")
    start, end = parse_times(" ".join(words[1:]))
    return parse_day(words[0], today), start, end


def parse_number(text: str, most: int) -> int:
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= most:
        raise InvalidInput("shifts.needed_range", most=most)
    return int(value)


@dataclass(frozen=True)
class Waiting:
    """A typed step: what it is ("reason", "override", "change") and what it is about."""

    step: str
    data: dict[str, Any]


async def wait_for_text(
    tx: Transaction, telegram_id: int, step: str, data: dict[str, Any], now: datetime
) -> None:
    """The next text they type answers `step`. A draft worth keeping stays: finish it first."""
    flows = FlowRepository(tx)
    current = await flows.get(telegram_id)
    if current is not None and current.name in names.DRAFTS:
        raise InvalidInput(f"common.finish_{current.name}")
    await flows.save(Flow(telegram_id, FLOW, step, data), now)


async def typed_step(tx: Transaction, telegram_id: int, step: str) -> Waiting:
    """The step their text answers, closed (if the use case fails, the rollback keeps it)."""
    flows = FlowRepository(tx)
    flow = await flows.get(telegram_id)
    if flow is None or flow.name != FLOW or flow.step != step:
        raise NotFound(FLOW)
    await flows.delete(telegram_id)
    return Waiting(flow.step, flow.data)
