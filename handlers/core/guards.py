"""Role checks for feature handlers. The gate has already refused strangers and paused people."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from functools import wraps
from typing import Any

from telegram import Update

from handlers.core.context import BotContext
from handlers.core.rendering import acknowledge, say
from storage.people import Person, Role

Callback = Callable[[Update, BotContext], Coroutine[Any, Any, None]]


def member(context: BotContext) -> Person:
    """The registered person writing; the gate guarantees one for member-only handlers."""
    if context.person is None:
        raise PermissionError("member-only handler reached without a person")
    return context.person


def for_roles(*roles: Role) -> Callable[[Callback], Callback]:
    """Let only these roles through; everyone else hears that this is not for them."""

    def decorate(callback: Callback) -> Callback:
        @wraps(callback)
        async def guarded(update: Update, context: BotContext) -> None:
            person = context.person
            if person is None or person.role not in roles or not person.active:
                if update.callback_query is not None:
                    await acknowledge(update, context.t("access.not_allowed"))
                else:
                    await say(update, context, context.t("access.not_allowed"))
                return
            await callback(update, context)

        return guarded

    return decorate


def members(callback: Callback) -> Callback:
    """Any registered person (active, or paused/alumni where the gate let them through)."""

    @wraps(callback)
    async def guarded(update: Update, context: BotContext) -> None:
        if context.person is None:
            await say(update, context, context.t("access.not_registered"))
            return
        await callback(update, context)

    return guarded
