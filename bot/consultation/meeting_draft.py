"""Planning a meeting in the chat: its kind (a button), title, moment and place (typed, each
checked at once), then for whom (a button), which plans it (bot.consultation.meetings).

The draft lives in the person's consultation flow (steps "m_title", "m_when", "m_place",
"m_who"), so it survives a restart; /annuleer drops it.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.consultation import round_choices
from bot.consultation.meetings import MAX_PLACE, MAX_TITLE, ORGANISERS, MeetingService
from bot.core.deps import Deps, Service
from bot.core.errors import InvalidInput, NotAllowed, NotFound
from bot.flows import names
from bot.people.audiences import Audience
from bot.scheduling.local_time import instant_of, wall_clock
from bot.telegram.updates import record_update
from storage.flows import Flow, FlowRepository
from storage.meetings import Meeting, MeetingKind, NewMeeting
from storage.people import Person

STEPS = ("m_title", "m_when", "m_place", "m_who")
LENGTH = timedelta(minutes=90)
_WHEN = re.compile(r"(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}))?\s+(\d{1,2})[:.](\d{2})")


def audience_for(who: str, deps: Deps) -> Audience | None:
    """ "e": everyone; otherwise a round's choices (volunteers, new ones, a wijk, an interest)."""
    return Audience.everyone() if who == "e" else round_choices.audience_for(who, deps.settings)


class MeetingDraft(Service):
    def __init__(self, deps: Deps, meetings: MeetingService) -> None:
        super().__init__(deps)
        self.meetings = meetings

    async def start(self, update_id: int | None, person: Person, kind: str) -> None:
        if person.role not in ORGANISERS:
            raise NotAllowed
        try:
            chosen = MeetingKind(kind)
        except ValueError:
            raise NotFound("meeting") from None
        await self._save(update_id, person, "m_title", {"kind": chosen.value})

    async def typed(self, update_id: int | None, person: Person, step: str, text: str) -> str:
        """One typed answer; returns the next step."""
        flow = await self._flow(person)
        text = text.strip()
        data = dict(flow.data)
        if step == "m_title":
            if not text or len(text) > MAX_TITLE:
                raise InvalidInput("consultation.meeting_title_length", limit=MAX_TITLE)
            data["title"], following = text, "m_when"
        elif step == "m_when":
            data["when"], following = self.parse_when(text).isoformat(), "m_place"
        elif step == "m_place":
            if not text or len(text) > MAX_PLACE:
                raise InvalidInput("consultation.meeting_place_length", limit=MAX_PLACE)
            data["place"], following = text, "m_who"
        else:
            raise NotFound("meeting")
        await self._save(update_id, person, following, data)
        return following

    def parse_when(self, text: str) -> datetime:
        """ "08-12 19:30" or "08-12-2026 19:30", local time, in the future."""
        found = _WHEN.fullmatch(text.strip())
        if not found:
            raise InvalidInput("consultation.meeting_when_invalid")
        day, month, year, hour, minute = found.groups()
        zone = self.settings.organisation.zone
        now = wall_clock(self.clock(), zone)
        try:
            local = datetime(int(year or now.year), int(month), int(day), int(hour), int(minute))
        except ValueError:
            raise InvalidInput("consultation.meeting_when_invalid") from None
        if year is None and local < now.replace(tzinfo=None):
            local = local.replace(year=local.year + 1)
        moment = instant_of(local, zone)
        if moment <= self.clock():
            raise InvalidInput("consultation.meeting_in_past")
        return moment

    async def finish(self, update_id: int | None, person: Person, who: str) -> tuple[Meeting, int]:
        flow = await self._flow(person)
        audience = audience_for(who, self.deps)
        if flow.step != "m_who" or audience is None:
            raise NotFound("meeting")
        starts = datetime.fromisoformat(str(flow.data["when"]))
        new = NewMeeting(
            MeetingKind(str(flow.data["kind"])),
            str(flow.data["title"]),
            str(flow.data["place"]),
            starts,
            starts + LENGTH,
            audience.to_json(),
            person.id,
        )
        planned = await self.meetings.plan(update_id, person, new)
        async with self.db.transaction() as tx:
            await FlowRepository(tx).delete(person.telegram_id)
        return planned

    async def _flow(self, person: Person) -> Flow:
        async with self.db.read() as tx:
            flow = await FlowRepository(tx).get(person.telegram_id)
        if flow is None or flow.name != names.CONSULT or flow.step not in STEPS:
            raise NotFound("meeting")
        return flow

    async def _save(
        self, update_id: int | None, person: Person, step: str, data: dict[str, object]
    ) -> None:
        now = self.clock()
        async with self.db.transaction() as tx:
            await record_update(tx, update_id, now)
            await FlowRepository(tx).save(Flow(person.telegram_id, names.CONSULT, step, data), now)
