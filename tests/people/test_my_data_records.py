"""/mijngegevens includes the signals a person reported and the questions they asked."""

from __future__ import annotations

import json

from storage.people import Role
from tests.dialogue import Harness

STAMP = "2026-11-23T09:00:00.000000Z"


async def test_my_data_lists_my_signals_and_questions_and_nobody_elses(bot: Harness) -> None:
    vera, person = await bot.member(Role.VOLUNTEER, "Vera")
    _, other = await bot.member(Role.VOLUNTEER, "Otto")
    async with bot.services.db.transaction() as tx:
        for reporter, text in ((person.id, "Buurman lijkt eenzaam"), (other.id, "Niet van Vera")):
            await tx.execute(
                "INSERT INTO signals (reporter_id, category, urgency, consent, description,"
                " created_at, pickup_due_at) VALUES (?, 'eenzaamheid', 'normal', 'yes', ?, ?, ?)",
                (reporter, text, STAMP, STAMP),
            )
        question_id = await tx.insert(
            "INSERT INTO questions (asker_id, topic, text, status, created_at, answer_due_at)"
            " VALUES (?, 'schulden', 'Waar kan ik terecht met aanmaningen?', 'open', ?, ?)",
            (person.id, STAMP, STAMP),
        )
        await tx.execute(
            "INSERT INTO question_messages (question_id, author_id, kind, body, created_at)"
            " VALUES (?, ?, 'asked', 'Waar kan ik terecht met aanmaningen?', ?)",
            (question_id, person.id, STAMP),
        )

    reply = await vera.send("/mijngegevens")

    document = next(c for c in reply if c.method == "sendDocument")
    data = json.loads(next(iter(document.files.values())))
    assert [s["description"] for s in data["signals_reported"]] == ["Buurman lijkt eenzaam"]
    assert [q["text"] for q in data["questions_asked"]] == ["Waar kan ik terecht met aanmaningen?"]
    assert [m["what"] for m in data["questions_asked"][0]["thread"]] == ["vraag"]
    assert "Niet van Vera" not in json.dumps(data)


async def test_my_data_lists_what_a_professional_wrote_and_published(bot: Harness) -> None:
    pete, person = await bot.member(Role.PROFESSIONAL, "Pete")
    async with bot.services.db.transaction() as tx:
        question_id = await tx.insert(
            "INSERT INTO questions (topic, text, status, created_at, answer_due_at)"
            " VALUES ('schulden', 'Waar met aanmaningen?', 'answered', ?, ?)",
            (STAMP, STAMP),
        )
        for author, body in ((person.id, "Bij het Geldloket."), (None, "routed")):
            await tx.execute(
                "INSERT INTO question_messages (question_id, author_id, kind, body, created_at)"
                " VALUES (?, ?, 'answer', ?, ?)",
                (question_id, author, body, STAMP),
            )
        await tx.execute(
            "INSERT INTO faq_entries (question_id, topic, question, answer, published_by,"
            " created_at) VALUES (?, 'schulden', 'Aanmaningen?', 'Geldloket.', ?, ?)",
            (question_id, person.id, STAMP),
        )

    reply = await pete.send("/mijngegevens")

    document = next(c for c in reply if c.method == "sendDocument")
    data = json.loads(next(iter(document.files.values())))
    assert [m["text"] for m in data["your_messages_on_questions"]] == ["Bij het Geldloket."]
    assert [e["answer"] for e in data["knowledge_base_published"]] == ["Geldloket."]
    assert data["questions_asked"] == [] and "routed" not in json.dumps(data)
