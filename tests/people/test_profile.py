"""/profiel (see and edit), /mijngegevens (a copy of everything) and /vergeet (erase it), as a dialogue."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from storage.outbox import OutboxRepository
from storage.people import NewPerson, PersonRepository, Role, Status
from tests.dialogue import Chatter, Harness
from tests.stored import draft_of, person_of

VOLUNTEER_BUTTONS = [
    "Naam wijzigen",
    "Wijk wijzigen",
    "Taal wijzigen",
    "Interesses",
    "Beschikbaarheid",
    "Aantal diensten",
    "Motivatie",
]


async def volunteer(
    bot: Harness, name: str = "Anna", language: str = "nl", **fields: Any
) -> Chatter:
    """A volunteer with a filled-in 'know your volunteer' profile."""
    chatter = bot.chatter(name, language)
    async with bot.services.db.transaction() as tx:
        await PersonRepository(tx).add(
            NewPerson(
                telegram_id=chatter.id,
                role=Role.VOLUNTEER,
                name=name,
                wijk=fields.pop("wijk", "Noord"),
                language=language,
                **fields,
            ),
            bot.clock(),
        )
    return chatter


def dutch_card(
    name: str = "Anna",
    wijk: str = "Noord",
    interests: str = "niet ingevuld",
    availability: str = "niet ingevuld",
    max_shifts: str = "niet ingevuld",
    motivation: str = "niet ingevuld",
) -> str:
    return "\n".join(
        [
            "<b>Je profiel</b>",
            f"Naam: {name}",
            "Rol: vrijwilliger",
            f"Wijk: {wijk}",
            "Taal: Nederlands",
            f"Interesses: {interests}",
            f"Beschikbaar: {availability}",
            f"Maximaal aantal diensten per week: {max_shifts}",
            f"Motivatie: {motivation}",
        ]
    )


# --- /profiel ---------------------------------------------------------------------------------


async def test_profile_shows_the_card_with_edit_buttons(bot: Harness) -> None:
    anna = await volunteer(bot)
    reply = await anna.send("/profiel")
    assert reply.text == dutch_card()
    assert reply.buttons == VOLUNTEER_BUTTONS

    # The menu button does the same.
    reply = await anna.send("👤 Profiel")
    assert reply.text == dutch_card()


async def test_coordinator_profile_has_no_volunteer_fields(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla", wijk=None)
    reply = await carla.send("/profiel")
    assert reply.text == "\n".join(
        [
            "<b>Je profiel</b>",
            "Naam: Carla",
            "Rol: coördinator",
            "Wijk: Geen vaste wijk",
            "Taal: Nederlands",
        ]
    )
    assert reply.buttons == ["Naam wijzigen", "Wijk wijzigen", "Taal wijzigen"]


async def test_rename(bot: Harness) -> None:
    anna = await volunteer(bot)
    await anna.send("/profiel")

    reply = await anna.press("Naam wijzigen")
    assert reply.toast is None
    assert reply.text == "Hoe wil je genoemd worden? Typ je naam."
    flow = await draft_of(bot, anna.id)
    assert flow is not None and (flow.name, flow.step) == ("profile", "name")

    reply = await anna.send("  Anna   <de> Vries ")
    assert reply.text == "Opgeslagen.\n\n" + dutch_card(name="Anna &lt;de&gt; Vries")
    assert reply.buttons == VOLUNTEER_BUTTONS
    person = await person_of(bot, anna.id)
    assert person is not None and person.name == "Anna <de> Vries"
    assert await draft_of(bot, anna.id) is None

    # The flow is closed: the next text is not a new name.
    reply = await anna.send("Nog een naam")
    assert reply.text == "Dat begrijp ik niet. Kies iets uit het menu of typ /hulp."
    person = await person_of(bot, anna.id)
    assert person is not None and person.name == "Anna <de> Vries"


async def test_too_long_name_is_refused_and_nothing_changes(bot: Harness) -> None:
    anna = await volunteer(bot)
    await anna.send("/profiel")
    await anna.press("Naam wijzigen")
    before = await person_of(bot, anna.id)

    reply = await anna.send("A" * 65)
    assert reply.texts == ["Dat is te lang. Gebruik maximaal 64 tekens."]
    assert await person_of(bot, anna.id) == before
    # Still asked for a name: a correct answer now works.
    reply = await anna.send("B" * 64)
    assert reply.text == "Opgeslagen.\n\n" + dutch_card(name="B" * 64)


async def test_refusals_come_in_the_persons_language(bot: Harness) -> None:
    emma = await volunteer(bot, "Emma", "en")
    await emma.send("/profile")
    await emma.press("Change name")
    reply = await emma.send("E" * 65)
    assert reply.texts == ["That is too long. Use at most 64 characters."]
    reply = await emma.press_data("pf:max:99")
    assert reply.toast == "This button no longer works. Start again from the menu."
    person = await person_of(bot, emma.id)
    assert person is not None and (person.name, person.max_shifts_per_week) == ("Emma", None)


async def test_change_wijk_with_buttons(bot: Harness) -> None:
    anna = await volunteer(bot)
    await anna.send("/profiel")

    reply = await anna.press("Wijk wijzigen")
    assert reply.methods() == ["answerCallbackQuery", "editMessageText"]
    assert reply.text == "In welke wijk ben je actief?"
    # A volunteer always has a wijk: no "no fixed wijk" option.
    assert reply.buttons == ["Noord", "Zuid", "Centrum"]

    reply = await anna.press("Centrum")
    assert reply.text == dutch_card(wijk="Centrum")
    assert reply.buttons == VOLUNTEER_BUTTONS
    person = await person_of(bot, anna.id)
    assert person is not None and person.wijk == "Centrum"

    # A forged "no wijk" is refused for a volunteer.
    reply = await anna.press_data("pf:wijk:-")
    assert reply.toast == "Deze knop werkt niet meer. Begin opnieuw via het menu."
    person = await person_of(bot, anna.id)
    assert person is not None and person.wijk == "Centrum"


async def test_coordinator_may_drop_their_wijk(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    await carla.send("/profiel")
    reply = await carla.press("Wijk wijzigen")
    assert reply.buttons == ["Noord", "Zuid", "Centrum", "Geen vaste wijk"]
    reply = await carla.press("Geen vaste wijk")
    assert "Wijk: Geen vaste wijk" in reply.text
    person = await person_of(bot, carla.id)
    assert person is not None and person.wijk is None


async def test_forged_profile_values_change_nothing(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna = await volunteer(bot, max_shifts_per_week=2)
    expired = "Deze knop werkt niet meer. Begin opnieuw via het menu."
    for who, data in [
        (carla, "pf:wijk:9"),
        (carla, "pf:wijk:zuid"),
        (anna, "pf:max:9"),
        (anna, "pf:max:veel"),
        (anna, "pf:int:gokken"),
        (anna, "pf:av:nachts"),
        (anna, "pf:nonsense"),
    ]:
        before = await person_of(bot, who.id)
        reply = await who.press_data(data)
        assert reply.toast == expired, data
        assert await person_of(bot, who.id) == before, data


async def test_switch_language_to_english(bot: Harness) -> None:
    anna = await volunteer(bot)
    await anna.send("/profiel")

    reply = await anna.press("Taal wijzigen")
    assert reply.text == "Welke taal wil je gebruiken?"
    assert reply.buttons == ["Nederlands", "English"]

    reply = await anna.press("English")
    assert reply.texts == ["From now on I will talk to you in English."]
    menu = [c for c in reply if c.method == "sendMessage"][-1].params["reply_markup"]
    assert [b["text"] for row in menu["keyboard"] for b in row] == [
        "📣 Report a signal",
        "📋 My signals",
        "❓ Ask a question",
        "📋 My questions",
        "🗓 Shifts",
        "📅 My shifts",
        "👤 Profile",
        "🗂 My data",
        "ℹ️ Help",
    ]
    commands = [c for c in reply if c.method == "setMyCommands"]
    assert len(commands) == 1
    assert commands[0].params["scope"] == {"type": "chat", "chat_id": anna.id}
    assert [c["command"] for c in commands[0].params["commands"]] == [
        "shifts",
        "myshifts",
        "report",
        "mysignals",
        "ask",
        "myquestions",
        "faq",
        "pause",
        "checkin",
        "meetings",
        "buddy",
        "help",
        "profile",
        "mydata",
        "forget",
        "language",
        "cancel",
    ]
    assert commands[0].params["commands"][12]["description"] == "See and change your profile"
    person = await person_of(bot, anna.id)
    assert person is not None and person.language == "en"

    # Later answers are English, whichever command name is used.
    reply = await anna.send("/profiel")
    assert reply.text.startswith("<b>Your profile</b>\nName: Anna\nRole: volunteer\n")
    assert "Language: English" in reply.text
    assert reply.buttons[:3] == ["Change name", "Change neighbourhood", "Change language"]
    reply = await anna.send("blabla")
    assert reply.text == "I don't understand that. Choose something from the menu or type /help."


async def test_toggle_interests_and_availability(bot: Harness) -> None:
    anna = await volunteer(bot)
    await anna.send("/profiel")

    reply = await anna.press("Interesses")
    assert reply.text == (
        "Waar wil je graag aan meehelpen? Tik op alles wat past en daarna op Klaar."
    )
    assert reply.buttons == ["Ouderen", "Schuldhulp", "Jongeren", "Klaar"]
    reply = await anna.press("Jongeren")
    assert reply.methods() == ["answerCallbackQuery", "editMessageReplyMarkup"]
    assert reply.buttons == ["Ouderen", "Schuldhulp", "✅ Jongeren", "Klaar"]
    await anna.press("Ouderen")
    reply = await anna.press("Schuldhulp")
    assert reply.buttons == ["✅ Ouderen", "✅ Schuldhulp", "✅ Jongeren", "Klaar"]
    reply = await anna.press("✅ Schuldhulp")  # untick
    assert reply.buttons == ["✅ Ouderen", "Schuldhulp", "✅ Jongeren", "Klaar"]
    person = await person_of(bot, anna.id)
    assert person is not None and person.interests == ("jeugd", "ouderen")

    reply = await anna.press("Klaar")
    assert reply.text == dutch_card(interests="Jongeren, Ouderen")

    reply = await anna.press("Beschikbaarheid")
    assert reply.buttons == [
        "Doordeweeks overdag",
        "Doordeweeks 's avonds",
        "In het weekend",
        "Wisselend",
        "Klaar",
    ]
    await anna.press("Doordeweeks 's avonds")
    reply = await anna.press("In het weekend")
    assert reply.buttons[1:3] == ["✅ Doordeweeks 's avonds", "✅ In het weekend"]
    reply = await anna.press("Klaar")
    assert reply.text == dutch_card(
        interests="Jongeren, Ouderen",
        availability="Doordeweeks &#x27;s avonds, In het weekend",
    )
    person = await person_of(bot, anna.id)
    assert person is not None and person.availability == ("weekday_evening", "weekend")


async def test_max_shifts(bot: Harness) -> None:
    anna = await volunteer(bot)
    await anna.send("/profiel")

    reply = await anna.press("Aantal diensten")
    assert reply.text == "Hoeveel diensten per week wil je maximaal doen?"
    assert reply.buttons == ["1", "2", "3", "4", "5", "Geen voorkeur"]
    reply = await anna.press("3")
    assert reply.text == dutch_card(max_shifts="3")
    person = await person_of(bot, anna.id)
    assert person is not None and person.max_shifts_per_week == 3

    await anna.press("Aantal diensten")
    reply = await anna.press("Geen voorkeur")
    assert reply.text == dutch_card()
    person = await person_of(bot, anna.id)
    assert person is not None and person.max_shifts_per_week is None


async def test_motivation(bot: Harness) -> None:
    anna = await volunteer(bot)
    await anna.send("/profiel")
    reply = await anna.press("Motivatie")
    assert reply.text == "Waarom doe je mee? Typ een paar zinnen."

    reply = await anna.send("Ik ken veel mensen\nin de buurt.")
    assert reply.text == "Opgeslagen.\n\n" + dutch_card(
        motivation="Ik ken veel mensen\nin de buurt."
    )
    person = await person_of(bot, anna.id)
    assert person is not None and person.motivation == "Ik ken veel mensen\nin de buurt."

    await anna.press("Motivatie")
    reply = await anna.send("x" * 501)
    assert reply.texts == ["Dat is te lang. Gebruik maximaal 500 tekens."]
    person = await person_of(bot, anna.id)
    assert person is not None and person.motivation == "Ik ken veel mensen\nin de buurt."


# --- /mijngegevens ----------------------------------------------------------------------------


def exported(call_files: dict[str, bytes]) -> dict[str, Any]:
    assert len(call_files) == 1, call_files.keys()
    data = json.loads(next(iter(call_files.values())).decode("utf-8"))
    assert isinstance(data, dict)
    return data


async def test_my_data_summary_and_file(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla Coördinator")
    other = await volunteer(bot, "Otto Anders", motivation="Otto's geheime motivatie")
    anna = await volunteer(
        bot,
        interests=("ouderen",),
        availability=("weekend",),
        max_shifts_per_week=2,
        motivation="Ik wil helpen.",
    )
    await anna.send("/profiel")
    await anna.press("Naam wijzigen")  # an open conversation is stored data too

    reply = await anna.send("/mijngegevens")
    assert reply.methods() == ["sendMessage", "sendDocument"]
    assert reply.texts[0] == (
        "<b>Dit bewaren we van je</b>\n"
        "Hieronder staan je signalen, je vragen en je profiel, kort. In het bestand staat alles:"
        " ook elke tekst die je schreef of die aan jou geschreven is.\n\n"
        "Signalen die je meldde: 0\n"
        "Vragen die je stelde: 0\n\n"
        + dutch_card(
            interests="Ouderen",
            availability="In het weekend",
            max_shifts="2",
            motivation="Ik wil helpen.",
        )
    )
    document = reply[-1]
    assert document.params["caption"] == "Al je gegevens in één bestand (JSON)."
    assert document.chat_id == anna.id
    data = exported(document.files)

    person = await person_of(bot, anna.id)
    assert person is not None
    assert data["person"] == {
        "id": person.id,
        "telegram_id": anna.id,
        "role": "vrijwilliger",
        "status": "actief",
        "reachable": True,
        "name": "Anna",
        "wijk": "Noord",
        "language": "Nederlands",
        "interests": ["Ouderen"],
        "availability": ["In het weekend"],
        "max_shifts_per_week": 2,
        "motivation": "Ik wil helpen.",
        "terms_accepted_at": "2026-11-23T10:00:00+01:00",  # Amsterdam time, one format
        "registered_at": "2026-11-23T10:00:00+01:00",
        "updated_at": "2026-11-23T10:00:00+01:00",
        "own_pause": None,
    }
    assert person.created_at == person.updated_at == bot.clock()
    assert data["invites_created"] == []
    assert data["messages_waiting"] == []
    assert data["open_conversation"]["what"] == "je profiel aanpassen"
    raw = next(iter(document.files.values())).decode("utf-8")
    for foreign in ("Otto", "geheime", "Carla", str(other.id)):
        assert foreign not in raw


async def test_my_data_counts_invites_and_waiting_messages(bot: Harness) -> None:
    carla, me = await bot.member(Role.COORDINATOR, "Carla")
    invite = await bot.services.invites.create(Role.VOLUNTEER, "Zuid", 5, 14, by=me)
    later = bot.clock() + timedelta(hours=2)
    async with bot.services.db.transaction() as tx:
        await bot.services.outbox.message(
            tx, "test:later", carla.id, "Herinnering voor morgen", bot.clock(), due_at=later
        )

    reply = await carla.send("/mydata")
    assert "Uitnodigingen die je hebt gemaakt: 1\n" in reply.texts[0]
    assert "Berichten die nog naar je onderweg zijn: 1\n" in reply.texts[0]
    data = exported(reply[-1].files)
    assert [i["code"] for i in data["invites_created"]] == [invite.code]
    assert data["invites_created"][0]["wijk"] == "Zuid"
    assert data["messages_waiting"] == [
        {"at": "2026-11-23T12:00:00+01:00", "text": "Herinnering voor morgen"}
    ]
    assert data["open_conversation"] is None


async def test_my_data_in_english(bot: Harness) -> None:
    emma = await volunteer(bot, "Emma", "en")
    reply = await emma.send("/mydata")
    assert reply.texts[0].startswith(
        "<b>This is what we keep about you</b>\n"
        "Below are your signals, your questions and your profile, in short. The file holds"
        " everything: also every text you wrote or that was written to you.\n\n"
        "Signals you reported: 0\n"
        "Questions you asked: 0\n\n"
        "<b>Your profile</b>\nName: Emma\n"
    )
    assert reply[-1].params["caption"] == "All your data in one file (JSON)."
    assert exported(reply[-1].files)["person"]["name"] == "Emma"

    # The menu button works too.
    reply = await emma.send("🗂 My data")
    assert reply.methods() == ["sendMessage", "sendDocument"]


# --- /vergeet ---------------------------------------------------------------------------------


FORGET_CONFIRM = (
    "<b>Wil je al je gegevens laten wissen?</b>\n"
    "We wissen je naam, wijk, voorkeuren en alles wat je hebt ingevuld. De coördinatoren krijgen "
    "een bericht dat je bent gestopt. Dit kun je niet ongedaan maken."
)
FORGOTTEN = (
    "Je gegevens zijn gewist. Bedankt voor je inzet en tot ziens! Wil je later weer meedoen? "
    "Dan heb je een nieuwe uitnodiging nodig."
)


async def test_forget_asks_first_and_no_keeps_everything(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna = await volunteer(bot)
    before = await person_of(bot, anna.id)

    reply = await anna.send("/vergeet")
    assert reply.text == FORGET_CONFIRM
    assert reply.buttons == ["Ja, wis mijn gegevens", "Nee, niet wissen"]

    reply = await anna.press("Nee, niet wissen")
    assert reply.methods() == ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"]
    assert reply[1].params.get("reply_markup") is None  # the question's buttons are gone
    assert reply.text == "Goed, er is niets gewist."
    menu = reply[-1].params["reply_markup"]
    assert [b["text"] for row in menu["keyboard"] for b in row] == [
        "📣 Signaal melden",
        "📋 Mijn signalen",
        "❓ Vraag stellen",
        "📋 Mijn vragen",
        "🗓 Diensten",
        "📅 Mijn diensten",
        "👤 Profiel",
        "🗂 Mijn gegevens",
        "ℹ️ Hulp",
    ]
    assert await person_of(bot, anna.id) == before
    assert carla.inbox() == []


async def test_forget_erases_the_person(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    dirk, _ = await bot.member(Role.COORDINATOR, "Dirk", language="en")
    paula, paused = await bot.member(Role.COORDINATOR, "Paula")
    async with bot.services.db.transaction() as tx:
        await PersonRepository(tx).set_status(paused.id, Status.PAUSED, bot.clock())
    anna = await volunteer(bot)
    other = await volunteer(bot, "Otto")

    # Anna has an edit open, and two messages waiting for her (one held, one later).
    await anna.send("/profiel")
    await anna.press("Naam wijzigen")
    later = bot.clock() + timedelta(days=1)
    async with bot.services.db.transaction() as tx:
        outbox = bot.services.outbox
        await outbox.message(
            tx, "test:anna:later", anna.id, "Tot morgen", bot.clock(), due_at=later
        )
        await outbox.message(
            tx, "test:otto:later", other.id, "Voor Otto", bot.clock(), due_at=later
        )
        await outbox.message(
            tx, "test:anna:held", anna.id, "Vastgehouden", bot.clock(), due_at=later
        )
        await tx.execute("UPDATE outbox SET status = 'held' WHERE key = 'test:anna:held'")

    await anna.send("/vergeet")
    reply = await anna.press("Ja, wis mijn gegevens")
    assert reply.methods() == [
        "answerCallbackQuery",
        "editMessageReplyMarkup",
        "sendMessage",
        "deleteMyCommands",
    ]
    assert reply.text == FORGOTTEN
    assert reply[2].params["reply_markup"] == {"remove_keyboard": True}
    assert reply[3].params["scope"] == {"type": "chat", "chat_id": anna.id}

    assert await person_of(bot, anna.id) is None
    assert await draft_of(bot, anna.id) is None
    async with bot.services.db.transaction() as tx:
        outbox_repo = OutboxRepository(tx)
        assert await outbox_repo.pending_for_chat(anna.id) == []
        assert [r.key for r in await outbox_repo.pending_for_chat(other.id)] == ["test:otto:later"]
    assert await person_of(bot, other.id) is not None

    assert [c.text for c in carla.inbox()] == [
        "Anna (vrijwilliger) heeft gevraagd om alle gegevens te wissen. Dat is gebeurd."
    ]
    assert [c.text for c in dirk.inbox()] == [
        "Anna (volunteer) asked to have all their data erased. That has been done."
    ]
    assert paula.inbox() == []  # paused coordinators are not told

    # From now on Anna is a stranger.
    reply = await anna.send("/profiel")
    assert reply.texts == [
        "Je bent nog niet aangemeld bij Voelspriet. Je kunt alleen meedoen met een uitnodiging. "
        "Vraag je coördinator om een uitnodigingslink."
    ]
    reply = await anna.send("/start")
    assert reply.text == (
        "Voelspriet werkt alleen met een uitnodiging. Vraag je coördinator om een "
        "uitnodigingslink en tik daarop."
    )
    reply = await anna.press_data("fg:yes")
    assert reply.toast is not None and reply.toast.startswith("Je bent nog niet aangemeld")


async def test_coordinator_forgetting_is_not_told_about_themselves(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    dirk, dirk_person = await bot.member(Role.COORDINATOR, "Dirk")
    invite = await bot.services.invites.create(Role.VOLUNTEER, by=dirk_person)

    await dirk.send("/vergeet")
    reply = await dirk.press("Ja, wis mijn gegevens")
    assert reply.texts == [FORGOTTEN]
    assert [c.text for c in carla.inbox()] == [
        "Dirk (coördinator) heeft gevraagd om alle gegevens te wissen. Dat is gebeurd."
    ]
    assert await person_of(bot, dirk.id) is None
    # Invitations Dirk made stay usable, without a link to him.
    async with bot.services.db.transaction() as tx:
        row = await tx.fetchone("SELECT created_by FROM invites WHERE code = ?", (invite.code,))
    assert row is not None and row[0] is None


async def test_paused_person_can_see_and_erase_their_data(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna = await volunteer(bot)
    person = await person_of(bot, anna.id)
    assert person is not None
    async with bot.services.db.transaction() as tx:
        await PersonRepository(tx).set_status(person.id, Status.PAUSED, bot.clock())

    reply = await anna.send("hallo")
    assert reply.text.startswith("Je account staat op pauze.")

    reply = await anna.send("/mijngegevens")
    assert reply.methods() == ["sendMessage", "sendDocument"]
    assert reply.texts[0].startswith("<b>Dit bewaren we van je</b>")
    assert exported(reply[-1].files)["person"]["status"] == "gepauzeerd"

    await anna.send("/vergeet")
    reply = await anna.press("Nee, niet wissen")
    assert reply.text == "Goed, er is niets gewist."
    assert reply[-1].params.get("reply_markup") is None  # no menu for a paused person

    await anna.send("/vergeet")
    reply = await anna.press("Ja, wis mijn gegevens")
    assert reply.text == FORGOTTEN
    assert await person_of(bot, anna.id) is None
    assert [c.text for c in carla.inbox()] == [
        "Anna (vrijwilliger) heeft gevraagd om alle gegevens te wissen. Dat is gebeurd."
    ]
