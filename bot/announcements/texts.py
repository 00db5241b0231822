"""The sender's texts: the status message while it goes, the report, the card and its buttons.

A copy itself is bot.announcements.copies; these are what the sender (or another coordinator)
reads about it, rendered in the reader's language from announcements.toml.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.announcements import picker
from bot.announcements.callbacks import Act, OnAnnouncement
from bot.core import i18n
from bot.core.config import Settings
from bot.core.message_fit import shorten
from bot.people import audiences
from bot.telegram.outbox import Keyboard, button
from storage.announcement_recipients import Acknowledgements
from storage.announcements import Announcement, Kind, State
from storage.timestamps import from_db

PREVIEW_UNITS = 60
NAMES_SHOWN = 20


def number(count: int, language: str) -> str:
    """1.000 in Dutch, 1,000 in English."""
    return f"{count:,}".replace(",", "." if language == "nl" else ",")


def when(moment: datetime, zone: ZoneInfo, language: str, this_year: int) -> str:
    """ "do 24-12 09:00": a weekday, the date and the time where the organisation is; with the
    year ("do 24-12-2027 09:00") when it is not this year, so a day typed without one that
    already passed (and so means next year) never goes unnoticed."""
    local = moment.astimezone(zone)
    day = i18n.t(language, f"announcements.day_{local.weekday()}")
    date = "%d-%m" if local.year == this_year else "%d-%m-%Y"
    return f"{day} {local.strftime(date + ' %H:%M')}"


def year_of(now: datetime, zone: ZoneInfo) -> int:
    """This year where the organisation is."""
    return now.astimezone(zone).year


@dataclass(frozen=True)
class Standing:
    """Where an announcement's copies stand (storage.outbox tally of its 'to' rows)."""

    delivered: int = 0
    waiting: int = 0
    unreachable: int = 0
    failed: int = 0
    withdrawn: int = 0
    paused_until: datetime | None = None  # waiting for the end of the quiet hours

    @classmethod
    def of(cls, tally: dict[str, int], paused_until: datetime | None = None) -> Standing:
        return cls(
            delivered=tally.get("sent", 0) + tally.get("void", 0),
            waiting=tally.get("pending", 0),
            unreachable=tally.get("unreachable", 0),
            failed=tally.get("failed", 0),
            withdrawn=tally.get("withdrawn", 0),
            paused_until=paused_until,
        )

    @property
    def settled(self) -> int:
        return self.delivered + self.unreachable + self.failed + self.withdrawn

    @property
    def missed(self) -> int:
        return self.unreachable + self.failed


def summary(settings: Settings, data: Mapping[str, Any], language: str) -> str:
    """Under the preview: to whom and how many, important, urgent, when; then the question."""

    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    audience = audiences.describe(picker.audience(data), language, settings)
    reach = int(data.get("reach") or 0)
    lines = [
        t("announcements.summary_title"),
        t("announcements.line_to", audience=audience),
        t("announcements.summary_reach", count=reach, number=number(reach, language)),
    ]
    if data.get("unreachable"):
        lines.append(t("announcements.summary_unreachable", count=data["unreachable"]))
    lines.append(t(f"announcements.summary_important_{data.get('important', 'no')}"))
    urgent = data.get("urgent") == "yes"
    lines.append(t("announcements.summary_urgent" if urgent else "announcements.summary_calm"))
    at = data.get("at")
    zone, this_year = settings.organisation.zone, int(data.get("year") or 0)
    moment = when(from_db(at), zone, language, this_year) if at else None
    lines.append(
        t("announcements.summary_at", at=moment) if moment else t("announcements.summary_now")
    )
    return "\n".join([*lines, "", t("announcements.summary_question")])


def correction_summary(data: Mapping[str, Any], language: str) -> str:
    reference = str(data.get("reference", ""))
    title = i18n.t(language, "announcements.fix_title", reference=reference)
    return f"{title}\n\n{i18n.t(language, 'announcements.fix_question')}"


def progress(language: str, reference: str, done: int, total: int, paused: str | None) -> str:
    """ "Mededeling A-0012: verstuurd 420 van 1.000" (with the pause, when there is one)."""
    text = i18n.t(
        language,
        "announcements.progress",
        reference=reference,
        done=number(done, language),
        total=number(total, language),
    )
    if paused is not None:
        text += "\n" + i18n.t(language, "announcements.paused", until=paused)
    return text


def preview_of(announcement: Announcement, language: str) -> str:
    """The first words, for lists and reports."""
    content = announcement.content
    words = " ".join(content.body.split()) or i18n.t(language, f"announcements.kind_{content.kind}")
    return shorten(words, PREVIEW_UNITS)


def card(
    language: str,
    announcement: Announcement,
    audience: str,
    standing: Standing,
    acks: Acknowledgements,
    zone: ZoneInfo,
    now: datetime,
) -> str:
    """The report: who it went to, delivered, unreachable, failed, and how many read it."""

    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    a, this_year = announcement, year_of(now, zone)
    lines = [
        t(f"announcements.title_{a.status}", reference=a.reference),
        t("announcements.line_text", text=preview_of(a, language)),
        t("announcements.line_to", audience=audience),
    ]
    if a.content.kind is not Kind.TEXT:
        lines.append(t(f"announcements.line_{a.content.kind}"))
    if a.urgent:
        lines.append(t("announcements.line_urgent"))
    if a.status is State.SCHEDULED or a.status is State.CANCELLED:
        lines.append(t("announcements.line_at", at=when(a.send_at, zone, language, this_year)))
        return "\n".join(lines)
    lines.append(t("announcements.line_sent", at=when(a.send_at, zone, language, this_year)))
    lines += _counts(language, a, standing, acks)
    if a.withdrawn_at is not None:
        lines.append(
            t("announcements.line_withdrawn", at=when(a.withdrawn_at, zone, language, this_year))
        )
    if a.reminded_at is not None:
        lines.append(
            t("announcements.line_reminded", at=when(a.reminded_at, zone, language, this_year))
        )
    if a.version:
        lines.append(t("announcements.line_corrected", times=a.version))
    return "\n".join(lines)


def _counts(
    language: str, a: Announcement, standing: Standing, acks: Acknowledgements
) -> list[str]:
    def t(key: str, value: int) -> str:
        return i18n.t(language, key, count=number(value, language))

    lines = [t("announcements.line_delivered", standing.delivered)]
    if standing.waiting:
        lines.append(t("announcements.line_waiting", standing.waiting))
        if standing.paused_until is not None:
            lines.append(i18n.t(language, "announcements.line_paused"))
    lines.append(t("announcements.line_unreachable", standing.unreachable))
    lines.append(t("announcements.line_failed", standing.failed))
    if standing.withdrawn:
        lines.append(t("announcements.line_not_sent", standing.withdrawn))
    if a.important:
        lines.append(
            i18n.t(
                language,
                "announcements.line_read",
                count=number(acks.acknowledged, language),
                of=number(standing.delivered, language),
            )
        )
    return lines


def card_buttons(
    language: str, announcement: Announcement, standing: Standing, acks: Acknowledgements
) -> Keyboard:
    """What can be done with it now: names of the missed and of who did not read it yet,
    remind once, correct, withdraw."""

    def act(key: str, what: Act, /, **params: object) -> list[dict[str, str]]:
        label = i18n.t(language, f"announcements.button_{key}", **params)
        return [button(label, OnAnnouncement(what, announcement.id).data)]

    a = announcement
    if a.status is State.SCHEDULED:
        return [act("cancel", Act.CANCEL), act("list", Act.LIST)]
    rows: Keyboard = []
    if standing.missed:
        rows.append(act("missed", Act.MISSED, count=number(standing.missed, language)))
    if a.status in (State.SENDING, State.SENT):
        if a.important and a.status is State.SENT and acks.acknowledged < standing.delivered:
            rows.append(act("unread", Act.UNREAD))
        if a.important and a.reminded_at is None and a.status is State.SENT:
            rows.append(act("remind", Act.REMIND))
        if a.status is State.SENT:
            rows.append(act("correct", Act.CORRECT))
        rows.append(act("withdraw", Act.WITHDRAW))
    rows.append(act("refresh", Act.SHOW))
    return rows


def corrected(language: str, reference: str, edited: int, failed: int) -> str:
    text = i18n.t(
        language,
        "announcements.corrected",
        reference=reference,
        count=edited,
        number=number(edited, language),
    )
    if failed:
        text += "\n" + i18n.t(
            language, "announcements.corrected_failed", count=number(failed, language)
        )
    return text


@dataclass(frozen=True)
class Removed:
    """What withdrawing did to one kind of message (the copies, or the reminders under them)."""

    deleted: int
    kept: list[str]  # who still has it: older than 48 hours, already gone, or bot blocked


def withdrawn(
    language: str, reference: str, shown: Removed, stopped: int, reminders: Removed
) -> str:
    """What withdrawing did: deleted, stopped before it went, and where it could not; the
    same for the reminders."""

    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    deleted = shown.deleted
    lines = [
        t("announcements.withdrawn", reference=reference),
        t("announcements.withdrawn_deleted", count=deleted, number=number(deleted, language)),
    ]
    if stopped:
        lines.append(t("announcements.withdrawn_stopped", count=number(stopped, language)))
    if shown.kept:
        lines.append(_kept(language, "announcements.withdrawn_kept", shown.kept))
    if reminders.deleted:
        count = reminders.deleted
        lines.append(
            t("announcements.reminders_deleted", count=count, number=number(count, language))
        )
    if reminders.kept:
        lines.append(_kept(language, "announcements.reminders_kept", reminders.kept))
    return "\n".join(lines)


def _kept(language: str, key: str, names: list[str]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    more = len(names) - NAMES_SHOWN
    if more > 0:
        and_more = i18n.t(
            language, "announcements.and_more", count=more, number=number(more, language)
        )
        shown += " " + and_more
    return i18n.t(language, key, count=number(len(names), language), names=shown)
