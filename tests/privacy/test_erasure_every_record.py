"""/vergeet on a person who holds one of every kind of record (tests.records): what erasure
promises to remove is gone from every table; what stays by design is named here, so a new
kind of record has to be decided on."""

from __future__ import annotations

from tests.dialogue import Harness
from tests.records import person_with_every_record
from tests.stored import in_file_bytes, where_found

# A name and a Telegram id that stand out: found anywhere, they are hers.
NAME = "Wilhelmina Quistorp"
TELEGRAM_ID = 6_618_305_277

# Texts that stay, without the link to the person (README, Privacy): the signals they
# reported and their history belong to the professionals' case work; their answers and
# reasons on other people's questions belong to those threads; published knowledge-base
# entries were edited to be anonymous; an announcement is the organisation's message to many
# people (one they sent stays without their name, one they got is the sender's); likewise a
# meeting they organised is the invitees'; a closing note on a volunteer's follow-up belongs to
# that volunteer's check-in (and goes with it after retention.checkins_days).
STAYS = {
    "signal_description",
    "signal_privacy_reason",
    "signal_closing_message",
    "signal_question_to_you",
    "signal_your_answer",
    "signal_closing_event",
    "signal_your_reason",
    "signal_reason_to_you",
    "question_your_answer_elsewhere",
    "question_reason_to_you",
    "faq_question",
    "faq_answer",
    "announcement_sent",
    "announcement_received",
    "meeting_title",
    "followup_close_note",
}


async def test_erasure_removes_every_kind_of_record_it_promises(bot: Harness) -> None:
    record = await person_with_every_record(bot, NAME, TELEGRAM_ID)
    erased = {kind: text for kind, text in record.texts.items() if kind not in STAYS}
    erased["name"] = NAME
    path, me = bot.settings.database.path, record.person.telegram_id
    assert me == TELEGRAM_ID
    everything = {*erased, "telegram id"}
    assert set(where_found(path, erased, me)) == everything  # all there first
    assert set(in_file_bytes(path, erased, me)) == everything

    await record.chatter.send("/vergeet")
    await record.chatter.press("Ja, wis mijn gegevens")
    await bot.deliver()

    assert where_found(path, erased, me) == {}
    assert in_file_bytes(path, erased, me) == []
    async with bot.services.db.read() as tx:
        me = record.person.id
        assert await tx.fetchone("SELECT 1 FROM people WHERE id = ?", (me,)) is None
        rules = await tx.fetchall("SELECT 1 FROM routing_rules WHERE professional_id = ?", (me,))
        absences = await tx.fetchall(
            "SELECT 1 FROM absences WHERE person_id = ? OR substitute_id = ?", (me, me)
        )
        received = await tx.fetchall(
            "SELECT 1 FROM announcement_recipients WHERE person_id = ?", (me,)
        )
        sent = await tx.fetchall("SELECT sender_id FROM announcements ORDER BY id")
    assert rules == [] and absences == [] and received == []
    assert [r[0] for r in sent] == [None, record.ids["otto"]]
