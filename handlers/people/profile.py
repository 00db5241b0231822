"""/profile (see and edit), /mydata (a copy of everything stored) and /forget (erase it)."""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardMarkup, InputFile, ReplyKeyboardRemove, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core import i18n
from bot.core.config import LANGUAGES
from bot.core.errors import InvalidInput
from bot.flows import names
from bot.flows.callbacks import number, prefix_pattern
from bot.people import callbacks, my_data_texts
from bot.people.callbacks import NONE, Forget, Language, Profile, ProfileField
from bot.people.registration import AVAILABILITY, MAX_SHIFTS
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.guards import member, members
from handlers.core.rendering import (
    acknowledge,
    close_buttons,
    edit,
    in_rows,
    inline,
    main_menu,
    patiently,
    replace_buttons,
    say,
)
from handlers.people.summaries import profile_card
from storage.flows import Flow
from storage.people import Person, Role

FLOW = names.PROFILE


def _edit_buttons(context: BotContext, person: Person) -> InlineKeyboardMarkup:
    t = context.t

    def edit(key: str, field: ProfileField) -> tuple[str, str]:
        return t(f"profile.edit_{key}"), Profile(field).data

    rows = [
        [edit("name", ProfileField.NAME), edit("wijk", ProfileField.WIJK)],
        [edit("language", ProfileField.LANGUAGE)],
    ]
    if person.role is Role.VOLUNTEER:
        rows += [
            [
                edit("interests", ProfileField.INTERESTS),
                edit("availability", ProfileField.AVAILABILITY),
            ],
            [
                edit("max_shifts", ProfileField.MAX_SHIFTS),
                edit("motivation", ProfileField.MOTIVATION),
            ],
        ]
    return inline(rows)


@members
async def show_profile(update: Update, context: BotContext) -> None:
    person = member(context)
    settings = context.services.settings
    await say(
        update,
        context,
        profile_card(person, context.language, settings, context.services.clock()),
        _edit_buttons(context, person),
    )


async def _ask_text(update: Update, context: BotContext, person: Person, step: str) -> None:
    flow = Flow(person.telegram_id, FLOW, step)
    await context.services.access.start_flow(update.update_id, flow)
    await say(update, context, context.t(f"profile.ask_{step}"))


async def _pick_language(update: Update, context: BotContext, person: Person) -> None:
    buttons = [(context.t(f"language.name_{code}"), Language(code).data) for code in LANGUAGES]
    await say(update, context, context.t("language.choose"), inline([buttons]))


async def _pick_wijk(update: Update, context: BotContext, person: Person) -> None:
    wijken = context.services.settings.organisation.wijken
    rows = in_rows(
        [(name, Profile(ProfileField.WIJK, str(i)).data) for i, name in enumerate(wijken)]
    )
    if person.role is not Role.VOLUNTEER:
        rows.append([(context.t("registration.no_wijk"), Profile(ProfileField.WIJK, NONE).data)])
    await edit(update, context.t("registration.ask_wijk"), inline(rows))


async def _pick_max_shifts(update: Update, context: BotContext, person: Person) -> None:
    buttons = [(str(n), Profile(ProfileField.MAX_SHIFTS, str(n)).data) for n in MAX_SHIFTS]
    no_max = [(context.t("profile.no_max"), Profile(ProfileField.MAX_SHIFTS, NONE).data)]
    await edit(update, context.t("registration.ask_max_shifts"), inline([buttons, no_max]))


def _pick_toggles(what: ProfileField) -> Opener:
    async def pick(update: Update, context: BotContext, person: Person) -> None:
        text = context.t(f"registration.ask_{_FIELDS[what]}")
        await edit(update, text, _toggles(context, person, what))

    return pick


async def _show(update: Update, context: BotContext, person: Person) -> None:
    card = profile_card(
        person, context.language, context.services.settings, context.services.clock()
    )
    await edit(update, card, _edit_buttons(context, person))


Opener = Callable[[Update, BotContext, Person], Coroutine[Any, Any, None]]
# A profile button without a value opens a question; with one it answers it.
_OPENERS: dict[ProfileField, Opener] = {
    ProfileField.NAME: lambda u, c, p: _ask_text(u, c, p, "name"),
    ProfileField.MOTIVATION: lambda u, c, p: _ask_text(u, c, p, "motivation"),
    ProfileField.LANGUAGE: _pick_language,
    ProfileField.WIJK: _pick_wijk,
    ProfileField.MAX_SHIFTS: _pick_max_shifts,
    ProfileField.INTERESTS: _pick_toggles(ProfileField.INTERESTS),
    ProfileField.AVAILABILITY: _pick_toggles(ProfileField.AVAILABILITY),
    ProfileField.SHOW: _show,
}
_FIELDS = {ProfileField.INTERESTS: "interests", ProfileField.AVAILABILITY: "availability"}


@members
async def on_button(update: Update, context: BotContext) -> None:
    """A profile button (bot.people.callbacks); every value is checked again by the service."""
    person = member(context)
    query = update.callback_query
    button = callbacks.parse_profile(query.data if query is not None else None)
    profile, uid = context.services.profile, update.update_id
    if button is not None and button.value is None:
        await acknowledge(update)
        await _OPENERS[button.field](update, context, person)
        return
    if button is None or button.value is None:
        await acknowledge(update, context.t("common.button_expired"))
        return
    what, value = button.field, button.value
    if what is ProfileField.WIJK:
        person = await profile.set_wijk(uid, person, _number_or_none(value))
    elif what is ProfileField.MAX_SHIFTS:
        person = await profile.set_max_shifts(uid, person, _number_or_none(value))
    elif what in _FIELDS:
        person = await profile.toggle(uid, person, _FIELDS[what], value)
        await acknowledge(update)
        await replace_buttons(update, _toggles(context, person, what))
        return
    else:
        await acknowledge(update, context.t("common.button_expired"))
        return
    await acknowledge(update)
    await _show(update, context, person)


def _number_or_none(value: str) -> int | None:
    """'-' means "none"; digits are a number; anything else is a forged or garbled button."""
    if value == NONE:
        return None
    found = number(value)
    if found is None:
        raise InvalidInput("common.button_expired")
    return found


def _toggles(context: BotContext, person: Person, what: ProfileField) -> InlineKeyboardMarkup:
    lang = context.language
    if what is ProfileField.INTERESTS:
        options = [(c.key, c.label(lang)) for c in context.services.settings.organisation.interests]
        chosen = person.interests
    else:
        options = [(key, i18n.t(lang, f"availability.{key}")) for key in AVAILABILITY]
        chosen = person.availability
    buttons = [
        (("✅ " if key in chosen else "") + label, Profile(what, key).data)
        for key, label in options
    ]
    rows = in_rows(buttons)
    rows.append([(context.t("common.done"), Profile(ProfileField.SHOW).data)])
    return inline(rows)


async def on_text(update: Update, context: BotContext) -> None:
    """Typed answer for a profile edit (new name or motivation)."""
    person, flow, message = context.person, context.flow, update.effective_message
    if person is None or flow is None or message is None:
        return
    profile = context.services.profile
    if flow.step == "name":
        person = await profile.rename(update.update_id, person, message.text or "")
    else:
        person = await profile.set_motivation(update.update_id, person, message.text or "")
    text = (
        context.t("profile.saved")
        + "\n\n"
        + profile_card(
            person, context.language, context.services.settings, context.services.clock()
        )
    )
    await say(update, context, text, _edit_buttons(context, person))


@members
async def my_data(update: Update, context: BotContext) -> None:
    """Send everything stored about the person: readable, and as a JSON file."""
    person = member(context)
    data = await context.services.profile.export(person)
    settings = context.services.settings
    summary = my_data_texts.summary(data, settings, context.language)
    card = profile_card(person, context.language, settings, context.services.clock())
    await say(update, context, summary + "\n\n" + card)
    chat = update.effective_chat
    assert chat is not None
    document = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    await patiently(
        lambda: context.bot.send_document(
            chat.id,
            InputFile(document, filename="voelspriet-my-data.json"),
            caption=context.t("profile.mydata_file"),
        )
    )


@members
async def forget(update: Update, context: BotContext) -> None:
    t = context.t
    yes, no = Forget(sure=True).data, Forget(sure=False).data
    keyboard = inline([[(t("profile.forget_yes"), yes)], [(t("profile.forget_no"), no)]])
    await say(update, context, t("profile.forget_confirm"), keyboard)


@members
async def on_forget(update: Update, context: BotContext) -> None:
    person = member(context)
    await acknowledge(update)
    await close_buttons(update)
    query = update.callback_query
    button = callbacks.parse_forget(query.data if query is not None else None)
    if button is None or not button.sure:
        menu = main_menu(person) if person.active else None
        await say(update, context, context.t("profile.forget_kept"), menu)
        return
    await context.services.profile.forget(update.update_id, person)
    await say(update, context, context.t("profile.forgotten"), ReplyKeyboardRemove())


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("profile")), show_profile),
        MessageHandler(filters.Text(list(i18n.labels("menu.profile"))), show_profile),
        CommandHandler(list(commands.names("mydata")), my_data),
        MessageHandler(filters.Text(list(i18n.labels("menu.mydata"))), my_data),
        CommandHandler(list(commands.names("forget")), forget),
        CallbackQueryHandler(on_button, pattern=prefix_pattern(callbacks.PROFILE)),
        CallbackQueryHandler(on_forget, pattern=prefix_pattern(callbacks.FORGET)),
    ]
