"""Coordinators manage people: /mensen, filters, pages, a card per person, and actions on it."""

from __future__ import annotations

import pytest

from bot.core.errors import NotAllowed
from storage.people import PersonRepository, Role, Status
from tests.dialogue import Harness
from tests.people.steps import fresh, seed

NOT_ALLOWED = "Dat kan alleen met een andere rol. Dit is niet voor jou bedoeld."
CARD_BUTTONS = ["Pauzeren", "Andere rol", "Laten gaan", "‹ Terug"]


def title(total: int, page: int = 1, pages: int = 1) -> str:
    return (
        f"<b>Mensen</b> – {total} gevonden (pagina {page} van {pages}). "
        "Tik op de knoppen bovenaan om te filteren."
    )


def people_buttons(buttons: list[str]) -> list[str]:
    """The buttons of a list view, without the three filter buttons and the page arrows."""
    return [b for b in buttons[3:] if b not in ("‹", "›")]


# --- the list ---------------------------------------------------------------------------------


async def test_list_with_filters(bot: Harness) -> None:
    carla, _ = await seed(bot, "Carla", Role.COORDINATOR)
    await seed(bot, "Bram", wijk="Zuid")
    await seed(bot, "Daan", Role.PROFESSIONAL, status=Status.PAUSED)
    await seed(bot, "Eva", wijk="Centrum", status=Status.ALUMNI)

    reply = await carla.send("/mensen")
    assert reply.text == title(4)
    assert reply.buttons == [
        "Rol: alle",
        "Status: alle",
        "Wijk: alle",
        "Bram · vrijwilliger · Zuid",
        "Carla · coördinator · Noord",
        "Daan · beroepskracht · Noord · gepauzeerd",
        "Eva · vrijwilliger · Centrum · oud-deelnemer",
    ]

    # The role button cycles: coordinator → professional → volunteer → all.
    reply = await carla.press("Rol: alle")
    assert reply.methods() == ["answerCallbackQuery", "editMessageText"]
    assert reply.text == title(1)
    assert reply.buttons[:3] == ["Rol: coördinator", "Status: alle", "Wijk: alle"]
    assert people_buttons(reply.buttons) == ["Carla · coördinator · Noord"]
    reply = await carla.press("Rol: coördinator")
    assert people_buttons(reply.buttons) == ["Daan · beroepskracht · Noord · gepauzeerd"]
    reply = await carla.press("Rol: beroepskracht")
    assert reply.text == title(2)
    assert people_buttons(reply.buttons) == [
        "Bram · vrijwilliger · Zuid",
        "Eva · vrijwilliger · Centrum · oud-deelnemer",
    ]

    # Status, combined with the role filter: active volunteers.
    reply = await carla.press("Status: alle")
    assert reply.buttons[:3] == ["Rol: vrijwilliger", "Status: actief", "Wijk: alle"]
    assert people_buttons(reply.buttons) == ["Bram · vrijwilliger · Zuid"]
    reply = await carla.press("Status: actief")
    assert reply.text == title(0)
    assert people_buttons(reply.buttons) == []
    reply = await carla.press("Status: gepauzeerd")
    assert people_buttons(reply.buttons) == ["Eva · vrijwilliger · Centrum · oud-deelnemer"]
    reply = await carla.press("Status: oud-deelnemer")
    assert reply.buttons[1] == "Status: alle"
    reply = await carla.press("Rol: vrijwilliger")
    assert reply.text == title(4)

    # The wijk button cycles through the configured wijken.
    reply = await carla.press("Wijk: alle")
    assert reply.buttons[2] == "Wijk: Noord"
    assert people_buttons(reply.buttons) == [
        "Carla · coördinator · Noord",
        "Daan · beroepskracht · Noord · gepauzeerd",
    ]
    reply = await carla.press("Wijk: Noord")
    assert people_buttons(reply.buttons) == ["Bram · vrijwilliger · Zuid"]
    reply = await carla.press("Wijk: Zuid")
    assert people_buttons(reply.buttons) == ["Eva · vrijwilliger · Centrum · oud-deelnemer"]
    reply = await carla.press("Wijk: Centrum")
    assert reply.buttons[2] == "Wijk: alle"
    assert reply.text == title(4)


async def test_menu_button_and_english_list(bot: Harness) -> None:
    carla, _ = await seed(bot, "Carla", Role.COORDINATOR, language="en")
    reply = await carla.send("👥 People")
    assert reply.text == (
        "<b>People</b> – 1 found (page 1 of 1). Tap the buttons at the top to filter."
    )
    assert reply.buttons == [
        "Role: all",
        "Status: all",
        "Neighbourhood: all",
        "Carla · coordinator · Noord",
    ]


async def test_pages_of_eight(bot: Harness) -> None:
    carla, _ = await seed(bot, "Carla", Role.COORDINATOR)
    names = [f"Vrijwilliger {n:02d}" for n in range(1, 11)]
    for name in names:
        await seed(bot, name, wijk="Zuid")

    reply = await carla.send("/mensen")
    assert reply.text == title(11, 1, 2)
    listed = ["Carla · coördinator · Noord"] + [f"{n} · vrijwilliger · Zuid" for n in names]
    assert people_buttons(reply.buttons) == listed[:8]
    assert reply.buttons[-1] == "›"
    assert "‹" not in reply.buttons

    reply = await carla.press("›")
    assert reply.text == title(11, 2, 2)
    assert people_buttons(reply.buttons) == listed[8:]
    assert reply.buttons[-1] == "‹"
    assert "›" not in reply.buttons

    reply = await carla.press("‹")
    assert reply.text == title(11, 1, 2)

    # A filter change starts again on the first page.
    await carla.press("›")
    reply = await carla.press("Wijk: alle")
    assert reply.text == title(1)


async def test_stale_page_button_shows_the_last_page(bot: Harness) -> None:
    carla, _ = await seed(bot, "Carla", Role.COORDINATOR)
    seeded = [await seed(bot, f"Vrijwilliger {n}") for n in range(1, 9)]
    reply = await carla.send("/mensen")
    assert reply.text == title(9, 1, 2)
    # Meanwhile someone left: eight people remain, one page.
    async with bot.services.db.transaction() as tx:
        await PersonRepository(tx).delete(seeded[-1][1].id)

    reply = await carla.press("›")
    assert reply.text == title(8, 1, 1)
    assert len(people_buttons(reply.buttons)) == 8


async def test_forged_list_filters_fall_back_to_all(bot: Harness) -> None:
    carla, _ = await seed(bot, "Carla", Role.COORDINATOR)
    await seed(bot, "Bram", wijk="Zuid")
    for data in (
        "pp:l:a:7:a:0",
        "pp:l:x:a:Q:0",
        "pp:l:a:-1:a:a",
        "pp:l",
        "pp:l:a:99999999999999999999:a:0",
    ):
        reply = await carla.press_data(data)
        assert reply.toast is None, data
        assert reply.text == title(2), data
        assert reply.buttons[:3] == ["Rol: alle", "Status: alle", "Wijk: alle"], data


async def test_only_active_coordinators_manage_people(bot: Harness) -> None:
    _, bram = await seed(bot, "Bram")
    paula, _ = await seed(bot, "Paula", Role.PROFESSIONAL)
    vera, _ = await seed(bot, "Vera")
    reply = await paula.send("/mensen")
    assert reply.texts == [NOT_ALLOWED]
    reply = await vera.press_data(f"pp:pause:{bram.id}")
    assert reply.toast == NOT_ALLOWED
    assert (await fresh(bot, bram)).status is Status.ACTIVE


# --- a person's card --------------------------------------------------------------------------


async def test_card_shows_know_your_volunteer(bot: Harness) -> None:
    carla, _ = await seed(bot, "Carla", Role.COORDINATOR)
    await seed(
        bot,
        "Bram <B>",
        wijk="Zuid",
        interests=("ouderen", "jeugd"),
        availability=("weekend", "flexible"),
        max_shifts_per_week=2,
        motivation="Ik wil mijn buurt helpen.",
    )
    await carla.send("/mensen")
    reply = await carla.press("Bram <B> · vrijwilliger · Zuid")
    assert reply.methods() == ["answerCallbackQuery", "editMessageText"]
    assert reply.text == "\n".join(
        [
            "<b>Bram &lt;B&gt;</b>",
            "Naam: Bram &lt;B&gt;",
            "Rol: vrijwilliger",
            "Wijk: Zuid",
            "Taal: Nederlands",
            "Interesses: Ouderen, Jongeren",
            "Beschikbaar: In het weekend, Wisselend",
            "Maximaal aantal diensten per week: 2",
            "Motivatie: Ik wil mijn buurt helpen.",
            "Status: actief",
            "Aangemeld op: 23-11-2026",
        ]
    )
    assert reply.buttons == CARD_BUTTONS

    reply = await carla.press("‹ Terug")
    assert reply.text == title(2)


async def test_card_marks_unreachable_people(bot: Harness) -> None:
    carla, _ = await seed(bot, "Carla", Role.COORDINATOR)
    bram_chat, bram = await seed(bot, "Bram", Role.PROFESSIONAL)
    async with bot.services.db.transaction() as tx:
        await PersonRepository(tx).set_reachable(bram_chat.id, False)
    reply = await carla.press_data(f"pp:v:{bram.id}")
    assert reply.text.endswith(
        "Status: actief\nAangemeld op: 23-11-2026\n⚠️ Niet bereikbaar: heeft de bot geblokkeerd."
    )


async def test_forged_person_id_is_not_found(bot: Harness) -> None:
    carla, _ = await seed(bot, "Carla", Role.COORDINATOR)
    _, bram = await seed(bot, "Bram")
    for data in ("pp:v:999999", "pp:pause:999999", "pp:rm:999999", "pp:v:abc", "pp:role:"):
        reply = await carla.press_data(data)
        assert reply.toast == "Dat kan ik niet (meer) vinden.", data
        assert reply.methods() == ["answerCallbackQuery"], data
    for data in (f"pp:setrole:{bram.id}:x", f"pp:setrole:{bram.id}", "pp:explode:1", "pp:"):
        reply = await carla.press_data(data)
        assert reply.toast == "Deze knop werkt niet meer. Begin opnieuw via het menu.", data
    assert await fresh(bot, bram) == bram


async def test_refusals_in_english(bot: Harness) -> None:
    carla, me = await seed(bot, "Carla", Role.COORDINATOR, language="en")
    reply = await carla.press_data("pp:v:999999")
    assert reply.toast == "I cannot find that (any more)."
    reply = await carla.press_data(f"pp:pause:{me.id}")
    assert reply.toast == "That needs a different role. This is not meant for you."


# --- actions ----------------------------------------------------------------------------------


async def test_pause_and_resume(bot: Harness) -> None:
    carla, _ = await seed(bot, "Carla", Role.COORDINATOR)
    bram_chat, bram = await seed(bot, "Bram", language="en")
    await carla.press_data(f"pp:v:{bram.id}")

    reply = await carla.press("Pauzeren")
    assert reply.methods() == ["answerCallbackQuery", "editMessageText"]
    assert "\nStatus: gepauzeerd\n" in reply.text
    assert reply.buttons == ["Weer actief maken", "Andere rol", "Laten gaan", "‹ Terug"]
    assert (await fresh(bot, bram)).status is Status.PAUSED
    # Told in his own language, not the coordinator's.
    assert [c.text for c in bram_chat.inbox()] == [
        "Hi Bram, a coordinator has paused your account. Get in touch if you have questions."
    ]

    reply = await bram_chat.send("hello")
    assert reply.texts == [
        "Your account is paused. Contact your coordinator if you want to take part again. "
        "You can still see your data (/mydata) or have it erased (/forget)."
    ]
    reply = await bram_chat.send("/help")
    assert reply.text.startswith("Your account is paused.")

    # Pressing pause again changes nothing and tells nobody twice.
    await carla.press_data(f"pp:pause:{bram.id}")
    assert len(bram_chat.inbox()) == 3

    reply = await carla.press("Weer actief maken")
    assert "\nStatus: actief\n" in reply.text
    assert reply.buttons == CARD_BUTTONS
    assert (await fresh(bot, bram)).status is Status.ACTIVE
    assert bram_chat.inbox()[-1].text == "Hi Bram, your account is active again. Welcome back!"
    reply = await bram_chat.send("/help")
    assert reply.text.startswith("<b>What can you do here?</b>")


async def test_change_role(bot: Harness) -> None:
    carla, _ = await seed(bot, "Carla", Role.COORDINATOR)
    bram_chat, bram = await seed(bot, "Bram", language="en", motivation="Helpen")
    await carla.press_data(f"pp:v:{bram.id}")

    reply = await carla.press("Andere rol")
    assert reply.text == "Welke rol krijgt Bram?"
    assert reply.buttons == ["coördinator", "beroepskracht", "vrijwilliger", "‹ Terug"]

    reply = await carla.press("beroepskracht")
    assert "\nRol: beroepskracht\n" in reply.text
    assert "Motivatie" not in reply.text  # volunteer-only lines are gone
    assert (await fresh(bot, bram)).role is Role.PROFESSIONAL

    told = bram_chat.inbox()
    assert [c.method for c in told] == ["sendMessage", "setMyCommands"]
    assert told[0].text == (
        "Your role has changed. You are now: professional. Type /help to see what you can do."
    )
    assert told[1].params["scope"] == {"type": "chat", "chat_id": bram_chat.id}
    assert [c["command"] for c in told[1].params["commands"]] == [
        "signals",
        "questions",
        "announce",
        "away",
        "faq",
        "followups",
        "meetings",
        "help",
        "profile",
        "mydata",
        "forget",
        "language",
        "cancel",
    ]

    # Made coordinator: the menu grows, and he can now use /people.
    await carla.press("Andere rol")
    await carla.press("coördinator")
    commands = bot.fake.sent(bram_chat.id, "setMyCommands")
    assert [c["command"] for c in commands[-1].params["commands"]][:2] == ["invite", "people"]
    reply = await bram_chat.send("/people")
    assert reply.text.startswith("<b>People</b> – 2 found")

    # Choosing the role someone has already changes nothing.
    before = len(bram_chat.inbox())
    await carla.press_data(f"pp:setrole:{bram.id}:c")
    assert len(bram_chat.inbox()) == before


async def test_remove_makes_alumni_after_confirmation(bot: Harness) -> None:
    carla, _ = await seed(bot, "Carla", Role.COORDINATOR)
    bram_chat, bram = await seed(bot, "Bram")
    await carla.press_data(f"pp:v:{bram.id}")

    reply = await carla.press("Laten gaan")
    assert reply.text == (
        "Wil je Bram laten gaan? Bram kan de bot dan niet meer gebruiken, maar blijft bewaard "
        "als oud-deelnemer, bijvoorbeeld voor een uitnodiging voor de jaarlijkse bijeenkomst."
    )
    assert reply.buttons == ["Ja, laten gaan", "‹ Terug"]

    reply = await carla.press("‹ Terug")
    assert reply.buttons == CARD_BUTTONS
    assert (await fresh(bot, bram)).status is Status.ACTIVE
    assert bram_chat.inbox() == []

    await carla.press("Laten gaan")
    reply = await carla.press("Ja, laten gaan")
    assert "\nStatus: oud-deelnemer\n" in reply.text
    assert reply.buttons[0] == "Weer actief maken"
    assert (await fresh(bot, bram)).status is Status.ALUMNI
    assert [c.text for c in bram_chat.inbox()] == [
        "Hoi Bram, je doet niet meer actief mee met Voelspriet. Bedankt voor je inzet! "
        "We nodigen je misschien nog uit voor een bijeenkomst met oud-vrijwilligers."
    ]
    reply = await bram_chat.send("hallo")
    assert reply.texts == [
        "Je doet niet meer actief mee. Bedankt voor alles wat je hebt gedaan! Je kunt nog wel je "
        "gegevens bekijken (/mijngegevens) of laten wissen (/vergeet)."
    ]
    # Kept as a former member: still in the list.
    reply = await carla.send("/mensen")
    assert "Bram · vrijwilliger · Noord · oud-deelnemer" in reply.buttons


async def test_coordinator_cannot_act_on_themselves(bot: Harness) -> None:
    carla, me = await seed(bot, "Carla", Role.COORDINATOR)
    reply = await carla.press_data(f"pp:v:{me.id}")
    assert reply.buttons == CARD_BUTTONS  # seeing their own card is fine

    for data in (f"pp:pause:{me.id}", f"pp:setrole:{me.id}:v", f"pp:rmok:{me.id}"):
        reply = await carla.press_data(data)
        assert reply.toast == NOT_ALLOWED, data
        assert reply.methods() == ["answerCallbackQuery"], data
    assert await fresh(bot, me) == me


async def test_demoted_coordinator_is_refused_on_an_old_button(bot: Harness) -> None:
    carla, carla_before = await seed(bot, "Carla", Role.COORDINATOR)
    dirk, _ = await seed(bot, "Dirk", Role.COORDINATOR)
    bram_chat, bram = await seed(bot, "Bram")

    await carla.press_data(f"pp:v:{bram.id}")  # Carla looks at Bram's card …
    await dirk.press_data(f"pp:v:{carla_before.id}")  # … while Dirk makes her a volunteer.
    await dirk.press("Andere rol")
    await dirk.press("vrijwilliger")
    assert (await fresh(bot, carla_before)).role is Role.VOLUNTEER

    reply = await carla.press("Pauzeren")
    assert reply.toast == NOT_ALLOWED
    assert reply.methods() == ["answerCallbackQuery"]
    assert (await fresh(bot, bram)).status is Status.ACTIVE
    assert bram_chat.inbox() == []

    # The service checks again itself, whatever the caller believes about the actor.
    with pytest.raises(NotAllowed):
        await bot.services.people.set_status(None, carla_before, bram.id, Status.PAUSED)
    with pytest.raises(NotAllowed):
        await bot.services.people.set_role(None, carla_before, bram.id, Role.COORDINATOR)
    assert await fresh(bot, bram) == bram
