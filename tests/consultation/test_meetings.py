"""Meetings: Pieter plans an intervision, Vera answers yes and changes it, puts it in her
calendar and sends an agenda point; the day before she gets a reminder and Pieter the points
together. The yearly gathering also reaches alumni."""

from __future__ import annotations

import pytest

from storage.people import Role, Status
from tests.consultation.steps import Team, team
from tests.dialogue import Harness, tick
from tests.people.steps import seed

INVITATION = (
    "<b>Uitnodiging</b>\n<b>Intervisie: Intervisie eenzaamheid</b>\n"
    "Wanneer: dinsdag 01-12-2026, 19:30–21:00\nWaar: Buurthuis De Boog\n\nKom je?"
)


async def plan(
    t: Team, kind: str = "Intervisie", who: str = "vrijwilligers", repeat: str = "Eenmalig"
) -> None:
    reply = await t.pieter.send("/overleg")
    assert reply.text == "Er staan geen overleggen gepland."
    await t.pieter.press("Nieuw overleg plannen")
    await t.pieter.press(kind)
    await t.pieter.send("Intervisie eenzaamheid")
    reply = await t.pieter.send("morgen om half acht")
    assert reply.text == "Dat begrijp ik niet. Typ dag, maand en tijd, bijvoorbeeld 08-12 19:30."
    await t.pieter.send("01-12 19:30")
    await t.pieter.press(repeat)
    reply = await t.pieter.send("Buurthuis De Boog")
    assert reply.text.startswith("Wie nodig je uit?")
    reply = await t.pieter.press(who)
    assert reply.texts[-1].startswith("<b>Nieuw overleg</b>\n")
    assert "Waar: Buurthuis De Boog" in reply.texts[-1]
    await t.pieter.press("✅ Plannen en uitnodigen")


async def test_invitation_rsvp_calendar_and_agenda_point(bot: Harness) -> None:
    t = await team(bot)
    await plan(t)
    assert t.pieter.inbox()[-1].text.startswith(
        "<b>Intervisie eenzaamheid</b> is gepland. Uitgenodigd: 1."
    )
    invitation = t.vera.inbox()[-1]
    assert invitation.text == INVITATION
    assert invitation.buttons == ["Ja", "Nee", "Misschien", "📅 In mijn agenda", "Iets inbrengen"]

    reply = await t.vera.press("Ja")
    assert reply.text.endswith("Je komt. Fijn!") and "Ja ✓" in reply.buttons
    reply = await t.vera.press("Misschien")
    assert reply.text.endswith("Je komt misschien.") and "Misschien ✓" in reply.buttons

    reply = await t.vera.press("📅 In mijn agenda")
    document = next(c for c in reply if c.method == "sendDocument")
    ics = next(iter(document.files.values())).decode()
    assert "UID:meeting-1@voelspriet" in ics and "DTSTART:20261201T183000Z" in ics

    await t.vera.press("Iets inbrengen")
    reply = await t.vera.send("Hoe ga ik om met iemand die steeds belt?")
    assert reply.text == "Dank je. Je punt gaat de dag ervoor naar de organisator."

    listing = await t.pieter.send("/overleg")
    shown = await t.pieter.press(listing.buttons[0])
    assert "Ja: 0 · misschien: 1 · nee: 0 · nog niet: 0" in shown.text
    assert "Misschien: Vera de Boer" in shown.text

    bot.clock.now = bot.clock.now.replace(day=30, hour=18, minute=30)  # Monday 19:30
    await tick(bot)
    assert t.vera.inbox()[-1].text.startswith("<b>Herinnering: morgen</b>")
    assert t.pieter.inbox()[-1].text.endswith(
        "• Vera de Boer: Hoe ga ik om met iemand die steeds belt?"
    )
    await tick(bot)
    assert sum("Herinnering: morgen" in (c.text or "") for c in t.vera.inbox()) == 1


async def test_a_moment_gone_by_is_changed_from_the_summary(bot: Harness) -> None:
    t = await team(bot)
    await t.pieter.send("/overleg")
    await t.pieter.press("Nieuw overleg plannen")
    await t.pieter.press("Werkoverleg")
    await t.pieter.send("Werkoverleg december")
    await t.pieter.send("23-11-2026 08:00")  # earlier today
    await t.pieter.press("Eenmalig")
    await t.pieter.send("Kantoor")
    await t.pieter.press("vrijwilligers")
    reply = await t.pieter.press("✅ Plannen en uitnodigen")
    assert reply.toast == "Dat moment is al voorbij. Kies een moment in de toekomst."
    await t.pieter.press("Moment aanpassen")
    await t.pieter.send("24-11 10:00")
    reply = await t.pieter.press("✅ Plannen en uitnodigen")
    assert reply.texts[-1].startswith("<b>Werkoverleg december</b> is gepland.")


async def test_no_reminder_to_who_said_no(bot: Harness) -> None:
    t = await team(bot)
    await plan(t)
    await t.vera.press("Nee")
    bot.clock.now = bot.clock.now.replace(day=30, hour=18, minute=30)
    await tick(bot)
    assert not any("Herinnering: morgen" in (c.text or "") for c in t.vera.inbox())


async def test_the_yearly_gathering_invites_alumni_too(bot: Harness) -> None:
    t = await team(bot)
    old, _ = await seed(bot, "Oud", Role.VOLUNTEER, "Noord", status=Status.ALUMNI)
    await plan(t, "Jaarlijkse bijeenkomst")
    assert old.inbox()[-1].text.startswith("<b>Uitnodiging</b>\n<b>Jaarlijkse bijeenkomst:")


@pytest.mark.parametrize("language", ["en"])
async def test_rsvp_in_english(bot: Harness, language: str) -> None:
    t = await team(bot, language)
    await t.pieter.send("/meetings")
    await t.pieter.press("Plan a new meeting")
    await t.pieter.press("Intervision")
    await t.pieter.send("Intervision loneliness")
    await t.pieter.send("01-12 19:30")
    await t.pieter.press("Once")
    await t.pieter.send("Community centre")
    await t.pieter.press("volunteers")
    await t.pieter.press("✅ Plan and invite")
    assert t.vera.inbox()[-1].text.endswith("Will you come?")
    reply = await t.vera.press("Yes")
    assert reply.text.endswith("You are coming. Great!")


async def test_a_recurring_meeting_makes_its_next_one_when_it_starts(bot: Harness) -> None:
    t = await team(bot)
    await plan(t, repeat="Om de week")
    await t.vera.press("Ja")
    bot.clock.now = bot.clock.now.replace(day=1, month=12, hour=18, minute=30)  # it starts
    await tick(bot)
    invitations = [c for c in t.vera.inbox() if (c.text or "").startswith("<b>Uitnodiging</b>")]
    assert invitations[-1].text == INVITATION.replace("dinsdag 01-12-2026", "dinsdag 15-12-2026")
    await tick(bot)
    assert (
        len(
            [
                c
                for c in t.vera.inbox()
                if c.method == "sendMessage" and "Uitnodiging" in (c.text or "")
            ]
        )
        == 2
    )
    listing = await t.vera.send("/overleg")
    assert len(listing.buttons) == 2  # this evening's and the one in two weeks


async def test_agenda_points_go_with_the_retention_of_checkins(bot: Harness) -> None:
    t = await team(bot)
    await plan(t)
    await t.vera.press("Iets inbrengen")
    await t.vera.send("Hoe ga ik om met iemand die steeds belt?")
    bot.clock.advance(days=bot.settings.retention.checkins_days)
    assert (await bot.services.retention.purge()).points == 0  # the meeting is a week off
    bot.clock.advance(days=9)  # a year after the meeting of 1 December
    assert (await bot.services.retention.purge()).points == 1
    async with bot.services.db.read() as tx:
        assert await tx.fetchall("SELECT * FROM meeting_points") == []


async def test_a_point_with_a_phone_number_is_refused_and_she_writes_it_again(
    bot: Harness,
) -> None:
    t = await team(bot)
    await plan(t)
    await t.vera.press("Iets inbrengen")
    reply = await t.vera.send("Mevrouw belt steeds, haar nummer is 06-12345678")
    assert reply.text.startswith("Je punt lijkt gegevens te bevatten")
    reply = await t.vera.send("Hoe ga ik om met iemand die steeds belt?")  # still that step
    assert reply.text == "Dank je. Je punt gaat de dag ervoor naar de organisator."
    async with bot.services.db.read() as tx:
        points = await tx.fetchall("SELECT text FROM meeting_points")
    assert [p["text"] for p in points] == ["Hoe ga ik om met iemand die steeds belt?"]
