"""Planning a meeting from /overleg (coordinators and professionals): kind, title, moment,
place, for whom; the invitations go out when it is planned."""

from __future__ import annotations

from telegram import Update

from bot.consultation import callbacks, round_choices
from bot.consultation.meeting_draft import audience_for
from bot.people.audiences import describe
from handlers.core.context import BotContext
from handlers.core.guards import member
from handlers.core.rendering import acknowledge, edit, inline, say
from storage.meetings import MeetingKind

PROMPTS = {
    "m_when": "consultation.plan_when",
    "m_place": "consultation.plan_place",
}


def kind_buttons(context: BotContext) -> list[list[tuple[str, str]]]:
    return [
        [(context.t(f"consultation.kind_{k.value}"), callbacks.NewMeeting("k", k.value).data)]
        for k in MeetingKind
    ]


async def on_press(update: Update, context: BotContext, press: callbacks.NewMeeting) -> None:
    draft, person = context.services.meeting_draft, member(context)
    if press.what == "k" and press.value == "new":
        await acknowledge(update)
        await say(
            update, context, context.t("consultation.plan_kind"), inline(kind_buttons(context))
        )
    elif press.what == "k":
        await draft.start(update.update_id, person, press.value)
        await acknowledge(update)
        await edit(update, context.t("consultation.plan_title"))
    else:
        meeting, invited = await draft.finish(update.update_id, person, press.value)
        await acknowledge(update)
        await edit(update, context.t("consultation.planned", title=meeting.title, count=invited))


async def on_text(update: Update, context: BotContext, step: str, text: str) -> None:
    following = await context.services.meeting_draft.typed(
        update.update_id, member(context), step, text
    )
    if following in PROMPTS:
        await say(update, context, context.t(PROMPTS[following]))
        return
    settings = context.services.settings
    options = ["e", *round_choices.who_options(settings)]
    rows = []
    for who in options:
        audience = audience_for(who, context.services.deps)
        assert audience is not None
        label = describe(audience, context.language, settings)
        rows.append([(label, callbacks.NewMeeting("a", who).data)])
    await say(update, context, context.t("consultation.plan_who"), inline(rows))
