"""A meeting's moment as an organiser types it: "08-12 19:30" or "08-12-2027 19:30", checked
against now as it is typed (planning, bot.consultation.meeting_draft; moving, meeting_changes)."""

from __future__ import annotations

import re
from datetime import datetime, time

from bot.core import i18n
from bot.core.config import Settings
from bot.core.errors import InvalidInput
from bot.flows.steps import Text
from bot.scheduling.local_time import instant_of
from bot.scheduling.typed_days import DayGone, NoSuchDay, parse_day

KEPT = "%d-%m-%Y %H:%M"  # how a checked moment is kept in a draft
_WHEN = re.compile(r"(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}))?\s+(\d{1,2})[:.](\d{2})")


class When(Text):
    """ "08-12 19:30" or "08-12-2027 19:30": day, month, an optional year, and the time."""

    def clean(self, typed: str) -> str:
        text = super().clean(typed)
        if not _WHEN.fullmatch(text):
            raise InvalidInput("consultation.meeting_when_invalid")
        return text


def moment(text: str, now: datetime, settings: Settings) -> datetime:
    """The instant a typed moment names, local time. The day is read as shifts read one
    (bot.scheduling.typed_days): without a year the coming one, unless it went by lately;
    a date that does not exist or has passed is refused."""
    found = _WHEN.fullmatch(text.strip())
    if not found:
        raise InvalidInput("consultation.meeting_when_invalid")
    day, month, year, hour, minute = found.groups()
    zone = settings.organisation.zone
    try:
        date_ = parse_day(
            f"{day}-{month}" + (f"-{year}" if year else ""), now.astimezone(zone).date()
        )
    except DayGone:
        raise InvalidInput("consultation.meeting_in_past") from None
    except NoSuchDay:
        raise InvalidInput("consultation.meeting_when_no_date") from None
    try:
        at = instant_of(datetime.combine(date_, time(int(hour), int(minute))), zone)
    except ValueError:
        raise InvalidInput("consultation.meeting_when_invalid") from None
    if at <= now:
        raise InvalidInput("consultation.meeting_in_past")
    return at


def when_shown(language: str, typed: str, settings: Settings) -> str:
    """The moment as kept ("12-01-2027 19:30") with its weekday: "dinsdag 12-01-2027, 19:30"."""
    try:
        local = datetime.strptime(typed, KEPT)
    except ValueError:
        return typed  # a draft begun before moments were kept whole
    return f"{i18n.t(language, f'common.weekday_{local.weekday()}')} {local:%d-%m-%Y, %H:%M}"
