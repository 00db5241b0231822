"""/mijngegevens holds everything stored about the person: a person with one of every kind of
record (tests.records) finds each of them in the JSON file, and the summary names their
signals and questions."""

from __future__ import annotations

import json

from storage.questions import reference as question_reference
from storage.signals import reference
from tests.dialogue import Chatter, Harness
from tests.records import NO_PERSONAL_DATA, PERSON_COLUMNS, person_with_every_record
from tests.signals.steps import report, team


async def exported(chatter: Chatter) -> tuple[str, str]:
    """The summary and the JSON file of /mijngegevens."""
    reply = await chatter.send("/mijngegevens")
    document = next(c for c in reply if c.method == "sendDocument")
    return reply.texts[0], next(iter(document.files.values())).decode("utf-8")


async def test_what_the_professional_asked_and_she_answered_is_hers(bot: Harness) -> None:
    _, piet, _, anna, _, _ = await team(bot)
    await report(anna)
    await piet.press("Vraag stellen")
    await piet.send("Heeft ze familie in de buurt?")
    await anna.press("Antwoorden")
    await anna.send("Nee, volgens mij niet, alleen een buurvrouw.")
    await piet.press("Afsluiten")
    await piet.press("Hulp geregeld")
    await piet.send("Dankzij jou komt er nu iemand langs.")

    summary, data = await exported(anna)
    for text in (
        "Heeft ze familie in de buurt?",
        "Nee, volgens mij niet, alleen een buurvrouw.",
        "Dankzij jou komt er nu iemand langs.",
    ):
        assert text in data
    assert "Hulp geregeld" not in data and "arranged" not in data  # the outcome is not hers
    assert "Signalen die je meldde: 1\n• S-0001 (23-11-2026) · Eenzaamheid · afgesloten" in summary


async def test_the_records_cover_every_table_and_column_that_names_a_person(bot: Harness) -> None:
    async with bot.services.db.read() as tx:
        tables = {
            r[0]
            for r in await tx.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith(("sqlite_", "faq_search"))
        }
        naming = set()
        for table in tables:
            for key in await tx.fetchall(f"PRAGMA foreign_key_list({table})"):
                if key["table"] == "people":
                    naming.add((table, key["from"]))
    assert naming <= PERSON_COLUMNS, "a new column names people: add it to tests/records.py"
    assert tables == {t for t, _ in PERSON_COLUMNS} | NO_PERSONAL_DATA


async def test_every_text_they_wrote_or_received_is_in_the_file(bot: Harness) -> None:
    record = await person_with_every_record(bot)
    reply = await record.chatter.send("/mijngegevens")
    document = next(c for c in reply if c.method == "sendDocument")
    text = next(iter(document.files.values())).decode("utf-8")
    missing = [kind for kind, stored in record.texts.items() if stored not in text]
    assert missing == []


async def test_every_record_naming_them_is_in_the_file(bot: Harness) -> None:
    record = await person_with_every_record(bot)
    ids = record.ids
    reply = await record.chatter.send("/mijngegevens")
    document = next(c for c in reply if c.method == "sendDocument")
    data = json.loads(next(iter(document.files.values())))

    def refs(key: str) -> list[str]:
        return [item["reference"] for item in data[key]]

    assert refs("signals_reported") == [reference(ids["signal_reported"])]
    assert refs("signals_owned") == [reference(ids["signal_owned"])]
    assert refs("questions_asked") == [question_reference(ids["question_asked"])]
    assert refs("questions_owned") == [question_reference(ids["question_owned"])]
    assert [e["about"] for e in data["signal_steps_naming_you"]] == [
        reference(ids["signal_event_naming_you"])
    ]
    [naming] = data["question_steps_naming_you"]
    assert naming["what"] == "naar jou doorgestuurd"
    assert [r["position"] for r in data["routing_rules"]] == [1]
    assert sorted((a["yours"], a["you_substitute"]) for a in data["absences"]) == [
        (False, True),
        (True, False),
    ]
    assert [i["code"] for i in data["invites_created"]] == [ids["invite"]]
    assert len(data["people_you_invited"]) == 1
    assert [a["announcement"] for a in data["announcements_received"]] == [
        f"A-{ids['announcement_received']:04d}"
    ]
    assert [a["announcement"] for a in data["announcements_sent"]] == [
        f"A-{ids['announcement_sent']:04d}"
    ]
    assert data["person"]["id"] == record.person.id
    assert [s["id"] for s in data["shifts_made"]] == [ids["shift_made"]]
    assert [s["id"] for s in data["series_made"]] == [ids["shift_series_made"]]
    assert [g["shift_id"] for g in data["shift_signups"]] == [ids["shift_made"]]
    assert [o["shift_id"] for o in data["shift_offers"]] == [ids["shift_made"]]
    assert [w["shift_id"] for w in data["shift_swaps_taken"]] == [ids["shift_made"]]
    assert [e["action"] for e in data["shift_history"]] == ["cancelled_late"]
    assert [c["note"] for c in data["checkins"]] == [record.texts["checkin_note"]]
    assert [c["follow_up_closed"] is not None for c in data["checkins"]] == [True]
    assert [f["your_close_note"] for f in data["checkin_follow_ups_owned"]] == [
        record.texts["followup_close_note"]
    ]
    assert [m["title"] for m in data["meetings_invited"]] == ["Intervisie"]
    assert [m["title"] for m in data["meetings_organised"]] == [record.texts["meeting_title"]]
    assert [p["text"] for p in data["agenda_points"]] == [record.texts["agenda_point"]]
    assert data["contact_professional_set"] == "Otto"
    assert sorted((b["newcomer"], b["buddy"]) for b in data["buddies"]) == [
        ("Otto", record.person.name),
        (record.person.name, "Otto"),
    ]
    # Other people's words about residents stay out: what Otto reported, and Otto's question.
    assert "Iemand anders meldde dit." not in json.dumps(data)
    assert "Nog een vraag van Otto." not in json.dumps(data)


async def test_the_summary_names_their_signals_and_questions(bot: Harness) -> None:
    record = await person_with_every_record(bot)
    reply = await record.chatter.send("/mijngegevens")
    summary = reply.texts[0]
    assert reference(record.ids["signal_reported"]) in summary
    assert f"Q-{record.ids['question_asked']:04d}" in summary
    assert "Signalen die je meldde: 1" in summary
    assert "Vragen die je stelde: 1" in summary
    assert "Signalen bij jou: 1" in summary and "Vragen bij jou: 1" in summary
