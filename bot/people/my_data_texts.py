"""The readable part of /mijngegevens: the person's signals and questions in short, and how
many of each other kind of record there is (the JSON file holds them all, bot.people.my_data)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.core import i18n
from bot.core.config import Settings
from bot.questions.texts import topic_label
from bot.signals.texts import category_label
from storage.questions import reference as question_reference
from storage.signals import reference as signal_reference

# Items listed one by one; the file holds the rest.
LISTED = 10


def summary(data: dict[str, Any], settings: Settings, language: str) -> str:
    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    def day(stamp: str) -> str:
        moment = datetime.fromisoformat(stamp).astimezone(settings.organisation.zone)
        return moment.strftime("%d-%m-%Y")

    signals, questions = data["signals_reported"], data["questions_asked"]
    lines = [t("profile.mydata_intro"), "", t("profile.mydata_signals", count=len(signals))]
    lines += [
        t(
            "profile.mydata_item_signal",
            ref=signal_reference(s["id"]),
            date=day(s["created_at"]),
            category=category_label(settings, s["category"], language),
            status=t(f"signals.status_{s['status']}"),
        )
        for s in signals[:LISTED]
    ]
    lines += _more(len(signals), language)
    lines.append(t("profile.mydata_questions", count=len(questions)))
    lines += [
        t(
            "profile.mydata_item_question",
            ref=question_reference(q["id"]),
            date=day(q["created_at"]),
            topic=topic_label(settings, q["topic"], language),
            status=t(f"questions.status_{q['status']}"),
        )
        for q in questions[:LISTED]
    ]
    lines += _more(len(questions), language)
    lines += [t(f"profile.mydata_{key}", count=n) for key, n in _counts(data) if n]
    return "\n".join(lines)


def _more(count: int, language: str) -> list[str]:
    return [i18n.t(language, "profile.mydata_more", count=count - LISTED)] if count > LISTED else []


def _counts(data: dict[str, Any]) -> list[tuple[str, int]]:
    texts = (
        sum(len(s["messages"]) for s in data["signals_reported"])
        + sum(len(q["thread"]) for q in data["questions_asked"])
        + len(data["question_messages_written"])
        + len(data["signal_events_by_you"])
        + len(data["signal_events_naming_you"])
        + len(data["question_messages_naming_you"])
    )
    return [
        ("owned_signals", len(data["signals_owned"])),
        ("owned_questions", len(data["questions_owned"])),
        ("texts", texts),
        ("published", len(data["knowledge_base_published"])),
        ("rules", len(data["routing_rules"])),
        ("absences", len(data["absences"])),
        ("invites", len(data["invites_created"])),
        ("invited", len(data["people_you_invited"])),
        ("checkins", len(data["checkins"])),
        ("followups", len(data["checkin_follow_ups_owned"])),
        ("meetings", len(data["meetings_invited"]) + len(data["meetings_organised"])),
        ("points", len(data["agenda_points"])),
        ("buddies", len(data["buddies"])),
        ("waiting", len(data["messages_waiting"])),
        ("delivered", len(data["messages_delivered"])),
    ]
