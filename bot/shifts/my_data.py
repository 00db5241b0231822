"""The shifts' part of /mijngegevens (a part of bot.people.my_data, bot.services): their places
in shifts (and the hours they count), offers, swaps, the history about them, and the shifts and
series they made."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.people.my_data_words import Words, value
from storage.database import Transaction
from storage.people import Person
from storage.shift_offers import OfferRepository
from storage.shift_signups import SignupRepository
from storage.shifts import ShiftRepository


async def collect(tx: Transaction, person: Person, words: Words, now: datetime) -> dict[str, Any]:
    signups, shifts = SignupRepository(tx), ShiftRepository(tx)
    done, hours = await signups.hours(person.id, now)
    places = [
        {
            **{k: value(k, v, words) for k, v in g.items() if k not in ("status", "via")},
            "status": words.t(f"shifts.status_{g['status']}"),
        }
        for g in await signups.of_person(person.id)
    ]
    made = await shifts.made_by(person.id)
    return {
        "shift_signups": places,
        "shift_hours": {"shifts": done, "hours": hours},
        "shift_offers": [words.row(o) for o in await OfferRepository(tx).of_person(person.id)],
        "shift_swaps_taken": [words.row(s) for s in await signups.swaps_taken(person.id)],
        "shift_history": [words.row(e) for e in await shifts.events_naming(person.id)],
        **{key: [words.row(row) for row in rows] for key, rows in made.items()},
    }
