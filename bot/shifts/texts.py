"""How a shift reads in a message, in the reader's language (texts in bot/locales/*/shifts.toml)."""

from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core import i18n
from bot.core.config import Settings
from bot.scheduling.local_time import wall_clock
from bot.shifts.callbacks import OnShift, OnSignup, ShiftAct, SignupAct
from bot.telegram.outbox import Keyboard, button
from storage.shift_signups import Named
from storage.shifts import Shift


def interest_label(settings: Settings, key: str | None, language: str) -> str | None:
    for choice in settings.organisation.interests:
        if choice.key == key:
            return choice.label(language)
    return key


def day(moment: datetime, language: str, zone: ZoneInfo) -> str:
    """ "di 24-11" / "Tue 24-11"."""
    local = wall_clock(moment, zone)
    return f"{i18n.t(language, f'shifts.day_{local.weekday()}')} {local:%d-%m}"


def when(shift: Shift, language: str, zone: ZoneInfo) -> str:
    """ "di 24-11 10:00-12:00" with an en dash (an end on another day shows its day too)."""
    start, end = wall_clock(shift.starts_at, zone), wall_clock(shift.ends_at, zone)
    until = (
        f"{end:%H:%M}"
        if end.date() == start.date()
        else f"{day(shift.ends_at, language, zone)} {end:%H:%M}"
    )
    return f"{day(shift.starts_at, language, zone)} {start:%H:%M}–{until}"


def line(shift: Shift, language: str, settings: Settings) -> str:
    """One line: title, when, where."""
    zone = settings.organisation.zone
    return i18n.t(
        language,
        "shifts.line",
        title=shift.title,
        when=when(shift, language, zone),
        place=shift.place,
    )


def short(shift: Shift, language: str, settings: Settings) -> str:
    """A button's label: "di 24-11 10:00 Koffieochtend" (plain text, no HTML)."""
    local = wall_clock(shift.starts_at, settings.organisation.zone)
    return (
        f"{day(shift.starts_at, language, settings.organisation.zone)} {local:%H:%M} {shift.title}"
    )


def block(shift: Shift, language: str, settings: Settings) -> str:
    """The shift's details, one per line: what, when, where, the interest it needs, notes."""

    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    zone = settings.organisation.zone
    lines = [t("shifts.block_title", title=shift.title)]
    lines.append(t("shifts.block_when", when=when(shift, language, zone)))
    where = t("shifts.place_in", place=shift.place, wijk=shift.wijk) if shift.wijk else None
    lines.append(t("shifts.block_place", place=shift.place) if where is None else f"📍 {where}")
    interest = interest_label(settings, shift.interest, language)
    if interest:
        lines.append(t("shifts.block_interest", interest=interest))
    if shift.holiday:
        lines.append(t("shifts.block_holiday"))
    if shift.notes:
        lines.append(t("shifts.block_notes", notes=shift.notes))
    if not shift.planned:
        lines.append(t("shifts.block_cancelled"))
    return "\n".join(lines)


def places(needed: int, filled: int, language: str) -> str:
    """ "2 van de 3 plekken bezet" """
    return i18n.t(language, "shifts.places", filled=filled, count=needed)


def offer_buttons(shift: Shift, language: str) -> Keyboard:
    return [
        [
            button(i18n.t(language, "shifts.button_yes"), OnShift(ShiftAct.YES, shift.id).data),
            button(i18n.t(language, "shifts.button_no"), OnShift(ShiftAct.NO, shift.id).data),
        ]
    ]


def signed_up_buttons(shift: Shift, language: str) -> Keyboard:
    """Under a confirmation: the calendar file, and their place in /mijndiensten."""
    return [
        [
            button(i18n.t(language, "shifts.button_ics"), OnShift(ShiftAct.ICS, shift.id).data),
            button(i18n.t(language, "shifts.button_mine"), OnShift(ShiftAct.MINE, shift.id).data),
        ]
    ]


def attendance(shift: Shift, people: list[Named], language: str, settings: Settings) -> str:
    """Who came: everyone present unless marked otherwise."""
    lines = [i18n.raw(language, "shifts.attendance", shift=line(shift, language, settings)), ""]
    for named in people:
        mark = "❌" if named.signup.attended is False else "✅"
        lines.append(f"{mark} {html.escape(named.name, quote=False)}")
    return "\n".join(lines)


def attendance_buttons(shift: Shift, people: list[Named], language: str) -> Keyboard:
    rows = [
        [
            button(
                f"{'❌' if n.signup.attended is False else '✅'} {n.name}",
                OnSignup(SignupAct.TOGGLE, n.signup.id).data,
            )
        ]
        for n in people
    ]
    return [
        *rows,
        [
            button(
                i18n.t(language, "shifts.button_done"),
                OnShift(ShiftAct.ATTENDANCE_DONE, shift.id).data,
            )
        ],
    ]
