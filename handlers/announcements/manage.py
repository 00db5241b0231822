"""/bericht's list and an announcement's card (its report) with what can be done with it, and
"Gelezen 👍" on a copy. Buttons an:<act>:<id> (bot.announcements.callbacks); the services
check the person again for every press."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.announcements import texts
from bot.announcements.callbacks import CONFIRMED, Act, OnAnnouncement
from bot.announcements.follow_up import Missed, Read
from bot.core.message_fit import shorten
from handlers.core.context import BotContext
from handlers.core.guards import member
from handlers.core.rendering import acknowledge, edit, from_outbox, inline, replace_buttons
from storage.announcements import Announcement, State

View = tuple[str, InlineKeyboardMarkup]
LABEL_UNITS = 40
NAMES_LISTED = 50  # a longer list would not fit one message; the rest are counted
_ICONS = {
    State.SCHEDULED: "🕓",
    State.SENDING: "📣",
    State.SENT: "📣",
    State.CANCELLED: "❌",
    State.WITHDRAWN: "🗑",
}


def list_view(context: BotContext, announcements: list[Announcement]) -> View:
    """The newest announcements and the scheduled ones, each opening its card."""
    zone = context.services.settings.organisation.zone
    this_year = texts.year_of(context.services.clock(), zone)
    rows = [[(context.t("announcements.new"), OnAnnouncement(Act.NEW, 0).data)]]
    for a in announcements:
        label = " · ".join(
            [
                f"{_ICONS[a.status]} {a.reference}",
                texts.when(a.send_at, zone, context.language, this_year),
                shorten(texts.preview_of(a, context.language), LABEL_UNITS),
            ]
        )
        rows.append([(label, OnAnnouncement(Act.SHOW, a.id).data)])
    return context.t("announcements.list"), inline(rows)


async def card_view(context: BotContext, announcement_id: int) -> View:
    services = context.services
    view = await services.announcements.follow_up.view(
        member(context).telegram_id, announcement_id, context.language
    )
    zone = services.settings.organisation.zone
    a = view.announcement
    now = services.clock()
    text = texts.card(context.language, a, view.audience, view.standing, view.acks, zone, now)
    return text, from_outbox(texts.card_buttons(context.language, a, view.standing, view.acks))


def _names_view(
    context: BotContext, announcement_id: int, title: str, missed: list[Missed]
) -> View:
    """Who was not reached, or did not read it yet, by name, under the title."""
    t = context.t
    lines = [t(title, count=len(missed))]
    for person in missed[:NAMES_LISTED]:
        where = f" ({person.wijk})" if person.wijk else ""
        lines.append(
            t(
                f"announcements.missed_{person.why}",
                name=person.name + where,
                role=t(f"roles.{person.role}"),
            )
        )
    more = len(missed) - NAMES_LISTED
    if more > 0:
        shown = texts.number(more, context.language)
        lines.append("… " + t("announcements.and_more", count=more, number=shown))
    back = [[(t("announcements.back"), OnAnnouncement(Act.SHOW, announcement_id).data)]]
    return "\n".join(lines), inline(back)


def _confirm_view(context: BotContext, press: OnAnnouncement, question: str) -> View:
    t = context.t
    rows = [
        [
            (
                t(f"announcements.yes_{press.act}"),
                OnAnnouncement(press.act, press.announcement, True).data,
            )
        ],
        [(t("announcements.back"), OnAnnouncement(Act.SHOW, press.announcement).data)],
    ]
    return question, inline(rows)


async def acknowledge_press(update: Update, context: BotContext, announcement_id: int) -> None:
    """ "Gelezen 👍": counted once; the button shows it was."""
    follow_up = context.services.announcements.follow_up
    read = await follow_up.acknowledge(
        update.update_id, member(context).telegram_id, announcement_id
    )
    await acknowledge(update, context.t(f"announcements.read_{read.value}"))
    if read is not Read.WITHDRAWN:
        label = context.t("announcements.acknowledged")
        await replace_buttons(
            update, inline([[(label, OnAnnouncement(Act.ACK, announcement_id).data)]])
        )


async def manage(update: Update, context: BotContext, press: OnAnnouncement) -> None:
    """A press on the list, a card or a confirmation."""
    services, who = context.services, member(context).telegram_id
    follow_up, changes = services.announcements.follow_up, services.announcements.changes
    act, announcement_id, uid = press.act, press.announcement, update.update_id
    toast: str | None = None
    if act is Act.LIST:
        view = list_view(context, await follow_up.listing(who))
    elif act is Act.MISSED:
        missed = await follow_up.missed(who, announcement_id)
        view = _names_view(context, announcement_id, "announcements.missed_title", missed)
    elif act is Act.UNREAD:
        unread = await follow_up.unread(who, announcement_id)
        view = _names_view(context, announcement_id, "announcements.unread_title", unread)
    elif act in CONFIRMED and not press.sure:
        card, _ = await card_view(context, announcement_id)  # checks who may see it
        view = _confirm_view(context, press, card + "\n\n" + context.t(f"announcements.ask_{act}"))
    elif act is Act.REMIND:
        count = await follow_up.remind(uid, who, announcement_id)
        shown = texts.number(count, context.language)
        toast = context.t("announcements.reminding", count=count, number=shown)
        view = await card_view(context, announcement_id)
    elif act is Act.WITHDRAW:
        await changes.withdraw(uid, who, announcement_id)
        toast = context.t("announcements.withdrawing")
        view = await card_view(context, announcement_id)
    elif act is Act.CANCEL:
        await follow_up.cancel(uid, who, announcement_id)
        view = await card_view(context, announcement_id)
    else:
        view = await card_view(context, announcement_id)
    await acknowledge(update, toast)
    await edit(update, *view)
