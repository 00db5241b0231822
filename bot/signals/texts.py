"""The texts of a signal: the draft's summary, the professional's alert, the volunteer's receipt."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.core import i18n
from bot.core.config import OTHER_CATEGORY, Settings
from bot.privacy.texts import kinds
from bot.signals.callbacks import action
from bot.telegram.outbox import Keyboard, button
from storage.people import Person
from storage.signals import Signal, reference

# The professional's actions on an alert (bot.signals.callbacks.action).
ALERT_ACTIONS = (("pick",), ("contact", "ask"), ("reassign", "close"))
PREVIEW_WORDS = 6


def category_label(settings: Settings, key: str, language: str) -> str:
    for category in settings.organisation.categories:
        if category.key == key:
            return category.label(language)
    if key == OTHER_CATEGORY:
        return i18n.t(language, "signals.category_other")
    return key  # a category removed from the configuration since


def safety(language: str) -> str:
    return i18n.t(language, "signals.safety")


def summary(
    settings: Settings,
    data: Mapping[str, Any],
    kept: tuple[list[str], str | None],
    language: str,
) -> str:
    """The draft as the volunteer sees it before sending; `kept`: identifying data kept on
    purpose, and why."""

    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    lines = [
        t("signals.summary_title"),
        t("signals.line_category", value=category_label(settings, data["category"], language)),
        t("signals.line_wijk", value=data.get("wijk") or "—"),
        t("signals.line_urgency", value=t(f"signals.urgency_{data['urgency']}")),
        t("signals.line_consent", value=t(f"signals.consent_{data['consent']}")),
        t("signals.line_photo", value=t("signals.yes" if data.get("photo") else "signals.no")),
        t(
            "signals.line_location",
            value=t("signals.yes" if data.get("location") else "signals.no"),
        ),
        t("signals.line_description", value=data["description"]),
    ]
    found, reason = kept
    if found:
        lines.append(t("privacy.line_kept", kinds=kinds(found, language), reason=reason or ""))
    lines.append("")
    lines.append(t("signals.summary_question"))
    return "\n".join(lines)


def alert(settings: Settings, signal: Signal, reporter: Person, language: str) -> str:
    """What the accountable professional receives, in their language."""

    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    lines = [
        t("signals.alert_title", ref=signal.reference),
        t("signals.line_reporter", value=reporter.name),
        t("signals.line_category", value=category_label(settings, signal.category, language)),
        t("signals.line_wijk", value=signal.wijk or "—"),
        t("signals.line_urgency", value=t(f"signals.urgency_{signal.urgency}")),
        t("signals.line_consent", value=t(f"signals.consent_{signal.consent}")),
        t("signals.line_description", value=signal.description or ""),
    ]
    if signal.privacy_kept:
        lines.append(
            t(
                "privacy.line_kept",
                kinds=kinds(signal.privacy_kept, language),
                reason=signal.privacy_reason or "",
            )
        )
    if signal.latitude is not None and signal.longitude is not None:
        lines.append(
            t("signals.line_position", lat=f"{signal.latitude:.5f}", lon=f"{signal.longitude:.5f}")
        )
    if signal.has_photo:
        lines.append(t("signals.photo_attached"))
    lines.append(t("signals.alert_due", due=_local(settings, signal)))
    return "\n".join(lines)


def _local(settings: Settings, signal: Signal) -> str:
    return signal.pickup_due_at.astimezone(settings.organisation.zone).strftime("%d-%m-%Y %H:%M")


def alert_buttons(signal_id: int, language: str) -> Keyboard:
    return [
        [button(i18n.t(language, f"signals.action_{a}"), action(a, signal_id).data) for a in row]
        for row in ALERT_ACTIONS
    ]


def receipt(signal: Signal, promise: str, language: str) -> str:
    """The reference, the promise (bot.signals.deadlines) and why the volunteer will not hear
    everything."""
    head = i18n.t(language, "signals.receipt", ref=signal.reference)
    return f"{head}\n{promise} {i18n.t(language, 'signals.receipt_privacy')}"


def preview(description: str | None) -> str:
    """The first words of a description: enough for the reporter to recognise their signal."""
    words = (description or "").split()
    shown = " ".join(words[:PREVIEW_WORDS])
    return shown + (" …" if len(words) > PREVIEW_WORDS else "")


def my_signal_line(signal: Signal, settings: Settings, language: str) -> str:
    return i18n.t(
        language,
        "signals.mine_line",
        ref=reference(signal.id),
        date=signal.created_at.astimezone(settings.organisation.zone).strftime("%d-%m-%Y"),
        category=category_label(settings, signal.category, language),
        status=i18n.t(language, f"signals.status_{signal.status}"),
        preview=preview(signal.description),
    )
