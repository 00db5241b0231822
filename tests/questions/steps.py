"""Steps of the question dialogues that many tests take: a routing rule, asking, replying, a
knowledge-base entry."""

from __future__ import annotations

import re
from typing import Any

from storage.faq import FaqRepository
from storage.people import Person
from storage.routing import RoutingRepository
from tests import payloads
from tests.dialogue import Chatter, Harness
from tests.fake_telegram import BOT_USER, Call

QUESTION = "Waar kan iemand met betalingsachterstanden terecht in de wijk?"


async def rule(bot: Harness, topic: str | None, person: Person) -> None:
    async with bot.services.db.transaction() as tx:
        await RoutingRepository(tx).add_rule(topic, None, person.id, bot.clock())


async def ask(anna: Chatter, text: str = QUESTION, topic: str = "Geldzorgen") -> None:
    await anna.send("/vraag")
    await anna.press(topic)
    await anna.send(text)
    await anna.press("✅ Versturen")


def replying(chatter: Chatter, quoted: Call, text: str) -> dict[str, Any]:
    """A Telegram reply (swipe, "Beantwoorden") to one of the bot's messages."""
    update = payloads.message_update(chatter.user, text)
    update["message"]["reply_to_message"] = {
        "message_id": quoted.message_id,
        "from": BOT_USER,
        "chat": update["message"]["chat"],
        "date": payloads.DATE,
        "text": re.sub(r"<[^>]+>", "", quoted.text or ""),  # Telegram strips the markup
    }
    return update


async def seed(bot: Harness, topic: str, question: str, answer: str) -> int:
    async with bot.services.db.transaction() as tx:
        return await FaqRepository(tx).add(None, topic, question, answer, None, bot.clock())
