"""The texts of working on a signal: the card with its audit trail, the list line, the notices."""

from __future__ import annotations

from datetime import datetime

from bot.core import i18n
from bot.core.config import Settings
from bot.core.message_fit import newest_that_fit, shorten, visible_units
from bot.privacy.texts import kinds
from bot.signals.callbacks import Act, OnSignal, action
from bot.signals.card import Card, target_of, told_at_once
from bot.signals.texts import category_label
from bot.telegram.outbox import Keyboard, button
from storage.signals import Signal, SignalEvent

# The owner's buttons per status (sig:<action>:<id>); a closed signal has none.
ACTIONS: dict[str, tuple[tuple[str, ...], ...]] = {
    "received": (("pick",), ("contact", "ask"), ("reassign", "close")),
    "picked_up": (("contact", "ask"), ("reassign", "close")),
    "contact_made": (("ask",), ("reassign", "close")),
    "closed": (),
}
# Events whose detail is free text (shown as typed) or a person (shown by name).
_FREE_TEXT = {"question", "answer", "closing_message"}
# A card stays inside Telegram's 4,096 (UTF-16 units after the HTML is parsed): the description
# and each typed text in the history are shortened, and the oldest steps give way to the newest.
CARD_BUDGET = 3900
CARD_DESCRIPTION = 1500
CARD_DETAIL = 500


def is_overdue(signal: Signal, now: datetime) -> bool:
    return signal.status == "received" and signal.pickup_due_at < now


def _local(settings: Settings, moment: datetime, pattern: str = "%d-%m-%Y %H:%M") -> str:
    return moment.astimezone(settings.organisation.zone).strftime(pattern)


def card(
    settings: Settings, view: Card, now: datetime, language: str, budget: int = CARD_BUDGET
) -> str:
    """The signal with its audit trail, in `budget` visible units (the oldest steps give way)."""

    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    signal, names = view.signal, view.names
    lines = [
        t(
            "signal_work.card_title",
            ref=signal.reference,
            status=t(f"signals.status_{signal.status}"),
        ),
        t("signal_work.line_owner", value=names.get(signal.owner_id or 0, "—")),
        t("signals.line_reporter", value=names.get(signal.reporter_id or 0, "—")),
        t("signals.line_category", value=category_label(settings, signal.category, language)),
        t("signals.line_wijk", value=signal.wijk or "—"),
        t("signals.line_urgency", value=t(f"signals.urgency_{signal.urgency}")),
        t("signals.line_consent", value=t(f"signals.consent_{signal.consent}")),
        t(
            "signals.line_description",
            value=shorten(signal.description, CARD_DESCRIPTION) if signal.description else "—",
        ),
    ]
    if signal.privacy_kept:
        kept = kinds(signal.privacy_kept, language)
        lines.append(t("privacy.line_kept", kinds=kept, reason=signal.privacy_reason or ""))
    if signal.latitude is not None and signal.longitude is not None:
        lat, lon = f"{signal.latitude:.5f}", f"{signal.longitude:.5f}"
        lines.append(t("signals.line_position", lat=lat, lon=lon))
    if signal.has_photo:
        lines.append(t("signal_work.line_photo"))
    if signal.status == "received":
        due = _local(settings, signal.pickup_due_at)
        late = is_overdue(signal, now)
        lines.append(t("signal_work.overdue" if late else "signals.alert_due", due=due))
    lines += ["", t("signal_work.trail_title")]
    trail = [_event_line(settings, event, names, language) for event in view.events]
    budget -= visible_units("\n".join(lines))
    lines += newest_that_fit(trail, budget, lambda n: t("signal_work.trail_earlier", count=n))
    return "\n".join(lines)


def _event_line(
    settings: Settings, event: SignalEvent, names: dict[int, str], language: str
) -> str:
    when = _local(settings, event.created_at, "%d-%m %H:%M")
    who = (
        names.get(event.actor_id or 0, "—")
        if event.actor_id
        else i18n.t(language, "signal_work.system")
    )
    target = names.get(target_of(event) or 0, "—")
    detail = shorten(event.detail, CARD_DETAIL) if event.detail else ""
    action = event.action
    if action == "closed":
        detail = i18n.t(language, f"signal_work.outcome_{detail}")
    elif action == "reassigned":
        detail = detail.split(": ", 1)[1] if ": " in detail else ""
    elif action == "out_of_hours":
        told = ", ".join(names.get(n, "—") for n in told_at_once(event)) or "—"
        action += "_nobody" if event.detail == "to nobody" else ""  # anonymised: no detail
        target = told
    known = i18n.catalog(language).get(f"signal_work.event_{action}")
    key = f"signal_work.event_{action}" if known else "signal_work.event_other"
    text = i18n.t(language, key, who=who, target=target, detail=detail, action=event.action)
    return f"{when} · {text}"


def card_buttons(signal: Signal, language: str) -> Keyboard:
    rows = [
        [button(i18n.t(language, f"signals.action_{a}"), action(a, signal.id).data) for a in row]
        for row in ACTIONS.get(signal.status, ())
    ]
    if signal.has_photo:
        rows.append(
            [
                button(
                    i18n.t(language, "signal_work.photo_button"),
                    OnSignal(Act.PHOTO, signal.id).data,
                )
            ]
        )
    return rows


def list_label(settings: Settings, signal: Signal, now: datetime, language: str) -> str:
    parts = [
        signal.reference,
        category_label(settings, signal.category, language),
        signal.wijk or "—",
        i18n.t(language, f"signals.status_{signal.status}"),
    ]
    label = " · ".join(parts)
    return ("⏰ " + label) if is_overdue(signal, now) else label


def status_notice(signal: Signal, status: str, message: str | None, language: str) -> str:
    """What the volunteer hears: the step, never the case details."""
    text = i18n.t(language, f"signal_work.notice_{status}", ref=signal.reference)
    if message:
        text += "\n\n" + i18n.t(language, "signal_work.notice_message", message=message)
    return text


def question(signal: Signal, question_text: str, language: str) -> str:
    return i18n.t(language, "signal_work.question", ref=signal.reference, question=question_text)


def answer_button(signal_id: int, language: str) -> Keyboard:
    data = OnSignal(Act.ANSWER, signal_id).data
    return [[button(i18n.t(language, "signal_work.answer_button"), data)]]


def answer_to_owner(signal: Signal, name: str, answer: str, language: str) -> str:
    return i18n.t(
        language, "signal_work.answer_received", ref=signal.reference, name=name, answer=answer
    )


def view_button(signal_id: int, language: str) -> Keyboard:
    data = OnSignal(Act.VIEW, signal_id).data
    return [[button(i18n.t(language, "signal_work.view_button"), data)]]


def heading(settings: Settings, signal: Signal, language: str) -> str:
    """ "S-0001 · Eenzaamheid · Noord": which signal, without the resident's details."""
    category = category_label(settings, signal.category, language)
    return " · ".join((signal.reference, category, signal.wijk or "—"))


def passed_on_alert(
    settings: Settings, view: Card, by: str, reason: str, now: datetime, language: str
) -> str:
    """What the new owner gets: who passed it on and why, then the card as the signal stands
    (picked up, asked, contact made...), not the first alert's "Nieuw signaal"."""
    head = i18n.t(language, "signal_work.reassigned_to_you", name=by, reason=reason)
    budget = CARD_BUDGET - visible_units(head) - 2
    return f"{head}\n\n{card(settings, view, now, language, budget)}"


def taken_from(signal: Signal, by: str, to: str, language: str) -> str:
    return i18n.t(language, "signal_work.taken_from_you", ref=signal.reference, name=by, to=to)
