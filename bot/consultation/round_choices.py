"""The choices a coordinator makes with buttons when setting a check-in round, turned into an
audience, an RRULE and questions (bot/consultation/rounds.py checks them again).

Who: all volunteers ("v"), new volunteers ("n", registered in the last `NEW_DAYS` days), the
volunteers of one wijk ("w<index>") or with one interest ("i<index>"). How often: every week,
every other week, every four weeks (the default) on Monday, or the first Monday of the month,
at 10:00.
"""

from __future__ import annotations

from bot.consultation import questions as asked
from bot.core.config import Settings
from bot.people.audiences import Audience
from bot.scheduling.recurrence_rules import monthly, weekly

MONDAY = 0
NEW_DAYS = 60
OFTEN = {
    "w1": weekly(MONDAY),
    "w2": weekly(MONDAY, every=2),
    "w4": weekly(MONDAY, every=4),
    "m1": monthly(MONDAY, 1),
}
ALL_QUESTIONS = (1 << len(asked.CHOOSABLE)) - 1


def who_options(settings: Settings) -> list[str]:
    org = settings.organisation
    return [
        "v",
        "n",
        *(f"w{i}" for i in range(len(org.wijken))),
        *(f"i{i}" for i in range(len(org.interests))),
    ]


def audience_for(who: str, settings: Settings) -> Audience | None:
    """The audience a `who` choice stands for; None for one that is not offered."""
    volunteers = Audience.everyone().where("role", "volunteer")
    org = settings.organisation
    index = int(who[1:]) if who[1:].isdigit() else -1
    if who == "v":
        return volunteers
    if who == "n":
        return Audience.new_volunteers(NEW_DAYS)
    if who.startswith("w") and 0 <= index < len(org.wijken):
        return volunteers.where("wijk", org.wijken[index])
    if who.startswith("i") and 0 <= index < len(org.interests):
        return volunteers.where("interest", org.interests[index].key)
    return None


def questions_of(mask: int) -> tuple[str, ...]:
    return tuple(key for bit, key in enumerate(asked.CHOOSABLE) if mask & (1 << bit))


def bit_of(key: str) -> int:
    return 1 << asked.CHOOSABLE.index(key)
