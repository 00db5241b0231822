"""Steps of the announcement tests: people to send to, an announcement started the way the
draft's last press starts it, and settling (delivery, then the watcher's report)."""

from __future__ import annotations

from typing import Any

from bot.announcements.sending import Outgoing
from bot.people.audiences import Audience
from storage.announcements import Announcement, AnnouncementRepository, Content, Kind
from storage.people import Person, Role, Status
from tests import payloads
from tests.dialogue import Chatter, Harness, Replies
from tests.fake_telegram import BOT_USER, Call
from tests.people.steps import seed

NOORD_VOLUNTEERS = Audience().where("role", "volunteer").where("wijk", "Noord")
BOLD = {"type": "bold", "offset": 0, "length": 10}  # "Kerstlunch"
LUNCH = Content(Kind.TEXT, "Kerstlunch vrijdag 20 december om 12:00.", (BOLD,))


async def neighbourhood(bot: Harness) -> dict[str, tuple[Chatter, Person]]:
    """Carla (coordinator), Pieter (professional, Noord) and volunteers: Vera, Wim and Eva
    in Noord (Eva in English), Zara in Zuid, Paul paused by a coordinator, Olga on her own
    pause, Adam an alumnus of Noord."""
    people = {
        "Carla": await seed(bot, "Carla", Role.COORDINATOR, None),
        "Pieter": await seed(bot, "Pieter", Role.PROFESSIONAL, "Noord"),
        "Vera": await seed(bot, "Vera"),
        "Wim": await seed(bot, "Wim"),
        "Eva": await seed(bot, "Eva", language="en"),
        "Zara": await seed(bot, "Zara", wijk="Zuid"),
        "Paul": await seed(bot, "Paul", status=Status.PAUSED),
        "Adam": await seed(bot, "Adam", status=Status.ALUMNI),
    }
    olga = people["Olga"] = await seed(bot, "Olga")
    await bot.services.own_pause.start(None, olga[0].id, None)
    return people


async def announce(
    bot: Harness,
    sender: Person,
    audience: Audience = NOORD_VOLUNTEERS,
    content: Content = LUNCH,
    **options: Any,
) -> Announcement:
    """Start an announcement as the draft's send press does, in one transaction."""
    async with bot.services.db.transaction() as tx:
        return await bot.services.announcements.sending.add(
            tx, sender, Outgoing(audience, content, **options), None
        )


async def settle(bot: Harness) -> int:
    """Deliver what is due, let the watcher look, deliver its reports; how many it reported."""
    await bot.deliver()
    watch = bot.services.announcements.watch
    assert watch is not None
    reported = await watch.check()
    await bot.deliver()
    return reported


async def stored(bot: Harness, announcement_id: int) -> Announcement:
    async with bot.services.db.read() as tx:
        found = await AnnouncementRepository(tx).by_id(announcement_id)
    assert found is not None
    return found


def copies_to(bot: Harness, chatter: Chatter) -> list[Call]:
    """The announcement copies Telegram accepted for this person."""
    return [
        c
        for c in bot.fake.delivered(chatter.id, None)
        if c.method in ("sendMessage", "sendPhoto", "sendDocument")
        and ("entities" in c.params or "caption_entities" in c.params)
    ]


async def write(
    chatter: Chatter, text: str, entities: list[dict[str, Any]] | None = None
) -> Replies:
    """Send text with formatting, as Telegram sends what someone typed in bold or italic."""
    update = payloads.message_update(chatter.user, text)
    if entities:
        update["message"]["entities"] = entities
    return await chatter.harness.process(update)


async def send_pdf(chatter: Chatter, caption: str, name: str = "agenda.pdf") -> Replies:
    update = payloads.message_update(chatter.user, "")
    message = update["message"]
    del message["text"]
    message["document"] = {
        "file_id": "BQACAgQAAxkPDF",
        "file_unique_id": "AgADPDF",
        "file_name": name,
        "mime_type": "application/pdf" if name.endswith(".pdf") else "application/zip",
        "file_size": 24_000,
    }
    message["caption"] = caption
    return await chatter.harness.process(update)


async def compose(
    carla: Chatter,
    *,
    who: tuple[str, ...] = (
        "🔎 Kiezen: rol, wijk, interesse",
        "Vrijwilligers",
        "Klaar",
        "Noord",
        "Klaar",
        "Klaar",
    ),
    text: str = LUNCH.body,
    entities: list[dict[str, Any]] | None = None,
    important: str = "Ja, met Gelezen 👍",
) -> Replies:
    """/bericht to the volunteers in Noord (by default), up to the preview and summary."""
    reply = await carla.send("/bericht")
    if "✏️ Nieuwe mededeling" in reply.buttons:  # the list of earlier ones first
        await carla.press("✏️ Nieuwe mededeling")
    for label in who:
        await carla.press(label)
    await write(carla, text, entities if entities is not None else [dict(BOLD)])
    return await carla.press(important)


def reached(bot: Harness, people: dict[str, tuple[Chatter, Person]], sender: str) -> set[str]:
    """Who got a copy (the sender's preview is no copy)."""
    return {name for name, (chat, _) in people.items() if name != sender and copies_to(bot, chat)}


async def reply_to(chatter: Chatter, text: str, message_id: int) -> Replies:
    """A Telegram reply (swipe, or "Beantwoorden") to one of the bot's messages."""
    update = payloads.message_update(chatter.user, text)
    update["message"]["reply_to_message"] = {
        "message_id": message_id,
        "from": BOT_USER,
        "chat": update["message"]["chat"],
        "date": payloads.DATE,
        "text": "…",
    }
    return await chatter.harness.process(update)
