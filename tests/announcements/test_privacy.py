"""/vergeet and /mijngegevens for announcements: a name in a copy still on its way goes with its
formatting intact, a reply leaves with its writer, and each person finds what they got and
sent in their data."""

from __future__ import annotations

import json

from storage.announcements import Content, Kind
from tests.announcements.steps import announce, neighbourhood, settle, stored
from tests.dialogue import Harness

WELCOME = Content(
    Kind.TEXT,
    "Welkom Vera! Vrijdag is er koffie.",
    ({"type": "bold", "offset": 0, "length": 11}, {"type": "italic", "offset": 13, "length": 7}),
)


async def test_erasing_a_person_named_in_a_copy_keeps_its_formatting_right(bot: Harness) -> None:
    people = await neighbourhood(bot)
    announcement = await announce(bot, people["Carla"][1], content=WELCOME)
    vera = people["Vera"][0]
    await vera.send("/vergeet")
    await vera.press("Ja, wis mijn gegevens")

    wim = people["Wim"][1]
    [copy] = [r for r in await _rows(bot) if r["key"] == f"an:{announcement.id}:to:{wim.id}"]
    payload = json.loads(copy["payload"])
    text, entities = payload["text"], payload["entities"]
    assert "\n\nWelkom —! Vrijdag is er koffie.\n\n" in text
    assert [covered(text, e) for e in entities[1:3]] == ["Welkom —", "Vrijdag"]
    assert (await stored(bot, announcement.id)).content.body == "Welkom —! Vrijdag is er koffie."


async def test_a_reply_leaves_with_its_writer(bot: Harness) -> None:
    people = await neighbourhood(bot)
    announcement = await announce(bot, people["Carla"][1])
    await settle(bot)
    wim = people["Wim"][0]
    await bot.services.announcements.replies.forward(None, wim.id, announcement.id, "Ik kom!")
    await bot.deliver()
    reply = await wim.send("/mijngegevens")
    document = next(c for c in reply if c.method == "sendDocument")
    data = json.loads(next(iter(document.files.values())))
    [written] = data["your_replies_to_announcements"]
    assert written["text"].endswith("Ik kom!")
    assert data["announcements_received"][0]["announcement"] == "A-0001"

    await wim.send("/vergeet")
    await wim.press("Ja, wis mijn gegevens")
    assert not [r for r in await _rows(bot) if "Ik kom!" in r["payload"]]


def covered(text: str, entity: dict[str, int]) -> str:
    """The words an entity covers, counted in UTF-16 units as Telegram counts."""
    units = text.encode("utf-16-le")
    start, end = 2 * entity["offset"], 2 * (entity["offset"] + entity["length"])
    return units[start:end].decode("utf-16-le")


async def _rows(bot: Harness) -> list[dict[str, str]]:
    async with bot.services.db.read() as tx:
        return [dict(r) for r in await tx.fetchall("SELECT key, payload FROM outbox")]
