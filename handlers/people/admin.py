"""Coordinators manage people: a filtered list, a card per person, and actions on it."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core import i18n
from bot.flows.callbacks import number, prefix_pattern
from bot.people import callbacks
from bot.people.admin import Page, PeopleFilter
from bot.people.callbacks import ALL, OnPerson, PeopleList, PersonAct, SetRole
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.guards import for_roles, member
from handlers.core.rendering import acknowledge, edit, inline, say
from handlers.people.summaries import own_pause_text, person_card
from storage.people import Person, Role, Status

# Filters travel in the callback data as short codes; "a" means all.
_ROLES = {"a": None, "c": Role.COORDINATOR, "p": Role.PROFESSIONAL, "v": Role.VOLUNTEER}
_STATUSES = {"a": None, "A": Status.ACTIVE, "P": Status.PAUSED, "X": Status.ALUMNI}
_ROLE_CODES = {role: code for code, role in _ROLES.items() if role}
_ROLE_BY_CODE = {code: role for role, code in _ROLE_CODES.items()}
# A page number beyond any list; larger ones (forged) would overflow the SQL offset.
MAX_PAGE = 100_000


def _next(options: list[str], current: str) -> str:
    return options[(options.index(current) + 1) % len(options)]


_EVERYONE = PeopleList()


class _Filter:
    """The list's filter state, from untrusted callback data with safe defaults."""

    def __init__(self, shown: PeopleList = _EVERYONE, *, wijk_count: int = 0) -> None:
        self.role = shown.role if shown.role in _ROLES else ALL
        self.status = shown.status if shown.status in _STATUSES else ALL
        wijk = number(shown.wijk)
        self.wijk = shown.wijk if wijk is not None and wijk < wijk_count else ALL
        self.page = min(shown.page, MAX_PAGE)

    def data(self, **changes: str | int) -> str:
        values: dict[str, str | int] = {
            "role": self.role,
            "wijk": self.wijk,
            "status": self.status,
            "page": self.page,
        }
        values.update(changes)
        return PeopleList(
            str(values["role"]), str(values["wijk"]), str(values["status"]), int(values["page"])
        ).data

    def where(self, wijken: list[str]) -> PeopleFilter:
        index = int(self.wijk) if self.wijk.isdecimal() else -1
        wijk = wijken[index] if 0 <= index < len(wijken) else None
        return PeopleFilter(_ROLES[self.role], wijk, _STATUSES[self.status])


def _list_view(context: BotContext, where: _Filter, page: Page) -> tuple[str, InlineKeyboardMarkup]:
    t, lang = context.t, context.language
    wijken = context.services.settings.organisation.wijken
    chosen = where.where(wijken)
    role_label = t(f"roles.{chosen.role}") if chosen.role else t("people.all")
    status_label = t(f"status.{chosen.status}") if chosen.status else t("people.all")
    wijk_codes = ["a", *(str(i) for i in range(len(wijken)))]
    rows: list[list[tuple[str, str]]] = [
        [
            (
                t("people.filter_role", value=role_label),
                where.data(role=_next(list(_ROLES), where.role), page=0),
            ),
            (
                t("people.filter_status", value=status_label),
                where.data(status=_next(list(_STATUSES), where.status), page=0),
            ),
        ],
        [
            (
                t("people.filter_wijk", value=chosen.wijk or t("people.all")),
                where.data(wijk=_next(wijk_codes, where.wijk), page=0),
            )
        ],
    ]
    settings, now = context.services.settings, context.services.clock()
    for person in page.people:
        label = f"{person.name} · {i18n.t(lang, f'roles.{person.role}')}"
        if person.wijk:
            label += f" · {person.wijk}"
        if not person.active:
            label += f" · {i18n.t(lang, f'status.{person.status}')}"
        elif paused := own_pause_text(person, lang, settings, now, "list"):
            label += f" · {paused}"
        rows.append([(label, OnPerson(PersonAct.VIEW, person.id).data)])
    nav = []
    if page.page > 0:
        nav.append(("‹", where.data(page=page.page - 1)))
    if page.page + 1 < page.pages:
        nav.append(("›", where.data(page=page.page + 1)))
    if nav:
        rows.append(nav)
    text = t("people.list_title", total=page.total, page=page.page + 1, pages=page.pages)
    return text, inline(rows)


def _card_view(context: BotContext, person: Person) -> tuple[str, InlineKeyboardMarkup]:
    t = context.t
    toggle = (
        ("people.resume", OnPerson(PersonAct.RESUME, person.id).data)
        if not person.active
        else ("people.pause", OnPerson(PersonAct.PAUSE, person.id).data)
    )
    rows = [
        [
            (t(toggle[0]), toggle[1]),
            (t("people.change_role"), OnPerson(PersonAct.ROLE, person.id).data),
        ],
        [(t("people.remove"), OnPerson(PersonAct.REMOVE, person.id).data)],
        [(t("people.back"), _Filter().data())],
    ]
    services = context.services
    card = person_card(person, context.language, services.settings, services.clock())
    return card, inline(rows)


@for_roles(Role.COORDINATOR)
async def list_people(update: Update, context: BotContext) -> None:
    where = _Filter()
    page = await context.services.people.list(member(context), where.where([]), 0)
    text, keyboard = _list_view(context, where, page)
    await say(update, context, text, keyboard)


def _role_view(context: BotContext, person: Person) -> tuple[str, InlineKeyboardMarkup]:
    t = context.t
    buttons = [
        (t(f"roles.{role}"), SetRole(person.id, code).data) for role, code in _ROLE_CODES.items()
    ]
    back = [(t("people.back"), OnPerson(PersonAct.VIEW, person.id).data)]
    return t("people.choose_role", name=person.name), inline([buttons, back])


def _remove_view(context: BotContext, person: Person) -> tuple[str, InlineKeyboardMarkup]:
    t = context.t
    rows = [
        [(t("people.remove_yes"), OnPerson(PersonAct.REMOVE_SURE, person.id).data)],
        [(t("people.back"), OnPerson(PersonAct.VIEW, person.id).data)],
    ]
    return t("people.remove_confirm", name=person.name), inline(rows)


_VIEWS = {PersonAct.VIEW: _card_view, PersonAct.ROLE: _role_view, PersonAct.REMOVE: _remove_view}
_STATUS_ACTIONS = {
    PersonAct.PAUSE: Status.PAUSED,
    PersonAct.RESUME: Status.ACTIVE,
    PersonAct.REMOVE_SURE: Status.ALUMNI,
}


async def _show_list(update: Update, context: BotContext, actor: Person, shown: PeopleList) -> None:
    wijken = context.services.settings.organisation.wijken
    where = _Filter(shown, wijk_count=len(wijken))
    page = await context.services.people.list(actor, where.where(wijken), where.page)
    await acknowledge(update)
    await edit(update, *_list_view(context, where, page))


@for_roles(Role.COORDINATOR)
async def on_button(update: Update, context: BotContext) -> None:
    """A `pp:` button (bot.people.callbacks); the people service checks the role again."""
    actor = member(context)
    query = update.callback_query
    button = callbacks.parse_people(query.data if query is not None else None)
    service, uid = context.services.people, update.update_id
    match button:
        case PeopleList():
            await _show_list(update, context, actor, button)
            return
        case OnPerson(act=act, person=person_id) if act in _VIEWS:
            view = _VIEWS[act]
            person = await service.get(actor, person_id)
        case OnPerson(act=act, person=person_id):
            view = _card_view
            person = await service.set_status(uid, actor, person_id, _STATUS_ACTIONS[act])
        case SetRole(person=person_id, role=code) if code in _ROLE_BY_CODE:
            view = _card_view
            person = await service.set_role(uid, actor, person_id, _ROLE_BY_CODE[code])
        case _:
            await acknowledge(update, context.t("common.button_expired"))
            return
    await acknowledge(update)
    await edit(update, *view(context, person))


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("people")), list_people),
        MessageHandler(filters.Text(list(i18n.labels("menu.people"))), list_people),
        CallbackQueryHandler(on_button, pattern=prefix_pattern(callbacks.PEOPLE)),
    ]
