"""Planning a meeting from /overleg (coordinators and professionals): the draft of
bot.consultation.meeting_draft in the chat; the invitations go out when it is planned."""

from __future__ import annotations

from telegram import Update

from bot.consultation.meeting_draft import DRAFT, MeetingDraft
from bot.consultation.meetings import ORGANISERS
from bot.flows.service import Progress
from handlers.core.context import BotContext
from handlers.core.guards import member
from handlers.core.rendering import acknowledge, say
from handlers.flows.draft import DraftChat
from storage.meetings import Meeting

Planned = tuple[Meeting, int]


async def _ended(update: Update, context: BotContext, progress: Progress[Planned]) -> None:
    if progress.cancelled or progress.result is None:
        await say(update, context, context.t("consultation.plan_stopped"))
        return
    meeting, invited = progress.result
    await say(
        update, context, context.t("consultation.planned", title=meeting.title, count=invited)
    )


PLANNING = DraftChat(
    DRAFT,
    lambda services: services.meeting_draft,
    ended=_ended,
    roles=tuple(ORGANISERS),
)
on_text = PLANNING.on_text


async def start(update: Update, context: BotContext) -> None:
    """ "Nieuw overleg plannen": open the draft (or the one already open) and ask its step."""
    person = member(context)
    await acknowledge(update)
    if person.role not in ORGANISERS:
        await say(update, context, context.t("access.not_allowed"))
        return
    service: MeetingDraft = context.services.meeting_draft
    flow = await service.open(update.update_id, person.telegram_id, {})
    await PLANNING.show(update, context, flow)
