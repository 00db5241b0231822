"""Nobody gets in where they don't belong: strangers, the wrong role, paused people, groups, replays."""

from __future__ import annotations

from typing import Any

import pytest

from bot.core import i18n
from storage.invites import Invite, InviteRepository
from storage.people import Person, PersonRepository, Role, Status
from tests import payloads
from tests.answers import NOT_REGISTERED, PAUSED
from tests.dialogue import Chatter, Harness, Replies
from tests.people.steps import act, snapshot
from tests.stored import draft_of, person_of

FINISH_REGISTRATION = (
    "Maak eerst je aanmelding af: beantwoord de vraag hierboven. Stoppen kan met /annuleer."
)
NOT_ALLOWED = "Dat kan alleen met een andere rol. Dit is niet voor jou bedoeld."
ALUMNI = (
    "Je doet niet meer actief mee. Bedankt voor alles wat je hebt gedaan! "
    "Je kunt nog wel je gegevens bekijken (/mijngegevens) of laten wissen (/vergeet)."
)
TOAST_LIMIT = 200  # Telegram cuts answerCallbackQuery texts longer than this


# --- helpers -------------------------------------------------------------------------------


async def invites_by(bot: Harness, person: Person) -> list[Invite]:
    async with bot.services.db.transaction() as tx:
        return await InviteRepository(tx).created_by(person.id)


async def count(bot: Harness, table: str) -> int:
    async with bot.services.db.transaction() as tx:
        row = await tx.fetchone(f"SELECT count(*) FROM {table}")
    assert row is not None
    return int(row[0])


def assert_only_answer(reply: Replies, action: str, text: str) -> None:
    """One short answer: a toast for a button, a plain message (no buttons) otherwise."""
    if action.startswith("button:"):
        assert reply.methods() == ["answerCallbackQuery"], action
        assert reply.toast == text, action
        assert len(text) <= TOAST_LIMIT
    else:
        assert reply.methods() == ["sendMessage"], action
        assert reply.text == text, action
        assert reply[0].keyboard == [], action


def button_on_screen(chatter: Chatter, label: str) -> tuple[str, int]:
    """The callback data and message id of the newest button with this label."""
    for call in reversed(chatter.inbox()):
        for row in call.keyboard:
            for button in row:
                if button["text"] == label and "callback_data" in button:
                    assert call.message_id is not None
                    return button["callback_data"], call.message_id
    raise AssertionError(f"no button {label!r}")


def redelivered_press(chatter: Chatter, label: str, update_id: int) -> dict[str, Any]:
    """The update Telegram sends when this button is pressed, with a fixed update id."""
    data, message_id = button_on_screen(chatter, label)
    update = payloads.callback_update(chatter.user, data, message_id)
    update["update_id"] = update_id
    return update


# --- strangers --------------------------------------------------------------------------------

STRANGER_MESSAGES = [
    "/profiel",
    "/profile",
    "/mijngegevens",
    "/mydata",
    "/vergeet",
    "/forget",
    "/uitnodigen",
    "/invite",
    "/mensen",
    "/people",
    "/PROFIEL",
    "/mensen@voelspriet_test_bot",
    "/geheim",  # a command nobody knows
    "hallo",
    "👤 Profiel",
    "🗂 Mijn gegevens",
    "✉️ Uitnodigen",
    "👥 Mensen",
    "<photo>",
]
STRANGER_BUTTONS = [
    "button:pf:name",
    "button:pf:wijk:0",
    "button:pf:show",
    "button:fg:yes",
    "button:fg:no",
    "button:pp:l:a:a:a:0",
    "button:pp:v:1",
    "button:pp:pause:1",
    "button:pp:setrole:1:v",
    "button:pp:rmok:1",
    "button:inv:v",
    "button:inv:v:0:1:7",
    "button:inv:c:-:25:30",
    "button:garbage",
    "button:a:b:c:d:e",
]


@pytest.mark.parametrize("action", STRANGER_MESSAGES + STRANGER_BUTTONS)
async def test_a_stranger_gets_only_the_not_registered_answer(bot: Harness, action: str) -> None:
    carla, carla_person = await bot.member(Role.COORDINATOR, "Carla")
    assert carla_person.id == 1  # the target of the forged pp: buttons
    await bot.services.invites.create(Role.VOLUNTEER)
    before = await snapshot(bot)
    inbox_before = len(carla.inbox())
    stranger = bot.chatter("Mallory")

    reply = await act(stranger, action)

    assert_only_answer(reply, action, NOT_REGISTERED)
    assert await snapshot(bot) == before
    assert len(carla.inbox()) == inbox_before


async def test_a_stranger_is_refused_in_their_own_language(bot: Harness) -> None:
    stranger = bot.chatter("Mallory", "en-GB")

    reply = await stranger.send("/people")
    assert reply.text == (
        "You are not registered with Voelspriet yet. You can only join with an invitation. "
        "Ask your coordinator for an invitation link."
    )
    reply = await stranger.press_data("inv:c:-:25:30")
    assert reply.toast == i18n.t("en", "access.not_registered")


async def test_a_stranger_may_ask_for_help_and_start(bot: Harness) -> None:
    stranger = bot.chatter("Mallory")

    for command in ("/help", "/hulp"):
        reply = await stranger.send(command)
        assert reply.methods() == ["sendMessage"]
        assert reply.text == i18n.t("nl", "help.unregistered")
        assert reply.text.startswith("<b>Voelspriet</b> verbindt vrijwilligers in de wijk")

    reply = await stranger.send("/start")
    assert reply.text == (
        "Voelspriet werkt alleen met een uitnodiging. "
        "Vraag je coördinator om een uitnodigingslink en tik daarop."
    )

    reply = await bot.chatter("John", "en-GB").send("/help")
    assert reply.text.startswith("<b>Voelspriet</b> connects neighbourhood volunteers")

    assert await count(bot, "people") == 0
    assert await count(bot, "flows") == 0


@pytest.mark.parametrize(
    "action", ["/profiel", "/mensen", "/uitnodigen", "button:pf:name", "button:inv:v"]
)
async def test_someone_halfway_through_registration_is_told_to_finish_it_first(
    bot: Harness, action: str
) -> None:
    code = (await bot.services.invites.create(Role.VOLUNTEER)).code
    anna = bot.chatter("Anna")
    await anna.send(f"/start {code}")
    await anna.send("Anna")
    before = await snapshot(bot)

    reply = await act(anna, action)

    assert_only_answer(reply, action, FINISH_REGISTRATION)
    assert await snapshot(bot) == before
    draft = await draft_of(bot, anna)
    assert draft is not None and draft.step == "wijk"


# --- the wrong role ---------------------------------------------------------------------------

WRONG_ROLE_MESSAGES = ["/mensen", "/people", "/uitnodigen", "/invite", "👥 Mensen", "✉️ Uitnodigen"]
WRONG_ROLE_BUTTONS = [
    "button:pp:l:a:a:a:0",
    "button:pp:l:c:0:P:0",
    "button:pp:v:{carla}",
    "button:pp:pause:{carla}",
    "button:pp:resume:{carla}",
    "button:pp:rm:{carla}",
    "button:pp:rmok:{carla}",
    "button:pp:role:{carla}",
    "button:pp:setrole:{carla}:v",
    "button:pp:setrole:{me}:c",  # promoting oneself
    "button:inv:v",
    "button:inv:c",
    "button:inv:c:-",
    "button:inv:c:-:25",
    "button:inv:c:-:25:30",  # complete: would create a coordinator invite
    "button:inv:v:0:1:7",
]


@pytest.mark.parametrize("action", WRONG_ROLE_MESSAGES + WRONG_ROLE_BUTTONS)
@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.PROFESSIONAL])
async def test_volunteers_and_professionals_cannot_manage_people_or_invite(
    bot: Harness, role: Role, action: str
) -> None:
    carla, carla_person = await bot.member(Role.COORDINATOR, "Carla")
    someone, me = await bot.member(role, "Vera")
    action = action.format(carla=carla_person.id, me=me.id)
    before = await snapshot(bot)
    inbox_before = len(carla.inbox())

    reply = await act(someone, action)

    assert_only_answer(reply, action, NOT_ALLOWED)
    assert await snapshot(bot) == before
    assert await invites_by(bot, me) == []
    assert await person_of(bot, someone) == me
    assert await person_of(bot, carla) == carla_person
    assert len(carla.inbox()) == inbox_before


async def test_the_same_forged_invite_button_does_work_for_a_coordinator(bot: Harness) -> None:
    """The control for the test above: the forged data is valid, only the role stops it."""
    carla, carla_person = await bot.member(Role.COORDINATOR, "Carla")

    reply = await carla.press_data("inv:c:-:25:30")
    assert reply.toast is None
    assert reply.text.startswith("<b>Uitnodiging gemaakt</b>\nRol: coördinator")
    made = await invites_by(bot, carla_person)
    assert [(i.role, i.wijk, i.max_uses) for i in made] == [(Role.COORDINATOR, None, 25)]


async def test_the_same_forged_pause_button_does_work_for_a_coordinator(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    vera, vera_person = await bot.member(Role.VOLUNTEER, "Vera")

    reply = await carla.press_data(f"pp:pause:{vera_person.id}")
    assert reply.toast is None
    paused = await person_of(bot, vera)
    assert paused is not None and paused.status is Status.PAUSED
    assert vera.inbox()[-1].text == (
        "Hoi Vera, je account is op pauze gezet door een coördinator. "
        "Neem contact op als je vragen hebt."
    )


@pytest.mark.parametrize(
    "data",
    [
        "pp:pause:{me}",
        "pp:rmok:{me}",
        "pp:setrole:{me}:v",
        "pp:setrole:{me}:p",
        "pp:setrole:{me}:c",
    ],
)
async def test_a_coordinator_cannot_pause_or_re_role_themselves(bot: Harness, data: str) -> None:
    carla, me = await bot.member(Role.COORDINATOR, "Carla")
    await bot.member(Role.COORDINATOR, "Bert")  # not the last coordinator: still not allowed
    before = await snapshot(bot)

    reply = await carla.press_data(data.format(me=me.id))

    assert reply.methods() == ["answerCallbackQuery"]
    assert reply.toast == NOT_ALLOWED
    assert await snapshot(bot) == before
    assert await person_of(bot, carla) == me


# --- paused people and alumni -----------------------------------------------------------------


async def paused_volunteer(bot: Harness) -> tuple[Chatter, Chatter, Person]:
    """Carla (coordinator) pauses Anna (volunteer); Anna is told."""
    carla, carla_person = await bot.member(Role.COORDINATOR, "Carla")
    anna, anna_person = await bot.member(Role.VOLUNTEER, "Anna")
    paused = await bot.services.people.set_status(None, carla_person, anna_person.id, Status.PAUSED)
    await bot.deliver()
    assert anna.inbox()[-1].text == (
        "Hoi Anna, je account is op pauze gezet door een coördinator. "
        "Neem contact op als je vragen hebt."
    )
    return carla, anna, paused


@pytest.mark.parametrize(
    "action",
    [
        "hallo",
        "/geheim",
        "/mensen",
        "/uitnodigen",
        "<photo>",
        "button:pf:name",
        "button:pf:wijk:1",
        "button:pf:av:weekend",
        "button:pp:l:a:a:a:0",
        "button:inv:v",
    ],
)
async def test_a_paused_person_hears_they_are_paused(bot: Harness, action: str) -> None:
    _, anna, paused = await paused_volunteer(bot)
    before = await snapshot(bot)

    reply = await act(anna, action)

    assert_only_answer(reply, action, PAUSED)
    assert await snapshot(bot) == before
    assert await person_of(bot, anna) == paused


async def test_a_paused_coordinator_cannot_invite(bot: Harness) -> None:
    carla, carla_person = await bot.member(Role.COORDINATOR, "Carla")
    _, bert_person = await bot.member(Role.COORDINATOR, "Bert")
    await bot.services.people.set_status(None, bert_person, carla_person.id, Status.PAUSED)
    await bot.deliver()

    for action in ("/uitnodigen", "✉️ Uitnodigen", "/mensen", "button:inv:c:-:25:30"):
        reply = await act(carla, action)
        assert_only_answer(reply, action, PAUSED)
    assert await invites_by(bot, carla_person) == []


async def test_a_paused_person_can_still_see_take_and_erase_their_data(bot: Harness) -> None:
    carla, anna, _ = await paused_volunteer(bot)

    reply = await anna.send("/hulp")
    assert reply.text == PAUSED
    assert reply[0].keyboard == []  # no member menu while paused

    reply = await anna.send("/profiel")
    assert reply.text.startswith("<b>Je profiel</b>\nNaam: Anna\nRol: vrijwilliger")

    reply = await anna.send("/mijngegevens")
    assert reply.methods() == ["sendMessage", "sendDocument"]
    assert reply.texts[0].startswith("<b>Dit bewaren we van je</b>")
    assert "Naam: Anna" in reply.texts[0]
    assert reply.text == "Al je gegevens in één bestand (JSON)."

    reply = await anna.send("/vergeet")
    assert reply.text.startswith("<b>Wil je al je gegevens laten wissen?</b>")
    assert reply.buttons == ["Ja, wis mijn gegevens", "Nee, niet wissen"]

    reply = await anna.press("Nee, niet wissen")
    assert reply.text == "Goed, er is niets gewist."
    assert await person_of(bot, anna) is not None

    await anna.send("/vergeet")
    reply = await anna.press("Ja, wis mijn gegevens")
    assert reply.text.startswith("Je gegevens zijn gewist.")
    assert await person_of(bot, anna) is None
    assert carla.inbox()[-1].text == (
        "Anna (vrijwilliger) heeft gevraagd om alle gegevens te wissen. Dat is gebeurd."
    )


async def test_a_paused_person_can_use_the_data_buttons_of_the_menu(bot: Harness) -> None:
    """The menu stays on screen while paused; its data buttons work like their commands."""
    _, anna, _ = await paused_volunteer(bot)

    reply = await anna.send("🗂 Mijn gegevens")
    assert reply.methods() == ["sendMessage", "sendDocument"]
    assert reply.texts[0].startswith("<b>Dit bewaren we van je</b>")

    reply = await anna.send("👤 Profiel")
    assert reply.text.startswith("<b>Je profiel</b>")

    reply = await anna.send("ℹ️ Hulp")
    assert reply.text == PAUSED


async def test_the_help_button_of_the_menu_gives_help(bot: Harness) -> None:
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    reply = await anna.send("ℹ️ Hulp")
    assert reply.text == i18n.t("nl", "help.volunteer")

    john, _ = await bot.member(Role.COORDINATOR, "John", language="en")
    reply = await john.send("ℹ️ Help")
    assert reply.text == i18n.t("en", "help.coordinator")


async def test_alumni_are_told_so_and_keep_their_data_rights(bot: Harness) -> None:
    amy, amy_person = await bot.member(Role.VOLUNTEER, "Amy", language="en")
    async with bot.services.db.transaction() as tx:
        await PersonRepository(tx).set_status(amy_person.id, Status.ALUMNI, bot.clock())

    reply = await amy.send("hello")
    assert reply.text == (
        "You no longer take part actively. Thank you for everything you did! "
        "You can still see your data (/mydata) or have it erased (/forget)."
    )
    reply = await amy.press_data("pf:name")
    assert reply.toast == i18n.t("en", "access.alumni")

    reply = await amy.send("/mydata")
    assert reply.texts[0].startswith("<b>This is what we keep about you</b>")
    reply = await amy.send("/forget")
    assert reply.buttons == ["Yes, erase my data", "No, keep it"]


async def test_a_resumed_person_gets_in_again(bot: Harness) -> None:
    carla, anna, paused = await paused_volunteer(bot)
    carla_person = await person_of(bot, carla)
    assert carla_person is not None
    await bot.services.people.set_status(None, carla_person, paused.id, Status.ACTIVE)
    await bot.deliver()
    assert anna.inbox()[-1].text == "Hoi Anna, je account is weer actief. Welkom terug!"

    reply = await anna.send("/hulp")
    assert reply.text == i18n.t("nl", "help.volunteer")
    reply = await anna.press_data("pf:name")
    assert reply.text == "Hoe wil je genoemd worden? Typ je naam."


# --- group chats ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["stranger", "volunteer", "coordinator"])
@pytest.mark.parametrize("text", ["/start {code}", "/hulp", "/mensen", "/profiel", "hallo"])
async def test_messages_in_a_group_get_no_answer(bot: Harness, who: str, text: str) -> None:
    code = (await bot.services.invites.create(Role.COORDINATOR)).code
    if who == "stranger":
        chatter = bot.chatter("Mallory")
    else:
        chatter, _ = await bot.member(Role(who), "Groepslid")
    before = await snapshot(bot)
    calls_before = len(bot.fake.calls)

    await bot.process(payloads.group_message_update(chatter.user, text.format(code=code)))

    assert bot.fake.calls[calls_before:] == []
    assert await snapshot(bot) == before


# --- redelivered updates ----------------------------------------------------------------------


async def test_a_redelivered_start_takes_effect_once(bot: Harness) -> None:
    code = (await bot.services.invites.create(Role.VOLUNTEER, uses=1)).code
    anna = bot.chatter("Anna")

    first = await anna.send(f"/start {code}", update_id=4242)
    again = await anna.send(f"/start {code}", update_id=4242)

    assert len(first.texts) == 2
    assert first.texts[0].startswith("Welkom bij <b>Buurtwerk Utrecht</b>!")
    assert again == []
    assert await count(bot, "flows") == 1
    welcomes = [c for c in anna.inbox() if (c.text or "").startswith("Welkom bij")]
    assert len(welcomes) == 1


async def test_a_redelivered_answer_is_not_taken_twice(bot: Harness) -> None:
    code = (await bot.services.invites.create(Role.VOLUNTEER)).code
    anna = bot.chatter("Anna")
    await anna.send(f"/start {code}")

    first = await anna.send("Anna", update_id=5151)
    again = await anna.send("Anna", update_id=5151)  # would be "use the buttons" if handled
    assert first.text == "In welke wijk ben je actief?"
    assert again == []

    await anna.press("Noord")
    toggle = redelivered_press(anna, "Ouderen", 5252)
    await bot.process(toggle)
    assert await bot.process(toggle) == []
    draft = await draft_of(bot, anna)
    assert draft is not None and draft.data["interests"] == ["ouderen"]  # not toggled back


async def test_a_redelivered_agreement_creates_one_person_and_one_notice(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    code = (await bot.services.invites.create(Role.PROFESSIONAL, uses=1)).code
    piet = bot.chatter("Piet")
    await piet.send(f"/start {code}")
    await piet.send("Piet")
    await piet.press("Zuid")

    agree = redelivered_press(piet, "✅ Ik ga akkoord", 6363)
    first = await bot.process(agree)
    again = await bot.process(agree)

    assert first.said[0].startswith("Je bent aangemeld, Piet.")
    assert again == []
    assert await count(bot, "people") == 2
    notices = [c for c in carla.inbox() if (c.text or "").startswith("Nieuw aangemeld")]
    assert [c.text for c in notices] == ["Nieuw aangemeld: Piet als beroepskracht (wijk: Zuid)."]
    assert len(bot.fake.sent(piet.id, "setMyCommands")) == 1
    async with bot.services.db.transaction() as tx:
        invite = await InviteRepository(tx).get(code)
    assert invite is not None and invite.uses == 1


async def test_a_redelivered_invite_button_creates_one_invite(bot: Harness) -> None:
    carla, carla_person = await bot.member(Role.COORDINATOR, "Carla")
    update = payloads.callback_update(carla.user, "inv:v:0:5:30", 1)
    update["update_id"] = 7474

    first = await bot.process(update)
    again = await bot.process(update)

    assert first.text.startswith("<b>Uitnodiging gemaakt</b>")
    assert again == []
    assert len(await invites_by(bot, carla_person)) == 1
