"""The volunteer's answer to a question about her signal: "Antwoorden", and the privacy guard's
check on what she typed: rewrite it or send it anyway (bot.signals.callbacks: Act.ANSWER,
Act.REDO, Act.KEEP). The service checks every press again."""

from __future__ import annotations

from telegram import Update

from bot.privacy import texts as privacy_texts
from bot.signals.access import Done
from bot.signals.callbacks import Act, OnSignal
from handlers.core.context import BotContext
from handlers.core.guards import member
from handlers.core.rendering import acknowledge, close_buttons, inline, say
from storage.signals import reference


async def begin(update: Update, context: BotContext, signal_id: int) -> None:
    await context.services.signal_actions.begin_answer(
        update.update_id, member(context).telegram_id, signal_id
    )
    await acknowledge(update)
    await say(update, context, context.t("signal_work.ask_answer"))


async def keep(update: Update, context: BotContext, signal_id: int) -> None:
    await _checked(update, context, signal_id, send=True)


async def redo(update: Update, context: BotContext, signal_id: int) -> None:
    await _checked(update, context, signal_id, send=False)


async def _checked(update: Update, context: BotContext, signal_id: int, send: bool) -> None:
    done = await context.services.signal_actions.check_answer(
        update.update_id, member(context).telegram_id, signal_id, send
    )
    await acknowledge(update)
    await close_buttons(update)
    if done is not None:
        await answered(update, context, done)
    else:
        ref = reference(signal_id)
        await say(update, context, context.t("signal_work.rewrite_answer", ref=ref))


async def answered(update: Update, context: BotContext, done: Done) -> None:
    """Sent; or held by the privacy guard, with the kinds it found (never the data), asked in
    the words of a draft's privacy step (privacy.*). Keeping sends it: no reason is asked."""
    if not done.held:
        ref = done.signal.reference
        await say(update, context, context.t("signal_work.done_answer", ref=ref))
        return
    kinds = privacy_texts.kinds(done.held, context.language)
    buttons = [
        [(context.t("privacy.rewrite"), OnSignal(Act.REDO, done.signal.id).data)],
        [(context.t("privacy.keep"), OnSignal(Act.KEEP, done.signal.id).data)],
    ]
    await say(update, context, context.t("privacy.ask", kinds=kinds), inline(buttons))
