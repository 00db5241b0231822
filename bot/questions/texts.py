"""Texts and buttons of questions: the owner's alert and the buttons on a thread."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.core import i18n
from bot.core.config import Settings
from bot.core.message_fit import newest_that_fit, shorten, visible_units
from bot.privacy.texts import kinds
from bot.questions.callbacks import Act, OnQuestion, Reassign
from bot.telegram.outbox import Keyboard, button
from storage.people import Person
from storage.questions import Question, ThreadMessage

# A card stays inside Telegram's 4096 (UTF-16 units, counted after the HTML is parsed): long
# texts are shortened, and the oldest messages give way.
CARD_BUDGET = 3800
CARD_QUESTION = 1200
CARD_MESSAGE = 800


def _shorten(text: str | None, limit: int) -> str | None:
    return shorten(text, limit) if text else text


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
        lines.append(t("privacy.line_kept", kinds=found, reason=question.privacy_reason or ""))
    if question.has_photo:
        lines.append(t("questions.line_photo"))
    lines.append(t("questions.line_due", due=due.strftime("%d-%m-%Y %H:%M")))
    return "\n".join(lines)


def summary(settings: Settings, data: Mapping[str, Any], language: str) -> str:
    """The draft before sending: topic, photo or not, the question."""
    photo = i18n.t(language, "questions.summary_photo") if data.get("photo") else ""
    topic = topic_label(settings, data["topic"], language)
    return i18n.t(language, "questions.summary", topic=topic, photo=photo, text=data["text"])


def _button(key: str, question: Question, act: Act, language: str) -> dict[str, str]:
    return button(i18n.t(language, key), OnQuestion(act, question.id).data)


def answer_button(question: Question, language: str) -> Keyboard:
    return [[_button("questions.answer_button", question, Act.ANSWER, language)]]


def alert_buttons(question: Question, language: str) -> Keyboard:
    """The alert to the owner: answer, pass it on, or answer and publish the answer."""
    reassign = Reassign(question.id).data
    return [
        [
            _button("questions.answer_button", question, Act.ANSWER, language),
            button(i18n.t(language, "questions.reassign_button"), reassign),
        ],
        [_button("questions.all_button", question, Act.ALL, language)],
    ]


def thread_buttons(question: Question, language: str) -> Keyboard:
    return [
        [_button("questions.more_button", question, Act.MORE, language)],
        [_button("questions.done_button", question, Act.DONE, language)],
    ]


def _when(settings: Settings, message: ThreadMessage) -> str:
    return message.created_at.astimezone(settings.organisation.zone).strftime("%d-%m %H:%M")


def card(
    settings: Settings,
    question: Question,
    messages: list[ThreadMessage],
    names: dict[int, str],
    language: str,
) -> str:
    """A question with its thread (bot.questions.threads.Card), newest messages kept whole."""

    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    def name(person_id: int | None) -> str:
        return names.get(person_id, t("questions.someone")) if person_id else t("questions.someone")

    asked = question.created_at.astimezone(settings.organisation.zone).strftime("%d-%m-%Y %H:%M")
    head = [
        t(
            "questions.card_title",
            ref=question.reference,
            topic=topic_label(settings, question.topic, language),
            wijk=question.wijk or "—",
            status=t(f"questions.status_{question.status}"),
        ),
        t("questions.card_asked", name=name(question.asker_id), when=asked),
        t(
            "questions.line_text",
            value=_shorten(question.text, CARD_QUESTION) or t("questions.erased"),
        ),
    ]
    lines = [
        t(
            f"questions.card_{m.kind}",
            name=name(m.author_id),
            when=_when(settings, m),
            text=_shorten(m.body, CARD_MESSAGE) or t("questions.erased"),
        )
        for m in messages
    ]

    def earlier(count: int) -> str:
        return t("questions.card_earlier", count=count)

    budget = CARD_BUDGET - sum(visible_units(h) + 1 for h in head)
    return "\n".join(head) + "\n\n".join(newest_that_fit(lines, budget, earlier, "\n\n"))
