"""The check-in questions: each answered with one tap, the last one typed or skipped.

A round asks a chosen few of them (by default all but the induction question, which only a new
volunteer with a buddy gets, in their own first check-ins). Which answers are worrying is
decided here, once: a worrying answer becomes a follow-up for the contact professional
(bot/consultation/followups.py) and puts the volunteer first in the digest.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.errors import InvalidInput


@dataclass(frozen=True)
class Question:
    key: str
    answers: tuple[str, ...]  # one button each, in this order
    worrying: frozenset[str] = frozenset()


MOOD = Question("mood", ("good", "okay", "bad"), frozenset({"bad"}))
# Over- and under-asking: too little is shown in the digest, too much needs someone to act.
LOAD = Question("load", ("too_much", "right", "too_little"), frozenset({"too_much"}))
SUPPORT = Question("support", ("yes", "no"), frozenset({"yes"}))
MEANS = Question("means", ("yes", "no"), frozenset({"no"}))
INDUCTION = Question("induction", ("good", "not_good"))  # a "not good" nudges the buddy
NOTE = "note"  # typed, through the privacy guard; anything written is read by a person

TAPPED = {q.key: q for q in (MOOD, LOAD, SUPPORT, MEANS, INDUCTION)}
CHOOSABLE = ("mood", "load", "support", "means", NOTE)  # what a coordinator picks for a round
DEFAULT = CHOOSABLE
# Answers that are worth a look in the digest without being a follow-up.
NOTABLE = {"load": frozenset({"too_little"}), "mood": frozenset({"okay"})}


def check_keys(keys: Iterable[str]) -> tuple[str, ...]:
    """A round's questions in the fixed order; at least one."""
    chosen = set(keys)
    unknown = chosen - set(CHOOSABLE)
    if unknown:
        raise InvalidInput("consultation.unknown_question", value=", ".join(sorted(unknown)))
    ordered = tuple(key for key in CHOOSABLE if key in chosen)
    if not ordered:
        raise InvalidInput("consultation.no_questions")
    return ordered


def with_induction(keys: Sequence[str]) -> tuple[str, ...]:
    """The questions of a new volunteer's own check-in: the induction question before the note."""
    tapped = [key for key in keys if key != NOTE]
    return (*tapped, INDUCTION.key, *([NOTE] if NOTE in keys else []))


def valid_answer(question: str, answer: str) -> bool:
    known = TAPPED.get(question)
    return known is not None and answer in known.answers


def worries(answers: dict[str, str], note: str | None) -> tuple[str, ...]:
    """The worrying answers, as question keys in the fixed order ("note" for a written note)."""
    found = [key for key, q in TAPPED.items() if answers.get(key) in q.worrying]
    if note:
        found.append(NOTE)
    return tuple(found)


def next_question(questions: Sequence[str], answers: dict[str, str]) -> str | None:
    """The first question not answered yet; None when only the note (or nothing) is left."""
    for key in questions:
        if key != NOTE and key not in answers:
            return key
    return None
