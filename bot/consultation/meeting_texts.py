"""Meetings in words: the invitation with its buttons, the organiser's list, the reminder and
the agenda points sent the day before."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.consultation import callbacks
from bot.core import i18n
from bot.telegram.outbox import Keyboard, button
from storage.meetings import AgendaPoint, Meeting, Rsvp
from storage.people import Person

View = tuple[str, Keyboard | None]


def when_text(language: str, meeting: Meeting, zone: ZoneInfo) -> str:
    """The day, date and hours: "dinsdag 01-12-2026, 19:30-21:00" (with an en dash)."""
    start, end = meeting.starts_at.astimezone(zone), meeting.ends_at.astimezone(zone)
    weekday = i18n.t(language, f"common.weekday_{start.weekday()}")
    return f"{weekday} {start:%d-%m-%Y}, {start:%H:%M}–{end:%H:%M}"


def kind_label(language: str, meeting: Meeting) -> str:
    return i18n.t(language, f"consultation.kind_{meeting.kind.value}")


def facts(language: str, meeting: Meeting, zone: ZoneInfo) -> str:
    return i18n.t(
        language,
        "consultation.meeting_facts",
        kind=kind_label(language, meeting),
        title=meeting.title,
        when=when_text(language, meeting, zone),
        place=meeting.place or "—",
    )


def rsvp_keyboard(language: str, meeting: Meeting, chosen: Rsvp | None) -> Keyboard:
    def label(value: Rsvp) -> str:
        text = i18n.t(language, f"consultation.rsvp_{value.value}")
        return f"{text} ✓" if value is chosen else text

    row = [button(label(v), callbacks.MeetingPress("r", meeting.id, v.value).data) for v in Rsvp]
    return [
        row,
        [
            button(
                i18n.t(language, "consultation.add_to_calendar"),
                callbacks.MeetingPress("ics", meeting.id).data,
            ),
            button(
                i18n.t(language, "consultation.bring_in"),
                callbacks.MeetingPress("p", meeting.id).data,
            ),
        ],
    ]


def invitation(
    language: str, meeting: Meeting, chosen: Rsvp | None, zone: ZoneInfo, invited: bool = True
) -> View:
    """The invitation; `invited` False for the organiser's own card (no "will you come?")."""
    lines = [i18n.t(language, "consultation.invitation_title"), facts(language, meeting, zone)]
    if invited:
        said = f"consultation.you_said_{chosen.value}" if chosen else "consultation.will_you_come"
        lines += ["", i18n.t(language, said)]
    return "\n".join(lines), rsvp_keyboard(language, meeting, chosen)


def organiser_lines(
    language: str,
    counts: dict[str, int],
    guests: list[tuple[Person, Rsvp | None]],
    points: list[AgendaPoint],
) -> list[str]:
    lines = ["", i18n.t(language, "consultation.rsvp_counts", **counts)]
    for value in (Rsvp.YES, Rsvp.MAYBE, Rsvp.NO, None):
        names = [p.name for p, rsvp in guests if rsvp is value]
        if names:
            key = (
                f"consultation.rsvp_list_{value.value}" if value else "consultation.rsvp_list_open"
            )
            lines.append(i18n.t(language, key, names=", ".join(names)))
    if points:
        lines.append(i18n.t(language, "consultation.points_count", count=len(points)))
    return lines


def cancelled(language: str, meeting: Meeting, zone: ZoneInfo) -> str:
    return "\n".join(
        [
            i18n.t(language, "consultation.meeting_cancelled_title"),
            facts(language, meeting, zone),
            "",
            i18n.t(language, "consultation.meeting_cancelled_body"),
        ]
    )


def moved(language: str, meeting: Meeting, zone: ZoneInfo) -> View:
    """The invitation again, with the new moment, asking again."""
    text, keyboard = invitation(language, meeting, None, zone)
    title = i18n.t(language, "consultation.invitation_title")
    return text.replace(title, i18n.t(language, "consultation.meeting_moved_title"), 1), keyboard


def reminder(language: str, meeting: Meeting, zone: ZoneInfo) -> str:
    return "\n".join(
        [i18n.t(language, "consultation.meeting_reminder"), facts(language, meeting, zone)]
    )


def agenda(
    language: str, meeting: Meeting, points: list[tuple[str, AgendaPoint]], zone: ZoneInfo
) -> str:
    head = [i18n.t(language, "consultation.agenda_title"), facts(language, meeting, zone), ""]
    if not points:
        return "\n".join([*head, i18n.t(language, "consultation.agenda_none")])
    body = [i18n.t(language, "consultation.agenda_point", name=n, text=p.text) for n, p in points]
    return "\n".join(head + body)
