"""Readable cards about a person, for themselves and for coordinators."""

from __future__ import annotations

import html
from datetime import datetime

from bot.core import i18n
from bot.core.config import Settings
from bot.people.own_pause import last_day
from storage.people import Person, Role


def _join(values: list[str], language: str) -> str:
    return ", ".join(values) if values else i18n.t(language, "profile.not_given")


def _lines(person: Person, language: str, settings: Settings) -> list[str]:

    def t(key: str, **params: object) -> str:
        return i18n.t(language, key, **params)

    esc = html.escape
    lines = [
        t("profile.line_name", value=person.name),
        t("profile.line_role", value=t(f"roles.{person.role}")),
        t("profile.line_wijk", value=person.wijk or t("registration.no_wijk")),
        t("profile.line_language", value=t(f"language.name_{person.language}")),
    ]
    if person.role is Role.VOLUNTEER:
        labels = {c.key: c.label(language) for c in settings.organisation.interests}
        interests = [labels.get(k, k) for k in person.interests]
        availability = [t(f"availability.{k}") for k in person.availability]
        max_shifts = str(person.max_shifts_per_week) if person.max_shifts_per_week else None
        lines += [
            i18n.raw(language, "profile.line_interests", value=esc(_join(interests, language))),
            i18n.raw(
                language, "profile.line_availability", value=esc(_join(availability, language))
            ),
            t("profile.line_max_shifts", value=max_shifts or t("profile.not_given")),
            t("profile.line_motivation", value=person.motivation or t("profile.not_given")),
        ]
    return lines


# Their own pause in words, per place: (without an end date, until a day).
_OWN_PAUSE = {
    "line": ("pause.line_open", "pause.line_until"),
    "card": ("pause.card_open", "pause.card_until"),
    "list": ("pause.list_open", "pause.list_until"),
}


def own_pause_text(
    person: Person, language: str, settings: Settings, now: datetime, kind: str
) -> str:
    """Their own pause in words ("line" for them, "card" and "list" for coordinators); "" when
    they have none now."""
    pause = person.own_pause_at(now)
    if pause is None:
        return ""
    day = last_day(pause, settings.organisation.zone)
    without_end, until = _OWN_PAUSE[kind]
    if day is None:
        return i18n.t(language, without_end)
    shown = day.strftime("%d-%m" if kind == "list" else "%d-%m-%Y")
    return i18n.t(language, until, day=shown)


def profile_card(person: Person, language: str, settings: Settings, now: datetime) -> str:
    """The person's own view of their profile, with their own pause and its reason."""
    lines = [i18n.t(language, "profile.title"), *_lines(person, language, settings)]
    pause = person.own_pause_at(now)
    if pause is not None:
        lines.append(own_pause_text(person, language, settings, now, "line"))
        if pause.reason:
            lines.append(i18n.t(language, "pause.status_reason", reason=pause.reason))
    return "\n".join(lines)


def person_card(person: Person, language: str, settings: Settings, now: datetime) -> str:
    """What a coordinator sees of someone: the profile plus status, their own pause (not its
    reason) and reachability."""
    extra = [
        i18n.t(language, "people.line_status", value=i18n.t(language, f"status.{person.status}")),
        i18n.t(
            language,
            "people.line_joined",
            value=person.created_at.astimezone(settings.organisation.zone).strftime("%d-%m-%Y"),
        ),
    ]
    pause = own_pause_text(person, language, settings, now, "card")
    if pause:
        extra.append(pause)
    if not person.reachable:
        extra.append(i18n.t(language, "people.unreachable"))
    return "\n".join(
        [f"<b>{html.escape(person.name)}</b>", *_lines(person, language, settings), *extra]
    )
