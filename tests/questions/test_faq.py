"""The knowledge base: publishing an answered question (owner or coordinator only), /faq search
ranked by relevance, browsing by topic, and related answers shown before a question is sent."""

from __future__ import annotations

import pytest

from bot.core import i18n
from bot.core.errors import NotAllowed
from storage.faq import FaqEntry, FaqRepository
from storage.people import Person, Role
from tests.answers import NOT_ALLOWED
from tests.dialogue import Chatter, Harness, last_text
from tests.questions.steps import replying, rule, seed
from tests.stored import has_flow, questions_of

ORIGINAL = "Mevrouw op nummer zeven heeft zonnepanelensubsidie nodig, ze zit krap. Wat kan ze doen?"
PUBLISHED_Q = "Waar kan een bewoner met geldzorgen terecht voor hulp bij schulden?"
PUBLISHED_A = "Bij het Geldloket in het wijkcentrum, elke dinsdag zonder afspraak."

EDITS = ("✏️ Onderwerp", "✏️ Vraag")  # the summary's edit buttons


async def entries_of(bot: Harness) -> list[FaqEntry]:
    async with bot.services.db.read() as tx:
        rows = await tx.fetchall("SELECT id FROM faq_entries ORDER BY id")
        found = [await FaqRepository(tx).by_id(r["id"]) for r in rows]
    return [e for e in found if e is not None]


async def asked_of_pete(bot: Harness, topic: str | None = None) -> tuple[Chatter, Person, Chatter]:
    """Pete, the owner by a routing rule (on `topic`, or on everything), and Anna, who asked."""
    pete, pete_person = await bot.member(Role.PROFESSIONAL, "Pete")
    await rule(bot, topic, pete_person)
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await anna.send("/vraag")
    await anna.press("Geldzorgen")
    await anna.send(ORIGINAL)
    await anna.press("✅ Versturen")
    return pete, pete_person, anna


async def answered_question(bot: Harness) -> tuple[Chatter, Person, Chatter, int]:
    """Anna asks, Pete (the owner by routing rule) answers; the question stays unpublished."""
    pete, pete_person, anna = await asked_of_pete(bot, "schulden")
    [question] = await questions_of(bot)
    await pete.press("Beantwoorden")
    reply = await pete.send("Vraag het Energieloket, die helpen met de aanvraag.")
    assert reply.text == "Je antwoord op Q-0001 is naar de vrijwilliger gestuurd."
    assert reply.buttons == ["📚 Publiceren in kennisbank"]
    return pete, pete_person, anna, question.id


async def test_the_owner_publishes_an_edited_anonymised_version(bot: Harness) -> None:
    pete, pete_person, anna, question_id = await answered_question(bot)

    reply = await pete.press("📚 Publiceren in kennisbank")
    assert reply.text.startswith("Je publiceert Q-0001 in de kennisbank.")
    reply = await pete.send("Bel me op 06-12345678 als je vragen hebt")
    assert reply.text.startswith("Er staan nog gegevens in die iemand herkenbaar maken")
    reply = await pete.send(PUBLISHED_Q)
    assert reply.text.startswith("Typ nu het antwoord")
    reply = await pete.send(PUBLISHED_A)
    assert reply.text.startswith("📚 Q-0001 staat in de kennisbank.")
    assert not await has_flow(bot, pete)

    [entry] = await entries_of(bot)
    assert (entry.question, entry.answer) == (PUBLISHED_Q, PUBLISHED_A)
    assert (entry.topic, entry.question_id, entry.published_by) == (
        "schulden",
        question_id,
        pete_person.id,
    )

    reply = await anna.send("/faq geldloket")
    assert PUBLISHED_Q in reply.text and "Geldloket" in reply.text
    assert "zonnepanelensubsidie" not in reply.text and "Mevrouw" not in reply.text


async def test_others_may_not_publish_and_nothing_changes(bot: Harness) -> None:
    _, _, anna, question_id = await answered_question(bot)
    bram, _ = await bot.member(Role.PROFESSIONAL, "Bram")

    reply = await bram.press_data(f"q:pub:{question_id}")
    assert reply.toast == NOT_ALLOWED
    reply = await anna.press_data(f"q:pub:{question_id}")
    assert reply.toast == NOT_ALLOWED
    with pytest.raises(NotAllowed):
        await bot.services.faq.publish(bram.id, question_id, PUBLISHED_Q, PUBLISHED_A)
    with pytest.raises(NotAllowed):
        await bot.services.faq.publish(anna.id, question_id, PUBLISHED_Q, PUBLISHED_A)
    assert await entries_of(bot) == []
    assert not await has_flow(bot, bram) and not await has_flow(bot, anna)

    # A coordinator may.
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    entry = await bot.services.faq.publish(carla.id, question_id, PUBLISHED_Q, PUBLISHED_A)
    assert [e.id for e in await entries_of(bot)] == [entry.id]


async def test_search_ranks_the_relevant_entry_first(bot: Harness) -> None:
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await seed(bot, "ouderen", "Welke activiteiten zijn er voor eenzame ouderen?", "De soos.")
    await seed(
        bot,
        "praktisch",
        "Hoe regel ik vervoer naar het ziekenhuis?",
        "Via de belbus; bij schulden kan het gratis.",
    )
    relevant = "Waar vindt iemand met schulden hulp? Schuldhulp en schulden regelen."
    await seed(bot, "schulden", relevant, "Bij de schuldhulpverlening van de gemeente.")
    await seed(
        bot, "anders", "Mag ik een foto maken tijdens een activiteit?", "Alleen met toestemming."
    )

    found = await bot.services.faq.search("hulp bij schulden")
    assert [e.question for e in found][:2] == [
        relevant,
        "Hoe regel ik vervoer naar het ziekenhuis?",
    ]
    reply = await anna.send("/faq hulp bij schulden")
    assert reply.text.startswith("📚 <b>Uit de kennisbank</b>")
    assert reply.text.index("Schuldhulp") < reply.text.index("belbus")
    assert "eenzame" not in reply.text and "foto" not in reply.text

    # Diacritics are folded, and FTS5 syntax in what people type is harmless.
    await seed(bot, "praktisch", "Is er een café in de wijk?", "Ja, het buurthuis.")
    assert [e.answer for e in await bot.services.faq.search("cafe")] == ["Ja, het buurthuis."]
    assert await bot.services.faq.search('" OR * NEAR(') == []
    reply = await anna.send("/faq brandweerkazerne")
    assert reply.text.startswith("Niets gevonden in de kennisbank.")


async def test_unpublished_question_text_never_appears(bot: Harness) -> None:
    pete, _, anna, _ = await answered_question(bot)
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    for chatter in (anna, pete, carla):
        reply = await chatter.send("/faq zonnepanelensubsidie")
        assert reply.text.startswith("Niets gevonden in de kennisbank.")
        reply = await chatter.send("/faq energieloket")
        assert reply.text.startswith("Niets gevonden in de kennisbank.")
    reply = await anna.send("/faq")
    assert reply.text == "De kennisbank is nog leeg."

    # Published with edited texts: only those can be found.
    await pete.press("📚 Publiceren in kennisbank")
    await pete.send("Waar vind je hulp bij een subsidieaanvraag voor energie?")
    await pete.send("Het Energieloket helpt met de aanvraag.")
    reply = await anna.send("/faq zonnepanelensubsidie krap mevrouw")
    assert reply.text.startswith("Niets gevonden in de kennisbank.")
    reply = await anna.send("/faq energieloket")
    assert "Het Energieloket helpt met de aanvraag." in reply.text
    assert all(ORIGINAL not in text for text in reply.texts)


async def test_browse_by_topic(bot: Harness) -> None:
    amy, _ = await bot.member(Role.VOLUNTEER, "Amy", language="en")
    await seed(bot, "schulden", "Waar is het Geldloket?", "In het wijkcentrum.")
    await seed(bot, "schulden", "Wat doet schuldhulp?", "Een plan maken.")
    await seed(bot, "ouderen", "Is er een ouderensoos?", "Op woensdag.")

    reply = await amy.send("/faq")
    assert reply.text.startswith("📚 <b>Knowledge base</b>")
    assert reply.buttons == ["Older people (1)", "Money worries (2)"]
    reply = await amy.press("Money worries (2)")
    assert reply.text.startswith("📚 <b>Knowledge base: Money worries</b>")
    assert "Geldloket" in reply.text and "schuldhulp" in reply.text
    assert "ouderensoos" not in reply.text
    reply = await amy.send("/kennisbank ouderensoos")  # the Dutch word works too
    assert "Op woensdag." in reply.text and "Geldloket" not in reply.text
    reply = await amy.press_data("faq:topic:nothing-here")
    assert (
        reply.text
        == "Nothing found in the knowledge base. Try other words, or ask your question with /ask."
    )


async def test_related_answers_before_sending_a_similar_question(bot: Harness) -> None:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await seed(bot, "schulden", PUBLISHED_Q, PUBLISHED_A)
    await seed(bot, "ouderen", "Welke activiteiten zijn er voor eenzame ouderen?", "De soos.")

    await anna.send("/vraag")
    await anna.press("Geldzorgen")
    reply = await anna.send("Iemand heeft schulden, waar kan hij terecht voor hulp?")
    related, summary = reply.texts
    assert related.startswith("📚 <b>Helpt een van deze antwoorden?</b>")
    assert PUBLISHED_Q in related and "Geldloket" in related and "eenzame" not in related
    assert summary.startswith("<b>Je vraag</b>")
    assert reply.buttons == ["✅ Versturen", *EDITS, "📷 Foto toevoegen", "Niet versturen"]
    await anna.press("✅ Versturen")
    assert "Je vraag is verstuurd." in last_text(anna)
    assert len(await questions_of(bot)) == 1
    assert "Nieuwe vraag Q-0001" in last_text(carla)


async def test_no_related_answers_for_an_unrelated_question(bot: Harness) -> None:
    await bot.member(Role.COORDINATOR, "Carla")
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await seed(bot, "schulden", PUBLISHED_Q, PUBLISHED_A)

    await anna.send("/vraag")
    await anna.press("Praktisch")
    reply = await anna.send("Wanneer wordt het grofvuil in de wijk opgehaald?")
    assert len(reply.texts) == 1 and reply.text.startswith("<b>Je vraag</b>")
    assert "Helpt een van deze" not in reply.text


async def test_a_telling_word_outweighs_many_common_ones(bot: Harness) -> None:
    """Related answers search on the rarest words of the new question: the entry naming
    'respijtzorg' comes first, not the ones sharing many everyday words with it."""
    for n in range(12):
        await seed(
            bot,
            "ouderen",
            f"Wat kan een buurvrouw doen die zorgt voor haar zieke man en moe wordt ({n})?",
            "Praat met de mantelzorgconsulent.",
        )
    telling = await seed(bot, "ouderen", "Wat is respijtzorg?", "Tijdelijk de zorg overnemen.")

    async with bot.services.db.read() as tx:
        found = await FaqRepository(tx).related(
            "Een buurvrouw zorgt voor haar zieke man en wordt moe. Is er respijtzorg voor haar?"
        )
        assert [e.id for e in found][:1] == [telling]
        assert len(found) == 3  # the everyday words fill up the list
        # In a small knowledge base no word is too common to find related answers by.
        found = await FaqRepository(tx).related("Mijn buurvrouw zorgt voor haar zieke man.")
        assert len(found) == 3 and telling not in [e.id for e in found]
        assert await FaqRepository(tx).related("het de een en van") == []  # only stopwords


async def test_published_text_is_shown_escaped_once(bot: Harness) -> None:
    anna, _ = await bot.member(Role.VOLUNTEER, "Anna")
    await seed(bot, "praktisch", "Kan ik <b>vet</b> typen & zo?", "Ja & nee.")
    reply = await anna.send("/faq vet")
    assert "Kan ik &lt;b&gt;vet&lt;/b&gt; typen &amp; zo?" in reply.text
    assert "Ja &amp; nee." in reply.text


async def test_answer_for_everyone_answers_then_publishes_the_same_answer(bot: Harness) -> None:
    pete, pete_person, anna = await asked_of_pete(bot, "schulden")

    reply = await pete.press("📚 Antwoord voor iedereen")
    assert reply.text.startswith("Typ je antwoord op Q-0001. Het gaat eerst naar de vrijwilliger.")
    reply = await pete.send(PUBLISHED_A)
    assert reply.text.startswith("Je antwoord op Q-0001 is naar de vrijwilliger gestuurd.")
    assert "Typ de vraag zoals iedereen hem mag lezen" in reply.text
    assert "Antwoord op je vraag Q-0001" in last_text(anna) and PUBLISHED_A in last_text(anna)
    assert (await questions_of(bot))[0].status == "answered"

    reply = await pete.send(PUBLISHED_Q)
    assert reply.text.startswith("Typ nu het antwoord")
    assert reply.buttons == ["Zelfde antwoord gebruiken"]
    reply = await pete.press("Zelfde antwoord gebruiken")
    assert reply.text.startswith("📚 Q-0001 staat in de kennisbank.")
    [entry] = await entries_of(bot)
    assert (entry.question, entry.answer, entry.published_by) == (
        PUBLISHED_Q,
        PUBLISHED_A,
        pete_person.id,
    )
    assert not await has_flow(bot, pete)
    # The button is gone with the flow: pressing it again publishes nothing more.
    reply = await pete.press_data("faq:same")
    assert reply.toast is not None and len(await entries_of(bot)) == 1


async def test_an_identifying_answer_must_be_retyped_for_everyone(bot: Harness) -> None:
    pete, _, _ = await asked_of_pete(bot)
    await pete.press("📚 Antwoord voor iedereen")
    await pete.send("Bel Pete even op 06-12345678, dan regelen we het.")
    await pete.send(PUBLISHED_Q)
    reply = await pete.press("Zelfde antwoord gebruiken")
    assert "Er staan nog gegevens in die iemand herkenbaar maken" in (reply.toast or reply.text)
    assert await entries_of(bot) == []
    reply = await pete.send(PUBLISHED_A)  # the version for everyone, typed
    assert reply.text.startswith("📚 Q-0001 staat in de kennisbank.")
    [entry] = await entries_of(bot)
    assert entry.answer == PUBLISHED_A and "06-12345678" not in entry.answer


async def test_answer_for_everyone_is_for_the_owner_or_a_coordinator_only(bot: Harness) -> None:
    _, _, anna = await asked_of_pete(bot)
    pia, _ = await bot.member(Role.PROFESSIONAL, "Pia")
    [question] = await questions_of(bot)
    for forger in (pia, anna):
        reply = await forger.press_data(f"q:all:{question.id}")
        assert NOT_ALLOWED in (reply.toast or "") + " ".join(reply.texts)
        assert not await has_flow(bot, forger)
    reply = await pia.press_data("faq:same")
    assert reply.toast == i18n.t("nl", "common.not_found")
    assert await entries_of(bot) == []


async def test_a_quoted_reply_answer_offers_publishing(bot: Harness) -> None:
    pete, _, _ = await asked_of_pete(bot)
    alert = pete.inbox()[-1]
    reply = await bot.process(replying(pete, alert, "Vraag het Energieloket."))
    assert reply.text == "Je antwoord op Q-0001 is naar de vrijwilliger gestuurd."
    assert reply.buttons == ["📚 Publiceren in kennisbank"]


async def test_replying_to_the_publish_prompt_writes_the_entry_not_a_second_answer(
    bot: Harness,
) -> None:
    pete, _, anna = await asked_of_pete(bot)
    await pete.press("📚 Antwoord voor iedereen")
    await pete.send(PUBLISHED_A)
    heard_by_anna = len(anna.inbox())
    prompt = pete.inbox()[-1]
    assert "Je publiceert Q-0001" in (prompt.text or "")
    reply = await bot.process(replying(pete, prompt, PUBLISHED_Q))
    assert reply.text.startswith("Typ nu het antwoord")
    await pete.press("Zelfde antwoord gebruiken")
    [entry] = await entries_of(bot)
    assert entry.question == PUBLISHED_Q
    assert len(anna.inbox()) == heard_by_anna


async def test_a_question_is_published_once(bot: Harness) -> None:
    pete, _, _, _ = await answered_question(bot)
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    # Pete and Carla both start publishing Q-0001; Pete finishes first.
    await pete.press("📚 Publiceren in kennisbank")
    await carla.press_data("q:pub:1")
    await carla.send(PUBLISHED_Q)
    await pete.send(PUBLISHED_Q)
    await pete.send(PUBLISHED_A)
    reply = await carla.send("Een ander antwoord.")
    assert reply.text == "Deze vraag staat al in de kennisbank. Zoek hem op met /faq."
    assert not await has_flow(bot, carla)  # not stuck in publishing
    reply = await pete.press_data("q:pub:1")
    assert reply.toast == "Deze vraag staat al in de kennisbank. Zoek hem op met /faq."
    assert len(await entries_of(bot)) == 1
