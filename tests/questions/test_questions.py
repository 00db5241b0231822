"""A volunteer asks a question: routing, the answer, follow-ups, closing; who may; /mijnvragen."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from storage.people import Role
from tests import payloads
from tests.answers import EXPIRED, NOT_ALLOWED
from tests.dialogue import Harness, last_text, settings_for, tick
from tests.fake_telegram import Call
from tests.questions.steps import QUESTION, ask, replying, rule
from tests.stored import has_flow, questions_of, thread_of


async def test_ask_answer_follow_up_and_close_in_dutch(bot: Harness) -> None:
    carla, carla_person = await bot.member(Role.COORDINATOR, "Carla")
    anna, anna_person = await bot.member(Role.VOLUNTEER, "Anna")

    reply = await anna.send("❓ Vraag stellen")
    assert reply.texts[0].startswith("Je stelt een vraag aan een beroepskracht.")
    assert reply.text == "Waar gaat je vraag over? Kies wat het beste past."
    assert reply.buttons == ["Geldzorgen", "Ouderen", "Praktisch", "Anders"]
    reply = await anna.press("Geldzorgen")
    assert reply.text.startswith("Wat is je vraag?")
    reply = await anna.send(QUESTION)
    assert "Onderwerp: Geldzorgen" in reply.text and QUESTION in reply.text
    assert reply.buttons == [
        "✅ Versturen",
        "✏️ Onderwerp",
        "✏️ Vraag",
        "📷 Foto toevoegen",
        "Niet versturen",
    ]
    await anna.press("✅ Versturen")
    assert "Je vraag is verstuurd. Het nummer is <b>Q-0001</b>" in last_text(anna)

    [question] = await questions_of(bot)
    assert (question.owner_id, question.asker_id) == (carla_person.id, anna_person.id)
    assert (question.topic, question.wijk, question.status) == ("schulden", "Noord", "open")
    assert question.answer_due_at > question.created_at
    alert = carla.inbox()[-1]
    assert "Nieuwe vraag Q-0001" in (alert.text or "") and QUESTION in (alert.text or "")
    assert "Gesteld door: Anna" in (alert.text or "")
    assert alert.buttons == ["Beantwoorden", "Doorsturen", "📚 Antwoord voor iedereen"]

    reply = await carla.press("Beantwoorden")
    assert reply.text.startswith("Typ je antwoord op Q-0001.")
    reply = await carla.send("Bij het Geldloket in het wijkcentrum, elke dinsdag.")
    assert reply.text == "Je antwoord op Q-0001 is naar de vrijwilliger gestuurd."
    answer = anna.inbox()[-1]
    assert "Antwoord op je vraag Q-0001" in (answer.text or "")
    assert "Geldloket" in (answer.text or "")
    assert answer.buttons == ["Nog een vraag hierover", "Mijn vraag is beantwoord"]
    assert (await questions_of(bot))[0].status == "answered"

    reply = await anna.press("Nog een vraag hierover")
    assert reply.text.startswith("Wat wil je nog vragen over Q-0001?")
    reply = await anna.send("Moet je daar een afspraak voor maken?")
    assert reply.text.startswith("Je vraag over Q-0001 is doorgestuurd.")
    follow_up = carla.inbox()[-1]
    assert "Anna vraagt nog iets over Q-0001" in (follow_up.text or "")
    assert follow_up.buttons == ["Beantwoorden"]
    assert (await questions_of(bot))[0].status == "open"

    await carla.press("Beantwoorden")
    await carla.send("Nee, je kunt gewoon binnenlopen.")
    assert "binnenlopen" in last_text(anna)

    reply = await anna.send("/mijnvragen")
    assert "Q-0001 · Geldzorgen · <b>beantwoord</b>" in reply.text

    reply = await anna.press("Mijn vraag is beantwoord")
    assert reply.text == "Fijn dat je vraag Q-0001 is beantwoord. De vraag is afgesloten."
    assert last_text(carla) == "Anna heeft vraag Q-0001 afgesloten: de vraag is beantwoord."
    [question] = await questions_of(bot)
    assert question.status == "closed" and question.closed_at is not None
    assert question.answered_at is not None
    assert [m.kind for m in await thread_of(bot, question.id)] == [
        "asked",
        "routed",
        "answer",
        "followup",
        "answer",
        "closed",
    ]

    reply = await anna.send("/mijnvragen")
    assert "Q-0001 · Geldzorgen · <b>afgesloten</b>" in reply.text
    reply = await anna.press_data(f"q:more:{question.id}")
    assert reply.toast == "Deze vraag is al afgesloten."


async def test_a_routing_rule_on_the_topic_in_english(bot: Harness) -> None:
    carla, carla_person = await bot.member(Role.COORDINATOR, "Carla")
    pete, pete_person = await bot.member(Role.PROFESSIONAL, "Pete", language="en")
    amy, _ = await bot.member(Role.VOLUNTEER, "Amy", language="en")
    await rule(bot, "schulden", pete_person)

    reply = await amy.send("/ask")
    assert reply.buttons == ["Money worries", "Older people", "Practical", "Other"]
    await amy.press("Money worries")
    reply = await amy.send("Where can someone with payment arrears get help?")
    assert "Topic: Money worries" in reply.text
    await amy.press("✅ Send")
    assert "Your question was sent. Its number is <b>Q-0001</b>" in last_text(amy)
    assert "New question Q-0001" in last_text(pete)
    assert "Topic: Money worries" in last_text(pete)

    reply = await pete.press("Answer")
    assert reply.text.startswith("Type your answer to Q-0001.")
    await pete.send("At the money desk in the community centre.")
    answer = amy.inbox()[-1]
    assert "Answer to your question Q-0001" in (answer.text or "")
    assert answer.buttons == ["Ask more about this", "My question is answered"]
    reply = await amy.press("Ask more about this")
    assert reply.text.startswith("What else do you want to ask about Q-0001?")
    await amy.send("Do they need an appointment?")
    assert "Amy asks more about Q-0001" in last_text(pete)
    await pete.press("Answer")
    await pete.send("No, just walk in.")
    reply = await amy.press("My question is answered")
    assert reply.text == "Good that your question Q-0001 is answered. The question is closed."
    assert last_text(pete) == "Amy closed question Q-0001: the question is answered."
    reply = await amy.send("/myquestions")
    assert "Q-0001 · Money worries · <b>closed</b>" in reply.text

    # Another topic matches no rule: the coordinator takes it.
    await amy.send("/ask")
    await amy.press("Practical")
    await amy.send("Who lends ladders in the neighbourhood?")
    await amy.press("✅ Send")
    questions = await questions_of(bot)
    assert [q.owner_id for q in questions] == [pete_person.id, carla_person.id]
    assert [m.body for m in await thread_of(bot, questions[0].id)][1].endswith("via rule 1")
    assert "Nieuwe vraag Q-0002" in last_text(carla)


async def test_the_privacy_guard_checks_the_question(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/vraag")
    await anna.press("Ouderen")
    reply = await anna.send("Mijn buurvrouw op de Kerkstraat 12, 06-12345678, wil hulp.")
    assert "telefoonnummer" in reply.text and "adres of postcode" in reply.text
    assert "06-12345678" not in reply.text
    assert reply.buttons == ["✏️ Tekst aanpassen", "Laten staan, het is nodig"]

    reply = await anna.press("✏️ Tekst aanpassen")
    assert reply.text == (
        "Typ je tekst opnieuw, zonder <b>een adres of postcode en een telefoonnummer</b>."
    )
    await anna.send("Kan ik haar dochter, 06-12345678, vragen om mee te denken?")
    reply = await anna.press("Laten staan, het is nodig")
    assert reply.text.startswith("Waarom heeft de beroepskracht deze gegevens nodig?")
    reply = await anna.send("De dochter wil gebeld worden.")
    assert "Onderwerp: Ouderen" in reply.text
    await anna.press("✅ Versturen")

    [question] = await questions_of(bot)
    assert question.privacy_kept == ("phone",)
    assert question.privacy_reason == "De dochter wil gebeld worden."
    assert "Kerkstraat" not in (question.text or "")
    assert "Bewust laten staan: een telefoonnummer. Reden: De dochter wil gebeld worden." in (
        last_text(carla)
    )


async def test_only_the_asker_follows_up_or_closes(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    bob, _ = await bot.member(Role.VOLUNTEER, "Bob")
    piet, _ = await bot.member(Role.PROFESSIONAL, "Piet")
    await ask(anna)
    await carla.press("Beantwoorden")
    await carla.send("Bij het Geldloket.")
    [before] = await questions_of(bot)
    thread = await thread_of(bot, before.id)

    for chatter in (bob, piet, carla):
        for action in ("more", "done"):
            reply = await chatter.press_data(f"q:{action}:{before.id}")
            assert reply.toast == NOT_ALLOWED
        assert not await has_flow(bot, chatter)
    assert await questions_of(bot) == [before]
    assert await thread_of(bot, before.id) == thread


async def test_a_follow_up_with_identifying_data_is_held_until_the_asker_chooses(
    bot: Harness,
) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    bob, _ = await bot.member(Role.VOLUNTEER, "Bob")
    await ask(anna)
    await carla.press("Beantwoorden")
    await carla.send("Bij het Geldloket.")
    [question] = await questions_of(bot)
    sent_to_carla = len(carla.inbox())

    await anna.press("Nog een vraag hierover")
    reply = await anna.send("Mag ik haar nummer 06-12345678 doorgeven?")
    assert reply.text.startswith("Let op: ik zie iets wat iemand kan herkennen in je bericht")
    assert "telefoonnummer" in reply.text and "06-12345678" not in reply.text
    assert reply.buttons == ["✏️ Tekst aanpassen", "Toch versturen"]
    assert len(carla.inbox()) == sent_to_carla  # nothing went out
    assert (await questions_of(bot))[0].status == "answered"

    # The held text lives in Anna's own flow: Bob's press finds nothing to send.
    assert (await bob.press_data(f"q:keep:{question.id}")).toast == EXPIRED
    assert len(carla.inbox()) == sent_to_carla
    reply = await anna.press("✏️ Tekst aanpassen")
    assert reply.text == "Typ je bericht over Q-0001 opnieuw, zonder die gegevens."
    reply = await anna.send("Mag ik haar telefoonnummer aan het Geldloket doorgeven?")
    assert reply.text.startswith("Je vraag over Q-0001 is doorgestuurd.")
    assert "telefoonnummer aan het Geldloket" in last_text(carla)

    # The same through a Telegram reply, sent anyway this time: exactly once.
    await carla.press_data(f"q:ans:{question.id}")
    await carla.send("Ja, dat mag met haar toestemming.")
    answer = anna.inbox()[-1]
    reply = await bot.process(replying(anna, answer, "Ze heet Els, 06-12345678."))
    assert reply.buttons == ["✏️ Tekst aanpassen", "Toch versturen"]
    reply = await anna.press("Toch versturen")
    assert reply.text.startswith("Je vraag over Q-0001 is doorgestuurd.")
    assert "06-12345678" in last_text(carla)
    assert (await anna.press_data(f"q:keep:{question.id}")).toast == EXPIRED
    followups = [m for m in await thread_of(bot, question.id) if m.kind == "followup"]
    assert [m.body for m in followups] == [
        "Mag ik haar telefoonnummer aan het Geldloket doorgeven?",
        "Ze heet Els, 06-12345678.",
    ]


async def test_forged_answer_buttons_are_refused(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    pia, _ = await bot.member(Role.PROFESSIONAL, "Pia", wijk="Zuid")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    bob, _ = await bot.member(Role.VOLUNTEER, "Bob")
    await rule(bot, None, piet_person)
    await ask(anna)
    [before] = await questions_of(bot)
    thread = await thread_of(bot, before.id)
    inboxes = {c.id: len(c.inbox()) for c in (carla, piet)}

    for forger in (anna, bob, pia):
        reply = await forger.press_data(f"q:ans:{before.id}")
        assert reply.toast == NOT_ALLOWED
        assert not await has_flow(bot, forger)
        reply = await forger.send("Hier is mijn antwoord.")
        assert reply.text == "Dat begrijp ik niet. Kies iets uit het menu of typ /hulp."
    reply = await pia.press_data("q:ans:999")
    assert reply.toast == "Dat kan ik niet (meer) vinden."
    for junk in ("q:ans:x", "q:ans", "q:zap:1"):
        reply = await pia.press_data(junk)
        assert reply.toast == "Deze knop werkt niet meer. Begin opnieuw via het menu."
    assert await questions_of(bot) == [before]
    assert await thread_of(bot, before.id) == thread
    assert {c.id: len(c.inbox()) for c in (carla, piet)} == inboxes

    # The owner and a coordinator may answer.
    await piet.press("Beantwoorden")
    await piet.send("Bij het Geldloket.")
    await carla.press_data(f"q:ans:{before.id}")
    await carla.send("En ook bij de schuldhulp van de gemeente.")
    answers = [m for m in await thread_of(bot, before.id) if m.kind == "answer"]
    assert len(answers) == 2


async def test_a_redelivered_send_makes_one_question_and_one_alert(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/vraag")
    await anna.press("Praktisch")
    await anna.send("Wie leent er een ladder uit?")

    send = payloads.callback_update(anna.user, "q:sum:send", 1)
    await bot.process(send)
    await bot.process(send)
    assert len(await questions_of(bot)) == 1
    alerts = [c for c in bot.fake.delivered(carla.id) if "Nieuwe vraag" in (c.text or "")]
    assert len(alerts) == 1


async def test_my_questions_and_who_may_ask(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    reply = await anna.send("/mijnvragen")
    assert reply.text.startswith("Je hebt nog geen vragen gesteld.")
    await ask(anna)
    reply = await anna.send("📋 Mijn vragen")
    assert "Q-0001 · Geldzorgen · <b>wacht op antwoord</b>" in reply.text

    piet, _ = await bot.member(Role.PROFESSIONAL, "Piet")
    reply = await piet.send("/vraag")
    assert reply.text == NOT_ALLOWED

    await anna.send("/vraag")
    await anna.press("Anders")
    await anna.send("Nog iets")
    reply = await anna.press("Niet versturen")
    assert reply.text == "Je vraag is niet verstuurd."
    assert len(await questions_of(bot)) == 1


async def test_answering_by_replying_to_the_alert(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    pia, _ = await bot.member(Role.PROFESSIONAL, "Pia")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await rule(bot, None, piet_person)
    await ask(anna)
    alert = piet.inbox()[-1]
    assert "Nieuwe vraag Q-0001" in (alert.text or "")

    # Someone else replying to (a copy of) the alert is refused; nothing changes.
    [before] = await questions_of(bot)
    reply = await bot.process(replying(pia, alert, "Ik weet het wel."))
    assert reply.text == NOT_ALLOWED
    assert await questions_of(bot) == [before]

    reply = await bot.process(replying(piet, alert, "Bij het Geldloket, elke dinsdag."))
    assert reply.text == "Je antwoord op Q-0001 is naar de vrijwilliger gestuurd."
    answer = anna.inbox()[-1]
    assert "Antwoord op je vraag Q-0001" in (answer.text or "")
    assert "Geldloket" in (answer.text or "")
    assert (await questions_of(bot))[0].status == "answered"

    # The asker replying to the answer follows up; the owner replies to the follow-up.
    reply = await bot.process(replying(anna, answer, "Moet je een afspraak maken?"))
    assert reply.text.startswith("Je vraag over Q-0001 is doorgestuurd.")
    follow_up = piet.inbox()[-1]
    assert "Anna vraagt nog iets over Q-0001" in (follow_up.text or "")
    await bot.process(replying(carla, follow_up, "Nee, gewoon binnenlopen."))
    assert "binnenlopen" in last_text(anna)
    thread = await thread_of(bot, before.id)
    assert [m.kind for m in thread][2:] == ["answer", "followup", "answer"]

    # A reply to a message that names no question is ordinary text.
    unrelated = Call("sendMessage", {"chat_id": piet.id, "text": "Welkom!"}, message_id=5)
    reply = await bot.process(replying(piet, unrelated, "Dank je"))
    assert reply.text == "Dat begrijp ik niet. Kies iets uit het menu of typ /hulp."
    assert len(await thread_of(bot, before.id)) == len(thread)


async def test_a_late_answer_is_reminded_then_escalated_once(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    cees, _ = await bot.member(Role.COORDINATOR, "Cees", language="en")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await rule(bot, None, piet_person)
    await ask(anna)
    [question] = await questions_of(bot)
    escalation_due = bot.services.deps.hours.add_working_hours(
        question.created_at, 3 * bot.settings.organisation.answer_hours(question.topic)
    )

    bot.clock.now = question.answer_due_at - timedelta(seconds=1)
    assert (await tick(bot)).fired == {}
    bot.clock.advance(seconds=1)
    assert (await tick(bot)).fired == {"question.remind": 1}
    reminder = piet.inbox()[-1]
    assert "Vraag Q-0001 wacht nog op antwoord" in (reminder.text or "")
    assert QUESTION in (reminder.text or "") and reminder.buttons == ["Beantwoorden"]
    assert (await tick(bot)).fired == {}

    bot = await bot.restart()
    try:
        assert (await tick(bot)).fired == {}
        bot.clock.now = escalation_due - timedelta(seconds=1)
        assert (await tick(bot)).fired == {}
        bot.clock.advance(seconds=1)
        assert (await tick(bot)).fired == {"question.escalate": 1}
        bot = await bot.restart()
        bot.clock.advance(days=3)
        assert (await tick(bot)).fired == {}

        assert "Vraag Q-0001 is na 48 werkuren nog niet beantwoord" in last_text(carla)
        assert "Eigenaar: Piet (Noord)" in last_text(carla)
        assert carla.inbox()[-1].buttons == [
            "Beantwoorden",
            "Doorsturen",
            "📚 Antwoord voor iedereen",
        ]
        assert "Question Q-0001 is still unanswered" in last_text(cees)
        assert len([c for c in piet.inbox() if "wacht nog op antwoord" in (c.text or "")]) == 1
        # The coordinator answers from the escalation, by replying to it.
        reply = await bot.process(replying(carla, carla.inbox()[-1], "Geldloket, dinsdag."))
        assert reply.text == "Je antwoord op Q-0001 is naar de vrijwilliger gestuurd."
        kinds = [m.kind for m in await thread_of(bot, question.id)]
        assert kinds == ["asked", "routed", "reminded", "escalated", "answer"]
    finally:
        await bot.stop()


async def test_an_answered_question_is_not_reminded(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await ask(anna)
    await carla.press("Beantwoorden")
    await carla.send("Bij het Geldloket.")
    bot.clock.advance(days=14)
    assert (await tick(bot)).fired == {}


async def test_the_owner_passes_a_question_on_with_a_reason(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    pia, pia_person = await bot.member(Role.PROFESSIONAL, "Pia", wijk="Zuid")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await rule(bot, None, piet_person)
    await ask(anna)
    assert piet.inbox()[-1].buttons == ["Beantwoorden", "Doorsturen", "📚 Antwoord voor iedereen"]

    reply = await piet.press("Doorsturen")
    assert reply.text == "Naar welke beroepskracht wil je vraag Q-0001 doorsturen?"
    assert reply.buttons == ["Pia (Zuid)"]
    reply = await piet.press("Pia (Zuid)")
    assert reply.text.startswith("Waarom stuur je Q-0001 door?")
    reply = await piet.send("Pia kent het Geldloket beter.")
    assert reply.texts[0] == "Vraag Q-0001 is doorgestuurd."
    assert reply.text == "Q-0001 · Geldzorgen — ➡️ doorgestuurd naar Pia."  # his alert
    assert not await has_flow(bot, piet)

    alert = pia.inbox()[-1]
    text = alert.text or ""
    assert "Doorgestuurd naar jou door Piet. Reden: <i>Pia kent het Geldloket beter.</i>" in text
    assert "Nieuwe vraag Q-0001" in text and QUESTION in text
    assert alert.buttons == ["Beantwoorden", "Doorsturen", "📚 Antwoord voor iedereen"]
    assert not any("heeft vraag" in (c.text or "") for c in piet.inbox())  # he did it himself
    [question] = await questions_of(bot)
    assert question.owner_id == pia_person.id
    last = (await thread_of(bot, question.id))[-1]
    assert (last.kind, last.author_id) == ("reassigned", piet_person.id)
    assert last.body == f"to {pia_person.id}: Pia kent het Geldloket beter."

    # The old owner may no longer answer or pass it on; the new owner answers.
    for action in ("ans", "re"):
        reply = await piet.press_data(f"q:{action}:{question.id}")
        assert reply.toast == NOT_ALLOWED
    reply = await piet.press_data(f"q:to:{question.id}:{piet_person.id}")
    assert reply.toast == NOT_ALLOWED
    assert not await has_flow(bot, piet)
    await pia.press("Beantwoorden")
    reply = await pia.send("Bij het Geldloket, elke dinsdag.")
    assert reply.text == "Je antwoord op Q-0001 is naar de vrijwilliger gestuurd."
    assert "Geldloket" in last_text(anna)


async def test_forged_reassign_buttons_are_refused(bot: Harness) -> None:
    carla, carla_person = await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    pia, pia_person = await bot.member(Role.PROFESSIONAL, "Pia", wijk="Zuid")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    bob, _ = await bot.member(Role.VOLUNTEER, "Bob")
    await rule(bot, None, piet_person)
    await ask(anna)
    [before] = await questions_of(bot)
    thread = await thread_of(bot, before.id)
    inboxes = {c.id: len(c.inbox()) for c in (carla, piet)}

    for forger in (anna, bob, pia):
        reply = await forger.press_data(f"q:re:{before.id}")
        assert reply.toast == NOT_ALLOWED
        for to in (pia_person.id, piet_person.id):
            reply = await forger.press_data(f"q:to:{before.id}:{to}")
            assert reply.toast == NOT_ALLOWED
        assert not await has_flow(bot, forger)
        reply = await forger.send("Omdat het zo moet.")
        assert reply.text == "Dat begrijp ik niet. Kies iets uit het menu of typ /hulp."
    for junk in ("q:to:x:1", f"q:to:{before.id}:x", f"q:re:{before.id}:1", "q:re:x"):
        reply = await piet.press_data(junk)
        assert reply.toast == "Deze knop werkt niet meer. Begin opnieuw via het menu."
    reply = await piet.press_data(f"q:to:{before.id}:{carla_person.id}")  # not a professional
    assert reply.toast == "Deze knop werkt niet meer. Begin opnieuw via het menu."
    reply = await piet.press_data(f"q:to:{before.id}:{piet_person.id}")
    assert reply.toast == "Deze vraag ligt al bij die beroepskracht."
    assert not await has_flow(bot, piet)
    assert await questions_of(bot) == [before]
    assert await thread_of(bot, before.id) == thread
    assert {c.id: len(c.inbox()) for c in (carla, piet)} == inboxes


async def test_a_coordinator_passes_a_question_on(bot: Harness) -> None:
    carla, carla_person = await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    pia, pia_person = await bot.member(Role.PROFESSIONAL, "Pia", wijk="Zuid", language="en")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await rule(bot, None, piet_person)
    await ask(anna)
    [question] = await questions_of(bot)

    reply = await carla.press_data(f"q:re:{question.id}")
    assert reply.buttons == ["Pia (Zuid)"]
    await carla.press("Pia (Zuid)")
    reply = await carla.send("Piet is met verlof.")
    assert reply.text == "Vraag Q-0001 is doorgestuurd."
    alert = pia.inbox()[-1]
    assert "Passed on to you by Carla. Reason: <i>Piet is met verlof.</i>" in (alert.text or "")
    assert "New question Q-0001" in (alert.text or "")
    assert alert.buttons == ["Answer", "Pass on", "📚 Answer for everyone"]
    assert last_text(piet) == (
        "Carla heeft vraag Q-0001 doorgestuurd naar Pia. Je hoeft hem niet meer te beantwoorden."
    )
    [moved] = await questions_of(bot)
    assert moved.owner_id == pia_person.id
    last = (await thread_of(bot, question.id))[-1]
    assert (last.kind, last.author_id) == ("reassigned", carla_person.id)
    reply = await pia.press("Answer")
    assert reply.text.startswith("Type your answer to Q-0001.")


async def test_each_topic_has_its_own_answer_deadline(tmp_path: Path) -> None:
    topics = [
        {"key": "schulden", "nl": "Geldzorgen", "en": "Money worries", "answer_hours": 4},
        {"key": "praktisch", "nl": "Praktisch", "en": "Practical"},
    ]
    harness = await Harness(
        settings_for(tmp_path, organisation={"question_topics": topics})
    ).start()
    try:
        await harness.member(Role.COORDINATOR, "Carla")
        anna, _ = await harness.member(Role.VOLUNTEER, "Anna")
        await ask(anna, topic="Geldzorgen")
        await ask(anna, "Hoe vraag ik een rolstoel aan?", topic="Praktisch")
        money, practical = sorted(await questions_of(harness), key=lambda q: q.id)
        hours = harness.services.deps.hours
        assert money.answer_due_at == hours.add_working_hours(money.created_at, 4)
        assert practical.answer_due_at == hours.add_working_hours(practical.created_at, 16)
    finally:
        await harness.stop()


async def test_a_reply_to_a_prompt_feeds_the_open_step_not_the_question(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    _, pia_person = await bot.member(Role.PROFESSIONAL, "Pia", wijk="Zuid")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await rule(bot, None, piet_person)
    await ask(anna)
    await ask(anna, "Is er een budgetcursus in de wijk?")
    first, second = await questions_of(bot)
    heard_by_anna = len(anna.inbox())

    # Passing Q-0001 on: the reason is typed as a reply to the prompt that names Q-0001.
    await piet.press_data(f"q:re:{first.id}")
    await piet.press("Pia (Zuid)")
    prompt = piet.inbox()[-1]
    assert "Q-0001" in (prompt.text or "")
    reply = await bot.process(replying(piet, prompt, "Pia kent het Geldloket beter."))
    assert reply.texts[0] == "Vraag Q-0001 is doorgestuurd."
    assert (await questions_of(bot))[0].owner_id == pia_person.id
    assert len(anna.inbox()) == heard_by_anna  # the reason never reaches the volunteer

    # Answering Q-0002 after pressing the button for it, then replying to Q-0001's old alert:
    # the reply names Q-0001, which is no longer Piet's; his open answer for Q-0002 stays.
    await piet.press_data(f"q:ans:{second.id}")
    old_alert = next(c for c in piet.inbox() if "Nieuwe vraag Q-0001" in (c.text or ""))
    reply = await bot.process(replying(piet, old_alert, "Toch nog even dit."))
    assert reply.text == NOT_ALLOWED
    reply = await piet.send("Ja, elke dinsdagavond.")
    assert reply.text.startswith("Je antwoord op Q-0002 is naar de vrijwilliger gestuurd.")
    assert "elke dinsdagavond" in last_text(anna)


async def test_a_step_overtaken_by_others_ends_with_a_clear_answer(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    await bot.member(Role.PROFESSIONAL, "Pia", wijk="Zuid")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await rule(bot, None, piet_person)
    await ask(anna)
    [question] = await questions_of(bot)

    # Piet starts answering; meanwhile Carla passes the question on to Pia.
    await piet.press_data(f"q:ans:{question.id}")
    await carla.press_data(f"q:re:{question.id}")
    await carla.press("Pia (Zuid)")
    await carla.send("Pia heeft meer tijd.")
    reply = await piet.send("Bij het Geldloket.")
    assert reply.text == NOT_ALLOWED
    assert not await has_flow(bot, piet)
    reply = await piet.send("Hallo?")
    assert reply.text == "Dat begrijp ik niet. Kies iets uit het menu of typ /hulp."

    # Anna starts a follow-up, then closes the question instead: the follow-up step ends too.
    await carla.press_data(f"q:ans:{question.id}")
    await carla.send("Bij het Geldloket.")
    await anna.press_data(f"q:more:{question.id}")
    await anna.press_data(f"q:done:{question.id}")
    assert not await has_flow(bot, anna)
    reply = await anna.send("Dank je wel!")
    assert reply.text == "Dat begrijp ik niet. Kies iets uit het menu of typ /hulp."


async def test_starting_a_question_keeps_a_half_written_signal(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/signaal")
    await anna.press("Eenzaamheid")
    reply = await anna.send("/vraag")
    assert reply.text == (
        "Je bent nog bezig met een signaal. Maak dat eerst af met /signaal, of stop ermee met"
        " /annuleer."
    )
    reply = await anna.send("/signaal")  # the draft is still there, where she left it
    assert reply.text.startswith("In welke wijk is het?")
    await anna.send("/annuleer")
    reply = await anna.send("/vraag")
    assert reply.text == "Waar gaat je vraag over? Kies wat het beste past."
    reply = await anna.send("/signaal")
    assert reply.text.startswith("Je bent nog bezig met een vraag.")


async def test_a_reply_to_a_passed_on_alert_answers_its_question_whatever_the_reason_says(
    bot: Harness,
) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    pia, pia_person = await bot.member(Role.PROFESSIONAL, "Pia", wijk="Zuid")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await ask(anna)
    await ask(anna, "Is er een budgetcursus?")
    await carla.press_data("q:re:1")
    await carla.press("Pia (Zuid)")
    await carla.send("Lijkt op Q-0002, dat ken jij.")
    alert = pia.inbox()[-1]
    await bot.process(replying(pia, alert, "Bij het Geldloket."))
    first, second = await questions_of(bot)
    assert (first.status, second.status) == ("answered", "open")
    assert first.owner_id == pia_person.id
