"""/rondes: a coordinator's check-in rounds. The list with a stop button per round, and a new
round put together with buttons in one message: who, how often, which questions, then the
first one now or on the coming Monday."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.consultation import callbacks
from bot.consultation import questions as asked
from bot.consultation import round_choices as choices
from bot.consultation.rounds import next_monday
from bot.people.audiences import Audience, describe
from bot.scheduling.recurrence_rules import describe as describe_rule
from handlers.core.context import BotContext
from handlers.core.guards import for_roles, member
from handlers.core.rendering import acknowledge, edit, inline, say
from storage.checkins import Round
from storage.people import Role

View = tuple[str, InlineKeyboardMarkup | None]


def round_line(context: BotContext, round_: Round) -> str:
    settings = context.services.settings
    who = describe(Audience.from_json(round_.audience), context.language, settings)
    often = describe_rule(round_.rule, context.language, settings.organisation.zone)
    state = "consultation.rounds_running" if round_.active else "consultation.rounds_stopped"
    line = context.t(
        "consultation.round_line",
        who=who,
        often=often,
        time=f"{round_.starts:%H:%M}",
        count=len(round_.questions),
        state=context.t(state),
    )
    # The default round is the one nobody set (bot.consultation.rounds.ensure_default).
    return line + (context.t("consultation.round_default") if round_.created_by is None else "")


async def _list_view(context: BotContext) -> View:
    rounds = await context.services.rounds.listed()
    lines = [context.t("consultation.rounds_title")]
    rows = []
    for round_ in rounds:
        lines.append(round_line(context, round_))
        if round_.active:
            label = context.t("consultation.round_stop", id=round_.id)
            rows.append([(label, callbacks.RoundPress(round_.id, stop=True).data)])
    if not rounds:
        lines.append(context.t("consultation.rounds_none"))
    rows.append([(context.t("consultation.round_new"), callbacks.NewRound().data)])
    return "\n".join(lines), inline(rows)


def _who_label(context: BotContext, who: str) -> str:
    audience = choices.audience_for(who, context.services.settings)
    assert audience is not None
    return describe(audience, context.language, context.services.settings)


def _new_view(context: BotContext, state: callbacks.NewRound) -> View:
    t = context.t
    if not state.who:
        options = choices.who_options(context.services.settings)
        rows = [[(_who_label(context, w), callbacks.NewRound(who=w).data)] for w in options]
        return t("consultation.round_who"), inline(rows)
    head = t("consultation.round_chosen_who", who=_who_label(context, state.who))
    if not state.often:
        zone = context.services.settings.organisation.zone
        rows = [
            [
                (
                    describe_rule(rule, context.language, zone),
                    callbacks.NewRound(state.who, key, choices.ALL_QUESTIONS).data,
                )
            ]
            for key, rule in choices.OFTEN.items()
        ]
        return f"{head}\n\n{t('consultation.round_often')}", inline(rows)
    zone = context.services.settings.organisation.zone
    often = describe_rule(choices.OFTEN[state.often], context.language, zone)
    head += "\n" + t("consultation.round_chosen_often", often=often)
    rows = []
    for key in asked.CHOOSABLE:
        ticked = state.mask & choices.bit_of(key)
        label = ("✓ " if ticked else "") + t(f"consultation.q_short_{key}")
        toggled = callbacks.NewRound(state.who, state.often, state.mask ^ choices.bit_of(key))
        rows.append([(label, toggled.data)])
    if state.mask:
        monday = next_monday(context.services.clock(), context.services.settings.organisation.zone)
        later = t("consultation.round_first_monday", day=f"{monday:%d-%m}")
        rows.append(
            [
                (
                    t("consultation.round_first_now"),
                    callbacks.NewRound(state.who, state.often, state.mask, "now").data,
                )
            ]
        )
        rows.append([(later, callbacks.NewRound(state.who, state.often, state.mask, "later").data)])
    return f"{head}\n\n{t('consultation.round_questions')}", inline(rows)


@for_roles(Role.COORDINATOR)
async def show_rounds(update: Update, context: BotContext) -> None:
    await say(update, context, *await _list_view(context))


async def on_new(update: Update, context: BotContext, state: callbacks.NewRound) -> None:
    if member(context).role is not Role.COORDINATOR:
        await acknowledge(update, context.t("access.not_allowed"))
        return
    settings = context.services.settings
    audience = choices.audience_for(state.who, settings) if state.who else None
    if (state.who and audience is None) or (state.often and state.often not in choices.OFTEN):
        await acknowledge(update, context.t("common.button_expired"))
        return
    if state.go in ("now", "later") and audience is not None:
        zone = settings.organisation.zone
        round_ = await context.services.rounds.define(
            update.update_id,
            member(context),
            audience,
            choices.OFTEN[state.often],
            next_monday(context.services.clock(), zone),
            choices.questions_of(state.mask),
            first_now=state.go == "now",
        )
        await acknowledge(update)
        first = (
            "consultation.round_set_now" if state.go == "now" else "consultation.round_set_later"
        )
        await edit(update, "\n".join([context.t(first), round_line(context, round_)]))
        return
    await acknowledge(update)
    await edit(update, *_new_view(context, state))


async def on_round(update: Update, context: BotContext, press: callbacks.RoundPress) -> None:
    if press.stop:
        await context.services.rounds.stop(update.update_id, member(context), press.round_id)
        await acknowledge(update, context.t("consultation.round_stopped"))
    else:
        await acknowledge(update)
    await edit(update, *await _list_view(context))
