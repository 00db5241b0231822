"""The readable part of /mijngegevens: the person's signals and questions in short, and how
many of each other kind of record there is (the JSON file holds them all, bot.people.my_data)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.core import i18n
from bot.core.config import Settings

# Items listed one by one; the file holds the rest.
LISTED = 10


def summary(data: dict[str, Any], settings: Settings, language: str) -> str:
    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    def day(stamp: str) -> str:  # already local time (bot.people.my_data)
        return datetime.fromisoformat(stamp).strftime("%d-%m-%Y")

    signals, questions = data["signals_reported"], data["questions_asked"]
    lines = [t("profile.mydata_intro"), "", t("profile.mydata_signals", count=len(signals))]
    lines += [
        t(
            "profile.mydata_item_signal",
            ref=s["reference"],
            date=day(s["reported_at"]),
            category=s["category"],
            status=s["status"],
        )
        for s in signals[:LISTED]
    ]
    lines += _more(len(signals), language)
    lines.append(t("profile.mydata_questions", count=len(questions)))
    lines += [
        t(
            "profile.mydata_item_question",
            ref=q["reference"],
            date=day(q["asked_at"]),
            topic=q["topic"],
            status=q["status"],
        )
        for q in questions[:LISTED]
    ]
    lines += _more(len(questions), language)
    hours = data["shift_hours"]
    if data["shift_signups"]:
        count = len(data["shift_signups"])
        lines.append(
            t("shifts.mydata", count=count, done=hours["shifts"], hours=f"{hours['hours']:g}")
        )
    lines += [t(f"profile.mydata_{key}", count=n) for key, n in _counts(data) if n]
    return "\n".join(lines)


def _more(count: int, language: str) -> list[str]:
    return [i18n.t(language, "profile.mydata_more", count=count - LISTED)] if count > LISTED else []


def _counts(data: dict[str, Any]) -> list[tuple[str, int]]:
    texts = (
        sum(len(s["messages"]) for s in data["signals_reported"])
        + sum(len(q["thread"]) for q in data["questions_asked"])
        + len(data["your_messages_on_questions"])
        + len(data["your_steps_on_signals"])
        + len(data["signal_steps_naming_you"])
        + len(data["question_steps_naming_you"])
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
