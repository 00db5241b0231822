"""The shift services one running bot uses, built once (bot.services holds them as `shifts`)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.deps import Deps
from bot.privacy.known_people import KnownPeople
from bot.shifts import audience  # noqa: F401  (registers the audience kind "shift")
from bot.shifts.assigning import AssignService
from bot.shifts.changes import ChangeService
from bot.shifts.draft import ShiftDraftService
from bot.shifts.due import ShiftDue
from bot.shifts.erasure import ShiftErasure
from bot.shifts.ics import CalendarService
from bot.shifts.planning import PlanningService
from bot.shifts.reading import ShiftReader
from bot.shifts.signing import SignupService
from bot.shifts.swapping import SwapService


@dataclass(frozen=True)
class Shifts:
    planning: PlanningService
    draft: ShiftDraftService  # a new shift, step by step
    changes: ChangeService
    signups: SignupService
    swaps: SwapService
    assign: AssignService
    reader: ShiftReader
    calendar: CalendarService
    erasure: ShiftErasure
    due: ShiftDue  # the producers of the shifts' timers

    @classmethod
    def build(cls, deps: Deps, known_people: KnownPeople) -> Shifts:
        planning = PlanningService(deps)
        return cls(
            planning=planning,
            draft=ShiftDraftService(deps, known_people, planning),
            changes=ChangeService(deps, known_people),
            signups=SignupService(deps),
            swaps=SwapService(deps),
            assign=AssignService(deps),
            reader=ShiftReader(deps),
            calendar=CalendarService(deps),
            erasure=ShiftErasure(deps),
            due=ShiftDue(deps, planning),
        )
