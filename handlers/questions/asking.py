"""/vraag: a volunteer asks a question, step by step (the steps: bot.questions.asking.DRAFT; the
chat side of every draft: handlers.flows.draft): topic, the question (past the privacy guard),
then a summary to send, edit or stop, with an optional photo. What follows sending is
handlers.questions.threads."""

from __future__ import annotations

from telegram import Update

from bot.flows.service import Progress
from bot.questions.asking import DRAFT, PRIVACY, TEXT
from handlers.core.context import BotContext
from handlers.core.guards import for_roles, member
from handlers.core.rendering import main_menu, say
from handlers.flows.draft import DraftChat
from handlers.questions.faq import show_related
from storage.flows import Flow
from storage.people import Role
from storage.questions import Question


async def _ended(update: Update, context: BotContext, progress: Progress[Question]) -> None:
    if progress.cancelled:
        await say(update, context, context.t("questions.cancelled"), main_menu(member(context)))
    # After sending, the receipt arrives through the outbox.


async def _before_next(update: Update, context: BotContext, before: Flow, after: Flow) -> None:
    """Right after the question was typed: published answers that look related, first."""
    if before.step in (TEXT, PRIVACY.reason) and after.step == DRAFT.summary.name:
        await show_related(update, context, after.data["text"])


ASKING = DraftChat(
    DRAFT,
    lambda services: services.questions,
    ended=_ended,
    before_next=_before_next,
    roles=(Role.VOLUNTEER,),
)
on_text, on_photo = ASKING.on_text, ASKING.on_photo


@for_roles(Role.VOLUNTEER)
async def ask(update: Update, context: BotContext) -> None:
    """Open (or resume) a question."""
    flow = await context.services.questions.start(update.update_id, member(context))
    await say(update, context, context.t("questions.intro"))
    await ASKING.show(update, context, flow)
