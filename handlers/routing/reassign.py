"""The pass-on list (signals and questions alike) and the question asked when the chosen
person is away: to their substitute, to them anyway, or someone else."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from telegram import InlineKeyboardMarkup

from bot.core import i18n
from bot.routing.reassign import Absent, Candidate
from handlers.core.rendering import inline

# Callback data for passing an item to a person: (person id, confirmed despite absence).
ToData = Callable[[int, bool], str]


def candidate_list(found: Sequence[Candidate], language: str, to: ToData) -> InlineKeyboardMarkup:
    return inline([[(c.label(language), to(c.person.id, False))] for c in found])


def absent_prompt(
    away: Absent, language: str, to: ToData, others: str
) -> tuple[str, InlineKeyboardMarkup]:
    """Who is away until when, and the choices; `others` shows the list again."""
    person, day = away.candidate.person, away.candidate.away_until
    assert day is not None  # Absent is only made for someone away
    shown = day.strftime("%d-%m")
    rows: list[list[tuple[str, str]]] = []
    if away.offer is not None:
        text = i18n.t(
            language,
            "routing.pass_absent",
            name=person.name,
            day=shown,
            substitute=away.offer.name,
            ref=away.reference,
        )
        label = i18n.t(language, "routing.pass_to_substitute", name=away.offer.name)
        rows.append([(label, to(away.offer.id, False))])
    else:
        text = i18n.t(
            language, "routing.pass_absent_alone", name=person.name, day=shown, ref=away.reference
        )
    rows.append([(i18n.t(language, "routing.pass_anyway", name=person.name), to(person.id, True))])
    rows.append([(i18n.t(language, "routing.pass_someone_else"), others)])
    return text, inline(rows)
