"""Coordinators manage people: a filtered list, a card per person, and actions on it."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core import i18n
from bot.people.admin import Page, PeopleFilter
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.guards import for_roles, member
from handlers.core.rendering import acknowledge, callback_parts, edit, inline, parse_id, say
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


class _Filter:
    """The list's filter state, parsed from untrusted callback data with safe defaults."""

    def __init__(
        self,
        role: str = "a",
        wijk: str = "a",
        status: str = "a",
        page: str = "0",
        *,
        wijk_count: int = 0,
    ) -> None:
        self.role = role if role in _ROLES else "a"
        self.status = status if status in _STATUSES else "a"
        self.wijk = wijk if wijk.isdecimal() and int(wijk) < wijk_count else "a"
        self.page = min(parse_id(page) or 0, MAX_PAGE)

    def data(self, **changes: str) -> str:
        values = {
            "role": self.role,
            "wijk": self.wijk,
            "status": self.status,
            "page": str(self.page),
        }
        values.update(changes)
        return "pp:l:{role}:{wijk}:{status}:{page}".format(**values)

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
                where.data(role=_next(list(_ROLES), where.role), page="0"),
            ),
            (
                t("people.filter_status", value=status_label),
                where.data(status=_next(list(_STATUSES), where.status), page="0"),
            ),
        ],
        [
            (
                t("people.filter_wijk", value=chosen.wijk or t("people.all")),
                where.data(wijk=_next(wijk_codes, where.wijk), page="0"),
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
        rows.append([(label, f"pp:v:{person.id}")])
    nav = []
    if page.page > 0:
        nav.append(("‹", where.data(page=str(page.page - 1))))
    if page.page + 1 < page.pages:
        nav.append(("›", where.data(page=str(page.page + 1))))
    if nav:
        rows.append(nav)
    text = t("people.list_title", total=page.total, page=page.page + 1, pages=page.pages)
    return text, inline(rows)


def _card_view(context: BotContext, person: Person) -> tuple[str, InlineKeyboardMarkup]:
    t = context.t
    toggle = (
        ("people.resume", f"pp:resume:{person.id}")
        if not person.active
        else ("people.pause", f"pp:pause:{person.id}")
    )
    rows = [
        [(t(toggle[0]), toggle[1]), (t("people.change_role"), f"pp:role:{person.id}")],
        [(t("people.remove"), f"pp:rm:{person.id}")],
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
        (t(f"roles.{role}"), f"pp:setrole:{person.id}:{code}") for role, code in _ROLE_CODES.items()
    ]
    back = [(t("people.back"), f"pp:v:{person.id}")]
    return t("people.choose_role", name=person.name), inline([buttons, back])


def _remove_view(context: BotContext, person: Person) -> tuple[str, InlineKeyboardMarkup]:
    t = context.t
    rows = [
        [(t("people.remove_yes"), f"pp:rmok:{person.id}")],
        [(t("people.back"), f"pp:v:{person.id}")],
    ]
    return t("people.remove_confirm", name=person.name), inline(rows)


_VIEWS = {"v": _card_view, "role": _role_view, "rm": _remove_view}
_STATUS_ACTIONS = {"pause": Status.PAUSED, "resume": Status.ACTIVE, "rmok": Status.ALUMNI}


async def _show_list(update: Update, context: BotContext, actor: Person, args: list[str]) -> None:
    wijken = context.services.settings.organisation.wijken
    where = _Filter(*args[:4], wijk_count=len(wijken))
    page = await context.services.people.list(actor, where.where(wijken), where.page)
    await acknowledge(update)
    await edit(update, *_list_view(context, where, page))


@for_roles(Role.COORDINATOR)
async def on_button(update: Update, context: BotContext) -> None:
    """pp:<action>:...; the people service checks the coordinator role again."""
    actor = member(context)
    parts = callback_parts(update, "pp:")
    action, args = (parts[0], parts[1:]) if parts else ("", [])
    if action == "l":
        await _show_list(update, context, actor, args)
        return
    service, uid = context.services.people, update.update_id
    person_id = (parse_id(args[0]) if args else None) or -1
    view = _VIEWS.get(action, _card_view)
    if action in _VIEWS:
        person = await service.get(actor, person_id)
    elif action in _STATUS_ACTIONS:
        person = await service.set_status(uid, actor, person_id, _STATUS_ACTIONS[action])
    elif action == "setrole" and len(args) == 2 and args[1] in _ROLE_BY_CODE:
        person = await service.set_role(uid, actor, person_id, _ROLE_BY_CODE[args[1]])
    else:
        await acknowledge(update, context.t("common.button_expired"))
        return
    await acknowledge(update)
    await edit(update, *view(context, person))


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("people")), list_people),
        MessageHandler(filters.Text(list(i18n.labels("menu.people"))), list_people),
        CallbackQueryHandler(on_button, pattern=r"^pp:"),
    ]
