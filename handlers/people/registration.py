"""/start with an invitation code, and the registration dialogue that follows."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.core import i18n
from bot.people.registration import (
    AVAILABILITY,
    FLOW,
    MAX_SHIFTS,
    NO_WIJK,
    Progress,
    StartOutcome,
    Step,
)
from handlers.core.choices import choice_line, label_of, show_choice, typed_choice
from handlers.core.context import BotContext
from handlers.core.rendering import (
    acknowledge,
    close_buttons,
    in_rows,
    inline,
    main_menu,
    replace_buttons,
    say,
)
from storage.flows import Flow
from storage.people import Person, Role

_OUTCOME_TEXT = {
    StartOutcome.UNKNOWN: "start.unknown_code",
    StartOutcome.EXPIRED: "start.expired_code",
    StartOutcome.USED_UP: "start.used_up_code",
}


async def start(update: Update, context: BotContext) -> None:
    """Begin registration with the code from the deep link, or greet someone we know."""
    user = update.effective_user
    assert user is not None
    person, flow = context.person, context.flow
    code = context.args[0] if context.args else None
    if person is not None:
        key = "start.already_registered" if code else "start.welcome_back"
        await say(update, context, context.t(key, name=person.name), main_menu(person))
        return
    if code is None:
        if flow is not None and flow.name == "register":
            await show_step(update, context, flow)
        else:
            await say(update, context, context.t("start.no_code"))
        return
    progress = await context.services.registration.start(
        update.update_id, user.id, code, context.language
    )
    if progress.flow is None:
        await say(update, context, context.t(_OUTCOME_TEXT[progress.outcome]))
        return
    org = context.services.settings.organisation.name
    role = context.t(f"roles.{progress.flow.data['role']}")
    await say(update, context, context.t("registration.welcome", org=org, role=role))
    await show_step(update, context, progress.flow)


async def on_text(update: Update, context: BotContext) -> None:
    """A typed answer during registration: the name, the motivation, or a wijk or number
    named by typing it."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    flow, service, typed = context.flow, context.services.registration, message.text or ""
    data = None
    if flow is not None and flow.step in (Step.WIJK, Step.MAX_SHIFTS):
        data = typed_choice(typed, _keyboard(context, flow))
    if data is not None:
        _, step, value = data.split(":")
        progress = await service.choose(update.update_id, user.id, step, value)
    else:
        progress = await service.answer_text(update.update_id, user.id, typed)
    await _after(update, context, progress)


async def on_button(update: Update, context: BotContext) -> None:
    """A pressed registration button: reg:<step>:<value>."""
    user = update.effective_user
    assert user is not None
    parts = (update.callback_query.data or "").split(":") if update.callback_query else []
    if len(parts) != 3:
        await acknowledge(update, context.t("common.button_expired"))
        return
    _, step, value = parts
    before = context.flow  # the draft as the pressed question showed it
    progress = await context.services.registration.choose(update.update_id, user.id, step, value)
    await acknowledge(update)
    if progress.step == step:  # a toggle: redraw the same buttons
        assert progress.flow is not None
        await replace_buttons(update, _keyboard(context, progress.flow))
        return
    if before is not None and before.name == FLOW:
        text, markup = _prompt(context, before)
        await show_choice(update, context, text, _choice(context, before, value, markup))
    else:
        await close_buttons(update)
    await _after(update, context, progress)


def _choice(
    context: BotContext, flow: Flow, value: str, markup: InlineKeyboardMarkup | None
) -> str:
    """How the answer reads under its question: "Wijk: Zuid", "Interesses: Ouderen"."""
    step, lang = Step(flow.step), context.language
    label = label_of(markup, f"reg:{step}:{value}") or value
    if value == "done":  # a tick-list: what was ticked
        org = context.services.settings.organisation
        names = {c.key: c.label(lang) for c in org.interests}
        if step is Step.AVAILABILITY:
            names = {key: context.t(f"availability.{key}") for key in AVAILABILITY}
        ticked = [names.get(key, key) for key in flow.data[step.value]]
        label = ", ".join(ticked) or context.t("profile.not_given")
    line = _CHOICE_LINES.get(step) if value != "skip" else None
    return choice_line(context, label, line)


_CHOICE_LINES: dict[str, str] = {
    Step.WIJK: "profile.line_wijk",
    Step.INTERESTS: "profile.line_interests",
    Step.AVAILABILITY: "profile.line_availability",
    Step.MAX_SHIFTS: "profile.line_max_shifts",
}


async def _after(update: Update, context: BotContext, progress: Progress) -> None:
    if progress.flow is not None:
        await show_step(update, context, progress.flow)
    elif progress.person is not None:
        await _welcome(update, context, progress.person)
    elif progress.declined:
        await say(update, context, context.t("registration.declined"))
    else:
        await say(update, context, context.t(_OUTCOME_TEXT[progress.outcome]))


async def _welcome(update: Update, context: BotContext, person: Person) -> None:
    context.language = person.language
    text = (
        context.t("registration.done", name=person.name) + "\n\n" + context.t(f"help.{person.role}")
    )
    await say(update, context, text, main_menu(person))


async def show_step(update: Update, context: BotContext, flow: Flow) -> None:
    """Ask the question of the draft's current step."""
    await say(update, context, *_prompt(context, flow))


def _prompt(context: BotContext, flow: Flow) -> tuple[str, InlineKeyboardMarkup | None]:
    """The question of the draft's current step, and its buttons."""
    step = Step(flow.step)
    if step is Step.TERMS:
        role = flow.data["role"]
        text = "\n\n".join(
            (
                context.t(f"terms.task_{role}"),
                context.t("terms.privacy"),
                context.t("terms.question"),
            )
        )
    else:
        text = context.t(f"registration.ask_{step.value}")
    return text, _keyboard(context, flow)


def _keyboard(context: BotContext, flow: Flow) -> InlineKeyboardMarkup | None:
    step, data = Step(flow.step), flow.data
    org = context.services.settings.organisation
    lang = context.language

    def toggles(options: list[tuple[str, str]], chosen: list[str]) -> InlineKeyboardMarkup:
        buttons = [
            (("✅ " if key in chosen else "") + label, f"reg:{step}:{key}")
            for key, label in options
        ]
        rows = in_rows(buttons)
        rows.append([(i18n.t(lang, "common.done"), f"reg:{step}:done")])
        return inline(rows)

    if step is Step.WIJK:
        buttons = [(name, f"reg:wijk:{i}") for i, name in enumerate(org.wijken)]
        rows = in_rows(buttons)
        if data["role"] != Role.VOLUNTEER:
            rows.append([(i18n.t(lang, "registration.no_wijk"), f"reg:wijk:{NO_WIJK}")])
        return inline(rows)
    if step is Step.INTERESTS:
        return toggles([(c.key, c.label(lang)) for c in org.interests], data["interests"])
    if step is Step.AVAILABILITY:
        options = [(key, i18n.t(lang, f"availability.{key}")) for key in AVAILABILITY]
        return toggles(options, data["availability"])
    if step is Step.MAX_SHIFTS:
        shifts = [(str(n), f"reg:max_shifts:{n}") for n in MAX_SHIFTS]
        return inline([shifts, [(i18n.t(lang, "common.skip"), "reg:max_shifts:skip")]])
    if step is Step.MOTIVATION:
        return inline([[(i18n.t(lang, "common.skip"), "reg:motivation:skip")]])
    if step is Step.TERMS:
        return inline(
            [
                [(i18n.t(lang, "terms.accept"), "reg:terms:yes")],
                [(i18n.t(lang, "terms.decline"), "reg:terms:no")],
            ]
        )
    return None


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler("start", start),
        CallbackQueryHandler(on_button, pattern=r"^reg:"),
    ]
