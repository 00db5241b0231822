"""Answered and closed questions are anonymised retention.finished_questions_days after their
last activity; open ones never; published knowledge-base entries stay; /opschonen shows them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.core import i18n
from storage.faq import FaqRepository
from storage.people import Person, Role
from storage.questions import NewQuestion, QuestionRepository
from storage.timestamps import to_db
from tests.dialogue import Harness, settings_for

TEXT = "Mevrouw Jansen op nummer 7 heeft een betalingsachterstand. Waar kan ze heen?"
ANSWER = "Stuur haar naar het Geldloket in het wijkcentrum."
PUBLISHED_Q = "Waar kan een bewoner met geldzorgen terecht voor hulp bij schulden?"
PUBLISHED_A = "Bij het Geldloket in het wijkcentrum, elke dinsdag zonder afspraak."

PERSONAL = ("text", "photo", "asker_id", "privacy_reason")
KEPT = (
    "topic",
    "wijk",
    "status",
    "owner_id",
    "privacy_kept",
    "created_at",
    "answer_due_at",
    "answered_at",
    "closed_at",
)


async def ask(bot: Harness, asker: Person, owner: Person) -> int:
    """An open question with a photo and a kept address, and the asker's first message."""
    new = NewQuestion(
        asker_id=asker.id,
        owner_id=owner.id,
        topic="schulden",
        wijk="Noord",
        text=TEXT,
        privacy_kept=("address",),
        privacy_reason="Het Geldloket moet weten waar ze woont",
        answer_due_at=bot.clock() + timedelta(hours=16),
        photo=b"\xff\xd8jpeg",
    )
    async with bot.services.db.transaction() as tx:
        questions = QuestionRepository(tx)
        question_id = await questions.add(new, bot.clock())
        await questions.add_message(question_id, asker.id, "asked", TEXT, bot.clock())
    return question_id


async def answer(bot: Harness, question_id: int, owner: Person) -> None:
    async with bot.services.db.transaction() as tx:
        questions = QuestionRepository(tx)
        await questions.add_message(question_id, owner.id, "answer", ANSWER, bot.clock())
        await questions.mark_answered(question_id, bot.clock())


async def follow_up(bot: Harness, question_id: int, asker: Person) -> None:
    async with bot.services.db.transaction() as tx:
        questions = QuestionRepository(tx)
        await questions.add_message(question_id, asker.id, "followup", "En de kosten?", bot.clock())
        await questions.reopen(question_id, bot.clock(), bot.clock() + timedelta(hours=16))


async def close(bot: Harness, question_id: int, asker: Person | None) -> None:
    """Closed; with the asker's closing message when `asker` is given."""
    async with bot.services.db.transaction() as tx:
        questions = QuestionRepository(tx)
        assert await questions.close(question_id, bot.clock())
        if asker is not None:
            await questions.add_message(question_id, asker.id, "closed", None, bot.clock())


async def row(bot: Harness, question_id: int) -> dict[str, object]:
    async with bot.services.db.read() as tx:
        found = await tx.fetchone("SELECT * FROM questions WHERE id = ?", (question_id,))
    assert found is not None
    return dict(found)


async def thread(bot: Harness, question_id: int) -> list[tuple[str, int | None, str | None]]:
    async with bot.services.db.read() as tx:
        messages = await QuestionRepository(tx).thread(question_id)
    return [(m.kind, m.author_id, m.body) for m in messages]


async def purge_questions(bot: Harness) -> int:
    return (await bot.services.retention.purge()).questions


async def people(bot: Harness) -> tuple[Person, Person]:
    _, anna = await bot.member(Role.VOLUNTEER, "Anna")
    _, pete = await bot.member(Role.PROFESSIONAL, "Pete")
    return anna, pete


async def test_finished_questions_are_anonymised_after_180_days_not_before(bot: Harness) -> None:
    anna, pete = await people(bot)
    closed_id = await ask(bot, anna, pete)
    await answer(bot, closed_id, pete)
    await close(bot, closed_id, anna)
    answered_id = await ask(bot, anna, pete)
    await answer(bot, answered_id, pete)
    open_id = await ask(bot, anna, pete)
    before = await row(bot, closed_id)
    open_before = await row(bot, open_id)

    bot.clock.advance(days=180, seconds=-1)
    assert await purge_questions(bot) == 0
    assert await row(bot, closed_id) == before

    bot.clock.advance(seconds=1)
    assert await purge_questions(bot) == 2
    after = await row(bot, closed_id)
    assert {c: after[c] for c in PERSONAL} == dict.fromkeys(PERSONAL)
    assert {c: after[c] for c in KEPT} == {c: before[c] for c in KEPT}
    assert after["status"] == "closed" and after["topic"] == "schulden"
    assert after["anonymised_at"] == to_db(bot.clock())
    # Bodies go, and so does the asker's name on her own messages; the owner's answer stays his.
    assert await thread(bot, closed_id) == [
        ("asked", None, None),
        ("answer", pete.id, None),
        ("closed", None, None),
    ]
    assert (await row(bot, answered_id))["text"] is None
    assert await thread(bot, answered_id) == [("asked", None, None), ("answer", pete.id, None)]
    async with bot.services.db.read() as tx:
        assert await QuestionRepository(tx).for_asker(anna.id) == [
            await QuestionRepository(tx).by_id(open_id)
        ]

    assert await row(bot, open_id) == open_before
    assert await thread(bot, open_id) == [("asked", anna.id, TEXT)]

    bot.clock.advance(days=1000)
    assert await purge_questions(bot) == 0
    assert (await row(bot, closed_id))["anonymised_at"] == after["anonymised_at"]
    assert await row(bot, open_id) == open_before


async def test_the_last_activity_counts_not_the_day_of_asking(bot: Harness) -> None:
    anna, pete = await people(bot)
    question_id = await ask(bot, anna, pete)
    await answer(bot, question_id, pete)
    bot.clock.advance(days=100)
    await follow_up(bot, question_id, anna)
    bot.clock.advance(days=1)
    await answer(bot, question_id, pete)  # last message: day 101
    bot.clock.advance(days=79)

    assert await purge_questions(bot) == 0  # day 180 after asking
    assert (await row(bot, question_id))["text"] == TEXT

    bot.clock.advance(days=20)
    await close(bot, question_id, None)  # closed on day 200 without a message: that counts too
    bot.clock.advance(days=180, seconds=-1)
    assert await purge_questions(bot) == 0
    assert (await row(bot, question_id))["anonymised_at"] is None

    bot.clock.advance(seconds=1)
    assert await purge_questions(bot) == 1
    assert [body for _, _, body in await thread(bot, question_id)] == [None] * 4


async def test_a_published_answer_stays_in_the_knowledge_base(bot: Harness) -> None:
    anna_chat, anna = await bot.member(Role.VOLUNTEER, "Anna")
    _, pete = await bot.member(Role.PROFESSIONAL, "Pete")
    question_id = await ask(bot, anna, pete)
    await answer(bot, question_id, pete)
    async with bot.services.db.transaction() as tx:
        entry_id = await FaqRepository(tx).add(
            question_id, "schulden", PUBLISHED_Q, PUBLISHED_A, pete.id, bot.clock()
        )
        published = await FaqRepository(tx).by_id(entry_id)

    bot.clock.advance(days=180)
    assert await purge_questions(bot) == 1
    assert (await row(bot, question_id))["text"] is None
    async with bot.services.db.read() as tx:
        assert await FaqRepository(tx).by_id(entry_id) == published
        assert [e.id for e in await FaqRepository(tx).search("geldloket")] == [entry_id]

    reply = await anna_chat.send("/faq geldloket")
    assert PUBLISHED_Q in reply.text and "Geldloket" in reply.text
    assert "Jansen" not in reply.text


async def test_questions_have_their_own_retention_period(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, retention={"finished_questions_days": 30})
    bot = await Harness(settings).start()
    try:
        anna, pete = await people(bot)
        await answer(bot, await ask(bot, anna, pete), pete)
        bot.clock.advance(days=30, seconds=-1)
        assert await purge_questions(bot) == 0
        bot.clock.advance(seconds=1)
        purged = await bot.services.retention.purge()
        assert (purged.questions, purged.signals) == (1, 0)
    finally:
        await bot.stop()


async def test_coordinator_sees_questions_next_to_signals(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, retention={"finished_questions_days": 90})
    bot = await Harness(settings).start()
    try:
        carla, _ = await bot.member(Role.COORDINATOR, "Carla")
        cees, _ = await bot.member(Role.COORDINATOR, "Cees", language="en")
        anna, pete = await people(bot)
        first = bot.clock()
        early = await ask(bot, anna, pete)  # 23-11-2026
        await answer(bot, early, pete)
        await close(bot, early, anna)
        later = await ask(bot, anna, pete)
        await answer(bot, later, pete)
        bot.clock.advance(days=20)
        await follow_up(bot, later, anna)
        await answer(bot, later, pete)  # last message 13-12-2026
        await ask(bot, anna, pete)  # open: never counted

        bot.clock.now = first + timedelta(days=85)
        reply = await carla.send("/opschonen")
        assert reply.text == "\n".join(
            [
                "🧹 <b>Opschonen van oude signalen en vragen</b>",
                "Afgesloten signalen worden 180 dagen na het afsluiten anoniem gemaakt. De tekst,"
                " foto, locatie en de naam van de melder gaan weg. Onderwerp, wijk, uitkomst en"
                " datums blijven voor de cijfers.",
                "Beantwoorde en afgesloten vragen worden 90 dagen na het laatste bericht anoniem"
                " gemaakt. De vraag, foto, berichten en de naam van de vrager gaan weg. Onderwerp,"
                " wijk en datums blijven. Open vragen blijven staan, en wat in de kennisbank staat"
                " ook.",
                "",
                "<b>Binnen 7 dagen:</b>",
                "• geen signalen",
                "• aantal vragen: 1, laatste bericht tussen 23-11-2026 en 23-11-2026",
                "",
                "<b>Binnen 30 dagen:</b>",
                "• geen signalen",
                "• aantal vragen: 2, laatste bericht tussen 23-11-2026 en 13-12-2026",
            ]
        )

        bot.clock.now = first + timedelta(days=65)
        reply = await cees.send("/purge")
        assert "<b>Within 7 days:</b>\n• no signals\n• no questions\n" in reply.text
        assert reply.text.endswith(
            "<b>Within 30 days:</b>\n• no signals\n"
            "• number of questions: 1, last message between 23-11-2026 and 23-11-2026"
        )
    finally:
        await bot.stop()


async def test_an_anonymised_question_takes_no_more_answers_or_publishing(bot: Harness) -> None:
    _, anna = await bot.member(Role.VOLUNTEER, "Anna")
    pete_chat, pete = await bot.member(Role.PROFESSIONAL, "Pete")
    question_id = await ask(bot, anna, pete)
    await answer(bot, question_id, pete)
    bot.clock.advance(days=181)
    assert await purge_questions(bot) == 1
    after = await row(bot, question_id)
    assert (after["status"], after["closed_at"]) == ("closed", to_db(bot.clock()))
    assert (await pete_chat.send("/vragen")).text == "Er staan geen vragen open."
    anonymised = i18n.t("nl", "questions.anonymised")
    for data in (f"q:ans:{question_id}", f"q:all:{question_id}", f"q:pub:{question_id}"):
        reply = await pete_chat.press_data(data)
        assert anonymised in (reply.toast or "") + " ".join(reply.texts)
    assert await thread(bot, question_id) == [("asked", None, None), ("answer", pete.id, None)]
