"""Calendar files (.ics) for shifts and meetings: import once, re-import to update.

Every event carries the stable UID its feature gives it ("shift-33@voelspriet"), a SEQUENCE
that the feature raises with each change, and LAST-MODIFIED: a calendar app that imports the
file again updates the event it has instead of adding a second one, and an event marked
``cancelled`` (STATUS:CANCELLED) is cancelled in it. METHOD:PUBLISH says "here are events",
not "you are invited" (no RSVP mail from the calendar app).

Times are written in UTC ("20261027T090000Z"), not with TZID=Europe/Amsterdam and a VTIMEZONE:
each occurrence of a series is its own event (series are kept as rows, one per occurrence), so
no RRULE in the file needs a zone to stay at 10:00 across DST. UTC is read the same way by every
calendar app and shown in the phone's own zone, whereas a VTIMEZONE is read differently by
different apps (some trust its rules, some only its TZID name, some fall back to "floating"
time when they do not recognise it), and RFC 5545 requires one for every TZID used.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from icalendar import Calendar, Event

from bot.scheduling.local_time import as_utc

__all__ = ["CalendarEvent", "calendar_file"]

PRODUCT_ID = "-//Voelspriet//Voelspriet//NL"


@dataclass(frozen=True)
class CalendarEvent:
    """One event; ``sequence`` goes up by one whenever its time, place or status changes."""

    uid: str
    summary: str
    start: datetime
    end: datetime
    location: str = ""
    description: str = ""
    sequence: int = 0
    last_modified: datetime | None = None
    cancelled: bool = False

    def __post_init__(self) -> None:
        if not self.uid.strip():
            raise ValueError("an event needs a uid")
        if as_utc(self.end, "end") <= as_utc(self.start, "start"):
            raise ValueError(f"event {self.uid} ends before it starts")
        if self.sequence < 0:
            raise ValueError(f"sequence must be >= 0, got {self.sequence}")


def calendar_file(
    events: Iterable[CalendarEvent], *, created: datetime, name: str | None = None
) -> bytes:
    """The .ics document for ``events``; ``created`` (DTSTAMP) is when this file was made."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    stamp = as_utc(created, "created")
    for event in events:
        calendar.add_component(_component(event, stamp))
    document: bytes = calendar.to_ical()  # icalendar leaves to_ical unannotated
    return document


def _component(event: CalendarEvent, stamp: datetime) -> Event:
    component = Event()
    component.add("uid", event.uid)
    component.add("dtstamp", stamp)
    component.add("dtstart", as_utc(event.start, "start"))
    component.add("dtend", as_utc(event.end, "end"))
    component.add("summary", event.summary)
    if event.location:
        component.add("location", event.location)
    if event.description:
        component.add("description", event.description)
    component.add("sequence", event.sequence)
    if event.last_modified is not None:
        component.add("last-modified", as_utc(event.last_modified, "last_modified"))
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    return component
