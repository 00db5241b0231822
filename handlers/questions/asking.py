"""/vraag: a volunteer asks a question, step by step (buttons q:<step>:<value>): topic, the
question (past the privacy guard), then a summary to send, edit or stop, with an optional photo.
bot.questions.asking checks each step; what follows sending is handlers.questions.threads."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.privacy.texts import kinds
from bot.questions.asking import FLOW, MAX_TEXT, PHOTO_STEPS, Progress, Step
from bot.questions.texts import topic_label
from handlers.core.choices import choice_line, label_of, show_choice, typed_choice
from handlers.core.context import BotContext
from handlers.core.general import unsupported_message
from handlers.core.guards import for_roles, member
from handlers.core.rendering import acknowledge, close_buttons, in_rows, inline, main_menu, say
from handlers.privacy.photos import cleaned_photo
from handlers.questions.faq import show_related
from storage.flows import Flow
from storage.people import Role

DRAFT_STEPS = frozenset(s.value for s in Step)


@for_roles(Role.VOLUNTEER)
async def ask(update: Update, context: BotContext) -> None:
    """Open (or resume) a question."""
    flow = await context.services.questions.start(update.update_id, member(context))
    await say(update, context, context.t("questions.intro"))
    await show_step(update, context, flow)


async def on_button(update: Update, context: BotContext, step: str, value: str) -> None:
    """q:<step>:<value> in the draft; the service checks the step against the draft."""
    before = context.flow  # the draft as the pressed question showed it
    progress = await context.services.questions.choose(
        update.update_id, member(context).telegram_id, step, value
    )
    await acknowledge(update)
    await _show_choice(update, context, before, f"q:{step}:{value}")
    await _after(update, context, progress)


async def _show_choice(update: Update, context: BotContext, before: Flow | None, data: str) -> None:
    """The pressed question keeps its text, with the choice under it."""
    if before is None or before.name != FLOW:
        await close_buttons(update)
        return
    text, markup = _prompt(context, before)
    label = label_of(markup, data) or data
    step, value = data.split(":")[1:]
    if step == Step.TOPIC:
        line: str | None = "questions.line_topic"
    else:
        line = "common.chosen_edit" if value in (Step.TOPIC, Step.TEXT) else None
    await show_choice(update, context, text, choice_line(context, label, line))


async def on_text(update: Update, context: BotContext) -> None:
    """Typed text in the draft: the question, the reason to keep identifying data, or a topic
    named by typing it."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    flow, service, typed = context.flow, context.services.questions, message.text or ""
    topic = None
    if flow is not None and flow.step == Step.TOPIC:
        topic = typed_choice(typed, _keyboard(context, Step.TOPIC, False))
    if topic is not None:
        progress = await service.choose(update.update_id, user.id, Step.TOPIC, topic.split(":")[2])
        await _after(update, context, progress)
        return
    progress = await service.answer_text(update.update_id, user.id, typed)
    await _after(update, context, progress, typed=True)


async def on_photo(update: Update, context: BotContext) -> None:
    """A photo while asking (routed here by handlers.core.general.photo_router): at the summary or
    the photo step it joins the question; with a caption where the question is expected, the
    caption is the question."""
    message, flow = update.effective_message, context.flow
    assert message is not None and flow is not None
    person = context.person
    if person is None or person.role is not Role.VOLUNTEER or not message.photo:
        await unsupported_message(update, context)
        return
    caption = message.caption if flow.step == Step.TEXT else None
    if flow.step not in PHOTO_STEPS and not caption:
        await say(update, context, context.t("questions.no_photo_now"))
        return
    jpeg = await cleaned_photo(context, message, "questions.photo_unusable")
    progress = await context.services.questions.add_photo(
        update.update_id, person.telegram_id, jpeg, caption
    )
    await say(update, context, context.t("signals.photo_saved"))
    await _after(update, context, progress, typed=bool(caption))


async def _after(
    update: Update, context: BotContext, progress: Progress, typed: bool = False
) -> None:
    """The next step; `typed`: the question text was just given."""
    if progress.flow is not None:
        await show_step(update, context, progress.flow, typed)
    elif progress.cancelled:
        await say(update, context, context.t("questions.cancelled"), main_menu(member(context)))
    # After sending, the receipt arrives through the outbox.


async def show_step(update: Update, context: BotContext, flow: Flow, typed: bool = False) -> None:
    if typed and flow.step == Step.SUMMARY:  # the knowledge base first, right after typing
        await show_related(update, context, flow.data["text"])
    await say(update, context, *_prompt(context, flow))


def _prompt(context: BotContext, flow: Flow) -> tuple[str, InlineKeyboardMarkup | None]:
    """The question of the draft's current step, and its buttons."""
    step, lang = Step(flow.step), context.language
    settings = context.services.settings
    if step is Step.PRIVACY:
        text = context.t("signals.ask_priv", kinds=kinds(flow.data["found"], lang))
    elif step is Step.REASON:
        text = context.t("signals.ask_reason")
    elif step is Step.SUMMARY:
        text = context.t(
            "questions.summary",
            topic=topic_label(settings, flow.data["topic"], lang),
            photo=context.t("questions.summary_photo") if flow.data.get("photo") else "",
            text=flow.data["text"],
        )
    else:
        text = context.t(f"questions.ask_{step.value}", limit=MAX_TEXT)
    return text, _keyboard(context, step, bool(flow.data.get("photo")))


def _keyboard(context: BotContext, step: Step, photo: bool) -> InlineKeyboardMarkup | None:
    t, lang = context.t, context.language
    if step is Step.TOPIC:
        topics = context.services.settings.organisation.topics()
        return inline(in_rows([(c.label(lang), f"q:topic:{c.key}") for c in topics]))
    if step is Step.PRIVACY:
        return inline(
            [[(t("signals.rewrite"), "q:priv:rewrite")], [(t("signals.keep"), "q:priv:keep")]]
        )
    if step is Step.SUMMARY:
        photo_button = (
            (t("questions.remove_photo"), "q:sum:nophoto")
            if photo
            else (t("questions.add_photo"), "q:sum:photo")
        )
        return inline(
            [
                [(t("questions.send"), "q:sum:send")],
                [
                    (t("questions.edit_topic"), "q:sum:topic"),
                    (t("questions.edit_text"), "q:sum:text"),
                ],
                [photo_button],
                [(t("questions.cancel"), "q:sum:cancel")],
            ]
        )
    if step is Step.PHOTO:
        return inline([[(t("questions.photo_back"), "q:photo:back")]])
    return None
