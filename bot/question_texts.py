"""Texts and buttons of questions: the owner's alert and the buttons on a thread."""

from __future__ import annotations

from bot import i18n
from bot.config import Settings
from bot.outbox import Keyboard, button
from bot.signal_texts import kinds
from storage.people import Person
from storage.questions import Question


def topic_label(settings: Settings, key: str, language: str) -> str:
    topic = settings.organisation.topic(key)
    return topic.label(language) if topic else key


def alert(settings: Settings, question: Question, asker: Person | None, language: str) -> str:
    """The owner's alert: who asked (— once they erased their data), topic, wijk, the
    question, a kept privacy warning, whether a photo follows, and the deadline."""

    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    due = question.answer_due_at.astimezone(settings.organisation.zone)
    lines = [
        t("questions.alert_title", ref=question.reference),
        t("questions.line_asker", value=asker.name if asker else "—"),
        t("questions.line_topic", value=topic_label(settings, question.topic, language)),
        t("questions.line_wijk", value=question.wijk or "—"),
        t("questions.line_text", value=question.text or ""),
    ]
    if question.privacy_kept:
        found = kinds(question.privacy_kept, language)
        lines.append(t("signals.line_kept", kinds=found, reason=question.privacy_reason or ""))
    if question.has_photo:
        lines.append(t("questions.line_photo"))
    lines.append(t("questions.line_due", due=due.strftime("%d-%m-%Y %H:%M")))
    return "\n".join(lines)


def answer_button(question: Question, language: str) -> Keyboard:
    return [[button(i18n.t(language, "questions.answer_button"), f"q:ans:{question.id}")]]


def alert_buttons(question: Question, language: str) -> Keyboard:
    """The alert to the owner: answer, pass it on, or answer and publish the answer."""
    return [
        [
            button(i18n.t(language, "questions.answer_button"), f"q:ans:{question.id}"),
            button(i18n.t(language, "questions.reassign_button"), f"q:re:{question.id}"),
        ],
        [button(i18n.t(language, "questions.all_button"), f"q:all:{question.id}")],
    ]


def thread_buttons(question: Question, language: str) -> Keyboard:
    return [
        [button(i18n.t(language, "questions.more_button"), f"q:more:{question.id}")],
        [button(i18n.t(language, "questions.done_button"), f"q:done:{question.id}")],
    ]
