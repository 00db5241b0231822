"""The .ics file: read back with icalendar, it holds the same events, UIDs and UTC times."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from icalendar import Calendar

from bot.scheduling.calendar import CalendarEvent, calendar_file
from bot.scheduling.local_time import ORGANISATION_ZONE
from bot.scheduling.recurrence import Recurrence
from bot.scheduling.recurrence_rules import weekly

MADE = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)


def shift(number: int, start: datetime, **changes: Any) -> CalendarEvent:
    event = CalendarEvent(
        uid=f"shift-{number}@voelspriet",
        summary="Koffieochtend; inloop, buurthuis",
        start=start,
        end=start + timedelta(hours=2),
        location="Buurthuis De Kiel, Overvecht",
        description="Neem je pasje mee.\nDe sleutel ligt bij de balie.",
    )
    return replace(event, **changes)  # replace() checks the event again


def read(document: bytes) -> Calendar:
    return Calendar.from_ical(document)


def test_round_trip_keeps_uid_times_and_texts() -> None:
    start = datetime(2026, 10, 27, 10, 0, tzinfo=ORGANISATION_ZONE)  # winter time: 09:00 UTC
    document = calendar_file([shift(33, start, sequence=2, last_modified=MADE)], created=MADE)
    calendar = read(document)
    assert str(calendar["METHOD"]) == "PUBLISH" and str(calendar["VERSION"]) == "2.0"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == "shift-33@voelspriet"
    assert event.decoded("DTSTART") == datetime(2026, 10, 27, 9, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 10, 27, 11, 0, tzinfo=UTC)
    assert str(event["SUMMARY"]) == "Koffieochtend; inloop, buurthuis"
    assert str(event["LOCATION"]) == "Buurthuis De Kiel, Overvecht"
    assert str(event["DESCRIPTION"]) == "Neem je pasje mee.\nDe sleutel ligt bij de balie."
    assert event.decoded("SEQUENCE") == 2
    assert event.decoded("LAST-MODIFIED") == MADE
    assert event.decoded("DTSTAMP") == MADE
    assert str(event["STATUS"]) == "CONFIRMED"


def test_times_are_written_in_utc_without_a_vtimezone() -> None:
    start = datetime(2026, 7, 7, 10, 0, tzinfo=ORGANISATION_ZONE)  # summer time: 08:00 UTC
    document = calendar_file([shift(1, start)], created=MADE)
    assert b"DTSTART:20260707T080000Z\r\n" in document
    assert b"VTIMEZONE" not in document and b"TZID" not in document


def test_a_series_becomes_one_event_per_occurrence_at_ten_on_both_sides_of_dst() -> None:
    series = Recurrence(weekly(1), datetime(2026, 10, 20, 10, 0))
    starts = series.occurrences(
        datetime(2026, 10, 19, tzinfo=UTC), datetime(2026, 10, 28, tzinfo=UTC)
    )
    events = [shift(40 + index, moment) for index, moment in enumerate(starts)]
    calendar = read(calendar_file(events, created=MADE, name="Mijn diensten"))
    assert str(calendar["X-WR-CALNAME"]) == "Mijn diensten"
    found = {str(e["UID"]): e.decoded("DTSTART") for e in calendar.walk("VEVENT")}
    assert found == {
        "shift-40@voelspriet": datetime(2026, 10, 20, 8, 0, tzinfo=UTC),
        "shift-41@voelspriet": datetime(2026, 10, 27, 9, 0, tzinfo=UTC),
    }


def test_a_changed_or_cancelled_event_keeps_its_uid_with_a_higher_sequence() -> None:
    first = datetime(2026, 11, 3, 10, 0, tzinfo=ORGANISATION_ZONE)
    before = read(calendar_file([shift(7, first)], created=MADE))
    moved = shift(7, first + timedelta(hours=1), sequence=1, last_modified=MADE)
    cancelled = shift(7, first + timedelta(hours=1), sequence=2, cancelled=True)
    after_move = read(calendar_file([moved], created=MADE))
    after_cancel = read(calendar_file([cancelled], created=MADE))
    (old,), (new,), (gone,) = (c.walk("VEVENT") for c in (before, after_move, after_cancel))
    assert str(old["UID"]) == str(new["UID"]) == str(gone["UID"]) == "shift-7@voelspriet"
    assert old.decoded("SEQUENCE") < new.decoded("SEQUENCE") < gone.decoded("SEQUENCE")
    assert new.decoded("DTSTART") == datetime(2026, 11, 3, 10, 0, tzinfo=UTC)
    assert str(gone["STATUS"]) == "CANCELLED"


def test_an_empty_calendar_is_still_a_calendar() -> None:
    calendar = read(calendar_file([], created=MADE))
    assert calendar.walk("VEVENT") == []
    assert str(calendar["PRODID"]).startswith("-//Voelspriet")


def test_long_texts_are_folded_and_come_back_whole() -> None:
    long_text = "Wie komt er helpen met opruimen na afloop? " * 10
    document = calendar_file([shift(2, MADE, description=long_text.strip())], created=MADE)
    assert max(len(line) for line in document.split(b"\r\n")) <= 75
    (event,) = read(document).walk("VEVENT")
    assert str(event["DESCRIPTION"]) == long_text.strip()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"uid": " "}, "uid"),
        ({"end": MADE}, "ends before"),
        ({"end": datetime(2026, 10, 1, 14, 0)}, "aware"),
        ({"sequence": -1}, "sequence"),
    ],
)
def test_a_malformed_event_is_refused(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        shift(3, MADE, **changes)
