"""How soon a new signal must be picked up, by its urgency, and what the volunteer is promised.

"today": within `organisation.pickup_hours_today` working hours and by closing time of the same
working day. Reported out of hours, or with fewer of those hours left before closing (16:55 is
no time for "today"), it is counted from the next opening, and whoever is on duty hears at once
(bot.signals.out_of_hours). "soon": by the end of the next working day. "normal":
the category's `pickup_hours`, and its `promise_days` for the volunteer. A category's deadline
that is shorter still wins.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from bot.core import i18n
from bot.core.config import Category, Settings
from bot.scheduling.working_time import OfficeHours
from storage.signals import Signal


class OnDuty(StrEnum):
    """Who got a "today" signal at once, out of hours (bot.signals.out_of_hours)."""

    ON_CALL = "on_call"
    COORDINATORS = "coordinators"
    NOBODY = "nobody"


def out_of_hours(settings: Settings, hours: OfficeHours, now: datetime) -> bool:
    """Too late for "today" now: the office is closed, or fewer working hours are left before
    closing than a "today" signal gets (at most a whole office day)."""
    if not hours.is_open(now):
        return True
    office_day = datetime.combine(date.min, hours.closing) - datetime.combine(
        date.min, hours.opening
    )
    needed = min(settings.organisation.pickup_hours_today, office_day.total_seconds() / 3600)
    return hours.working_hours_between(now, hours.add_working_days(now, 0)) < needed


def pickup_deadline(
    settings: Settings, hours: OfficeHours, category: Category, urgency: str, now: datetime
) -> datetime:
    normal = hours.add_working_hours(now, category.pickup_hours)
    if urgency == "today":
        start = hours.next_opening(now)
        if hours.is_open(now) and out_of_hours(settings, hours, now):  # too close to closing
            start = hours.next_opening(hours.add_working_days(now, 0))
        today = hours.add_working_hours(start, settings.organisation.pickup_hours_today)
        urgent = min(today, hours.add_working_days(start, 0))
    elif urgency == "soon":
        urgent = hours.add_working_days(now, 1)
    else:
        return normal
    return min(normal, urgent)


def promise(
    settings: Settings,
    hours: OfficeHours,
    signal: Signal,
    promise_days: int,
    language: str,
    on_duty: OnDuty | None = None,
) -> str:
    """The volunteer's promise: the category's days, or the urgency's deadline; for "today"
    out of hours also who got it at once (`on_duty`, None: it was not out of hours)."""
    due = signal.pickup_due_at.astimezone(settings.organisation.zone)
    day = i18n.t(language, f"common.weekday_{due.weekday()}") + due.strftime(" %d-%m")
    time = due.strftime("%H:%M")
    if signal.urgency == "today" and on_duty is None:
        return i18n.t(language, "signals.promise_today", time=time)
    if signal.urgency == "today":
        office = "today_closed" if not hours.is_open(signal.created_at) else "today_closing"
        return " ".join(
            (
                i18n.t(language, f"signals.{office}"),
                i18n.t(language, f"signals.on_duty_{on_duty}"),
                i18n.t(language, "signals.promise_today_closed", day=day, time=time),
            )
        )
    if signal.urgency == "soon":
        return i18n.t(language, "signals.promise_soon", day=day)
    return i18n.t(language, "signals.promise_normal", days=promise_days)
