"""/signaal: a volunteer reports a signal, step by step (buttons sigr:<step>:<value>), and
/mijnsignalen: the signals they reported, with their status."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core import i18n
from bot.privacy.texts import kinds
from bot.signals import texts as signal_texts
from bot.signals.report import (
    CONSENTS,
    EDITABLE,
    FLOW,
    MAX_DESCRIPTION,
    ORDER,
    URGENCIES,
    Progress,
    Step,
)
from bot.telegram import commands
from handlers.core.choices import choice_line, label_of, show_choice, typed_choice
from handlers.core.context import BotContext
from handlers.core.general import unsupported_message
from handlers.core.guards import for_roles, member
from handlers.core.rendering import (
    acknowledge,
    callback_parts,
    close_buttons,
    drop_buttons,
    in_rows,
    inline,
    main_menu,
    say,
)
from handlers.privacy.photos import cleaned_photo
from storage.flows import Flow
from storage.people import Role


@for_roles(Role.VOLUNTEER)
async def report(update: Update, context: BotContext) -> None:
    """Open (or resume) a report, with the safety line first."""
    flow = await context.services.signals.start(update.update_id, member(context))
    await say(
        update, context, context.t("signals.intro") + "\n\n" + signal_texts.safety(context.language)
    )
    await show_step(update, context, flow)


@for_roles(Role.VOLUNTEER)
async def on_button(update: Update, context: BotContext) -> None:
    """sigr:<step>:<value>; the service checks the step against the draft and the value."""
    user = update.effective_user
    assert user is not None
    parts = callback_parts(update, "sigr:")
    if len(parts) != 2:
        await acknowledge(update, context.t("common.button_expired"))
        return
    step, value = parts
    before = context.flow  # the draft as the pressed question showed it
    progress = await context.services.signals.choose(update.update_id, user.id, step, value)
    await acknowledge(update)
    if before is not None and before.name == FLOW:
        text, markup = _step_question(context, before)
        label = label_of(markup, f"sigr:{step}:{value}") or value
        line = "common.chosen_edit" if step == "edit" else _CHOICE_LINES.get(step)
        await show_choice(update, context, text, choice_line(context, label, line))
    else:
        await close_buttons(update)
    await _after(update, context, progress)


# How a choice reads under its question ("Onderwerp: Geldzorgen"); other steps show the label.
_CHOICE_LINES: dict[str, str] = {
    Step.CATEGORY: "signals.line_category",
    Step.WIJK: "signals.line_wijk",
    Step.URGENCY: "signals.line_urgency",
    Step.CONSENT: "signals.line_consent",
}
# Steps where typed text naming one button counts as pressing it. Sending (the summary) and
# the privacy choice stay deliberate presses.
_TYPED_STEPS = frozenset(
    {Step.CATEGORY, Step.WIJK, Step.URGENCY, Step.CONSENT, Step.PHOTO, Step.LOCATION}
)


async def on_text(update: Update, context: BotContext) -> None:
    """Typed text during a report: the description, the reason to keep identifying data, or
    an answer that names one of the buttons."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    flow, service = context.flow, context.services.signals
    typed = message.text or ""
    data = None
    if flow is not None and flow.step in _TYPED_STEPS:
        data = typed_choice(typed, _keyboard(context, flow))
    if data is not None:
        step, value = data.removeprefix("sigr:").split(":")
        progress = await service.choose(update.update_id, user.id, step, value)
    else:
        progress = await service.answer_text(update.update_id, user.id, typed)
    await _after(update, context, progress)


async def on_photo(update: Update, context: BotContext) -> None:
    """A photo while reporting (routed here by handlers.core.general.photo_router): at the photo
    step it is downloaded, stripped of metadata, then kept in the draft."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    if not _in_draft(context) or not message.photo:
        await unsupported_message(update, context)
        return
    if not _at(context, Step.PHOTO):
        await say(update, context, context.t("signals.no_photo_now"))
        return
    jpeg = await cleaned_photo(context, message, "signals.photo_unusable")
    prompt = _prompt(context)
    progress = await context.services.signals.add_photo(update.update_id, user.id, jpeg)
    await _drop_skip(context, user.id, prompt)
    await say(update, context, context.t("signals.photo_saved"))
    await _after(update, context, progress)


async def on_location(update: Update, context: BotContext) -> None:
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    if not _in_draft(context) or message.location is None:
        await unsupported_message(update, context)
        return
    if not _at(context, Step.LOCATION):
        await say(update, context, context.t("signals.no_location_now"))
        return
    location, prompt = message.location, _prompt(context)
    progress = await context.services.signals.add_location(
        update.update_id, user.id, location.latitude, location.longitude
    )
    await _drop_skip(context, user.id, prompt)
    await _after(update, context, progress)


def _prompt(context: BotContext) -> int | None:
    """The message that asked for the photo or location (see show_step)."""
    prompt = context.flow.data.get("prompt") if context.flow else None
    return prompt if isinstance(prompt, int) else None


async def _drop_skip(context: BotContext, chat_id: int, prompt: int | None) -> None:
    """A photo or location answered the step: its "Overslaan" no longer fits."""
    if prompt is not None:
        await drop_buttons(context, chat_id, prompt)


def _in_draft(context: BotContext) -> bool:
    """Whether the person writing is a volunteer with an open report."""
    flow, person = context.flow, context.person
    return (
        flow is not None
        and flow.name == FLOW
        and person is not None
        and person.role is Role.VOLUNTEER
    )


def _at(context: BotContext, step: Step) -> bool:
    return context.flow is not None and context.flow.step == step


async def _after(update: Update, context: BotContext, progress: Progress) -> None:
    person = member(context)
    if progress.flow is not None:
        if progress.safety:
            await say(update, context, signal_texts.safety(context.language))
        await show_step(update, context, progress.flow)
    elif progress.cancelled:
        await say(update, context, context.t("signals.cancelled"), main_menu(person))
    # After sending, the receipt (reference and promise) arrives through the outbox.


async def show_step(update: Update, context: BotContext, flow: Flow) -> None:
    """Ask the question of the draft's current step."""
    step = Step(flow.step)
    sent = await say(update, context, *_step_question(context, flow))
    if step in (Step.PHOTO, Step.LOCATION):  # answered by a photo or location, not a press
        await context.services.signals.remember_prompt(flow.telegram_id, step, sent.message_id)


def _step_question(context: BotContext, flow: Flow) -> tuple[str, InlineKeyboardMarkup | None]:
    """The question of the draft's current step, and its buttons."""
    step = Step(flow.step)
    settings = context.services.settings
    if step is Step.SUMMARY:
        text = signal_texts.summary(settings, flow.data, context.language)
    elif step is Step.PRIVACY:
        found = kinds(flow.data["found"], context.language)
        text = context.t("signals.ask_priv", kinds=found)
    elif step is Step.WIJK:
        text = context.t("signals.ask_wijk", wijk=flow.data.get("wijk") or "—")
    else:
        text = context.t(f"signals.ask_{step.value}", limit=MAX_DESCRIPTION)
    return text, _keyboard(context, flow)


def _keyboard(context: BotContext, flow: Flow) -> InlineKeyboardMarkup | None:
    step, t = Step(flow.step), context.t
    org = context.services.settings.organisation
    lang = context.language
    if step is Step.CATEGORY:
        keys = org.category_keys()
        return inline(
            in_rows(
                [
                    (
                        signal_texts.category_label(context.services.settings, k, lang),
                        f"sigr:cat:{k}",
                    )
                    for k in keys
                ]
            )
        )
    if step is Step.WIJK:
        own = flow.data.get("wijk")
        order = sorted(range(len(org.wijken)), key=lambda i: org.wijken[i] != own)
        return inline(in_rows([(org.wijken[i], f"sigr:wijk:{i}") for i in order]))
    if step is Step.PRIVACY:
        return inline(
            [[(t("signals.rewrite"), "sigr:priv:rewrite")], [(t("signals.keep"), "sigr:priv:keep")]]
        )
    if step is Step.URGENCY:
        return inline([[(t(f"signals.urgency_{u}"), f"sigr:urg:{u}")] for u in URGENCIES])
    if step is Step.CONSENT:
        return inline([[(t(f"signals.consent_{c}"), f"sigr:cons:{c}")] for c in CONSENTS])
    if step in (Step.PHOTO, Step.LOCATION):
        rows = [[(t("common.skip"), f"sigr:{step}:skip")]]
        if flow.data.get("photo" if step is Step.PHOTO else "location"):
            rows.append([(t(f"signals.remove_{step}"), f"sigr:{step}:remove")])
        return inline(rows)
    if step is Step.SUMMARY:
        edits = [(t(f"signals.edit_{s}"), f"sigr:edit:{s}") for s in _EDIT_ORDER]
        return inline(
            [
                [(t("signals.send"), "sigr:sum:send")],
                *in_rows(edits),
                [(t("signals.cancel"), "sigr:sum:cancel")],
            ]
        )
    return None


_EDIT_ORDER = [s for s in ORDER if s in EDITABLE]


@for_roles(Role.VOLUNTEER)
async def my_signals(update: Update, context: BotContext) -> None:
    """The volunteer's own signals and their status; no case details beyond their own words."""
    person = member(context)
    signals = await context.services.signals.mine(person)
    if not signals:
        await say(update, context, context.t("signals.mine_none"))
        return
    settings = context.services.settings
    lines = [signal_texts.my_signal_line(s, settings, context.language) for s in signals]
    await say(update, context, context.t("signals.mine_title") + "\n\n" + "\n".join(lines))


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("report")), report),
        MessageHandler(filters.Text(list(i18n.labels("menu.report"))), report),
        CommandHandler(list(commands.names("mysignals")), my_signals),
        MessageHandler(filters.Text(list(i18n.labels("menu.mysignals"))), my_signals),
        CallbackQueryHandler(on_button, pattern=r"^sigr:"),
        MessageHandler(filters.LOCATION, on_location),
    ]
