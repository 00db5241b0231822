"""Registration by invitation: every role in both languages, and every way it can go wrong."""

from __future__ import annotations

import pytest

from bot.core import i18n
from storage.invites import Invite, InviteRepository
from storage.people import Role
from tests.dialogue import Chatter, Harness, Replies
from tests.people.steps import ASK_INTERESTS, USE_BUTTONS, invite
from tests.stored import draft_of, person_of

NOT_REGISTERED = (
    "Je bent nog niet aangemeld bij Voelspriet. Je kunt alleen meedoen met een uitnodiging. "
    "Vraag je coördinator om een uitnodigingslink."
)
BUTTON_EXPIRED = "Deze knop werkt niet meer. Begin opnieuw via het menu."
UNKNOWN_CODE = (
    "Deze uitnodiging ken ik niet. Controleer de link of vraag je coördinator om een nieuwe."
)
EXPIRED_CODE = "Deze uitnodiging is verlopen. Vraag je coördinator om een nieuwe."
USED_UP_CODE = "Deze uitnodiging is al gebruikt. Vraag je coördinator om een nieuwe."
NO_CODE = (
    "Voelspriet werkt alleen met een uitnodiging. "
    "Vraag je coördinator om een uitnodigingslink en tik daarop."
)
ASK_NAME = "Hoe wil je genoemd worden? Typ je voornaam of de naam die je wilt gebruiken."
ASK_WIJK = "In welke wijk ben je actief?"
WIJK_BUTTONS = ["Noord", "Zuid", "Centrum"]
TERMS_BUTTONS = ["✅ Ik ga akkoord", "Ik ga niet akkoord"]


# --- helpers -------------------------------------------------------------------------------


async def invite_row(bot: Harness, code: str) -> Invite:
    async with bot.services.db.transaction() as tx:
        found = await InviteRepository(tx).get(code)
    assert found is not None
    return found


async def count(bot: Harness, table: str) -> int:
    async with bot.services.db.transaction() as tx:
        row = await tx.fetchone(f"SELECT count(*) FROM {table}")
    assert row is not None
    return int(row[0])


def menu_of(reply: Replies) -> list[str]:
    """The labels of the reply keyboard (the main menu) sent in this reply."""
    for call in reversed(reply):
        markup = call.params.get("reply_markup") or {}
        if "keyboard" in markup:
            return [b["text"] for row in markup["keyboard"] for b in row]
    return []


def commands_published(bot: Harness, chatter: Chatter) -> list[str]:
    calls = bot.fake.sent(chatter.id, "setMyCommands")
    assert len(calls) == 1, f"expected one setMyCommands for the chat, got {len(calls)}"
    assert calls[0].params["scope"] == {"type": "chat", "chat_id": chatter.id}
    return [c["command"] for c in calls[0].params["commands"]]


async def skip_to_the_agreement(chatter: Chatter) -> None:
    """From the interests question on, skip every optional volunteer question (in Dutch)."""
    await chatter.press("Klaar")  # interests
    await chatter.press("Klaar")  # availability
    await chatter.press("Overslaan")  # max shifts
    await chatter.press("Overslaan")  # motivation


async def agree_after_skipping(chatter: Chatter) -> Replies:
    await skip_to_the_agreement(chatter)
    return await chatter.press("✅ Ik ga akkoord")


async def register_volunteer(chatter: Chatter, code: str, name: str) -> Replies:
    """The whole volunteer dialogue in Dutch, choosing Noord and skipping what may be skipped."""
    await chatter.send(f"/start {code}")
    await chatter.send(name)
    await chatter.press("Noord")
    return await agree_after_skipping(chatter)


# --- every role, both languages ---------------------------------------------------------------


async def test_coordinator_registers_in_english_from_an_en_gb_telegram(bot: Harness) -> None:
    carla, carla_person = await bot.member(Role.COORDINATOR, "Carla", language="nl")
    code = await invite(bot, Role.COORDINATOR, by=carla_person)
    john = bot.chatter("John", "en-GB")

    reply = await john.send(f"/start {code}")
    assert reply.texts == [
        "Welcome to <b>Buurtwerk Utrecht</b>! You have been invited as coordinator. "
        "We will ask you a few short questions. You can stop at any time with /cancel.",
        "What should we call you? Type your first name or the name you want to use.",
    ]

    reply = await john.send("John Smith")
    assert reply.text == "In which neighbourhood are you active?"
    assert reply.buttons == [*WIJK_BUTTONS, "No fixed neighbourhood"]

    reply = await john.press("No fixed neighbourhood")
    assert reply.text == "\n\n".join(
        [
            i18n.t("en", "terms.task_coordinator"),
            i18n.t("en", "terms.privacy"),
            "Do you agree to these agreements?",
        ]
    )
    assert reply.text.startswith("<b>Your task as a coordinator</b>")
    assert reply.buttons == ["✅ I agree", "I do not agree"]

    reply = await john.press("✅ I agree")
    assert reply.text == (
        "You are registered, John Smith. Great that you are joining!\n\n"
        + i18n.t("en", "help.coordinator")
    )
    assert menu_of(reply) == ["🗓 Shifts", "👥 People", "✉️ Invite", "👤 Profile", "ℹ️ Help"]
    assert commands_published(bot, john) == [
        "invite",
        "people",
        "shifts",
        "signals",
        "questions",
        "announce",
        "routing",
        "purge",
        "faq",
        "rounds",
        "followups",
        "meetings",
        "contact",
        "buddy",
        "help",
        "profile",
        "mydata",
        "forget",
        "language",
        "cancel",
    ]
    # The coordinator who invited hears about it in her own language.
    assert carla.inbox()[-1].text == "Nieuw aangemeld: John Smith als coördinator (wijk: —)."

    person = await person_of(bot, john)
    assert person is not None
    assert (person.role, person.name, person.wijk, person.language, person.invited_by) == (
        Role.COORDINATOR,
        "John Smith",
        None,
        "en",
        carla_person.id,
    )
    assert person.terms_accepted_at == bot.clock()
    assert await draft_of(bot, john) is None
    assert (await invite_row(bot, code)).uses == 1


async def test_professional_registers_in_dutch_without_a_fixed_wijk(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    code = await invite(bot, Role.PROFESSIONAL)
    piet = bot.chatter("Piet", "nl")

    reply = await piet.send(f"/start {code}")
    assert reply.texts == [
        "Welkom bij <b>Buurtwerk Utrecht</b>! Je bent uitgenodigd als beroepskracht. "
        "We stellen je een paar korte vragen. Met /annuleer kun je altijd stoppen.",
        ASK_NAME,
    ]

    reply = await piet.send("Piet Jansen")
    assert reply.text == ASK_WIJK
    assert reply.buttons == [*WIJK_BUTTONS, "Geen vaste wijk"]

    reply = await piet.press("Geen vaste wijk")
    assert reply.text.startswith("<b>Jouw taak als beroepskracht</b>")
    assert "<b>Afspraken over privacy</b>" in reply.text
    assert reply.text.endswith("Ga je akkoord met deze afspraken?")
    assert reply.buttons == TERMS_BUTTONS

    reply = await piet.press("✅ Ik ga akkoord")
    assert reply.text == (
        "Je bent aangemeld, Piet Jansen. Fijn dat je meedoet!\n\n"
        + i18n.t("nl", "help.professional")
    )
    assert menu_of(reply) == ["📂 Signalen", "❓ Vragen", "👤 Profiel", "🗂 Mijn gegevens", "ℹ️ Hulp"]
    assert commands_published(bot, piet) == [
        "signalen",
        "vragen",
        "bericht",
        "afwezig",
        "faq",
        "opvolging",
        "overleg",
        "hulp",
        "profiel",
        "mijngegevens",
        "vergeet",
        "taal",
        "annuleer",
    ]
    assert carla.inbox()[-1].text == "Nieuw aangemeld: Piet Jansen als beroepskracht (wijk: —)."

    person = await person_of(bot, piet)
    assert person is not None
    assert (person.role, person.wijk, person.language, person.invited_by) == (
        Role.PROFESSIONAL,
        None,
        "nl",
        None,
    )
    # Volunteer questions are not asked of professionals.
    assert (person.interests, person.availability, person.max_shifts_per_week) == ((), (), None)


async def test_volunteer_registers_in_english_and_skips_the_optional_questions(
    bot: Harness,
) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla", language="en")
    code = await invite(bot, Role.VOLUNTEER)
    amy = bot.chatter("Amy", "en-GB")

    reply = await amy.send(f"/start {code}")
    assert reply.texts[0].startswith("Welcome to <b>Buurtwerk Utrecht</b>! You have been invited")
    assert "as volunteer" in reply.texts[0]

    reply = await amy.send("Amy")
    assert reply.text == "In which neighbourhood are you active?"
    assert reply.buttons == WIJK_BUTTONS  # a volunteer always belongs to a wijk

    reply = await amy.press("Centrum")
    assert reply.text == ("What would you like to help with? Tap everything that fits, then Done.")
    assert reply.buttons == ["Older people", "Debt help", "Young people", "Done"]

    reply = await amy.press("Done")
    assert reply.text == "When are you usually available? Tap everything that fits, then Done."
    assert reply.buttons == [
        "Weekdays, daytime",
        "Weekday evenings",
        "Weekends",
        "It varies",
        "Done",
    ]

    reply = await amy.press("Weekday evenings")
    assert reply.buttons == [
        "Weekdays, daytime",
        "✅ Weekday evenings",
        "Weekends",
        "It varies",
        "Done",
    ]
    reply = await amy.press("Done")
    assert reply.text == "How many shifts per week would you like to do at most?"
    assert reply.buttons == ["1", "2", "3", "4", "5", "Skip"]

    reply = await amy.press("Skip")
    assert reply.text == (
        "Why do you want to volunteer? Type a few sentences. You may also skip this."
    )
    assert reply.buttons == ["Skip"]

    reply = await amy.press("Skip")
    assert reply.text.startswith("<b>Your task as a volunteer</b>")
    assert "<b>Privacy agreements</b>" in reply.text
    assert reply.buttons == ["✅ I agree", "I do not agree"]

    reply = await amy.press("✅ I agree")
    assert reply.text == (
        "You are registered, Amy. Great that you are joining!\n\n" + i18n.t("en", "help.volunteer")
    )
    assert menu_of(reply) == [
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
    assert carla.inbox()[-1].text == "New registration: Amy as volunteer (neighbourhood: Centrum)."

    person = await person_of(bot, amy)
    assert person is not None
    assert (person.wijk, person.language, person.interests, person.availability) == (
        "Centrum",
        "en",
        (),
        ("weekday_evening",),
    )
    assert (person.max_shifts_per_week, person.motivation) == (None, None)


@pytest.mark.parametrize(("language_code", "language"), [("nl", "nl"), ("en-GB", "en")])
@pytest.mark.parametrize("role", list(Role))
async def test_every_role_registers_in_the_language_telegram_reports(
    bot: Harness, role: Role, language_code: str, language: str
) -> None:
    def t(key: str, **params: object) -> str:
        return i18n.t(language, key, **params)

    await bot.member(Role.COORDINATOR, "Carla")
    code = await invite(bot, role)
    newcomer = bot.chatter("Sam", language_code)

    reply = await newcomer.send(f"/start {code}")
    assert reply.texts == [
        t("registration.welcome", org="Buurtwerk Utrecht", role=t(f"roles.{role}")),
        t("registration.ask_name"),
    ]
    reply = await newcomer.send("Sam")
    assert reply.text == t("registration.ask_wijk")
    no_wijk = [] if role is Role.VOLUNTEER else [t("registration.no_wijk")]
    assert reply.buttons == [*WIJK_BUTTONS, *no_wijk]

    reply = await newcomer.press("Zuid")
    if role is Role.VOLUNTEER:
        assert reply.text == t("registration.ask_interests")
        await newcomer.press(t("common.done"))
        await newcomer.press(t("common.done"))
        await newcomer.press("3")
        reply = await newcomer.send("Omdat het kan.")
    assert reply.text.startswith(t(f"terms.task_{role}"))
    assert reply.buttons == [t("terms.accept"), t("terms.decline")]

    reply = await newcomer.press(t("terms.accept"))
    assert reply.text == t("registration.done", name="Sam") + "\n\n" + t(f"help.{role}")

    person = await person_of(bot, newcomer)
    assert person is not None
    assert (person.role, person.wijk, person.language) == (role, "Zuid", language)
    if role is Role.VOLUNTEER:
        assert (person.max_shifts_per_week, person.motivation) == (3, "Omdat het kan.")


async def test_an_unsupported_telegram_language_falls_back_to_dutch(bot: Harness) -> None:
    code = await invite(bot, Role.PROFESSIONAL)
    fenna = bot.chatter("Fenna", "fy")

    reply = await fenna.send(f"/start {code}")
    assert reply.texts[0].startswith("Welkom bij <b>Buurtwerk Utrecht</b>!")
    assert reply.text == ASK_NAME

    await fenna.send("Fenna")
    await fenna.press("Noord")
    reply = await fenna.press("✅ Ik ga akkoord")
    assert reply.said[0] == "Je bent aangemeld, Fenna. Fijn dat je meedoet!\n\n" + i18n.t(
        "nl", "help.professional"
    )
    person = await person_of(bot, fenna)
    assert person is not None and person.language == "nl"


async def test_a_user_without_a_telegram_language_gets_dutch(bot: Harness) -> None:
    code = await invite(bot, Role.VOLUNTEER)
    joe = bot.chatter("Joe", None)

    reply = await joe.send(f"/start {code}")
    assert reply.text == ASK_NAME


# --- invite options ---------------------------------------------------------------------------


async def test_an_invite_with_a_wijk_skips_the_wijk_question_for_a_volunteer(
    bot: Harness,
) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    code = await invite(bot, Role.VOLUNTEER, wijk="Centrum")
    anna = bot.chatter("Anna")

    await anna.send(f"/start {code}")
    reply = await anna.send("Anna")
    assert reply.text == ASK_INTERESTS  # straight on: no wijk question
    assert ASK_WIJK not in [c.text for c in anna.inbox()]

    reply = await agree_after_skipping(anna)
    assert reply.said[0].startswith("Je bent aangemeld, Anna.")
    person = await person_of(bot, anna)
    assert person is not None and person.wijk == "Centrum"
    assert carla.inbox()[-1].text == "Nieuw aangemeld: Anna als vrijwilliger (wijk: Centrum)."


async def test_an_invite_with_a_wijk_takes_a_professional_straight_to_the_agreement(
    bot: Harness,
) -> None:
    code = await invite(bot, Role.PROFESSIONAL, wijk="Zuid")
    piet = bot.chatter("Piet")

    await piet.send(f"/start {code}")
    reply = await piet.send("Piet")
    assert reply.text.startswith("<b>Jouw taak als beroepskracht</b>")
    assert reply.buttons == TERMS_BUTTONS

    await piet.press("✅ Ik ga akkoord")
    person = await person_of(bot, piet)
    assert person is not None and person.wijk == "Zuid"


async def test_a_volunteer_cannot_forge_the_no_wijk_choice(bot: Harness) -> None:
    code = await invite(bot, Role.VOLUNTEER)
    anna = bot.chatter("Anna")
    await anna.send(f"/start {code}")
    await anna.send("Anna")

    for forged in ("reg:wijk:-", "reg:wijk:3", "reg:wijk:-1", "reg:wijk:Noord", "reg:wijk:skip"):
        reply = await anna.press_data(forged)
        assert reply.methods() == ["answerCallbackQuery"], forged
        assert reply.toast == BUTTON_EXPIRED, forged

    draft = await draft_of(bot, anna)
    assert draft is not None
    assert (draft.step, draft.data["wijk"]) == ("wijk", None)


async def test_forged_buttons_with_odd_digits_are_refused_without_a_crash(bot: Harness) -> None:
    """'²' counts as a digit to str.isdigit() but int() refuses it."""
    code = await invite(bot, Role.VOLUNTEER)
    anna = bot.chatter("Anna")
    await anna.send(f"/start {code}")
    await anna.send("Anna")

    reply = await anna.press_data("reg:wijk:²")
    assert reply.methods() == ["answerCallbackQuery"]
    assert reply.toast == BUTTON_EXPIRED

    reply = await anna.press("Zuid")
    assert reply.text == ASK_INTERESTS
    await anna.press("Klaar")
    await anna.press("Klaar")
    reply = await anna.press_data("reg:max_shifts:³")
    assert reply.toast == BUTTON_EXPIRED
    draft = await draft_of(bot, anna)
    assert draft is not None
    assert (draft.step, draft.data["wijk"]) == ("max_shifts", "Zuid")


async def test_a_forged_done_button_cannot_skip_a_required_question(bot: Harness) -> None:
    """Only the tick-lists have a Done button; name, wijk and the agreement cannot be skipped."""
    code = await invite(bot, Role.VOLUNTEER)
    anna = bot.chatter("Anna")
    await anna.send(f"/start {code}")

    reply = await anna.press_data("reg:name:done")
    assert reply.toast == BUTTON_EXPIRED
    draft = await draft_of(bot, anna)
    assert draft is not None and draft.step == "name"

    await anna.send("Anna")
    reply = await anna.press_data("reg:wijk:done")
    assert reply.toast == BUTTON_EXPIRED
    draft = await draft_of(bot, anna)
    assert draft is not None and (draft.step, draft.data["wijk"]) == ("wijk", None)

    # The real buttons still work afterwards.
    reply = await anna.press("Zuid")
    assert reply.text == ASK_INTERESTS


# --- bad codes --------------------------------------------------------------------------------


async def assert_refused_start(bot: Harness, chatter: Chatter, reply: Replies, text: str) -> None:
    """Exactly one short answer, and neither a draft nor a person stored."""
    assert reply.methods() == ["sendMessage"]
    assert reply.text == text
    assert reply.buttons == []
    assert await draft_of(bot, chatter) is None
    assert await person_of(bot, chatter) is None


async def test_an_unknown_code_is_refused(bot: Harness) -> None:
    real = await invite(bot, Role.VOLUNTEER)
    anna = bot.chatter("Anna")

    reply = await anna.send("/start Abcdefghijklmnop")
    await assert_refused_start(bot, anna, reply, UNKNOWN_CODE)
    assert (await invite_row(bot, real)).uses == 0
    assert await count(bot, "flows") == 0


async def test_an_expired_code_is_refused(bot: Harness) -> None:
    code = await invite(bot, Role.VOLUNTEER, days=7)
    bot.clock.advance(days=7, seconds=1)
    anna = bot.chatter("Anna")

    reply = await anna.send(f"/start {code}")
    await assert_refused_start(bot, anna, reply, EXPIRED_CODE)
    assert (await invite_row(bot, code)).uses == 0


async def test_a_code_is_refused_from_the_moment_it_expires(bot: Harness) -> None:
    code = await invite(bot, Role.VOLUNTEER, days=1)
    bot.clock.advance(days=1)
    anna = bot.chatter("Anna")

    reply = await anna.send(f"/start {code}")
    await assert_refused_start(bot, anna, reply, EXPIRED_CODE)


async def test_a_used_up_code_is_refused_to_the_second_person(bot: Harness) -> None:
    code = await invite(bot, Role.VOLUNTEER, uses=1)
    anna, bob = bot.chatter("Anna"), bot.chatter("Bob")
    await register_volunteer(anna, code, "Anna")
    assert await person_of(bot, anna) is not None

    reply = await bob.send(f"/start {code}")
    await assert_refused_start(bot, bob, reply, USED_UP_CODE)
    assert (await invite_row(bot, code)).uses == 1
    assert await count(bot, "people") == 1


async def test_a_code_for_five_lets_five_people_in_and_no_sixth(bot: Harness) -> None:
    code = await invite(bot, Role.VOLUNTEER, uses=5)
    for n in range(5):
        reply = await register_volunteer(bot.chatter(f"Vrijwilliger {n}"), code, f"V{n}")
        assert reply.said[0].startswith(f"Je bent aangemeld, V{n}.")
    sixth = bot.chatter("Zes")

    reply = await sixth.send(f"/start {code}")
    await assert_refused_start(bot, sixth, reply, USED_UP_CODE)
    assert await count(bot, "people") == 5


@pytest.mark.parametrize(
    "command",
    [
        "/start ../../etc",
        "/start ../../etc/passwd",
        "/start abc",  # too short to be a code
        "/start " + "a" * 65,  # too long
        "/start <b>hallo</b>",
        "/start '; DROP TABLE invites; --",
        "/start ＡＢＣＤＥＦ",  # full-width letters
    ],
)
async def test_a_malformed_code_is_refused_as_unknown(bot: Harness, command: str) -> None:
    code = await invite(bot, Role.VOLUNTEER)
    anna = bot.chatter("Anna")

    reply = await anna.send(command)
    await assert_refused_start(bot, anna, reply, UNKNOWN_CODE)
    assert (await invite_row(bot, code)).uses == 0
    assert await count(bot, "invites") == 1


async def test_start_without_a_code_explains_that_an_invitation_is_needed(bot: Harness) -> None:
    anna = bot.chatter("Anna")
    reply = await anna.send("/start")
    await assert_refused_start(bot, anna, reply, NO_CODE)

    john = bot.chatter("John", "en-US")
    reply = await john.send("/start")
    assert reply.text == (
        "Voelspriet only works with an invitation. "
        "Ask your coordinator for an invitation link and tap it."
    )


async def test_a_registered_person_sending_start_with_a_code_again(bot: Harness) -> None:
    anna, person = await bot.member(Role.VOLUNTEER, "Anna")
    code = await invite(bot, Role.COORDINATOR)

    reply = await anna.send(f"/start {code}")
    assert reply.methods() == ["sendMessage"]
    assert reply.text == "Je bent al aangemeld, Anna. Je hebt de uitnodiging niet meer nodig."
    assert menu_of(reply) == [
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
    # The invitation is not used and the role does not change.
    assert (await invite_row(bot, code)).uses == 0
    assert await draft_of(bot, anna) is None
    assert await person_of(bot, anna) == person

    reply = await anna.send("/start")
    assert reply.text == "Welkom terug, Anna!"


# --- stopping and resuming --------------------------------------------------------------------


async def test_declining_the_agreement_stores_nothing_and_keeps_the_invite(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    code = await invite(bot, Role.VOLUNTEER)
    anna = bot.chatter("Anna")
    inbox_before = len(carla.inbox())

    await anna.send(f"/start {code}")
    await anna.send("Anna de Vries")
    await anna.press("Zuid")
    await anna.press("Ouderen")
    await anna.press("Klaar")
    await anna.press("Klaar")
    await anna.press("2")
    reply = await anna.send("Ik wil helpen.")
    assert reply.buttons == TERMS_BUTTONS

    reply = await anna.press("Ik ga niet akkoord")
    assert reply.text == (
        "Jammer. Zonder deze afspraken kun je Voelspriet niet gebruiken. "
        "We hebben niets van je bewaard. Met je uitnodigingslink kun je later opnieuw beginnen."
    )
    assert menu_of(reply) == []
    assert await person_of(bot, anna) is None
    assert await draft_of(bot, anna) is None
    assert (await invite_row(bot, code)).uses == 0
    assert len(carla.inbox()) == inbox_before  # no notice
    assert bot.fake.sent(anna.id, "setMyCommands") == []

    # Now she is a stranger again…
    reply = await anna.send("hallo")
    assert reply.text == NOT_REGISTERED
    # …who can start over with the same link.
    reply = await anna.send(f"/start {code}")
    assert reply.text == ASK_NAME


@pytest.mark.parametrize(
    ("language_code", "command", "answer"),
    [
        ("nl", "/annuleer", "Gestopt. Wat je net invulde is niet bewaard."),
        ("nl", "/cancel", "Gestopt. Wat je net invulde is niet bewaard."),
        ("en-GB", "/cancel", "Stopped. What you just entered was not saved."),
    ],
)
async def test_cancelling_in_the_middle_of_registration(
    bot: Harness, language_code: str, command: str, answer: str
) -> None:
    code = await invite(bot, Role.VOLUNTEER)
    anna = bot.chatter("Anna", language_code)
    await anna.send(f"/start {code}")
    await anna.send("Anna")
    await anna.press("Noord")
    interests = anna.inbox()[-1].message_id  # the open question, with its buttons
    assert interests is not None and bot.fake.shown(anna.id, interests).buttons

    reply = await anna.send(command)
    assert reply.methods() == ["editMessageReplyMarkup", "sendMessage"]  # its buttons go
    assert bot.fake.shown(anna.id, interests).buttons == []
    assert reply.text == answer
    assert menu_of(reply) == []
    assert await draft_of(bot, anna) is None
    assert await person_of(bot, anna) is None
    assert (await invite_row(bot, code)).uses == 0

    # Pressed anyway (a copy of the message elsewhere, or forged): dead.
    reply = await anna.press_data("reg:interests:ouderen")
    assert reply.methods() == ["answerCallbackQuery"]
    assert await draft_of(bot, anna) is None


async def test_cancelling_when_nothing_is_going_on(bot: Harness) -> None:
    anna = bot.chatter("Anna")
    reply = await anna.send("/annuleer")
    assert reply.text == "Je was niets aan het doen. Kies iets uit het menu."


async def test_a_draft_survives_a_restart(bot: Harness) -> None:
    code = await invite(bot, Role.VOLUNTEER)
    anna = bot.chatter("Anna")
    await anna.send(f"/start {code}")
    await anna.send("Anna de Vries")
    await anna.press("Noord")
    await anna.press("Jongeren")

    restarted = await bot.restart()
    try:
        anna = Chatter(restarted, anna.user)
        draft = await draft_of(restarted, anna)
        assert draft is not None
        assert (draft.step, draft.data["name"], draft.data["interests"]) == (
            "interests",
            "Anna de Vries",
            ["jeugd"],
        )

        # /start without a code asks the open question again, with her choices so far.
        reply = await anna.send("/start")
        assert reply.text == ASK_INTERESTS
        assert reply.buttons == ["Ouderen", "Schuldhulp", "✅ Jongeren", "Klaar"]

        reply = await agree_after_skipping(anna)
        assert reply.said[0].startswith("Je bent aangemeld, Anna de Vries.")
        person = await person_of(restarted, anna)
        assert person is not None
        assert (person.wijk, person.interests) == ("Noord", ("jeugd",))
    finally:
        await restarted.stop()


async def test_start_without_a_code_during_registration_repeats_the_question(
    bot: Harness,
) -> None:
    code = await invite(bot, Role.PROFESSIONAL)
    piet = bot.chatter("Piet")
    await piet.send(f"/start {code}")
    await piet.send("Piet")
    earlier = piet.inbox()[-1].message_id
    assert earlier is not None

    reply = await piet.send("/start")
    assert reply.methods() == ["editMessageReplyMarkup", "sendMessage"]
    assert bot.fake.shown(piet.id, earlier).buttons == []  # one question, one set of buttons
    assert reply.text == ASK_WIJK
    assert reply.buttons == [*WIJK_BUTTONS, "Geen vaste wijk"]


async def test_a_new_code_during_registration_starts_over_with_that_invite(
    bot: Harness,
) -> None:
    volunteer_code = await invite(bot, Role.VOLUNTEER)
    professional_code = await invite(bot, Role.PROFESSIONAL)
    piet = bot.chatter("Piet")
    await piet.send(f"/start {volunteer_code}")
    await piet.send("Piet")

    reply = await piet.send(f"/start {professional_code}")
    assert "beroepskracht" in reply.texts[0]
    assert reply.text == ASK_NAME
    draft = await draft_of(bot, piet)
    assert draft is not None
    assert (draft.step, draft.data["role"], draft.data["code"]) == (
        "name",
        "professional",
        professional_code,
    )


# --- wrong answers ----------------------------------------------------------------------------


async def test_typing_when_a_button_is_expected(bot: Harness) -> None:
    code = await invite(bot, Role.VOLUNTEER)
    anna = bot.chatter("Anna")
    await anna.send(f"/start {code}")
    await anna.send("Anna")

    reply = await anna.send("Bij het park")  # at the wijk question, naming none of them
    assert reply.methods() == ["sendMessage"]
    assert reply.text == USE_BUTTONS
    draft = await draft_of(bot, anna)
    assert draft is not None and (draft.step, draft.data["wijk"]) == ("wijk", None)

    await anna.press("Noord")
    reply = await anna.send("ouderen")  # at the interests question
    assert reply.text == USE_BUTTONS
    await skip_to_the_agreement(anna)

    reply = await anna.send("ja hoor")  # at the agreement
    assert reply.text == USE_BUTTONS
    assert await person_of(bot, anna) is None
    draft = await draft_of(bot, anna)
    assert draft is not None and draft.step == "terms"


async def test_a_photo_during_registration_is_not_taken_as_an_answer(bot: Harness) -> None:
    code = await invite(bot, Role.VOLUNTEER)
    anna = bot.chatter("Anna")
    await anna.send(f"/start {code}")

    reply = await anna.send_photo()
    assert reply.text == (
        "Dit soort bericht kan ik niet lezen. Stuur tekst of kies iets uit het menu."
    )
    draft = await draft_of(bot, anna)
    assert draft is not None and draft.step == "name" and "name" not in draft.data


async def test_an_old_registration_button_has_expired(bot: Harness) -> None:
    code = await invite(bot, Role.VOLUNTEER)
    anna = bot.chatter("Anna")
    await anna.send(f"/start {code}")
    await anna.send("Anna")
    reply = await anna.press("Noord")
    assert reply.text == ASK_INTERESTS

    reply = await anna.press("Zuid")  # the wijk question was answered already
    assert reply.methods() == ["answerCallbackQuery"]
    assert reply.toast == BUTTON_EXPIRED

    reply = await anna.press_data("reg:terms:yes")  # forged: jump to the end
    assert reply.toast == BUTTON_EXPIRED
    reply = await anna.press_data("reg:max_shifts:5")
    assert reply.toast == BUTTON_EXPIRED
    reply = await anna.press_data("reg:interests:nonsense")
    assert reply.toast == BUTTON_EXPIRED
    reply = await anna.press_data("reg:interests")
    assert reply.toast == BUTTON_EXPIRED
    reply = await anna.press_data("reg:interests:ouderen:extra")
    assert reply.toast == BUTTON_EXPIRED

    draft = await draft_of(bot, anna)
    assert draft is not None
    assert (draft.step, draft.data["wijk"], draft.data["interests"]) == ("interests", "Noord", [])
    assert await person_of(bot, anna) is None


async def test_a_registration_button_without_a_draft(bot: Harness) -> None:
    anna = bot.chatter("Anna")
    reply = await anna.press_data("reg:terms:yes")
    assert reply.methods() == ["answerCallbackQuery"]
    assert reply.toast == "Dat kan ik niet (meer) vinden."
    assert await person_of(bot, anna) is None


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("A" * 64, "A" * 64),
        ("  Anna   de    Vries ", "Anna de Vries"),
        ("<b>Anna</b>", "<b>Anna</b>"),
    ],
)
async def test_names_that_are_accepted(bot: Harness, name: str, stored: str) -> None:
    code = await invite(bot, Role.PROFESSIONAL)
    anna = bot.chatter("Anna")
    await anna.send(f"/start {code}")

    reply = await anna.send(name)
    assert reply.text == ASK_WIJK
    draft = await draft_of(bot, anna)
    assert draft is not None and draft.data["name"] == stored


NAME_LETTERS = "Een naam heeft letters nodig. Typ de naam die je wilt gebruiken."


@pytest.mark.parametrize("name", ["/", "😀😀", "...", "123", "🇳🇱 !"])
async def test_a_name_needs_letters(bot: Harness, name: str) -> None:
    code = await invite(bot, Role.VOLUNTEER)
    anna = bot.chatter("Anna")
    await anna.send(f"/start {code}")

    reply = await anna.send(name)
    assert reply.text == NAME_LETTERS
    draft = await draft_of(bot, anna)
    assert draft is not None and draft.step == "name" and "name" not in draft.data
    assert (await anna.send("Anna 😀")).text == ASK_WIJK


async def test_a_new_name_in_the_profile_needs_letters_too(bot: Harness) -> None:
    anna, person = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/profiel")
    await anna.press("Naam wijzigen")
    assert (await anna.send("/")).text == NAME_LETTERS
    assert (await person_of(bot, anna.id)) == person


async def test_a_name_that_is_too_long(bot: Harness) -> None:
    code = await invite(bot, Role.VOLUNTEER)
    anna = bot.chatter("Anna")
    await anna.send(f"/start {code}")

    reply = await anna.send("A" * 65)
    assert reply.methods() == ["sendMessage"]
    assert reply.text == "Dat is te lang. Gebruik maximaal 64 tekens."
    draft = await draft_of(bot, anna)
    assert draft is not None and draft.step == "name" and "name" not in draft.data

    reply = await anna.send("Anna")
    assert reply.text == ASK_WIJK


async def test_mistakes_are_answered_in_english_for_an_english_newcomer(bot: Harness) -> None:
    code = await invite(bot, Role.VOLUNTEER)
    amy = bot.chatter("Amy", "en-GB")
    await amy.send(f"/start {code}")

    reply = await amy.send("Amy " * 20)
    assert reply.text == "That is too long. Use at most 64 characters."

    await amy.send("Amy")
    reply = await amy.send("Near the park")
    assert reply.text == "Choose one of the buttons above."

    reply = await amy.press_data("reg:terms:yes")
    assert reply.toast == "This button no longer works. Start again from the menu."


async def test_a_motivation_that_is_too_long(bot: Harness) -> None:
    code = await invite(bot, Role.VOLUNTEER)
    anna = bot.chatter("Anna")
    await anna.send(f"/start {code}")
    await anna.send("Anna")
    await anna.press("Noord")
    await anna.press("Klaar")
    await anna.press("Klaar")
    await anna.press("1")

    reply = await anna.send("x" * 501)
    assert reply.text == "Dat is te lang. Gebruik maximaal 500 tekens."
    reply = await anna.send("x" * 500)
    assert reply.buttons == TERMS_BUTTONS


async def test_a_name_with_control_characters(bot: Harness) -> None:
    code = await invite(bot, Role.VOLUNTEER)
    anna = bot.chatter("Anna")
    await anna.send(f"/start {code}")

    reply = await anna.send("Anna\x07")
    assert reply.text == ("Je bericht bevat tekens die ik niet kan bewaren. Typ het opnieuw.")
    draft = await draft_of(bot, anna)
    assert draft is not None and "name" not in draft.data


# --- language --------------------------------------------------------------------------------


async def test_taal_during_registration_switches_the_registration_language(
    bot: Harness,
) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    code = await invite(bot, Role.PROFESSIONAL)
    piet = bot.chatter("Piet", "nl")
    await piet.send(f"/start {code}")

    reply = await piet.send("/taal")
    assert reply.text == "Welke taal wil je gebruiken?"
    assert reply.buttons == ["Nederlands", "English"]

    reply = await piet.press("English")
    assert reply.toast is None
    assert reply.text == "From now on I will talk to you in English."
    draft = await draft_of(bot, piet)
    assert draft is not None
    assert (draft.step, draft.data["language"]) == ("name", "en")

    reply = await piet.send("Peter")
    assert reply.text == "In which neighbourhood are you active?"
    assert reply.buttons == [*WIJK_BUTTONS, "No fixed neighbourhood"]
    reply = await piet.press("Noord")
    assert reply.buttons == ["✅ I agree", "I do not agree"]
    reply = await piet.press("✅ I agree")
    assert reply.said[0].startswith("You are registered, Peter.")
    assert menu_of(reply) == ["📂 Signals", "❓ Questions", "👤 Profile", "🗂 My data", "ℹ️ Help"]
    assert commands_published(bot, piet)[0] == "signals"

    person = await person_of(bot, piet)
    assert person is not None and person.language == "en"
    assert carla.inbox()[-1].text == "Nieuw aangemeld: Peter als beroepskracht (wijk: Noord)."


async def test_language_switch_back_to_dutch_during_registration(bot: Harness) -> None:
    code = await invite(bot, Role.VOLUNTEER)
    amy = bot.chatter("Amy", "en-GB")
    await amy.send(f"/start {code}")
    await amy.send("/language")

    reply = await amy.press("Nederlands")
    assert reply.text == "Ik praat vanaf nu Nederlands met je."
    reply = await amy.send("Amy")
    assert reply.text == ASK_WIJK


# --- one invite, two drafts ------------------------------------------------------------------


async def test_a_one_time_invite_opened_by_two_people_admits_only_the_first_to_finish(
    bot: Harness,
) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    code = await invite(bot, Role.PROFESSIONAL, uses=1)
    anna, bob = bot.chatter("Anna"), bot.chatter("Bob")

    await anna.send(f"/start {code}")
    await bob.send(f"/start {code}")  # not used yet, so Bob may start too
    for chatter in (anna, bob):
        await chatter.send(chatter.user["first_name"])
        await chatter.press("Noord")

    reply = await anna.press("✅ Ik ga akkoord")
    assert reply.said[0].startswith("Je bent aangemeld, Anna.")
    notices = len(carla.inbox())

    reply = await bob.press("✅ Ik ga akkoord")
    assert reply.said == [USED_UP_CODE]
    assert await person_of(bot, bob) is None
    assert await draft_of(bot, bob) is None
    assert (await invite_row(bot, code)).uses == 1
    assert len(carla.inbox()) == notices


async def test_an_invite_that_expires_during_registration(bot: Harness) -> None:
    code = await invite(bot, Role.PROFESSIONAL, days=1)
    piet = bot.chatter("Piet")
    await piet.send(f"/start {code}")
    await piet.send("Piet")
    await piet.press("Noord")

    bot.clock.advance(days=1)
    reply = await piet.press("✅ Ik ga akkoord")
    assert reply.said == [EXPIRED_CODE]
    assert await person_of(bot, piet) is None
    assert await draft_of(bot, piet) is None
    assert (await invite_row(bot, code)).uses == 0


async def test_registration_texts_escape_html_in_names(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    code = await invite(bot, Role.PROFESSIONAL, wijk="Noord")
    eve = bot.chatter("Eve")
    await eve.send(f"/start {code}")
    await eve.send("<i>Eve</i> & co")

    reply = await eve.press("✅ Ik ga akkoord")
    assert reply.said[0].startswith("Je bent aangemeld, &lt;i&gt;Eve&lt;/i&gt; &amp; co.")
    assert carla.inbox()[-1].text == (
        "Nieuw aangemeld: &lt;i&gt;Eve&lt;/i&gt; &amp; co als beroepskracht (wijk: Noord)."
    )
