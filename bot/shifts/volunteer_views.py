"""What a volunteer sees: the open shifts that fit (/diensten), their own shifts and hours
(/mijndiensten), one shift of theirs, and the answers to their taps. Text and buttons in the
reader's language; handlers.shifts sends them."""

from __future__ import annotations

from datetime import datetime

from bot.core import i18n
from bot.core.config import Settings
from bot.shifts import texts
from bot.shifts.callbacks import CancelReason, ListAct, Lists, OnShift, Reason, ShiftAct
from bot.shifts.outcomes import Cancelled, Declined, Taken
from bot.shifts.reading import Mine, MyShift
from bot.telegram.outbox import Keyboard, button
from storage.shifts import Shift

View = tuple[str, Keyboard | None]


def open_list(shifts: list[Shift], language: str, settings: Settings) -> View:
    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    if not shifts:
        return t("shifts.open_none"), [[button(t("shifts.button_mine"), Lists(ListAct.MINE).data)]]
    lines = [t("shifts.open_title"), ""]
    lines += [f"• {texts.line(s, language, settings)}" for s in shifts]
    rows = [
        [button(f"✅ {texts.short(s, language, settings)}", OnShift(ShiftAct.JOIN, s.id).data)]
        for s in shifts
    ]
    return "\n".join(lines), rows


def mine(found: Mine, language: str, settings: Settings) -> View:
    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    lines = [t("shifts.mine_title"), ""]
    if not found.coming:
        lines.append(t("shifts.mine_none"))
    for signup, shift in found.coming:
        status = t(f"shifts.status_{signup.status}")
        lines.append(f"• {texts.line(shift, language, settings)} · {status}")
    lines += ["", t("shifts.mine_hours", count=found.shifts_done, hours=f"{found.hours:g}")]
    rows = [
        [button(texts.short(shift, language, settings), OnShift(ShiftAct.MINE, shift.id).data)]
        for _, shift in found.coming
    ]
    if found.coming:
        rows.append([button(t("shifts.button_ics_all"), Lists(ListAct.ALL_ICS).data)])
    rows.append([button(t("shifts.button_open"), Lists(ListAct.OPEN).data)])
    return "\n".join(lines), rows


def my_shift(found: MyShift, language: str, settings: Settings) -> View:
    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    shift, signup = found.shift, found.signup
    lines = [texts.block(shift, language, settings), ""]
    if signup.status == "called" and signup.called_until is not None:
        lines.append(t("shifts.you_held", until=_moment(signup.called_until, language, settings)))
    else:
        lines.append(t(f"shifts.you_{signup.status}"))
    if found.swap is not None:
        lines.append(t("shifts.you_swapping"))
    rows = [[button(t("shifts.button_ics"), OnShift(ShiftAct.ICS, shift.id).data)]]
    if signup.status == "confirmed":
        swap = ShiftAct.WITHDRAW_SWAP if found.swap else ShiftAct.SWAP
        label = "shifts.button_come_myself" if found.swap else "shifts.button_swap"
        rows.append([button(t(label), OnShift(swap, shift.id).data)])
    rows.append([button(cancel_label(signup.status, language), _cancel(shift))])
    rows.append([button(t("shifts.button_back_mine"), Lists(ListAct.MINE).data)])
    return "\n".join(lines), rows


def _moment(moment: datetime, language: str, settings: Settings) -> str:
    zone = settings.organisation.zone
    return f"{texts.day(moment, language, zone)} {moment.astimezone(zone):%H:%M}"


def taken(result: Taken, language: str, settings: Settings) -> View:
    block = texts.block(result.shift, language, settings)
    if result.outcome == "confirmed":
        text = i18n.raw(language, "shifts.taken_confirmed", shift=block)
        return text, texts.signed_up_buttons(result.shift, language)
    text = i18n.raw(language, f"shifts.taken_{result.outcome}", shift=block)
    if result.outcome in ("standby", "already_standby"):  # the way off the standby list
        return text, [
            [button(cancel_label("standby", language), _cancel(result.shift))],
            [button(i18n.t(language, "shifts.button_mine"), Lists(ListAct.MINE).data)],
        ]
    return text, None


def declined(result: Declined, language: str, settings: Settings) -> View:
    """The "no" taken; or, on the shift already, that they are, and the way off it."""
    block = texts.block(result.shift, language, settings)
    if result.signed_up is None:
        return i18n.raw(language, "shifts.declined", shift=block), None
    status = result.signed_up.status  # standby, called (a place held for them) or confirmed
    keys = {"standby": "shifts.no_but_standby", "called": "shifts.no_but_held"}
    note = i18n.t(language, keys.get(status, "shifts.no_but_signed_up"))
    return f"{block}\n\n{note}", [
        [button(cancel_label(status, language), _cancel(result.shift))],
        [button(i18n.t(language, "shifts.button_back_mine"), Lists(ListAct.MINE).data)],
    ]


def cancel_label(status: str, language: str) -> str:
    """ "Afmelden", or for a place on standby "Van de reservelijst af"."""
    key = "shifts.button_leave_standby" if status == "standby" else "shifts.button_cancel"
    return i18n.t(language, key)


def _cancel(shift: Shift) -> str:
    return OnShift(ShiftAct.CANCEL, shift.id).data


def _sure(shift: Shift) -> str:
    return OnShift(ShiftAct.CANCEL_SURE, shift.id).data


def ask_cancel(found: MyShift, late: bool, language: str, settings: Settings) -> View:
    """Before the cut-off: are you sure? After it: why (a tap, or typed)? On standby: leave
    the standby list?"""

    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    shift = found.shift
    line = texts.line(shift, language, settings)
    if found.signup.status == "standby":
        return i18n.raw(language, "shifts.leave_standby_sure", shift=line), [
            [button(t("shifts.button_leave_standby_yes"), _sure(shift))],
            [button(t("shifts.button_leave_standby_no"), OnShift(ShiftAct.MINE, shift.id).data)],
        ]
    if not late:
        return i18n.raw(language, "shifts.cancel_sure", shift=line), [
            [button(t("shifts.button_cancel_yes"), _sure(shift))],
            [button(t("shifts.button_cancel_no"), OnShift(ShiftAct.MINE, shift.id).data)],
        ]
    return i18n.raw(language, "shifts.cancel_why", shift=line), [
        [button(t(f"shifts.reason_{r}"), CancelReason(shift.id, r).data)] for r in Reason
    ]


def cancelled(result: Cancelled, language: str) -> View:
    key = "shifts.cancelled_late" if result.late else "shifts.cancelled_done"
    if result.standby:
        key = "shifts.left_standby"
    return i18n.t(language, key), [
        [button(i18n.t(language, "shifts.button_mine"), Lists(ListAct.MINE).data)]
    ]


def swap_asked(asked: int, shift: Shift, language: str) -> View:
    if asked:
        return i18n.t(language, "shifts.swap_asked", count=asked), None
    return i18n.t(language, "shifts.swap_nobody"), [
        [button(i18n.t(language, "shifts.button_cancel"), OnShift(ShiftAct.CANCEL, shift.id).data)]
    ]


def shift_note(shift: Shift, key: str, language: str, settings: Settings) -> View:
    """The shift's details with one line under them (still coming, swap taken, ...)."""
    block = texts.block(shift, language, settings)
    return block + "\n\n" + i18n.t(language, key), None
