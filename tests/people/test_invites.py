"""A coordinator makes an invitation in chat: role → wijk → uses → days, then someone uses it."""

from __future__ import annotations

import re

from storage.invites import Invite, InviteRepository
from storage.people import Role
from tests.dialogue import Chatter, Harness
from tests.stored import person_of

EXPIRED = "Deze knop werkt niet meer. Begin opnieuw via het menu."


async def invites(bot: Harness) -> list[Invite]:
    async with bot.services.db.transaction() as tx:
        rows = await tx.fetchall("SELECT code FROM invites ORDER BY created_at, code")
        repository = InviteRepository(tx)
        found = [await repository.get(r["code"]) for r in rows]
    return [i for i in found if i is not None]


def code_in(text: str) -> str:
    match = re.search(r"<code>([A-Za-z0-9_-]+)</code>", text)
    assert match, text
    return match.group(1)


async def make_invite(coordinator: Chatter, role: str, wijk: str, uses: str, days: str) -> str:
    await coordinator.send("/uitnodigen")
    await coordinator.press(role)
    await coordinator.press(wijk)
    await coordinator.press(uses)
    reply = await coordinator.press(days)
    return reply.text


async def test_invite_dialogue_and_registration_with_it(bot: Harness) -> None:
    carla, me = await bot.member(Role.COORDINATOR, "Carla")

    reply = await carla.send("/uitnodigen")
    assert reply.text == "Wie wil je uitnodigen?"
    assert reply.buttons == ["coördinator", "beroepskracht", "vrijwilliger"]

    reply = await carla.press("vrijwilliger")
    assert reply.methods() == ["answerCallbackQuery", "editMessageText"]
    assert reply.text == "Voor welke wijk?"
    assert reply.buttons == ["Noord", "Zuid", "Centrum", "Geen vaste wijk"]

    reply = await carla.press("Zuid")
    assert reply.text == "Hoeveel mensen mogen deze uitnodiging gebruiken?"
    assert reply.buttons == ["1×", "5×", "25×"]

    reply = await carla.press("5×")
    assert reply.text == "Hoe lang blijft de uitnodiging geldig?"
    assert reply.buttons == ["7 dagen", "14 dagen", "30 dagen"]
    assert await invites(bot) == []  # nothing is made before the last choice

    reply = await carla.press("14 dagen")
    assert reply.methods() == ["answerCallbackQuery", "editMessageText"]
    [invite] = await invites(bot)
    assert reply.text == (
        "<b>Uitnodiging gemaakt</b>\n"
        "Rol: vrijwilliger\n"
        "Wijk: Zuid\n"
        "Aantal keer te gebruiken: 5\n"
        # 23-11-2026 09:00 UTC + 14 days, shown in Amsterdam time.
        "Geldig tot: 07-12-2026 10:00\n\n"
        f"Code: <code>{invite.code}</code>\n"
        f"Stuur deze link: https://t.me/voelspriet_test_bot?start={invite.code}"
    )
    assert reply.buttons == []  # the choices are gone
    assert (invite.role, invite.wijk, invite.max_uses, invite.uses) == (
        Role.VOLUNTEER,
        "Zuid",
        5,
        0,
    )
    assert invite.created_by == me.id
    assert invite.expires_at == bot.clock().replace(day=7, month=12)

    # The code works: the wijk is preset, so it is not asked.
    bea = bot.chatter("Bea", "nl")
    reply = await bea.send(f"/start {code_in(reply.text)}")
    assert reply.texts[0].startswith(
        "Welkom bij <b>Buurtwerk Utrecht</b>! Je bent uitgenodigd als vrijwilliger."
    )
    reply = await bea.send("Bea")
    assert reply.text.startswith("Waar wil je graag aan meehelpen?")
    await bea.press("Klaar")
    await bea.press("Klaar")
    await bea.press("Overslaan")
    reply = await bea.press("Overslaan")
    assert reply.buttons == ["✅ Ik ga akkoord", "Ik ga niet akkoord"]
    reply = await bea.press("✅ Ik ga akkoord")
    assert reply.said[0].startswith("Je bent aangemeld, Bea.")

    person = await person_of(bot, bea.id)
    assert person is not None
    assert (person.role, person.wijk, person.invited_by) == (Role.VOLUNTEER, "Zuid", me.id)
    [invite] = await invites(bot)
    assert invite.uses == 1
    assert carla.inbox()[-1].text == "Nieuw aangemeld: Bea als vrijwilliger (wijk: Zuid)."


async def test_invite_without_fixed_wijk(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    text = await make_invite(carla, "beroepskracht", "Geen vaste wijk", "1×", "7 dagen")
    assert text.startswith(
        "<b>Uitnodiging gemaakt</b>\n"
        "Rol: beroepskracht\n"
        "Wijk: Geen vaste wijk\n"
        "Aantal keer te gebruiken: 1\n"
        "Geldig tot: 30-11-2026 10:00\n\n"
    )
    [invite] = await invites(bot)
    assert (invite.role, invite.wijk, invite.max_uses) == (Role.PROFESSIONAL, None, 1)

    # Without a preset wijk the new person chooses one (or none).
    piet = bot.chatter("Piet", "nl")
    await piet.send(f"/start {code_in(text)}")
    reply = await piet.send("Piet")
    assert reply.text == "In welke wijk ben je actief?"
    assert reply.buttons == ["Noord", "Zuid", "Centrum", "Geen vaste wijk"]
    await piet.press("Centrum")
    await piet.press("✅ Ik ga akkoord")
    person = await person_of(bot, piet.id)
    assert person is not None and (person.role, person.wijk) == (Role.PROFESSIONAL, "Centrum")

    # Used once: the next person hears it is used up.
    late = bot.chatter("Laat", "nl")
    reply = await late.send(f"/start {invite.code}")
    assert reply.texts == ["Deze uitnodiging is al gebruikt. Vraag je coördinator om een nieuwe."]


async def test_invite_in_english_with_menu_button(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla", language="en")
    reply = await carla.send("✉️ Invite")
    assert reply.text == "Who do you want to invite?"
    assert reply.buttons == ["coordinator", "professional", "volunteer"]
    await carla.press("coordinator")
    reply = await carla.press("Noord")
    assert reply.text == "How many people may use this invitation?"
    await carla.press("25×")
    reply = await carla.press("30 days")
    [invite] = await invites(bot)
    assert reply.text == (
        "<b>Invitation created</b>\n"
        "Role: coordinator\n"
        "Neighbourhood: Noord\n"
        "Number of uses: 25\n"
        "Valid until: 23-12-2026 10:00\n\n"
        f"Code: <code>{invite.code}</code>\n"
        f"Send this link: https://t.me/voelspriet_test_bot?start={invite.code}"
    )


async def test_forged_invite_buttons_create_nothing(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    for data in (
        "inv:v:3",  # wijk index out of range (three wijken)
        "inv:v:-1",
        "inv:v:x:5:14",
        "inv:v:0:999:14",  # uses not offered
        "inv:v:0:0:14",
        "inv:v:0:5:0",  # days not offered
        "inv:v:0:5:365",
        "inv:x:0:5:14",  # no such role
        "inv:admin",
        "inv:",
        "inv:v:0:5:14:extra",
    ):
        reply = await carla.press_data(data)
        assert reply.toast == EXPIRED, data
        assert reply.methods() == ["answerCallbackQuery"], data
    assert await invites(bot) == []

    # The same data, well-formed, does make one.
    reply = await carla.press_data("inv:v:0:5:14")
    assert reply.toast is None
    [invite] = await invites(bot)
    assert (invite.wijk, invite.max_uses) == ("Noord", 5)


async def test_forged_invite_button_toast_in_english(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla", language="en")
    reply = await carla.press_data("inv:v:0:999:14")
    assert reply.toast == "This button no longer works. Start again from the menu."
    assert await invites(bot) == []


async def test_only_active_coordinators_invite(bot: Harness) -> None:
    vera, _ = await bot.member(Role.VOLUNTEER, "Vera")
    paula, _ = await bot.member(Role.PROFESSIONAL, "Paula")
    not_allowed = "Dat kan alleen met een andere rol. Dit is niet voor jou bedoeld."
    reply = await vera.send("/uitnodigen")
    assert reply.texts == [not_allowed]
    reply = await paula.press_data("inv:c:0:25:30")
    assert reply.toast == not_allowed
    assert await invites(bot) == []
