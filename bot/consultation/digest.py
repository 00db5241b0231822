"""The digest of a round's occurrence: per contact professional who needs attention (first),
who did not answer twice in a row, and who is fine; coordinators get the totals.

Made a few days after the occurrence (bot/consultation/schedule.py). An unfinished check-in
with a worrying answer becomes its follow-up here, so a volunteer who tapped ☹️ and stopped
still reaches someone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from bot.consultation import followups
from bot.consultation import questions as asked
from bot.consultation.texts import answer_label
from bot.core import i18n
from bot.core.deps import Deps
from bot.telegram.outbox import Priority
from storage.checkins import Checkin, CheckinRepository, Round
from storage.database import Transaction
from storage.people import Person, PersonRepository
from storage.timestamps import to_db


@dataclass
class Group:
    """One contact's volunteers in one occurrence."""

    attention: list[tuple[Person, Checkin]] = field(default_factory=list)
    silent_twice: list[Person] = field(default_factory=list)
    silent: list[Person] = field(default_factory=list)
    notable: list[tuple[Person, Checkin]] = field(default_factory=list)
    fine: list[Person] = field(default_factory=list)


def _answered(checkin: Checkin) -> bool:
    return bool(checkin.answers) or checkin.finished


async def _groups(
    tx: Transaction, round_: Round, occurrence: datetime
) -> tuple[dict[int, Group], list[Checkin]]:
    checkins = CheckinRepository(tx)
    now_ones = await checkins.of_occurrence(round_.id, occurrence)
    before = await checkins.previous_occurrence(round_.id, occurrence)
    silent_before: set[int] = set()
    if before is not None:
        earlier = await checkins.of_occurrence(round_.id, before)
        silent_before = {c.person_id for c in earlier if c.person_id and not _answered(c)}
    ids = [c.person_id for c in now_ones if c.person_id is not None]
    people = await PersonRepository(tx).by_ids(ids)  # a round's thousands, read at once
    groups: dict[int, Group] = defaultdict(Group)
    for checkin in now_ones:
        person = people.get(checkin.person_id or 0)
        if person is None or checkin.contact_id is None:
            continue
        group = groups[checkin.contact_id]
        if asked.worries(checkin.answers, checkin.note):
            group.attention.append((person, checkin))
        elif not _answered(checkin):
            (group.silent_twice if person.id in silent_before else group.silent).append(person)
        elif any(checkin.answers.get(k) in v for k, v in asked.NOTABLE.items()):
            group.notable.append((person, checkin))
        else:
            group.fine.append(person)
    return groups, now_ones


def _summary(language: str, checkin: Checkin) -> str:
    return ", ".join(
        answer_label(language, key, value)
        for key, value in checkin.answers.items()
        if key in asked.TAPPED
    )


def digest_text(language: str, group: Group, day: str) -> str:
    def t(key: str, /, **params: object) -> str:
        return i18n.t(language, key, **params)

    def line(person: Person, detail: str = "") -> str:
        where = f" ({person.wijk})" if person.wijk else ""
        return t(
            "consultation.digest_line",
            name=person.name,
            where=where,
            detail=f": {detail}" if detail else "",
        )

    parts = [t("consultation.digest_title", day=day)]
    sections: list[tuple[str, list[str]]] = [
        (
            "consultation.digest_attention",
            [line(p, _summary(language, c)) for p, c in group.attention],
        ),
        ("consultation.digest_silent_twice", [line(p) for p in group.silent_twice]),
        ("consultation.digest_notable", [line(p, _summary(language, c)) for p, c in group.notable]),
        ("consultation.digest_fine", [line(p) for p in group.fine]),
        ("consultation.digest_silent", [line(p) for p in group.silent]),
    ]
    for key, lines in sections:
        if lines:
            parts.append(f"\n{t(key, count=len(lines))}\n" + "\n".join(lines))
    return "\n".join(parts)


async def send_digest(
    deps: Deps, tx: Transaction, round_: Round, occurrence: datetime, now: datetime
) -> int:
    """The digest to each contact and the totals to the coordinators; returns messages queued."""
    groups, checkins = await _groups(tx, round_, occurrence)
    for group in groups.values():
        for person, checkin in group.attention:
            if not checkin.finished:
                reasons = asked.worries(checkin.answers, checkin.note)
                await followups.open_followup(deps, tx, checkin, person, reasons, now)
    people = PersonRepository(tx)
    day = f"{occurrence.astimezone(deps.settings.organisation.zone):%d-%m-%Y}"
    stamp = f"digest:{round_.id}:{to_db(occurrence)}"
    sent = 0
    for contact_id, group in groups.items():
        contact = await people.by_id(contact_id)
        if contact is None or not contact.active:
            continue
        text = digest_text(contact.language, group, day)
        key = f"{stamp}:{contact_id}"
        sent += await deps.outbox.message(
            tx, key, contact.telegram_id, text, now, priority=Priority.NOTICE
        )
    totals = {
        "sent": len(checkins),
        "answered": sum(1 for c in checkins if _answered(c)),
        "attention": sum(len(g.attention) for g in groups.values()),
        "silent_twice": sum(len(g.silent_twice) for g in groups.values()),
    }
    sent += await deps.outbox.tell_coordinators(
        tx,
        f"{stamp}:totals",
        now,
        lambda language: i18n.t(language, "consultation.digest_totals", day=day, **totals),
    )
    return sent
