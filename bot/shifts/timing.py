"""Every due thing of a shift is a timer of the one scheduler (bot.scheduling.timers), scheduled,
moved and cancelled in the transaction that causes it; bot.shifts.due fires them.

Keys, one per firing; those that depend on the shift's time carry its `sequence`, so after a
change of time the new ones are new keys (a reminder that fired for the old time does not keep
the new one from firing):

    shift:<id>:wave:<n>                      the n-th wave of offers
    shift:<id>:coverage:<seq>                still short 72 hours before: the coordinators
    shift:<id>:attendance:<seq>              over: who came?
    shift:<id>:signup:<signup>:day:<seq>     24 hours before: "still coming?"
    shift:<id>:signup:<signup>:unconfirmed:<seq>  12 hours before: not answered, coordinators
    shift:<id>:signup:<signup>:soon:<seq>    2 hours before
    shift:<id>:signup:<signup>:hold          a place held from standby lapses
    series:<id>:ahead:<local date>           the series made further ahead, daily

Reminders never fall in the quiet hours unless the shift starts before they end (rules.send_at).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.core.config import Settings
from bot.scheduling import timers
from bot.scheduling.local_time import instant_of, wall_clock
from bot.scheduling.quiet_hours import QuietHours
from bot.shifts.rules import DAY_BEFORE, TWO_HOURS, UNCONFIRMED, send_at
from storage.database import Transaction
from storage.shift_signups import SignupRepository
from storage.shifts import Series, Shift

WAVE = "shift.wave"
COVERAGE = "shift.coverage"
ATTENDANCE = "shift.attendance"
REMIND_DAY = "shift.remind_day"
REMIND_SOON = "shift.remind_soon"
UNCONFIRMED_KIND = "shift.unconfirmed"
HOLD = "shift.hold"
SERIES = "shift.series"

# When the series are made further ahead each night (local time).
SERIES_HOUR = 4


def shift_prefix(shift_id: int) -> str:
    return f"shift:{shift_id}:"


def signup_prefix(shift_id: int, signup_id: int) -> str:
    return f"shift:{shift_id}:signup:{signup_id}:"


def offer_from(settings: Settings, shift: Shift) -> datetime:
    """When a shift's first offers go out."""
    return shift.starts_at - timedelta(days=settings.shifts.offer_days_ahead)


async def plan_shift(
    tx: Transaction, settings: Settings, shift: Shift, now: datetime, *, first_wave: bool = True
) -> None:
    """A new or moved shift: its first wave (when it is not offered yet), the coverage check
    and the attendance question."""
    config = settings.shifts
    key = shift_prefix(shift.id)
    if first_wave:
        offer_at = max(now, offer_from(settings, shift))
        await timers.schedule(tx, f"{key}wave:1", WAVE, shift.id, offer_at, now, {"wave": 1})
    alert = timedelta(hours=config.coverage_alert_hours)
    check_at = max(shift.starts_at - alert, now + timedelta(hours=config.wave_hours))
    if check_at < shift.starts_at:
        seq = shift.sequence
        await timers.schedule(tx, f"{key}coverage:{seq}", COVERAGE, shift.id, check_at, now)
    await timers.schedule(
        tx, f"{key}attendance:{shift.sequence}", ATTENDANCE, shift.id, shift.ends_at, now
    )


async def next_wave(
    tx: Transaction, settings: Settings, shift: Shift, wave: int, now: datetime
) -> None:
    """The wave after `wave`, while there is time before the shift."""
    at = now + timedelta(hours=settings.shifts.wave_hours)
    if at < shift.starts_at:
        key = f"{shift_prefix(shift.id)}wave:{wave + 1}"
        await timers.schedule(tx, key, WAVE, shift.id, at, now, {"wave": wave + 1})


async def plan_signup(
    tx: Transaction, quiet: QuietHours, shift: Shift, signup_id: int, now: datetime
) -> None:
    """A place taken: the reminders that still lie ahead."""
    key, seq, start = signup_prefix(shift.id, signup_id), shift.sequence, shift.starts_at
    for what, kind, before in (
        ("day", REMIND_DAY, DAY_BEFORE),
        ("unconfirmed", UNCONFIRMED_KIND, UNCONFIRMED),
        ("soon", REMIND_SOON, TWO_HOURS),
    ):
        due = send_at(start - before, start, quiet)
        if due > now:
            await timers.schedule(tx, f"{key}{what}:{seq}", kind, signup_id, due, now)


async def plan_hold(
    tx: Transaction, shift: Shift, signup_id: int, until: datetime, now: datetime
) -> None:
    key = f"{signup_prefix(shift.id, signup_id)}hold"
    await timers.schedule(tx, key, HOLD, signup_id, until, now)


async def unplan_signup(tx: Transaction, shift_id: int, signup_id: int) -> None:
    """Their place ended: no more reminders."""
    await timers.cancel_all(tx, signup_prefix(shift_id, signup_id))


async def unplan_shift(tx: Transaction, shift_id: int) -> None:
    """The shift is cancelled: nothing more happens for it."""
    await timers.cancel_all(tx, shift_prefix(shift_id))


async def replan_time(
    tx: Transaction, settings: Settings, quiet: QuietHours, shift: Shift, now: datetime
) -> None:
    """The shift moved: its checks and everyone's reminders follow the new time; a first wave
    that has not gone out yet moves with it."""
    key = shift_prefix(shift.id)
    await timers.cancel_all(tx, f"{key}coverage:")
    await timers.cancel_all(tx, f"{key}attendance:")
    await plan_shift(tx, settings, shift, now, first_wave=shift.waves == 0)
    for named in await SignupRepository(tx).of_shift(shift.id, ("confirmed",)):
        await unplan_signup(tx, shift.id, named.signup.id)
        await plan_signup(tx, quiet, shift, named.signup.id, now)


def series_key(series_id: int, at: datetime, settings: Settings) -> str:
    day = wall_clock(at, settings.organisation.zone).date()
    return f"series:{series_id}:ahead:{day.isoformat()}"


async def plan_series(tx: Transaction, settings: Settings, series: Series, now: datetime) -> None:
    """Tomorrow night the series is made one day further ahead."""
    zone = settings.organisation.zone
    tomorrow = wall_clock(now, zone).date() + timedelta(days=1)
    at = instant_of(datetime.combine(tomorrow, datetime.min.time()).replace(hour=SERIES_HOUR), zone)
    await timers.schedule(tx, series_key(series.id, at, settings), SERIES, series.id, at, now)
