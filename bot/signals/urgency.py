"""How soon a new signal must be picked up, by its urgency, and what the volunteer is promised.

"today": within `organisation.pickup_hours_today` working hours and by closing time of the same
working day (reported out of hours: counted from the next opening; the on-call path in
bot.escalation tells someone at once). "soon": by the end of the next working day. "normal":
the category's `pickup_hours`, and its `promise_days` for the volunteer. A category's deadline
that is shorter still wins.
"""

from __future__ import annotations

from datetime import datetime

from bot.core import i18n
from bot.core.config import Category, Settings
from bot.scheduling.working_time import OfficeHours
from storage.signals import Signal


def pickup_deadline(
    settings: Settings, hours: OfficeHours, category: Category, urgency: str, now: datetime
) -> datetime:
    normal = hours.add_working_hours(now, category.pickup_hours)
    if urgency == "today":
        start = hours.next_opening(now)
        today = hours.add_working_hours(start, settings.organisation.pickup_hours_today)
        urgent = min(today, hours.add_working_days(start, 0))
    elif urgency == "soon":
        urgent = hours.add_working_days(now, 1)
    else:
        return normal
    return min(normal, urgent)


def promise(
    settings: Settings, hours: OfficeHours, signal: Signal, promise_days: int, language: str
) -> str:
    """The volunteer's promise: the category's days, or the urgency's deadline."""
    due = signal.pickup_due_at.astimezone(settings.organisation.zone)
    day = i18n.t(language, f"common.weekday_{due.weekday()}") + due.strftime(" %d-%m")
    time = due.strftime("%H:%M")
    if signal.urgency == "today" and hours.is_open(signal.created_at):
        return i18n.t(language, "signals.promise_today", time=time)
    if signal.urgency == "today":
        return i18n.t(language, "signals.promise_today_closed", day=day, time=time)
    if signal.urgency == "soon":
        return i18n.t(language, "signals.promise_soon", day=day)
    return i18n.t(language, "signals.promise_normal", count=promise_days)
