"""Planning a meeting in the chat, a draft (bot/flows): read DRAFT as the dialogue.

Its kind (a button), title and moment (typed; the moment checked against now as it is typed and kept with its year), whether it
comes back every week, two or four weeks (a button; each occurrence is its own meeting, made
when the one before starts), place (typed), for whom (a button), then a summary to plan it, change one part or stop. Planning it is
bot.consultation.meetings.MeetingService.plan_in, in the draft's sending transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from bot.consultation import callbacks, round_choices
from bot.consultation.meetings import MAX_PLACE, MAX_TITLE, ORGANISERS, MeetingService
from bot.consultation.moments import KEPT, When, moment, when_shown
from bot.core import i18n
from bot.core.config import Settings
from bot.core.deps import Deps
from bot.core.errors import InvalidInput, NotAllowed
from bot.flows import names
from bot.flows.draft import Draft
from bot.flows.service import DraftService
from bot.flows.steps import Choice, Option, Summary, Text, labelled
from bot.people.audiences import Audience, describe
from bot.scheduling.recurrence_rules import weekly
from storage.database import Transaction
from storage.flows import Flow
from storage.meetings import Meeting, MeetingKind, NewMeeting
from storage.people import PersonRepository

LENGTH = timedelta(minutes=90)
REPEATS = {"once": 0, "w1": 1, "w2": 2, "w4": 4}  # every so many weeks on the same weekday


def audience_for(who: str, settings: Settings) -> Audience | None:
    """ "e": everyone; otherwise a round's choices (volunteers, new ones, a wijk, an interest)."""
    return Audience.everyone() if who == "e" else round_choices.audience_for(who, settings)


def _audiences(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    options = []
    for who in ("e", *round_choices.who_options(settings)):
        audience = audience_for(who, settings)
        assert audience is not None
        options.append(Option(who, describe(audience, language, settings)))
    return options


def _summary(settings: Settings, data: Mapping[str, Any], language: str) -> str:
    audience = audience_for(str(data.get("who")), settings)
    return i18n.t(
        language,
        "consultation.plan_summary",
        kind=i18n.t(language, f"consultation.kind_{data.get('kind')}"),
        title=str(data.get("title", "")),
        when=when_shown(language, str(data.get("when", "")), settings),
        repeat=i18n.t(language, f"consultation.repeat_{data.get('repeat', 'once')}"),
        place=str(data.get("place", "")),
        who=describe(audience, language, settings) if audience else "—",
    )


DRAFT = Draft(
    names.MEETING,
    callbacks.PLAN,
    Choice(
        "kind",
        "kind",
        labelled("consultation.kind_", [k.value for k in MeetingKind]),
        ask="consultation.plan_kind",
        line="consultation.line_kind",
        columns=1,
    ),
    Text(
        "title",
        "title",
        limit=MAX_TITLE,
        ask="consultation.plan_title",
        edit="consultation.edit_title",
    ),
    When("when", "when", limit=40, ask="consultation.plan_when", edit="consultation.edit_when"),
    Choice(
        "repeat",
        "repeat",
        labelled("consultation.repeat_", list(REPEATS)),
        ask="consultation.plan_repeat",
        line="consultation.line_repeat",
        edit="consultation.edit_repeat",
    ),
    Text(
        "place",
        "place",
        limit=MAX_PLACE,
        ask="consultation.plan_place",
        edit="consultation.edit_place",
    ),
    Choice(
        "who",
        "who",
        _audiences,
        ask="consultation.plan_who",
        line="consultation.line_who",
        edit="consultation.edit_who",
        columns=1,
    ),
    Summary("sum", _summary, send="consultation.plan_send", cancel="consultation.plan_cancel"),
)


class MeetingDraft(DraftService[tuple[Meeting, int]]):
    draft = DRAFT

    def clean(self, step: Text, typed: str) -> str:
        """The moment checked as it is typed, and kept with its year (shown in the summary)."""
        text = super().clean(step, typed)
        if step.name != "when":
            return text
        at = moment(text, self.clock(), self.settings)
        return f"{at.astimezone(self.settings.organisation.zone):{KEPT}}"

    def __init__(self, deps: Deps, meetings: MeetingService) -> None:
        super().__init__(deps)
        self.meetings = meetings

    async def send(self, tx: Transaction, flow: Flow) -> tuple[Meeting, int]:
        """Plan it: the meeting, its invitations and its timers; returns it and how many."""
        organiser = await PersonRepository(tx).by_telegram_id(flow.telegram_id)
        if organiser is None or organiser.role not in ORGANISERS:
            raise NotAllowed
        now = self.clock()
        data = flow.data
        audience = audience_for(str(data["who"]), self.settings)
        if audience is None:
            raise InvalidInput("common.button_expired")
        starts = moment(str(data["when"]), now, self.settings)
        weeks = REPEATS.get(str(data.get("repeat", "once")), 0)
        weekday = starts.astimezone(self.settings.organisation.zone).weekday()
        new = NewMeeting(
            MeetingKind(str(data["kind"])),
            str(data["title"]),
            str(data["place"]),
            starts,
            starts + LENGTH,
            audience.to_json(),
            organiser.id,
            rule=weekly(weekday, every=weeks) if weeks else None,
        )
        return await self.meetings.plan_in(tx, organiser, new, now)
