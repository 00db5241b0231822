"""A check-in in words: the one message that grows as it is answered, and its buttons.

The message shows the questions answered so far ("Hoe gaat het? 😊") and the current question
with one button per answer; at the end the thanks, and who will be in touch when something
was worrying. The same view serves the first message (outbox), a tap (an edit) and the reminder.
"""

from __future__ import annotations

from bot.consultation import callbacks
from bot.consultation import questions as asked
from bot.core import i18n
from bot.telegram.outbox import Keyboard, button
from storage.checkins import Checkin

View = tuple[str, Keyboard | None]


def answer_label(language: str, question: str, answer: str) -> str:
    return i18n.t(language, f"consultation.a_{question}_{answer}")


def answered_lines(language: str, checkin: Checkin) -> list[str]:
    lines = []
    for key in checkin.questions:
        if key == asked.NOTE:
            if checkin.note:
                lines.append(i18n.t(language, "consultation.note_given", note=checkin.note))
            continue
        answer = checkin.answers.get(key)
        if answer is not None:
            label = answer_label(language, key, answer)
            lines.append(
                i18n.t(language, "consultation.answered", question=_q(language, key), answer=label)
            )
    return lines


def _q(language: str, key: str) -> str:
    return i18n.t(language, f"consultation.q_{key}")


def _keyboard(language: str, checkin: Checkin, question: str) -> Keyboard:
    options = asked.TAPPED[question].answers
    return [
        [
            button(
                answer_label(language, question, answer),
                callbacks.Answer(checkin.id, question, answer).data,
            )
            for answer in options
        ]
    ]


def checkin_view(language: str, checkin: Checkin, name: str, contact: str) -> View:
    """The check-in as it stands: what is answered and the next question, or the thanks."""
    head = [i18n.t(language, "consultation.checkin_title")]
    if checkin.induction:
        head.append(i18n.t(language, "consultation.checkin_intro_new", name=name, contact=contact))
    else:
        head.append(i18n.t(language, "consultation.checkin_intro", name=name, contact=contact))
    lines = answered_lines(language, checkin)
    body = "\n".join([*head, "", *lines]) if lines else "\n".join(head)
    current = asked.next_question(checkin.questions, checkin.answers)
    if checkin.finished:
        return f"{body}\n\n{thanks(language, checkin, contact)}", None
    if current is not None:
        return f"{body}\n\n<b>{_q(language, current)}</b>", _keyboard(language, checkin, current)
    # Only the note is left.
    done = [[button(i18n.t(language, "consultation.no_note"), callbacks.NoNote(checkin.id).data)]]
    return f"{body}\n\n<b>{_q(language, asked.NOTE)}</b>", done


def thanks(language: str, checkin: Checkin, contact: str) -> str:
    if asked.worries(checkin.answers, checkin.note):
        return i18n.t(language, "consultation.thanks_follow_up", contact=contact)
    return i18n.t(language, "consultation.thanks", contact=contact)


def reasons_text(language: str, checkin: Checkin) -> str:
    """The worrying answers in words: "Hoe gaat het? ☹️ · Werk: te veel"."""
    parts = []
    for key in asked.worries(checkin.answers, checkin.note):
        if key == asked.NOTE:
            parts.append(i18n.t(language, "consultation.reason_note", note=checkin.note or ""))
        else:
            answer = i18n.t(language, f"consultation.a_{key}_{checkin.answers[key]}")
            parts.append(i18n.t(language, f"consultation.reason_{key}", answer=answer))
    return "\n".join(parts)


def close_keyboard(language: str, followup_id: int) -> Keyboard:
    data = callbacks.FollowupCard(followup_id, close=True).data
    return [[button(i18n.t(language, "consultation.close"), data)]]


def first_name(name: str) -> str:
    """Introductions and check-ins use first names only."""
    return name.split()[0] if name.split() else name
