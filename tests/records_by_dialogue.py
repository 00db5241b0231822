"""A person with one of every kind of record, built through the real dialogues.

One small function per kind of record; `build_everything` makes Anna, a volunteer, with all of
them and returns what was stored, each text carrying a marker so a test can find it back (or
prove it is gone): her profile, a half-written draft, a signal with a professional's question,
her answer and a closing message to her, a question with an answer and her follow-up, and a
message still waiting for her. Everyone around her is a plain member seeded in the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from storage.people import Person, PersonRepository, Role
from storage.routing import RoutingRepository
from tests import payloads
from tests.dialogue import Chatter, Harness

ANNA_TELEGRAM_ID = 7_734_219_908  # distinctive, to find it in a file's bytes
ANNA_NAME = "Annemijn Zwaluwstaart"


@dataclass
class Team:
    carla: Chatter  # coordinator
    piet: Chatter  # professional, who gets every signal and question (routing rule)


@dataclass
class Everything:
    """Anna and what was stored about her, by kind of record."""

    anna: Chatter
    person: Person
    team: Team
    texts: dict[str, str] = field(default_factory=dict)


async def team(bot: Harness) -> Team:
    carla, _ = await bot.member(Role.COORDINATOR, "Carla")
    piet, piet_person = await bot.member(Role.PROFESSIONAL, "Piet")
    async with bot.services.db.transaction() as tx:
        await RoutingRepository(tx).add_rule(None, None, piet_person.id, bot.clock())
    return Team(carla, piet)


async def registered_volunteer(bot: Harness, texts: dict[str, str]) -> tuple[Chatter, Person]:
    """Anna registers with an invitation: name, wijk, an interest, availability, motivation."""
    anna = Chatter(bot, payloads.user_json(ANNA_TELEGRAM_ID, ANNA_NAME, "nl"))
    code = (await bot.services.invites.create(Role.VOLUNTEER)).code
    texts["name"] = ANNA_NAME
    texts["motivation"] = "Motivatie-kwikstaart: ik wil mijn buurt helpen."
    await anna.send(f"/start {code}")
    await anna.send(ANNA_NAME)
    await anna.press("Zuid")
    await anna.press("Ouderen")
    await anna.press("Klaar")
    await anna.press("In het weekend")
    await anna.press("Klaar")
    await anna.press("2")
    await anna.send(texts["motivation"])
    await anna.press("✅ Ik ga akkoord")
    async with bot.services.db.read() as tx:
        person = await PersonRepository(tx).by_telegram_id(anna.id)
    assert person is not None
    return anna, person


async def signal_with_history(anna: Chatter, piet: Chatter, texts: dict[str, str]) -> None:
    """Anna reports; Piet asks her something, she answers; he closes it with a message to her."""
    texts["signal"] = "Signaal-boomklever: de buurman komt al weken niet buiten."
    texts["signal_question"] = "Vraag-goudvink: weet je of hij familie heeft?"
    texts["signal_answer"] = "Antwoord-roodborst: een zoon, maar die komt zelden."
    texts["closing_message"] = "Slot-merel: dankzij jou krijgt hij nu bezoek."
    await anna.send("/signaal")
    await anna.press("Eenzaamheid")
    await anna.press("Noord")
    await anna.send(texts["signal"])
    for choice in ("Normaal", "Weet ik niet", "Overslaan", "Overslaan", "✅ Versturen"):
        await anna.press(choice)
    await piet.press("Vraag stellen")
    await piet.send(texts["signal_question"])
    await anna.press("Antwoorden")
    await anna.send(texts["signal_answer"])
    await piet.press("Afsluiten")
    await piet.press("Hulp geregeld")
    await piet.send(texts["closing_message"])


async def question_with_thread(anna: Chatter, piet: Chatter, texts: dict[str, str]) -> None:
    """Anna asks; Piet answers; she asks more, which waits for his answer."""
    texts["question"] = "Vraag-ijsvogel: waar kan een buurvrouw terecht met schulden?"
    texts["answer"] = "Antwoord-grutto: bij het Geldloket in het wijkcentrum."
    texts["follow_up"] = "Vervolg-kievit: moet zij daar een afspraak maken?"
    await anna.send("/vraag")
    await anna.press("Geldzorgen")
    await anna.send(texts["question"])
    await anna.press("✅ Versturen")
    await piet.press("Beantwoorden")
    await piet.send(texts["answer"])
    await anna.press("Nog een vraag hierover")
    await anna.send(texts["follow_up"])


async def draft(anna: Chatter, texts: dict[str, str]) -> None:
    """A signal Anna started and left half-way (a stored draft)."""
    texts["draft"] = "Concept-zwaluw: de vrouw op de hoek lijkt verward."
    await anna.send("/signaal")
    await anna.press("Geldzorgen")
    await anna.press("Centrum")
    await anna.send(texts["draft"])


async def waiting_message(
    bot: Harness, anna: Chatter, piet: Chatter, texts: dict[str, str]
) -> None:
    """Anna blocked the bot; Piet's answer to her follow-up waits in the outbox for her."""
    texts["waiting"] = "Wacht-specht: ja, maar op dinsdag kan het zonder afspraak."
    bot.fake.blocked.add(anna.id)
    await piet.press("Beantwoorden")
    await piet.send(texts["waiting"])
    bot.fake.blocked.discard(anna.id)


async def build_everything(bot: Harness) -> Everything:
    """Anna, a volunteer, with one of every kind of record."""
    people = await team(bot)
    texts: dict[str, str] = {}
    anna, person = await registered_volunteer(bot, texts)
    await signal_with_history(anna, people.piet, texts)
    await question_with_thread(anna, people.piet, texts)
    await waiting_message(bot, anna, people.piet, texts)
    await draft(anna, texts)
    return Everything(anna, person, people, texts)
