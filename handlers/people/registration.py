"""/start with an invitation code, and the registration dialogue that follows (the steps:
bot.people.registration.DRAFT; the chat side of every draft: handlers.flows.draft)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.flows.callbacks import prefix_pattern
from bot.flows.service import Progress
from bot.people import callbacks
from bot.people.registration import DRAFT, StartOutcome
from handlers.core.context import BotContext
from handlers.core.rendering import main_menu, say
from handlers.flows.draft import DraftChat
from storage.people import Person

_OUTCOME_TEXT = {
    StartOutcome.UNKNOWN: "start.unknown_code",
    StartOutcome.EXPIRED: "start.expired_code",
    StartOutcome.USED_UP: "start.used_up_code",
}


async def _ended(
    update: Update, context: BotContext, progress: Progress[Person | StartOutcome]
) -> None:
    """Accepted: welcome (or why the invitation no longer works); declined: nothing kept."""
    if isinstance(progress.result, Person):
        await _welcome(update, context, progress.result)
    elif isinstance(progress.result, StartOutcome):
        await say(update, context, context.t(_OUTCOME_TEXT[progress.result]))
    else:
        await say(update, context, context.t("registration.declined"))


REGISTRATION = DraftChat(DRAFT, lambda services: services.registration, ended=_ended)
on_text = REGISTRATION.on_text


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
        if flow is not None and flow.name == DRAFT.name:
            await REGISTRATION.show(update, context, flow)
        else:
            await say(update, context, context.t("start.no_code"))
        return
    started = await context.services.registration.start(
        update.update_id, user.id, code, context.language
    )
    if started.flow is None:
        await say(update, context, context.t(_OUTCOME_TEXT[started.outcome]))
        return
    org = context.services.settings.organisation.name
    role = context.t(f"roles.{started.flow.data['role']}")
    await say(update, context, context.t("registration.welcome", org=org, role=role))
    await REGISTRATION.show(update, context, started.flow)


async def _welcome(update: Update, context: BotContext, person: Person) -> None:
    context.language = person.language
    text = (
        context.t("registration.done", name=person.name) + "\n\n" + context.t(f"help.{person.role}")
    )
    await say(update, context, text, main_menu(person))


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler("start", start),
        CallbackQueryHandler(REGISTRATION.on_button, pattern=prefix_pattern(callbacks.REGISTER)),
    ]
