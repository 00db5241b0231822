"""Texts and buttons of questions: the owner's alert and the buttons on a thread."""

from __future__ import annotations

from bot.core import i18n
from bot.core.config import Settings
from bot.core.message_fit import newest_that_fit, shorten, visible_units
from bot.privacy.texts import kinds
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
