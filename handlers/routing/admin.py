"""/routering: coordinators see and change the ordered routing rules with buttons rt:<action>.

Buttons carry only indexes and ids; bot.routing.admin validates each and checks the role again.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.routing.admin import RuleLine
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.guards import for_roles, member
from handlers.core.rendering import acknowledge, callback_parts, edit, in_rows, inline, say
from storage.people import Role

Rows = list[list[tuple[str, str]]]


def rule_text(context: BotContext, line: RuleLine) -> str:
    org = context.services.settings.organisation
    category = org.category(line.rule.category) if line.rule.category else None
    return context.t(
        "routing.rule",
        category=category.label(context.language)
        if category
        else context.t("routing.any_category"),
        wijk=line.rule.wijk or context.t("routing.any_wijk"),
        name=line.professional,
    )


def _list_view(context: BotContext, lines: list[RuleLine]) -> tuple[str, InlineKeyboardMarkup]:
    t = context.t
    numbered = [f"{n}. {rule_text(context, line)}" for n, line in enumerate(lines, start=1)]
    body = "\n".join(numbered) if numbered else t("routing.no_rules")
    rows: Rows = []
    for n, line in enumerate(lines, start=1):
        rid = line.rule.id
        rows.append(
            [
                (t("routing.up", number=n), f"rt:u:{rid}"),
                (t("routing.down", number=n), f"rt:d:{rid}"),
                (t("routing.delete", number=n), f"rt:x:{rid}"),
            ]
        )
    rows.append([(t("routing.add"), "rt:add")])
    return t("routing.list", rules=body), inline(rows)


def _category_view(context: BotContext) -> tuple[str, InlineKeyboardMarkup]:
    org, t = context.services.settings.organisation, context.t
    buttons = [(t("routing.any_category"), "rt:c:a")]
    for index, key in enumerate(org.category_keys()):
        category = org.category(key)
        buttons.append((category.label(context.language) if category else key, f"rt:c:{index}"))
    return t("routing.choose_category"), inline([*in_rows(buttons), [_back(context)]])


def _wijk_view(context: BotContext, category: str) -> tuple[str, InlineKeyboardMarkup]:
    wijken, t = context.services.settings.organisation.wijken, context.t
    buttons = [(t("routing.any_wijk"), f"rt:w:{category}:a")]
    buttons += [(wijk, f"rt:w:{category}:{index}") for index, wijk in enumerate(wijken)]
    return t("routing.choose_wijk"), inline([*in_rows(buttons), [_back(context)]])


async def _professional_view(
    context: BotContext, category: str, wijk: str
) -> tuple[str, InlineKeyboardMarkup]:
    service = context.services.routing_admin
    service.category_at(category)  # refuse forged indexes early
    service.wijk_at(wijk)
    people = await service.professionals(member(context).telegram_id)
    buttons = [(p.name, f"rt:p:{category}:{wijk}:{p.id}") for p in people]
    key = "routing.choose_professional" if people else "routing.no_professionals"
    return context.t(key), inline([*in_rows(buttons), [_back(context)]])


def _back(context: BotContext) -> tuple[str, str]:
    return context.t("routing.back"), "rt:l"


@for_roles(Role.COORDINATOR)
async def show_rules(update: Update, context: BotContext) -> None:
    lines = await context.services.routing_admin.rules(member(context).telegram_id)
    await say(update, context, *_list_view(context, lines))


def _number(value: str) -> int:
    return int(value) if value.isdecimal() and len(value) < 12 else -1


async def _change(update: Update, context: BotContext, action: str, args: list[str]) -> None:
    service, uid = context.services.routing_admin, update.update_id
    tid = member(context).telegram_id
    if action == "p" and len(args) == 3:
        lines = await service.add(uid, tid, args[0], args[1], _number(args[2]))
    elif action in ("u", "d") and len(args) == 1:
        lines = await service.move(uid, tid, _number(args[0]), -1 if action == "u" else 1)
    elif action == "xok" and len(args) == 1:
        lines = await service.delete(uid, tid, _number(args[0]))
    else:
        await acknowledge(update, context.t("common.button_expired"))
        return
    await acknowledge(update, context.t("routing.saved"))
    await edit(update, *_list_view(context, lines))


async def _confirm_delete(update: Update, context: BotContext, rule_id: int) -> None:
    line = await context.services.routing_admin.rule(member(context).telegram_id, rule_id)
    t = context.t
    rows = [[(t("routing.delete_yes"), f"rt:xok:{line.rule.id}")], [_back(context)]]
    await acknowledge(update)
    await edit(update, t("routing.delete_confirm", rule=rule_text(context, line)), inline(rows))


@for_roles(Role.COORDINATOR)
async def on_button(update: Update, context: BotContext) -> None:
    parts = callback_parts(update, "rt:")
    action, args = (parts[0], parts[1:]) if parts else ("", [])
    if action == "l":
        view = _list_view(
            context, await context.services.routing_admin.rules(member(context).telegram_id)
        )
    elif action == "add":
        view = _category_view(context)
    elif action == "c" and len(args) == 1:
        context.services.routing_admin.category_at(args[0])
        view = _wijk_view(context, args[0])
    elif action == "w" and len(args) == 2:
        view = await _professional_view(context, args[0], args[1])
    elif action == "x" and len(args) == 1:
        await _confirm_delete(update, context, _number(args[0]))
        return
    else:
        await _change(update, context, action, args)
        return
    await acknowledge(update)
    await edit(update, *view)


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("routing")), show_rules),
        CallbackQueryHandler(on_button, pattern=r"^rt:"),
    ]
