"""A person with one of every kind of record the bot stores about people, for the right of
access (/mijngegevens) and erasure (/vergeet) tests.

Every column that names a person (each foreign key to `people`, and the Telegram id of
`flows` and `outbox`) gets a row naming this person, and every free text a person writes or
receives gets a row with a text of its own (`EveryRecord.texts`), so a test can check that
each one is found. `PERSON_COLUMNS` lists what is covered; tests compare it with the schema,
so a new table or column that names people fails them until it is added here (and to the
export and erasure).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from storage.database import Transaction
from storage.outbox import words_key
from storage.people import NewPerson, Person, PersonRepository, Role
from storage.timestamps import to_db
from tests.dialogue import Chatter, Harness

# (table, column) naming a person; the Telegram id columns are not foreign keys.
PERSON_COLUMNS = frozenset(
    {
        ("people", "invited_by"),
        ("invites", "created_by"),
        ("flows", "telegram_id"),
        ("outbox", "chat_id"),
        ("signals", "reporter_id"),
        ("signals", "owner_id"),
        ("signal_events", "actor_id"),
        ("signal_events", "detail"),  # "to 12 via rule 3", "to 12: reason"
        ("routing_rules", "professional_id"),
        ("absences", "person_id"),
        ("absences", "substitute_id"),
        ("questions", "asker_id"),
        ("questions", "owner_id"),
        ("question_messages", "author_id"),
        ("question_messages", "body"),  # "to 12: reason"
        ("faq_entries", "published_by"),
        ("consult_contacts", "volunteer_id"),
        ("consult_contacts", "professional_id"),
        ("consult_contacts", "set_by"),
        ("checkin_rounds", "created_by"),
        ("checkins", "person_id"),
        ("checkins", "contact_id"),
        ("consult_followups", "owner_id"),
        ("consult_followups", "closed_by"),
        ("meetings", "organiser_id"),
        ("meeting_invites", "person_id"),
        ("meeting_points", "person_id"),
        ("buddies", "newcomer_id"),
        ("buddies", "buddy_id"),
        ("buddies", "paired_by"),
        ("shift_series", "created_by"),
        ("shifts", "created_by"),
        ("shift_signups", "person_id"),
        ("shift_swaps", "taken_by"),
        ("shift_offers", "person_id"),
        ("shift_events", "actor_id"),
        ("shift_events", "person_id"),
        ("announcements", "sender_id"),
        ("announcement_recipients", "person_id"),
    }
)
# Tables that hold nothing about a person (FTS shadow tables aside). Timers name the signal or
# question they are about, never a person (bot/scheduling/timers.py).
NO_PERSONAL_DATA = frozenset({"processed_updates", "meta", "faq_vocab", "timers"})


@dataclass
class EveryRecord:
    """The person, the text stored in each kind of record, and the ids of the other rows."""

    chatter: Chatter
    person: Person
    texts: dict[str, str] = field(default_factory=dict)
    ids: dict[str, Any] = field(default_factory=dict)


class _Builder:
    def __init__(self, bot: Harness, tx: Transaction, record: EveryRecord, other: Person) -> None:
        self.moment = bot.clock()
        self.now = to_db(self.moment)
        self.tx, self.record, self.other = tx, record, other
        self.me = record.person.id

    def text(self, kind: str) -> str:
        """A text of its own for this kind of record."""
        self.record.texts[kind] = f"[{kind}] tekst van of voor de persoon"
        return self.record.texts[kind]

    async def insert(self, sql: str, args: tuple[Any, ...]) -> int:
        row_id = await self.tx.insert(sql, args)
        assert row_id is not None
        return row_id

    async def signal(self, reporter: int, owner: int, **texts: str) -> int:
        return await self.insert(
            "INSERT INTO signals (reporter_id, owner_id, category, wijk, description, urgency,"
            " consent, privacy_reason, status, closing_message, created_at, pickup_due_at)"
            " VALUES (?, ?, 'eenzaamheid', 'Noord', ?, 'normal', 'yes', ?, ?, ?, ?, ?)",
            (
                reporter,
                owner,
                texts.get("description", "Iemand anders meldde dit."),
                texts.get("privacy_reason"),
                "closed" if "closing_message" in texts else "received",
                texts.get("closing_message"),
                self.now,
                self.now,
            ),
        )

    async def event(self, signal: int, actor: int | None, action: str, detail: str) -> int:
        return await self.insert(
            "INSERT INTO signal_events (signal_id, actor_id, action, detail, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (signal, actor, action, detail, self.now),
        )

    async def question(self, asker: int, owner: int, text: str, reason: str | None) -> int:
        return await self.insert(
            "INSERT INTO questions (asker_id, owner_id, topic, text, privacy_reason, status,"
            " created_at, answer_due_at) VALUES (?, ?, 'schulden', ?, ?, 'open', ?, ?)",
            (asker, owner, text, reason, self.now, self.now),
        )

    async def message(self, question: int, author: int | None, kind: str, body: str) -> int:
        return await self.insert(
            "INSERT INTO question_messages (question_id, author_id, kind, body, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (question, author, kind, body, self.now),
        )


async def person_with_every_record(
    bot: Harness, name: str = "Vera", telegram_id: int | None = None
) -> EveryRecord:
    """A volunteer who also holds every record a professional or coordinator can hold (the
    schema does not tie records to roles), next to one other person, Otto."""
    chatter, person = await bot.member(Role.VOLUNTEER, name, telegram_id=telegram_id)
    _, other = await bot.member(Role.PROFESSIONAL, "Otto")
    record = EveryRecord(chatter, person)
    async with bot.services.db.transaction() as tx:
        b = _Builder(bot, tx, record, other)
        await _profile(b)
        await _signals(b)
        await _questions(b)
        await _organisation(b)
        await _consultation(b)
        await _shifts(b)
        await _announcements(b)
    refreshed = await _reload(bot, person.id)
    record.person = refreshed
    return record


async def _reload(bot: Harness, person_id: int) -> Person:
    async with bot.services.db.read() as tx:
        person = await PersonRepository(tx).by_id(person_id)
    assert person is not None
    return person


async def _profile(b: _Builder) -> None:
    me, telegram_id = b.me, b.record.person.telegram_id
    await b.tx.execute("UPDATE people SET motivation = ? WHERE id = ?", (b.text("motivation"), me))
    await b.tx.execute(
        "UPDATE people SET own_pause_since = ?, own_pause_reason = ? WHERE id = ?",
        (b.now, b.text("own_pause_reason"), me),
    )
    ivo = NewPerson(
        telegram_id=telegram_id + 500_000,
        role=Role.VOLUNTEER,
        name="Ivo",
        wijk=None,
        language="nl",
        invited_by=me,
    )
    invited = await PersonRepository(b.tx).add(ivo, b.moment)
    b.record.ids["person_invited"] = invited
    await b.tx.execute(
        "INSERT INTO invites (code, role, max_uses, expires_at, created_by, created_at)"
        " VALUES ('CODE-VERA', 'volunteer', 1, ?, ?, ?)",
        (b.now, me, b.now),
    )
    b.record.ids["invite"] = "CODE-VERA"
    await b.tx.execute(
        "INSERT INTO flows (telegram_id, name, step, data, updated_at) VALUES (?, 'signal',"
        " 'desc', ?, ?)",
        (telegram_id, json.dumps({"description": b.text("open_conversation")}), b.now),
    )
    for status, kind in (("pending", "message_waiting"), ("sent", "message_delivered")):
        payload = {"chat_id": telegram_id, "text": b.text(kind)}
        await b.tx.execute(
            "INSERT INTO outbox (key, chat_id, method, payload, status, due_at, created_at)"
            " VALUES (?, ?, 'sendMessage', ?, ?, ?, ?)",
            (f"records:{kind}", telegram_id, json.dumps(payload), status, b.now, b.now),
        )


async def _signals(b: _Builder) -> None:
    me, other = b.me, b.other.id
    reported = await b.signal(
        me,
        other,
        description=b.text("signal_description"),
        privacy_reason=b.text("signal_privacy_reason"),
        closing_message=b.text("signal_closing_message"),
    )
    b.record.ids["signal_reported"] = reported
    await b.event(reported, other, "question", b.text("signal_question_to_you"))
    await b.event(reported, me, "answer", b.text("signal_your_answer"))
    await b.event(reported, other, "closing_message", b.text("signal_closing_event"))
    owned = await b.signal(other, me)
    b.record.ids["signal_owned"] = owned
    await b.event(owned, me, "reassigned", f"to {other}: {b.text('signal_your_reason')}")
    elsewhere = await b.signal(other, other)
    await b.event(elsewhere, other, "reassigned", f"to {me}: {b.text('signal_reason_to_you')}")
    b.record.ids["signal_event_naming_you"] = elsewhere


async def _questions(b: _Builder) -> None:
    me, other = b.me, b.other.id
    asked = await b.question(me, other, b.text("question_text"), b.text("question_privacy"))
    b.record.ids["question_asked"] = asked
    await b.message(asked, other, "answer", b.text("question_answer_to_you"))
    await b.message(asked, me, "followup", b.text("question_your_followup"))
    owned = await b.question(other, me, "Otto vraagt iets.", None)
    b.record.ids["question_owned"] = owned
    await b.message(owned, me, "answer", b.text("question_your_answer_elsewhere"))
    elsewhere = await b.question(other, other, "Nog een vraag van Otto.", None)
    body = f"to {me}: {b.text('question_reason_to_you')}"
    b.record.ids["question_message_naming_you"] = await b.message(
        elsewhere, other, "reassigned", body
    )
    await b.tx.execute(
        "INSERT INTO faq_entries (question_id, topic, question, answer, published_by, created_at)"
        " VALUES (?, 'schulden', ?, ?, ?, ?)",
        (owned, b.text("faq_question"), b.text("faq_answer"), me, b.now),
    )


async def _organisation(b: _Builder) -> None:
    me, other = b.me, b.other.id
    b.record.ids["routing_rule"] = await b.insert(
        "INSERT INTO routing_rules (position, category, professional_id, created_at)"
        " VALUES (1, 'eenzaamheid', ?, ?)",
        (me, b.now),
    )
    for kind, person, substitute in (("absence", me, other), ("substituting", other, me)):
        b.record.ids[kind] = await b.insert(
            "INSERT INTO absences (person_id, substitute_id, starts_at, ends_at)"
            " VALUES (?, ?, ?, '2999-01-01T00:00:00.000000Z')",
            (person, substitute, b.now),
        )


async def _consultation(b: _Builder) -> None:
    """A check-in with her note, followed up by Otto; a meeting with her agenda point; Otto as
    her contact and her buddy."""
    me, other = b.me, b.other.id
    await b.tx.execute(
        "INSERT INTO consult_contacts (volunteer_id, professional_id, set_by, set_at)"
        " VALUES (?, ?, ?, ?)",
        (me, other, other, b.now),
    )
    checkin = await b.insert(
        "INSERT INTO checkins (round_id, occurrence, person_id, contact_id, questions, answers,"
        ' note, note_reason, sent_at, finished_at) VALUES (NULL, ?, ?, ?, \'["mood", "note"]\','
        ' \'{"mood": "bad"}\', ?, ?, ?, ?)',
        (b.now, me, other, b.text("checkin_note"), b.text("checkin_note_reason"), b.now, b.now),
    )
    b.record.ids["checkin"] = checkin
    await b.insert(
        "INSERT INTO consult_followups (checkin_id, owner_id, reasons, created_at, due_at,"
        " closed_at, closed_by, close_note) VALUES (?, ?, '[\"mood\"]', ?, ?, ?, ?,"
        " 'Otto belde haar.')",
        (checkin, other, b.now, b.now, b.now, other),
    )
    meeting = await b.insert(
        "INSERT INTO meetings (kind, title, place, starts_at, ends_at, audience, organiser_id,"
        " created_at) VALUES ('intervisie', 'Intervisie', 'Buurthuis', ?, ?, '{}', ?, ?)",
        (b.now, b.now, other, b.now),
    )
    await b.tx.execute(
        "INSERT INTO meeting_invites (meeting_id, person_id, rsvp) VALUES (?, ?, 'yes')",
        (meeting, me),
    )
    await b.insert(
        "INSERT INTO meeting_points (meeting_id, person_id, text, created_at) VALUES (?, ?, ?, ?)",
        (meeting, me, b.text("agenda_point"), b.now),
    )
    await b.tx.execute(
        "INSERT INTO buddies (newcomer_id, buddy_id, paired_by, paired_at) VALUES (?, ?, ?, ?)",
        (me, other, other, b.now),
    )
    await _consultation_staff(b)


async def _consultation_staff(b: _Builder) -> None:
    """The other side, as a professional or coordinator holds it: a round she set, Otto's
    check-in read by her, its follow-up owned and closed by her with her note, a meeting she
    organises, and Otto's contact and buddy set by her (the schema does not tie them to roles)."""
    me, other = b.me, b.other.id
    b.record.ids["round_made"] = await b.insert(
        "INSERT INTO checkin_rounds (audience, rule, starts, questions, created_by, created_at)"
        " VALUES ('{}', 'FREQ=WEEKLY', ?, '[\"mood\"]', ?, ?)",
        (b.now, me, b.now),
    )
    checkin = await b.insert(
        "INSERT INTO checkins (round_id, occurrence, person_id, contact_id, questions, answers,"
        ' sent_at) VALUES (NULL, ?, ?, ?, \'["mood"]\', \'{"mood": "bad"}\', ?)',
        (b.now, other, me, b.now),
    )
    await b.insert(
        "INSERT INTO consult_followups (checkin_id, owner_id, reasons, created_at, due_at,"
        " closed_at, closed_by, close_note) VALUES (?, ?, '[\"mood\"]', ?, ?, ?, ?, ?)",
        (checkin, me, b.now, b.now, b.now, me, b.text("followup_close_note")),
    )
    b.record.ids["meeting_organised"] = await b.insert(
        "INSERT INTO meetings (kind, title, place, starts_at, ends_at, audience, organiser_id,"
        " created_at) VALUES ('werkoverleg', ?, 'Buurthuis', ?, ?, '{}', ?, ?)",
        (b.text("meeting_title"), b.now, b.now, me, b.now),
    )
    await b.tx.execute(
        "INSERT INTO consult_contacts (volunteer_id, professional_id, set_by, set_at)"
        " VALUES (?, ?, ?, ?)",
        (other, me, me, b.now),
    )
    await b.tx.execute(
        "INSERT INTO buddies (newcomer_id, buddy_id, paired_by, paired_at) VALUES (?, ?, ?, ?)",
        (other, me, me, b.now),
    )


async def _shifts(b: _Builder) -> None:
    """A series and a shift they made, their place in it (cancelled late, with their reason, and
    assigned above their maximum, with the coordinator's), an offer, a swap they took, and the
    shift's history by them and about them."""
    me = b.me
    series = await b.insert(
        "INSERT INTO shift_series (rule, first_start, minutes, title, place, needed, made_until,"
        " created_by, created_at) VALUES ('FREQ=WEEKLY;BYDAY=TH', '2026-11-26T10:00:00', 120,"
        " 'Koffieochtend', 'Buurthuis', 2, ?, ?, ?)",
        (b.now, me, b.now),
    )
    shift = await b.insert(
        "INSERT INTO shifts (series_id, title, place, starts_at, ends_at, needed, created_by,"
        " created_at, updated_at) VALUES (?, 'Koffieochtend', 'Buurthuis',"
        " '2026-11-26T09:00:00.000000Z', '2026-11-26T11:00:00.000000Z', 2, ?, ?, ?)",
        (series, me, b.now, b.now),
    )
    b.record.ids["shift_made"], b.record.ids["shift_series_made"] = shift, series
    b.record.ids["shift_signup"] = await b.insert(
        "INSERT INTO shift_signups (shift_id, person_id, status, via, override_reason,"
        " cancel_reason, late, created_at, updated_at)"
        " VALUES (?, ?, 'cancelled', 'assigned', ?, ?, 1, ?, ?)",
        (shift, me, b.text("shift_override_reason"), b.text("shift_cancel_reason"), b.now, b.now),
    )
    await b.insert(
        "INSERT INTO shift_offers (shift_id, person_id, wave, offered_at) VALUES (?, ?, 1, ?)",
        (shift, me, b.now),
    )
    other_place = await b.insert(
        "INSERT INTO shift_signups (shift_id, person_id, status, via, created_at, updated_at)"
        " VALUES (?, ?, 'swapped', 'offer', ?, ?)",
        (shift, b.other.id, b.now, b.now),
    )
    b.record.ids["shift_swap_taken"] = await b.insert(
        "INSERT INTO shift_swaps (signup_id, shift_id, status, taken_by, created_at)"
        " VALUES (?, ?, 'taken', ?, ?)",
        (other_place, shift, me, b.now),
    )
    await b.insert(
        "INSERT INTO shift_events (shift_id, actor_id, person_id, action, detail, created_at)"
        " VALUES (?, ?, ?, 'cancelled_late', ?, ?)",
        (shift, me, me, b.text("shift_event_detail"), b.now),
    )


async def _announcements(b: _Builder) -> None:
    """One they sent, one they got and read, and their reply to it (to Otto)."""
    me, other = b.me, b.other.id
    insert = (
        "INSERT INTO announcements (sender_id, audience, kind, body, status, send_at,"
        " recipients, created_at) VALUES (?, '{}', 'text', ?, 'sent', ?, 1, ?)"
    )
    sent = await b.insert(insert, (me, b.text("announcement_sent"), b.now, b.now))
    got = await b.insert(insert, (other, b.text("announcement_received"), b.now, b.now))
    b.record.ids["announcement_sent"], b.record.ids["announcement_received"] = sent, got
    b.record.ids["otto"] = other
    await b.tx.execute(
        "INSERT INTO announcement_recipients (announcement_id, person_id, acknowledged_at)"
        " VALUES (?, ?, ?)",
        (got, me, b.now),
    )
    payload = {"chat_id": b.other.telegram_id, "text": b.text("announcement_reply")}
    await b.tx.execute(
        "INSERT INTO outbox (key, chat_id, method, payload, status, due_at, created_at)"
        " VALUES (?, ?, 'sendMessage', ?, 'sent', ?, ?)",
        (
            words_key(me, f"an:{got}:reply:1"),
            b.other.telegram_id,
            json.dumps(payload),
            b.now,
            b.now,
        ),
    )
