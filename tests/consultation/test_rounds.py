"""Check-in rounds on the one scheduler, with a fake clock: an occurrence fires once, its
reminder reaches only who did not finish, the digest goes to the contact and the totals to the
coordinators; public holidays are skipped, the wall-clock time holds across DST, and what fell
due while the bot was down is caught up once."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.consultation.rounds import default_audience
from bot.scheduling.recurrence_rules import weekly
from storage.checkins import CheckinRepository
from storage.people import Person
from tests.consultation.steps import a_round, team
from tests.dialogue import Harness, tick
from tests.stored import waiting_timers

MONDAY_10 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # 10:00 in Amsterdam


async def mood_round(
    bot: Harness,
    coordinator: Person,
    rule: str = weekly(0),
    starts: datetime = datetime(2026, 11, 30, 10, 0),  # wall-clock time in Amsterdam
    first_now: bool = False,
) -> None:
    """A round for everyone with the one question how it goes, from Monday 30 November."""
    await bot.services.rounds.define(
        None, coordinator, default_audience(), rule, starts, ("mood",), first_now=first_now
    )


async def checkins_sent(bot: Harness, person_id: int) -> list[datetime]:
    async with bot.services.db.read() as tx:
        return [c.occurrence for c in await CheckinRepository(tx).of_person(person_id)]


async def test_an_occurrence_fires_once_then_one_reminder_then_the_digest(bot: Harness) -> None:
    t = await team(bot)
    await a_round(bot, t.people["carla"])
    assert await tick(bot) is not None and t.vera.inbox() == []  # not yet: next Monday

    bot.clock.now = MONDAY_10
    await tick(bot)
    assert [c.text.splitlines()[0] for c in t.vera.inbox()] == ["<b>Check-in</b>"]
    await tick(bot)
    assert len(t.vera.inbox()) == 1  # a second tick sends nothing

    bot.clock.advance(days=2)  # Wednesday: one reminder, she did not answer
    await tick(bot)
    assert t.vera.inbox()[-1].text.startswith("<b>Herinnering</b>\nJe check-in staat nog open.")
    assert t.vera.inbox()[-1].buttons == ["😊", "😐", "☹️"]
    bot.clock.advance(days=1)
    await tick(bot)
    assert len(t.vera.inbox()) == 2  # then nothing: no nagging

    bot.clock.advance(days=1)  # Friday: the digest
    await tick(bot)
    assert t.pieter.inbox()[-1].text == (
        "<b>Check-ins van 30-11-2026</b>\n\n<b>Nog geen antwoord (1)</b>\n• Vera de Boer (Noord)"
    )
    assert t.carla.inbox()[-1].text == (
        "<b>Check-ins van 30-11-2026</b>\nVerstuurd: 1 · beantwoord: 0 · aandacht nodig: 0"
        " · twee keer geen antwoord: 0"
    )
    # The next occurrence waits four weeks on.
    assert list((await waiting_timers(bot, "checkin-round:")).values()) == [
        datetime(2026, 12, 28, 9, 0, tzinfo=UTC)
    ]


async def test_whoever_answered_gets_no_reminder(bot: Harness) -> None:
    t = await team(bot)
    await a_round(bot, t.people["carla"])
    bot.clock.now = MONDAY_10
    await tick(bot)
    await t.vera.press("😊")
    await t.vera.press("Goed zo")
    await t.vera.press("Nee")
    await t.vera.press("Ja")
    await t.vera.press("Nee, klaar")
    before = len(t.vera.inbox())
    bot.clock.advance(days=2)
    await tick(bot)
    assert len(t.vera.inbox()) == before
    bot.clock.advance(days=2)
    await tick(bot)
    assert "<b>Gaat goed (1)</b>\n• Vera de Boer (Noord)" in (t.pieter.inbox()[-1].text or "")


async def test_public_holidays_are_skipped(bot: Harness) -> None:
    t = await team(bot)
    friday = weekly(4)  # Fridays at 10:00 from 18 December: not on Christmas, nor New Year
    starts = datetime(2026, 12, 18, 10, 0)
    await mood_round(bot, t.people["carla"], friday, starts)
    for day in (18, 25, 31):
        bot.clock.now = datetime(2026, 12, day, 12, 0, tzinfo=UTC)
        await tick(bot)
    bot.clock.now = datetime(2027, 1, 8, 12, 0, tzinfo=UTC)
    await tick(bot)
    sent = [o.date() for o in await checkins_sent(bot, t.people["vera"].id)]
    assert sent == [date(2026, 12, 18), date(2027, 1, 8)]


async def test_ten_oclock_stays_ten_oclock_across_the_change_to_summer_time(bot: Harness) -> None:
    t = await team(bot)
    # Tuesdays (Monday 29 March is Easter Monday); summer time begins on 28 March.
    starts = datetime(2027, 3, 23, 10, 0)
    await mood_round(bot, t.people["carla"], weekly(1), starts)
    bot.clock.now = datetime(2027, 3, 23, 9, 0, tzinfo=UTC)
    await tick(bot)
    assert list((await waiting_timers(bot, "checkin-round:")).values()) == [
        datetime(2027, 3, 30, 8, 0, tzinfo=UTC)  # 10:00 summer time
    ]
    bot.clock.now = datetime(2027, 3, 30, 8, 0, tzinfo=UTC)
    await tick(bot)
    assert await checkins_sent(bot, t.people["vera"].id) == [
        datetime(2027, 3, 23, 9, 0, tzinfo=UTC),
        datetime(2027, 3, 30, 8, 0, tzinfo=UTC),
    ]


async def test_downtime_is_caught_up_once_not_once_per_missed_occurrence(bot: Harness) -> None:
    t = await team(bot)
    await mood_round(bot, t.people["carla"])
    bot = await bot.restart()
    bot.clock.now = datetime(2026, 12, 23, 12, 0, tzinfo=UTC)  # four Mondays went by
    await tick(bot)
    await tick(bot)
    assert await checkins_sent(bot, t.people["vera"].id) == [MONDAY_10]
    assert len([c for c in t.vera.inbox() if (c.text or "").startswith("<b>Check-in")]) == 1
    assert list((await waiting_timers(bot, "checkin-round:")).values()) == [
        datetime(2026, 12, 28, 9, 0, tzinfo=UTC)
    ]
    await bot.stop()


async def test_a_round_due_in_the_quiet_hours_waits_for_the_morning(bot: Harness) -> None:
    t = await team(bot)
    bot.clock.now = datetime(2026, 11, 24, 22, 0, tzinfo=UTC)  # 23:00 in Amsterdam
    await mood_round(bot, t.people["carla"], first_now=True)
    await tick(bot)
    assert t.vera.inbox() == []
    bot.clock.now = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)  # 08:00: the quiet hours are over
    await tick(bot)
    assert [c.text.splitlines()[0] for c in t.vera.inbox()] == ["<b>Check-in</b>"]


async def test_the_digest_names_who_did_not_answer_twice_in_a_row(bot: Harness) -> None:
    t = await team(bot)
    await mood_round(bot, t.people["carla"])
    for monday in (MONDAY_10, datetime(2026, 12, 7, 9, 0, tzinfo=UTC)):
        bot.clock.now = monday
        await tick(bot)
        bot.clock.advance(days=4)
        await tick(bot)
    assert t.pieter.inbox()[-1].text == (
        "<b>Check-ins van 07-12-2026</b>\n\n<b>Twee keer geen antwoord (1)</b>\n"
        "• Vera de Boer (Noord)"
    )


async def test_an_open_checkin_shows_again_with_checkin(bot: Harness) -> None:
    t = await team(bot)
    assert (await t.vera.send("/checkin")).text == (
        "Je hebt nu geen open check-in. Je krijgt er af en toe een vanzelf."
    )
    await a_round(bot, t.people["carla"])
    bot.clock.now = MONDAY_10
    await tick(bot)
    await t.vera.press("😊")
    reply = await t.vera.send("/checkin")
    assert reply.text.endswith("<b>Is de hoeveelheid werk goed voor je?</b>")
    assert reply.buttons == ["Te veel", "Goed zo", "Te weinig"]


async def test_checkins_go_as_bulk_behind_alerts_and_late_answers_wait_for_the_morning(
    bot: Harness,
) -> None:
    t = await team(bot)
    await a_round(bot, t.people["carla"], ("mood",))
    bot.clock.now = MONDAY_10
    await tick(bot)
    async with bot.services.db.read() as tx:
        [row] = await tx.fetchall("SELECT priority FROM outbox WHERE key LIKE 'checkin:%'")
    assert row[0] == 2  # bulk: a round to thousands never holds up a signal's alert
    bot.clock.now = datetime(2026, 11, 30, 22, 30, tzinfo=UTC)  # 23:30: the quiet hours
    await t.vera.press("☹️")
    assert t.pieter.inbox() == []  # the alert waits for 08:00
    async with bot.services.db.read() as tx:
        due = await tx.fetchone("SELECT due_at FROM outbox WHERE key LIKE 'followup:%'")
    assert due is not None and due[0].startswith("2026-12-01T07:00")
