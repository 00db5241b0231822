"""Coordinators choose people: /contactpersoon (a volunteer's contact professional) and
/maatje (a new volunteer's buddy). Volunteers see their own buddy with /maatje."""

from __future__ import annotations

from telegram import Update

from bot.consultation import callbacks
from bot.consultation.round_choices import NEW_DAYS
from bot.consultation.texts import first_name
from handlers.core.context import BotContext
from handlers.core.guards import member, members
from handlers.core.rendering import acknowledge, edit, inline, say
from storage.people import Person, Role

PAGE = 8
Rows = list[list[tuple[str, str]]]


def _pick(what: str, first: int, second: int = -1) -> str:
    return callbacks.Pick(what, first, second).data


def _label(person: Person) -> str:
    return person.name + (f" ({person.wijk})" if person.wijk else "")


def _paged(people: list[Person], page: int, choose: str, more: callbacks.Pick) -> Rows:
    """One page of people to choose from, each `choose:<id>`, and "…" for the next page."""
    shown = people[page * PAGE : (page + 1) * PAGE]
    rows = [[(_label(p), _pick(choose, p.id))] for p in shown]
    if len(people) > (page + 1) * PAGE:
        rows.append([("…", more.data)])
    return rows


@members
async def show_contacts(update: Update, context: BotContext) -> None:
    if member(context).role is not Role.COORDINATOR:
        await say(update, context, context.t("access.not_allowed"))
        return
    volunteers = await context.services.contacts.volunteers()
    rows = _paged(volunteers, 0, "cs", callbacks.Pick("cv", 1))
    await say(update, context, context.t("consultation.contact_choose_volunteer"), inline(rows))


@members
async def show_buddies(update: Update, context: BotContext) -> None:
    person = member(context)
    if person.role is Role.COORDINATOR:
        newcomers = await context.services.buddies.newcomers()
        if not newcomers:
            await say(update, context, context.t("consultation.buddy_no_newcomer", days=NEW_DAYS))
            return
        rows = _paged(newcomers, 0, "bs", callbacks.Pick("bn", 1))
        await say(update, context, context.t("consultation.buddy_choose_newcomer"), inline(rows))
        return
    buddy, newcomers = await context.services.buddies.of(person)
    lines = []
    if buddy is not None:
        lines.append(context.t("consultation.buddy_yours", buddy=first_name(buddy.name)))
    for newcomer in newcomers:
        lines.append(context.t("consultation.buddy_of", newcomer=first_name(newcomer.name)))
    await say(update, context, "\n".join(lines) or context.t("consultation.buddy_none"))


async def on_pick(update: Update, context: BotContext, press: callbacks.Pick) -> None:
    person = member(context)
    if person.role is not Role.COORDINATOR:
        await acknowledge(update, context.t("access.not_allowed"))
        return
    if press.what in ("cv", "cs", "cp"):
        await _contact(update, context, press)
    else:
        await _buddy(update, context, press)


async def _contact(update: Update, context: BotContext, press: callbacks.Pick) -> None:
    t, contacts = context.t, context.services.contacts
    if press.what == "cp":
        change = await contacts.set(update.update_id, member(context), press.first, press.second)
        name, contact = change.volunteer.name, change.contact.person.name
        lines = [t("consultation.contact_set", name=name, contact=contact)]
        if change.moved:
            lines.append(
                t("consultation.contact_followups_moved", count=change.moved, contact=contact)
            )
        await acknowledge(update)
        await edit(update, "\n".join(lines))
        return
    volunteers = await contacts.volunteers()
    await acknowledge(update)
    if press.what == "cv":
        more = callbacks.Pick("cv", press.first + 1)
        rows = _paged(volunteers, press.first, "cs", more)
        await edit(update, t("consultation.contact_choose_volunteer"), inline(rows))
        return
    volunteer = next((v for v in volunteers if v.id == press.first), None)
    if volunteer is None:
        await edit(update, t("common.not_found"))
        return
    current = await contacts.current(volunteer.id)
    rows = [[(p.name, _pick("cp", volunteer.id, p.id))] for p in await contacts.staff()]
    rows.append([(t("consultation.contact_by_rules"), _pick("cp", volunteer.id, 0))])
    text = t("consultation.contact_choose", name=volunteer.name, contact=current.person.name)
    await edit(update, text, inline(rows))


async def _buddy(update: Update, context: BotContext, press: callbacks.Pick) -> None:
    t, buddies = context.t, context.services.buddies
    if press.what == "bb":
        pairing = await buddies.pair(update.update_id, member(context), press.first, press.second)
        await acknowledge(update)
        names = {"newcomer": pairing.newcomer.name, "buddy": pairing.buddy.name}
        await edit(update, t("consultation.buddy_paired", **names))
        return
    await acknowledge(update)
    if press.what == "bn":
        more = callbacks.Pick("bn", press.first + 1)
        rows = _paged(await buddies.newcomers(), press.first, "bs", more)
        await edit(update, t("consultation.buddy_choose_newcomer"), inline(rows))
        return
    page = max(press.second, 0)
    others = [p for p in await buddies.experienced() if p.id != press.first]
    if not others:  # everyone joined lately (the sandbox's demo on its first days)
        await edit(update, t("consultation.buddy_no_experienced", days=NEW_DAYS))
        return
    shown = others[page * PAGE : (page + 1) * PAGE]
    rows = [[(_label(p), _pick("bb", press.first, p.id))] for p in shown]
    if len(others) > (page + 1) * PAGE:
        rows.append([("…", _pick("bp", press.first, page + 1))])
    await edit(update, t("consultation.buddy_choose_buddy"), inline(rows))
