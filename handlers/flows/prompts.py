"""What each kind of step asks, with its buttons, and how an answer reads under its question.

The texts come from the step's catalog keys (bot/flows/steps.py); the buttons' data from the
draft's table (`Draft.button`), so a step's buttons are always the ones its table reads back.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from telegram import InlineKeyboardMarkup

from bot.core import i18n
from bot.flows.draft import EDITING, PROMPT, REWRITING, Draft, StepPress
from bot.flows.steps import (
    CANCEL,
    DONE,
    DROP,
    EDIT,
    KEEP,
    REMOVE,
    REWRITE,
    SEND,
    SKIP,
    Choice,
    Location,
    Photo,
    Privacy,
    Step,
    Summary,
    Text,
    Ticks,
)
from bot.privacy.texts import kinds
from handlers.core.context import BotContext
from handlers.core.rendering import in_rows, inline
from handlers.flows.choices import label_of
from storage.flows import Flow

Rows = list[list[tuple[str, str]]]


def prompt(
    draft: Draft, context: BotContext, flow: Flow
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The question of the draft's current step, and its buttons."""
    step, data, t = draft.at(flow), flow.data, context.t
    if isinstance(step, Summary):
        text = step.text(context.services.settings, data, context.language)
        return text, inline(_summary_rows(draft, context, data))
    if isinstance(step, Privacy):
        if flow.step == step.reason:
            return t(step.ask_reason), None
        found = kinds(step.record(data)["found"], context.language)
        rewrite = (t("privacy.rewrite"), draft.button(step.name, REWRITE))
        keep = (t("privacy.keep"), draft.button(step.name, KEEP))
        return t(step.ask, kinds=found), inline([[rewrite], [keep]])
    rows = _rows(draft, context, step, data)
    privacy = draft.privacy_of(step)
    if data.get(REWRITING) and privacy is not None:
        # Not the step's own question: that may name buttons this message does not carry.
        found = kinds(privacy.record(data)["found"], context.language)
        return t("privacy.ask_rewrite", kinds=found), inline(rows) if rows else None
    params = _params(data) | ({"limit": step.limit} if isinstance(step, Text) else {})
    return t(step.ask, **params), inline(rows) if rows else None


def _rows(draft: Draft, context: BotContext, step: Step, data: Mapping[str, Any]) -> Rows:
    t, settings, lang = context.t, context.services.settings, context.language

    def button(label: str, value: str) -> tuple[str, str]:
        return label, draft.button(step.name, value)

    rows: Rows = []
    if isinstance(step, Choice):
        options = step.options(settings, data, lang)
        rows = in_rows([button(o.label, o.value) for o in options], step.columns)
    elif isinstance(step, Ticks):
        chosen = data.get(step.field) or []
        options = step.options(settings, data, lang)
        rows = in_rows(
            [button(("✅ " if o.keeps() in chosen else "") + o.label, o.value) for o in options]
        )
        rows.append([button(t("common.done"), DONE)])
    if isinstance(step, Choice | Text) and step.skip:
        rows.append([button(t("common.skip"), SKIP)])
    if isinstance(step, Photo | Location):
        rows.append([button(t(step.skip), SKIP)])
        removable = step.remove is not None and data.get(step.field)
        if removable and not (isinstance(step, Photo) and step.remove_on_summary):
            rows.append([button(t(step.remove or ""), REMOVE)])
    return rows


def _summary_rows(draft: Draft, context: BotContext, data: Mapping[str, Any]) -> Rows:
    """Send; the edit buttons in twos; what can be taken out (a photo) on its own; stop."""
    t, summary = context.t, draft.summary
    edits, drops = [], []
    for step in draft.editable(data):
        if isinstance(step, Photo) and step.remove_on_summary and data.get(step.field):
            drops.append([(t(step.remove or ""), draft.button(DROP, step.name))])
        else:
            edits.append((t(step.edit or ""), draft.button(EDIT, step.name)))
    send = [(t(summary.send), draft.button(summary.name, SEND))]
    cancel = [(t(summary.cancel), draft.button(summary.name, CANCEL))]
    return [send, *in_rows(edits), *drops, cancel]


def answer(
    draft: Draft,
    context: BotContext,
    before: Flow,
    press: StepPress,
    markup: InlineKeyboardMarkup | None,
) -> str:
    """How the answer reads under its question: "<b>Wijk: Noord</b> ✓"; an edit from the
    summary "Aanpassen: Onderwerp" (just the label when that step holds nothing yet)."""
    step = draft.at(before)
    label = label_of(markup, draft.button(press.step, press.value)) or press.value
    line: str | None = None
    if press.step == EDIT:
        field = next(
            (getattr(s, "field", None) for s in draft.steps if s.name == press.value), None
        )
        line = "common.chosen_edit" if field and before.data.get(field) else None
    elif isinstance(step, Ticks) and press.value == DONE:
        label = _ticked(context, step, before.data) or context.t(step.none)
        line = step.line
    elif isinstance(step, Choice) and press.value != SKIP:
        line = step.line
    choice = context.t(line, value=label) if line else html.escape(label, quote=False)
    return i18n.raw(context.language, "common.chosen", choice=choice)


def _ticked(context: BotContext, step: Ticks, data: Mapping[str, Any]) -> str:
    options = step.options(context.services.settings, data, context.language)
    labels = {o.keeps(): o.label for o in options}
    return ", ".join(str(labels.get(value, value)) for value in data.get(step.field) or [])


def _params(data: Mapping[str, Any]) -> dict[str, object]:
    """The draft's plain values, for the placeholders of a question ("—" for none)."""
    hidden = (EDITING, PROMPT, REWRITING)
    return {
        key: "—" if value is None else value
        for key, value in data.items()
        if key not in hidden and (value is None or isinstance(value, str | int))
    }
