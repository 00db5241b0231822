"""Someone without an account who picks a language with /taal hears the bot in it from then on,
and gets the ☰ menu in it; the choice is kept as little as possible (a flow row, purged with
stale drafts) and carries into registration."""

from __future__ import annotations

from bot.core import i18n
from storage.people import Role
from tests.dialogue import Harness
from tests.people.steps import invite
from tests.stored import draft_of


async def test_a_strangers_language_choice_is_kept_until_they_register(bot: Harness) -> None:
    sam = bot.chatter("Sam", "nl")
    await sam.send("/taal")
    reply = await sam.press("English")
    assert reply.text == i18n.t("en", "language.changed")
    [menu] = [c for c in reply if c.method == "setMyCommands"]
    assert [c["command"] for c in menu.params["commands"]] == ["start", "help", "language"]
    assert menu.params["scope"] == {"type": "chat", "chat_id": sam.id}

    assert (await sam.send("/hulp")).text == i18n.t("en", "help.unregistered")
    assert (await sam.send("hallo")).text == i18n.t("en", "access.not_registered")
    assert (await sam.send("/annuleer")).text == i18n.t("en", "common.nothing_to_cancel")
    assert (await sam.send("/help")).text == i18n.t("en", "help.unregistered")  # still kept

    code = await invite(bot, Role.VOLUNTEER)
    reply = await sam.send(f"/start {code}")
    assert "Welcome to" in reply.texts[0]
    draft = await draft_of(bot, sam.id)
    assert draft is not None and draft.data["language"] == "en"


async def test_a_strangers_language_choice_goes_with_stale_drafts(bot: Harness) -> None:
    sam = bot.chatter("Sam", "nl")
    await sam.send("/taal")
    await sam.press("English")
    bot.clock.advance(days=bot.settings.retention.drafts_days + 1)
    await bot.services.retention.purge()
    assert await draft_of(bot, sam.id) is None
    assert (await sam.send("/help")).text == i18n.t("nl", "help.unregistered")
