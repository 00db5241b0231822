"""/routering: coordinators see and change the ordered routing rules with buttons
(bot.routing.callbacks). Buttons carry only indexes and ids; bot.routing.admin validates each
and checks the role again.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.flows.callbacks import prefix_pattern
from bot.routing import callbacks
from bot.routing.admin import RuleLine
from bot.routing.callbacks import ANY, AddRule, NewRule, OnRule, RuleAct, Rules
from bot.telegram import commands
from handlers.core.context import BotContext
from handlers.core.guards import for_roles, member
from handlers.core.rendering import acknowledge, edit, in_rows, inline, say
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
                (t("routing.up", number=n), OnRule(RuleAct.UP, rid).data),
                (t("routing.down", number=n), OnRule(RuleAct.DOWN, rid).data),
                (t("routing.delete", number=n), OnRule(RuleAct.DELETE, rid).data),
            ]
        )
    rows.append([(t("routing.add"), AddRule().data)])
    return t("routing.list", rules=body), inline(rows)


def _category_view(context: BotContext) -> tuple[str, InlineKeyboardMarkup]:
    org, t = context.services.settings.organisation, context.t
    buttons = [(t("routing.any_category"), NewRule(ANY).data)]
    for index, key in enumerate(org.category_keys()):
        category = org.category(key)
        label = category.label(context.language) if category else key
        buttons.append((label, NewRule(str(index)).data))
    return t("routing.choose_category"), inline([*in_rows(buttons), [_back(context)]])


def _wijk_view(context: BotContext, category: str) -> tuple[str, InlineKeyboardMarkup]:
    wijken, t = context.services.settings.organisation.wijken, context.t
    buttons = [(t("routing.any_wijk"), NewRule(category, ANY).data)]
    buttons += [(wijk, NewRule(category, str(index)).data) for index, wijk in enumerate(wijken)]
    return t("routing.choose_wijk"), inline([*in_rows(buttons), [_back(context)]])


async def _professional_view(
    context: BotContext, category: str, wijk: str
) -> tuple[str, InlineKeyboardMarkup]:
    service = context.services.routing_admin
    service.category_at(category)  # refuse forged indexes early
    service.wijk_at(wijk)
    people = await service.professionals(member(context).telegram_id)
    buttons = [(p.name, NewRule(category, wijk, p.id).data) for p in people]
    key = "routing.choose_professional" if people else "routing.no_professionals"
    return context.t(key), inline([*in_rows(buttons), [_back(context)]])


def _back(context: BotContext) -> tuple[str, str]:
    return context.t("routing.back"), Rules().data


@for_roles(Role.COORDINATOR)
async def show_rules(update: Update, context: BotContext) -> None:
    lines = await context.services.routing_admin.rules(member(context).telegram_id)
    await say(update, context, *_list_view(context, lines))


async def _change(update: Update, context: BotContext, button: NewRule | OnRule) -> None:
    service, uid = context.services.routing_admin, update.update_id
    tid = member(context).telegram_id
    if isinstance(button, NewRule):
        assert button.wijk is not None and button.person is not None
        lines = await service.add(uid, tid, button.category, button.wijk, button.person)
    elif button.act is RuleAct.DELETE_SURE:
        lines = await service.delete(uid, tid, button.rule)
    else:
        lines = await service.move(uid, tid, button.rule, -1 if button.act is RuleAct.UP else 1)
    await acknowledge(update, context.t("routing.saved"))
    await edit(update, *_list_view(context, lines))


async def _confirm_delete(update: Update, context: BotContext, rule_id: int) -> None:
    line = await context.services.routing_admin.rule(member(context).telegram_id, rule_id)
    t = context.t
    rows = [
        [(t("routing.delete_yes"), OnRule(RuleAct.DELETE_SURE, line.rule.id).data)],
        [_back(context)],
    ]
    await acknowledge(update)
    await edit(update, t("routing.delete_confirm", rule=rule_text(context, line)), inline(rows))


@for_roles(Role.COORDINATOR)
async def on_button(update: Update, context: BotContext) -> None:
    """An `rt:` button (bot.routing.callbacks); the service checks indexes, ids and the role."""
    query = update.callback_query
    button = callbacks.parse(query.data if query is not None else None)
    match button:
        case Rules():
            tid = member(context).telegram_id
            view = _list_view(context, await context.services.routing_admin.rules(tid))
        case AddRule():
            view = _category_view(context)
        case NewRule(category=category, wijk=None):
            context.services.routing_admin.category_at(category)
            view = _wijk_view(context, category)
        case NewRule(category=category, wijk=str(wijk), person=None):
            view = await _professional_view(context, category, wijk)
        case OnRule(act=RuleAct.DELETE, rule=rule):
            await _confirm_delete(update, context, rule)
            return
        case NewRule() | OnRule():
            await _change(update, context, button)
            return
        case _:
            await acknowledge(update, context.t("common.button_expired"))
            return
    await acknowledge(update)
    await edit(update, *view)


def handlers() -> list[BaseHandler[Update, BotContext, None]]:
    return [
        CommandHandler(list(commands.names("routing")), show_rules),
        CallbackQueryHandler(on_button, pattern=prefix_pattern(callbacks.PREFIX)),
    ]
