"""The Telegram side of a draft (its table: bot/flows/draft.py): each step's question with its
buttons, typed answers, photos and locations, and the answered question showing its answer.

Every question with buttons is remembered in the draft ("prompt"). When its step is answered,
by a press or by typing, that question keeps its text with the answer under it ("Onderwerp:
Geldzorgen ✓") and loses its buttons, so no old button stays live; a text, photo or location
answer only takes its buttons (Overslaan) away. Typed text that names exactly one button of a
step with `typed` counts as pressing it; sending stays a press.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from telegram import InlineKeyboardMarkup, Update

from bot.flows.draft import PROMPT, Draft, StepPress
from bot.flows.service import DraftService, Progress
from bot.services import Services
from handlers.core.context import BotContext
from handlers.core.general import unsupported_message
from handlers.core.rendering import (
    acknowledge,
    drop_buttons,
    edit,
    edit_message,
    replace_buttons,
    say,
)
from handlers.flows import prompts
from handlers.flows.choices import typed_choice
from handlers.flows.photos import cleaned_photo
from storage.flows import Flow
from storage.people import Role

R = TypeVar("R")
Rows = list[list[tuple[str, str]]]
# After the draft ended (sent or stopped): what the person hears.
Ended = Callable[[Update, BotContext, Progress[R]], Awaitable[None]]
# Said before the next question, given the draft before and after the answer.
BeforeNext = Callable[[Update, BotContext, Flow, Flow], Awaitable[None]]


class DraftChat(Generic[R]):
    """One draft in the chat: `show` asks its current step; `on_button`, `on_text`,
    `on_photo` and `on_location` take the answers (bot.app routes text and photos here)."""

    def __init__(
        self,
        draft: Draft,
        service: Callable[[Services], DraftService[R]],
        *,
        ended: Ended[R],
        before_next: BeforeNext | None = None,
        roles: tuple[Role, ...] = (),
    ) -> None:
        self.draft, self._service, self.ended = draft, service, ended
        self.before_next, self.roles = before_next, roles

    def service(self, context: BotContext) -> DraftService[R]:
        return self._service(context.services)

    # --- asking ---------------------------------------------------------------------------

    async def show(self, update: Update, context: BotContext, flow: Flow) -> None:
        """Ask the draft's current step; a question with buttons is remembered (and one that
        asked the same step before loses its buttons: one question, one set of buttons)."""
        text, markup = self.prompt(context, flow)
        earlier = flow.data.get(PROMPT)  # only ever the current step's (Draft.go forgets it)
        if isinstance(earlier, int):
            await drop_buttons(context, flow.telegram_id, earlier)
        sent = await say(update, context, text, markup)
        if markup is not None:
            await self.service(context).remember_prompt(flow, sent.message_id)

    def prompt(self, context: BotContext, flow: Flow) -> tuple[str, InlineKeyboardMarkup | None]:
        """The question of the draft's current step, and its buttons."""
        return prompts.prompt(self.draft, context, flow)

    # --- answers --------------------------------------------------------------------------

    async def on_button(self, update: Update, context: BotContext) -> None:
        """A pressed button of this draft; forged or malformed data: "button expired"."""
        query = update.callback_query
        press = self.draft.parse(query.data if query is not None else None)
        if press is None:
            await acknowledge(update, context.t("common.button_expired"))
            return
        await self.pressed(update, context, press)

    async def pressed(self, update: Update, context: BotContext, press: StepPress) -> None:
        """A press (or typed text naming a button); the service checks it fits the draft."""
        user = update.effective_user
        assert user is not None
        before = context.flow  # the draft as its question showed it
        progress = await self.service(context).press(update.update_id, user.id, press)
        await acknowledge(update)
        if progress.stayed and progress.flow is not None:  # a tick: the same question
            await replace_buttons(update, self.prompt(context, progress.flow)[1])
            return
        await self._answered(update, context, before, press)
        await self._next(update, context, before, progress)

    async def on_text(self, update: Update, context: BotContext) -> None:
        """Typed text: a text step's answer, the reason to keep identifying data, or a button
        named by typing it."""
        user, message = update.effective_user, update.effective_message
        assert user is not None and message is not None
        before, typed = context.flow, message.text or ""
        press = self._typed_press(context, before, typed)
        if press is not None:
            await self.pressed(update, context, press)
            return
        progress = await self.service(context).typed(update.update_id, user.id, typed)
        await self._answered(update, context, before, None)
        await self._next(update, context, before, progress)

    async def on_photo(self, update: Update, context: BotContext) -> None:
        """A photo at the photo step (or where the draft takes one); downloaded and stripped of
        its metadata only when it is welcome."""
        message, flow = update.effective_message, context.flow
        assert message is not None
        if not self._mine(context) or flow is None or not message.photo:
            await unsupported_message(update, context)
            return
        photo, text = self.draft.photo_place(flow, message.caption)
        jpeg = await cleaned_photo(context, message, photo.unusable)
        caption = message.caption if text is not None else None
        progress = await self.service(context).photo(
            update.update_id, flow.telegram_id, jpeg, caption
        )
        await self._answered(update, context, flow, None)
        await say(update, context, context.t("common.photo_saved"))
        await self._next(update, context, flow, progress)

    async def on_location(self, update: Update, context: BotContext) -> None:
        message, flow = update.effective_message, context.flow
        assert message is not None
        if not self._mine(context) or flow is None or message.location is None:
            await unsupported_message(update, context)
            return
        where = message.location
        progress = await self.service(context).location(
            update.update_id, flow.telegram_id, where.latitude, where.longitude
        )
        await self._answered(update, context, flow, None)
        await self._next(update, context, flow, progress)

    def _mine(self, context: BotContext) -> bool:
        """Whether the person writing has this draft open (and may use it)."""
        flow, person = context.flow, context.person
        if flow is None or flow.name != self.draft.name:
            return False
        return not self.roles or (person is not None and person.role in self.roles)

    def _typed_press(self, context: BotContext, flow: Flow | None, typed: str) -> StepPress | None:
        if flow is None or flow.name != self.draft.name or not self.draft.at(flow).typed:
            return None
        return self.draft.parse(typed_choice(typed, self.prompt(context, flow)[1]))

    async def _next(
        self, update: Update, context: BotContext, before: Flow | None, progress: Progress[R]
    ) -> None:
        if progress.flow is None:
            await self.ended(update, context, progress)
            return
        if self.before_next is not None and before is not None:
            await self.before_next(update, context, before, progress.flow)
        await self.show(update, context, progress.flow)

    # --- the answered question ----------------------------------------------------------------

    async def _answered(
        self, update: Update, context: BotContext, before: Flow | None, press: StepPress | None
    ) -> None:
        """The question just answered: its text with the answer under it (a press), or just
        without its buttons (typed text, a photo, a location)."""
        query, chat = update.callback_query, update.effective_chat
        assert chat is not None
        if before is None or before.name != self.draft.name:
            if query is not None:
                await replace_buttons(update, None)
            return
        text, markup = self.prompt(context, before)
        prompt = before.data.get(PROMPT)
        remembered = prompt if isinstance(prompt, int) else None
        pressed = query.message.message_id if query is not None and query.message else None
        if press is not None:
            shown = text + "\n\n" + prompts.answer(self.draft, context, before, press, markup)
            if query is not None:
                await edit(update, shown)
            elif remembered is not None:
                await edit_message(context, chat.id, remembered, shown)
                pressed = remembered
        if remembered is not None and remembered != pressed and markup is not None:
            await drop_buttons(context, chat.id, remembered)
