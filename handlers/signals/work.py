"""Working on signals: /signalen (a worklist; coordinators filter it), the signal card with its
audit trail, and the owner's buttons (bot.signals.callbacks). The service checks every press
again."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core import i18n
from bot.flows.callbacks import prefix_pattern
from bot.signals import callbacks
from bot.signals import work_texts as texts
from bot.signals.access import Done, Step
from bot.signals.actions import OUTCOMES
from bot.signals.callbacks import Act, CloseAs, OnSignal, PassTo, Reassign, Worklist
from bot.signals.card import Card
from bot.telegram import commands
from bot.telegram.outbox import Keyboard
from handlers.core.context import BotContext
from handlers.core.guards import for_roles, member
from handlers.core.rendering import acknowledge, close_buttons, edit, inline, patiently, say
from handlers.routing.reassign import ToData, absent_prompt, candidate_list
from handlers.signals import answers
from handlers.signals.filter import STATUSES, Filter
from storage.people import Role
from storage.signals import OPEN_STATUSES, Signal

Action = Callable[[Update, BotContext, int], Awaitable[None]]


def _markup(keyboard: Keyboard) -> InlineKeyboardMarkup | None:
    rows = [[(b["text"], b["callback_data"]) for b in row] for row in keyboard]
    return inline(rows) if rows else None


async def _list_view(
    context: BotContext, where: Filter | None
) -> tuple[str, InlineKeyboardMarkup | None]:
    user_id = member(context).telegram_id
    if where is None:
        signals = await context.services.signal_actions.worklist(user_id, OPEN_STATUSES, None, None)
        rows: list[list[tuple[str, str]]] = []
    else:
        wijk, category = where.chosen()
        statuses = STATUSES[where.status]
        signals = await context.services.signal_actions.worklist(user_id, statuses, wijk, category)
        rows = where.buttons(context)
    rows += [[_line(context, s)] for s in signals]
    key = "signal_work.list_title" if signals else "signal_work.list_none"
    return context.t(key, count=len(signals)), inline(rows) if rows else None


def _line(context: BotContext, signal: Signal) -> tuple[str, str]:
    services = context.services
    label = texts.list_label(services.settings, signal, services.clock(), context.language)
    return label, OnSignal(Act.VIEW, signal.id).data


@for_roles(Role.PROFESSIONAL, Role.COORDINATOR)
async def worklist(update: Update, context: BotContext) -> None:
    coordinator = member(context).role is Role.COORDINATOR
    text, markup = await _list_view(context, Filter(context, Worklist()) if coordinator else None)
    await say(update, context, text, markup)


def _card(context: BotContext, view: Card) -> tuple[str, InlineKeyboardMarkup | None]:
    services = context.services
    text = texts.card(services.settings, view, services.clock(), context.language)
    return text, _markup(texts.card_buttons(view.signal, context.language))


async def _view(update: Update, context: BotContext, signal_id: int) -> None:
    view = await context.services.signal_actions.card(member(context).telegram_id, signal_id)
    await acknowledge(update)
    await say(update, context, *_card(context, view))


async def _photo(update: Update, context: BotContext, signal_id: int) -> None:
    signal, photo = await context.services.signal_actions.photo(
        member(context).telegram_id, signal_id
    )
    await acknowledge(update)
    chat = update.effective_chat
    assert chat is not None
    await patiently(lambda: context.bot.send_photo(chat.id, photo, caption=signal.reference))


async def _pick(update: Update, context: BotContext, signal_id: int) -> None:
    service, uid = context.services.signal_actions, member(context).telegram_id
    view = await service.pick_up(update.update_id, uid, signal_id)
    await acknowledge(update, context.t("signal_work.picked_up"))
    await edit(update, *_card(context, view))


async def _contact(update: Update, context: BotContext, signal_id: int) -> None:
    service, uid = context.services.signal_actions, member(context).telegram_id
    view = await service.contact_made(update.update_id, uid, signal_id)
    await acknowledge(update, context.t("signal_work.contact_made"))
    await edit(update, *_card(context, view))


async def _ask(update: Update, context: BotContext, signal_id: int) -> None:
    uid = member(context).telegram_id
    signal = await context.services.signal_actions.begin(
        update.update_id, uid, signal_id, Step.QUESTION
    )
    await acknowledge(update)
    await say(update, context, context.t("signal_work.ask_question", ref=signal.reference))


def _to_data(signal_id: int) -> ToData:
    return lambda person_id, sure: PassTo(signal_id, person_id, sure).data


async def _reassign(update: Update, context: BotContext, button: Reassign) -> None:
    signal_id = button.signal
    found = await context.services.signal_actions.candidates(member(context).telegram_id, signal_id)
    if not found:
        await acknowledge(update, context.t("signal_work.nobody_to_reassign"))
        return
    await acknowledge(update)
    if button.again:  # "someone else" under the question about someone away
        await close_buttons(update)
    markup = candidate_list(found, context.language, _to_data(signal_id))
    await say(update, context, context.t("signal_work.choose_owner"), markup)


async def _to(update: Update, context: BotContext, to: PassTo) -> None:
    uid, signal_id = member(context).telegram_id, to.signal
    service = context.services.signal_actions
    away = await service.choose_owner(update.update_id, uid, signal_id, to.person, sure=to.sure)
    await acknowledge(update)
    await close_buttons(update)
    if away is not None:
        others = Reassign(signal_id, again=True).data
        await say(
            update, context, *absent_prompt(away, context.language, _to_data(signal_id), others)
        )
        return
    await say(update, context, context.t("signal_work.ask_reason"))


async def _close(update: Update, context: BotContext, signal_id: int) -> None:
    view = await context.services.signal_actions.card(member(context).telegram_id, signal_id)
    if view.signal.status == "closed":
        await acknowledge(update, context.t("signal_work.already_closed"))
        return
    rows = [[(context.t(f"signal_work.outcome_{o}"), CloseAs(signal_id, o).data)] for o in OUTCOMES]
    await acknowledge(update)
    await say(
        update,
        context,
        context.t("signal_work.choose_outcome", ref=view.signal.reference),
        inline(rows),
    )


async def _outcome(update: Update, context: BotContext, button: CloseAs) -> None:
    uid, signal_id = member(context).telegram_id, button.signal
    service = context.services.signal_actions
    await service.begin(update.update_id, uid, signal_id, Step.CLOSING, outcome=button.outcome)
    await acknowledge(update)
    await close_buttons(update)
    skip = inline(
        [[(context.t("signal_work.no_message"), OnSignal(Act.NO_MESSAGE, signal_id).data)]]
    )
    await say(update, context, context.t("signal_work.ask_closing_message"), skip)


async def _no_message(update: Update, context: BotContext, signal_id: int) -> None:
    uid = member(context).telegram_id
    view = await context.services.signal_actions.close_without_message(
        update.update_id, uid, signal_id
    )
    await acknowledge(update)
    await close_buttons(update)
    await say(update, context, *_card(context, view))


_ACTIONS: dict[Act, Action] = {
    Act.VIEW: _view,
    Act.PHOTO: _photo,
    Act.PICK: _pick,
    Act.CONTACT: _contact,
    Act.ASK: _ask,
    Act.CLOSE: _close,
    Act.NO_MESSAGE: _no_message,
    Act.ANSWER: answers.begin,
    Act.KEEP: answers.keep,  # a held answer: send it anyway
    Act.REDO: answers.redo,  # a held answer: type it again
}


@for_roles(Role.COORDINATOR, Role.PROFESSIONAL, Role.VOLUNTEER)
async def on_button(update: Update, context: BotContext) -> None:
    """A `sig:` button (bot.signals.callbacks); the service decides who may do what."""
    query = update.callback_query
    match callbacks.parse(query.data if query is not None else None):
        case OnSignal(act=act, signal=signal_id):
            await _ACTIONS[act](update, context, signal_id)
        case Reassign() as button:
            await _reassign(update, context, button)
        case PassTo() as to:
            await _to(update, context, to)
        case CloseAs() as button:
            await _outcome(update, context, button)
        case Worklist() as where:
            await _filtered(update, context, where)
        case _:
            await acknowledge(update, context.t("common.button_expired"))


async def _filtered(update: Update, context: BotContext, where: Worklist) -> None:
    if member(context).role is not Role.COORDINATOR:
        await acknowledge(update, context.t("access.not_allowed"))
        return
    text, markup = await _list_view(context, Filter(context, where))
    await acknowledge(update)
    await edit(update, text, markup)


async def on_text(update: Update, context: BotContext) -> None:
    """The typed question, reason, closing message or the volunteer's answer."""
    user, message = update.effective_user, update.effective_message
    assert user is not None and message is not None
    service = context.services.signal_actions
    done = await service.answer_text(update.update_id, user.id, message.text or "")
    ref = done.signal.reference
    if done.step is Step.ANSWER:
        await answers.answered(update, context, done)
    elif done.step is Step.CLOSING:
        view = await service.card(user.id, done.signal.id)
        await say(update, context, context.t("signal_work.closed", ref=ref))
        await say(update, context, *_card(context, view))
    else:
        await say(update, context, context.t(f"signal_work.done_{done.step.value}", ref=ref))


async def on_unprompted_text(update: Update, context: BotContext) -> bool:
    """Text outside any flow: a volunteer's answer to the one question a professional asked
    about her signal. False when no question waits, so the text is not understood."""
    person, user, message = context.person, update.effective_user, update.effective_message
    if person is None or person.role is not Role.VOLUNTEER or user is None or message is None:
        return False
    found = await context.services.signal_actions.answer_unprompted(
        update.update_id, user.id, message.text or ""
    )
    if isinstance(found, Done):
        await answers.answered(update, context, found)
    elif found:
        refs = ", ".join(s.reference for s in found)
        await say(update, context, context.t("signal_work.which_answer", refs=refs))
    return bool(found)


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("signals")), worklist),
        MessageHandler(filters.Text(list(i18n.labels("menu.signals"))), worklist),
        CallbackQueryHandler(on_button, pattern=prefix_pattern(callbacks.PREFIX)),
    ]
