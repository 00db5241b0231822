"""What a coordinator sees: the coverage of the coming two weeks (unfilled first), a shift's card
with its people and buttons, its history, whom to assign, the fields to change, and the question
before cancelling. Text and buttons in the reader's language; handlers.shifts sends them."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from bot.core import i18n
from bot.core.config import Settings
from bot.scheduling.local_time import wall_clock
from bot.shifts import texts
from bot.shifts.callbacks import (
    AssignList,
    AssignTo,
    CancelShift,
    Change,
    Field,
    ListAct,
    Lists,
    OnShift,
    ShiftAct,
)
from bot.shifts.reading import Card
from bot.telegram.outbox import Keyboard, button
from storage.people import Person
from storage.shift_signups import Named
from storage.shifts import Coverage, Shift, ShiftEvent

View = tuple[str, Keyboard | None]
# The coverage lists this many shifts by name; the rest are counted.
SHOWN = 25


def _mark(coverage: Coverage) -> str:
    return "⚠️" if coverage.short else "✅"


def coverage(found: list[Coverage], language: str, settings: Settings) -> View:
    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    new = [[button(t("shifts.button_new"), Lists(ListAct.NEW).data)]]
    if not found:
        return t("shifts.coverage_none"), new
    short = sum(1 for c in found if c.short)
    lines = [t("shifts.coverage_title", short=short, total=len(found)), ""]
    for c in found[:SHOWN]:
        taken = f"{c.filled + c.held}/{c.shift.needed}"
        lines.append(f"{_mark(c)} {taken} · {texts.line(c.shift, language, settings)}")
    if len(found) > SHOWN:
        lines.append(t("shifts.coverage_more", count=len(found) - SHOWN))
    rows = [
        [
            button(
                f"{_mark(c)} {texts.short(c.shift, language, settings)}",
                OnShift(ShiftAct.CARD, c.shift.id).data,
            )
        ]
        for c in found[:SHOWN]
    ]
    return "\n".join(lines), [*rows, *new]


def card(found: Card, language: str, settings: Settings, started: bool) -> View:
    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    shift = found.coverage.shift
    lines = [texts.block(shift, language, settings)]
    if found.series:
        lines.append(i18n.raw(language, "shifts.card_series", series=found.series))
    lines += ["", texts.places(shift.needed, found.coverage.filled, language)]
    for status in ("confirmed", "called", "standby"):
        names = [
            html.escape(n.name, quote=False) for n in found.people if n.signup.status == status
        ]
        if names:
            lines.append(i18n.raw(language, f"shifts.card_{status}", names=", ".join(names)))
    rows: list[list[dict[str, str]]] = []
    if shift.planned and not started:
        rows += [
            [
                button(
                    t("shifts.button_offer_again"), OnShift(ShiftAct.OFFER_AGAIN, shift.id).data
                ),
                button(t("shifts.button_assign"), AssignList(shift.id).data),
            ],
            [
                button(t("shifts.button_edit"), OnShift(ShiftAct.EDIT, shift.id).data),
                button(
                    t("shifts.button_cancel_shift"), OnShift(ShiftAct.CANCEL_SHIFT, shift.id).data
                ),
            ],
        ]
    if shift.planned and started:
        rows.append(
            [button(t("shifts.button_attendance"), OnShift(ShiftAct.ATTENDANCE, shift.id).data)]
        )
    rows.append(
        [
            button(t("shifts.button_history"), OnShift(ShiftAct.HISTORY, shift.id).data),
            button(t("shifts.button_coverage"), Lists(ListAct.COVERAGE).data),
        ]
    )
    return "\n".join(lines), rows


def back(shift_id: int, language: str) -> Keyboard:
    label = i18n.t(language, "shifts.button_back_card")
    return [[button(label, OnShift(ShiftAct.CARD, shift_id).data)]]


def history(found: Card, language: str, settings: Settings) -> View:
    shift = found.coverage.shift
    zone = settings.organisation.zone
    lines = [
        i18n.raw(language, "shifts.history_title", shift=texts.line(shift, language, settings))
    ]
    for event in found.events:
        lines.append(_event(event, found.names, language, zone))
    return "\n".join(lines), back(shift.id, language)


def _event(event: ShiftEvent, names: dict[int, str], language: str, zone: ZoneInfo) -> str:
    when = f"{wall_clock(event.created_at, zone):%d-%m %H:%M}"
    who = names.get(event.actor_id or 0) or i18n.t(language, "shifts.event_bot")
    about = names.get(event.person_id or 0, "—")
    count = event.detail.split(":")[-1] if event.detail else ""
    what = i18n.t(language, f"shifts.event_{event.action}", person=about, count=count)
    if event.detail and event.action in ("cancelled_late", "assigned"):
        what += f" ({html.escape(event.detail, quote=False)})"
    return f"{when} · {html.escape(who, quote=False)}: {what}"


def assign_list(
    shift: Shift, people: list[Person], more: bool, page: int, language: str, settings: Settings
) -> View:
    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    text = i18n.raw(language, "shifts.assign_choose", shift=texts.line(shift, language, settings))
    if not people:
        text = i18n.raw(
            language, "shifts.assign_nobody", shift=texts.line(shift, language, settings)
        )
    rows = [
        [button(f"{p.name} ({p.wijk})" if p.wijk else p.name, AssignTo(shift.id, p.id).data)]
        for p in people
    ]
    if more:
        rows.append([button(t("shifts.button_more"), AssignList(shift.id, page + 1).data)])
    return text, [*rows, *back(shift.id, language)]


def above_maximum(refused: AssignTo, text: str, language: str) -> View:
    """Refused at their maximum: assign anyway, with a reason (asked next)."""
    over = AssignTo(refused.shift, refused.person, over=True).data
    label = i18n.t(language, "shifts.button_assign_anyway")
    return text, [[button(label, over)], *back(refused.shift, language)]


def edit_menu(shift: Shift, language: str, settings: Settings) -> View:
    text = i18n.raw(language, "shifts.edit_choose", shift=texts.line(shift, language, settings))
    rows = [
        [button(i18n.t(language, f"shifts.field_{f}"), Change(shift.id, f).data)] for f in Field
    ]
    return text, [*rows, *back(shift.id, language)]


def ask_cancel_shift(shift: Shift, language: str, settings: Settings) -> View:
    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    text = i18n.raw(
        language, "shifts.cancel_shift_sure", shift=texts.line(shift, language, settings)
    )
    rows = [[button(t("shifts.button_cancel_one"), CancelShift(shift.id, rest=False).data)]]
    if shift.series_id is not None:
        rows.append([button(t("shifts.button_cancel_rest"), CancelShift(shift.id, rest=True).data)])
    return text, [*rows, *back(shift.id, language)]


def attendance(shift: Shift, people: list[Named], language: str, settings: Settings) -> View:
    return (
        texts.attendance(shift, people, language, settings),
        texts.attendance_buttons(shift, people, language),
    )
