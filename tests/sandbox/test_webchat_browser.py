"""The sandbox web chat in a real browser: Debian's chromium, driven by Playwright, against the
real `voelspriet run` sandbox (stand-in, bot and demo organisation) started as its own process.

Playwright's own browser download cannot work offline, so the test uses /usr/bin/chromium;
`make test` installs it when it is missing. Without it this test fails instead of skipping."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Locator, expect

from sandbox.demo import PERSONAS
from sandbox.standin import SANDBOX_TOKEN
from tests.sandbox import browser
from tests.sandbox.browser import (
    ROOT,
    SandboxProcess,
    column_of,
    message_in,
    press_button,
    stop_sandbox,
    tiny_png,
    webchat,
)

pytestmark = pytest.mark.browser

# The browser's fixtures (tests/sandbox/browser.py), under the names this test asks for.
chromium = browser.chromium
sandbox = browser.sandbox

SCREENSHOT = ROOT / "artifacts" / "webchat.png"
FAILURE_SCREENSHOT = ROOT / "artifacts" / "webchat-failure.png"
COMMANDS_SCREENSHOT = ROOT / "artifacts" / "webchat-commands.png"
PIETER = next(p.telegram_id for p in PERSONAS if p.name == "Pieter")
# Every kind of formatting, nested, after an emoji (two UTF-16 code units) and around newlines.
RICH = (
    "😀 <b>vet</b>, <i>schuin</i>, <u>onder</u>, <s>door</s>, <code>AbC123</code>, "
    '<a href="https://example.org/">een link</a> en <tg-spoiler>geheim</tg-spoiler>\n'
    "<blockquote>Een citaat met <b>nadruk <i>genest</i></b></blockquote>\n"
    '<pre><code class="language-python">print("hoi")</code></pre>\n'
    "Typ /profiel voor je gegevens."
)


def test_webchat_registers_a_volunteer_and_carla_uses_the_menu(
    chromium: Path, sandbox: SandboxProcess, tmp_path: Path
) -> None:
    profile = tmp_path / "chromium-profile"  # a fresh profile for every run
    # A browser elsewhere (UTC): the chat still shows the bot's local time.
    with webchat(chromium, sandbox, profile, FAILURE_SCREENSHOT, timezone_id="UTC") as page:
        # The demo personas, one column each.
        for name, role in (
            ("Carla", "coördinator"),
            ("Pieter", "beroepskracht"),
            ("Vera", "vrijwilliger"),
        ):
            expect(column_of(page, name).get_by_test_id("column-role")).to_contain_text(role)

        # A new volunteer through the form: registered at once with an invitation.
        page.get_by_label("Naam (name)").fill("Sanne")
        page.get_by_label("Rol (role)").select_option("volunteer")
        page.get_by_test_id("persona-add").click()
        sanne = column_of(page, "Sanne")
        welcome = message_in(sanne, "Welkom bij")
        expect(welcome).to_be_visible()
        expect(welcome.locator("strong")).to_have_text("Buurtwerk Demostad")
        expect(message_in(sanne, "/start")).to_have_attribute("data-from", "person")

        # The registration: a name typed, then buttons until the agreement.
        expect(message_in(sanne, "Hoe wil je genoemd worden")).to_be_visible()
        sanne.get_by_test_id("message-input").fill("Sanne")
        sanne.get_by_test_id("message-input").press("Enter")
        expect(sanne.locator('[data-from="person"]').filter(has_text="Sanne")).to_be_visible()
        press_button(message_in(sanne, "In welke wijk"), "Noordoost")
        interests = message_in(sanne, "Waar wil je graag aan meehelpen")
        press_button(interests, "Ouderen")
        expect(interests.get_by_role("button", name="✅ Ouderen")).to_be_visible()
        press_button(interests, "Klaar")
        expect(interests.get_by_test_id("inline-keyboard")).to_have_count(0)
        expect(interests).to_contain_text("bewerkt")
        press_button(message_in(sanne, "Wanneer ben je meestal beschikbaar"), "Klaar")
        press_button(message_in(sanne, "Hoeveel diensten per week"), "2")
        press_button(message_in(sanne, "Waarom wil je vrijwilliger zijn"), "Overslaan")
        terms = message_in(sanne, "Ga je akkoord")
        expect(terms.locator("strong").first).to_have_text("Jouw taak als vrijwilliger")
        press_button(terms, "✅ Ik ga akkoord")
        expect(message_in(sanne, "Je bent aangemeld")).to_be_visible()
        expect(sanne.get_by_test_id("column-role")).to_contain_text("vrijwilliger")
        expect(sanne.get_by_test_id("reply-button").first).to_be_visible()

        # Carla: the reply keyboard menu, then a button on the list it shows.
        carla = column_of(page, "Carla")
        carla.get_by_test_id("message-input").fill("/start")
        carla.get_by_test_id("send").click()
        expect(message_in(carla, "Welkom terug")).to_be_visible()
        carla.get_by_test_id("reply-button").filter(has_text="Mensen").click()
        listing = message_in(carla, "gevonden")
        expect(listing.locator("strong")).to_have_text("Mensen")
        people = carla.locator(
            f'[data-testid="message"][data-message-id="{listing.get_attribute("data-message-id")}"]'
        )
        press_button(people, "Vera · vrijwilliger · Noordoost")
        expect(people.locator("strong")).to_have_text("Vera")
        expect(people).to_contain_text("Interesses: Ouderen")
        expect(people).to_contain_text("bewerkt")

        # Pieter: a photo, a location, and being blocked for a moment.
        pieter = column_of(page, "Pieter")
        pieter.get_by_test_id("attach-toggle").click()
        pieter.get_by_test_id("photo-input").set_input_files(
            {"name": "buurt.png", "mimeType": "image/png", "buffer": tiny_png()}
        )
        photo = pieter.locator('[data-from="person"] img.photo')
        expect(photo).to_be_visible()
        assert photo.evaluate("image => image.complete && image.naturalWidth") == 96
        pieter.get_by_test_id("attach-toggle").click()
        pieter.get_by_test_id("send-location").click()
        expect(pieter.get_by_test_id("location")).to_contain_text("Locatie 52.1")
        pieter.get_by_test_id("block-toggle").click()
        expect(pieter.get_by_test_id("blocked-banner")).to_be_visible()
        expect(pieter.get_by_test_id("block-toggle")).to_have_attribute("aria-pressed", "true")
        pieter.get_by_test_id("block-toggle").click()
        expect(pieter.get_by_test_id("blocked-banner")).to_be_hidden()

        # What the bot does, straight through the stand-in's Bot API: formatting from
        # entities, a toast for a button, an edit and a deletion, all as they happen.
        def bot_call(method: str, **params: Any) -> Any:
            answer = page.request.post(f"{sandbox.url}bot{SANDBOX_TOKEN}/{method}", data=params)
            assert answer.ok, answer.text()
            return answer.json()["result"]

        def in_pieter(message: Any) -> Locator:
            return pieter.locator(f'[data-message-id="{message["message_id"]}"]')

        rich = in_pieter(bot_call("sendMessage", chat_id=PIETER, text=RICH, parse_mode="HTML"))
        expect(rich.locator("strong").first).to_have_text("vet")
        expect(rich.locator("em").first).to_have_text("schuin")
        expect(rich.locator("u")).to_have_text("onder")
        expect(rich.locator("s")).to_have_text("door")
        expect(rich.locator("code.inline-code")).to_have_text("AbC123")
        link = rich.locator('a[data-entity="text_link"]')
        expect(link).to_have_text("een link")
        expect(link).to_have_attribute("href", "https://example.org/")
        expect(rich.locator("blockquote strong em")).to_have_text("genest")
        expect(rich.locator("pre code")).to_have_text('print("hoi")')
        expect(rich.get_by_role("button", name="/profiel")).to_be_visible()
        spoiler = rich.locator(".spoiler")
        expect(spoiler).to_have_text("geheim")
        spoiler.click()
        expect(spoiler).to_have_attribute("aria-pressed", "true")

        stale = {"inline_keyboard": [[{"text": "Oude knop", "callback_data": "reg:oud"}]]}
        sent = bot_call("sendMessage", chat_id=PIETER, text="Tijdelijk", reply_markup=stale)
        temporary = in_pieter(sent)
        press_button(temporary, "Oude knop")
        expect(pieter.get_by_test_id("toast")).to_be_visible()
        expect(pieter.get_by_test_id("toast")).not_to_be_empty()
        bot_call(
            "editMessageText",
            chat_id=PIETER,
            message_id=sent["message_id"],
            text="Tijdelijk, <b>aangepast</b>",
            parse_mode="HTML",
        )
        expect(temporary.locator("strong")).to_have_text("aangepast")
        expect(temporary).to_contain_text("bewerkt")
        expect(temporary.get_by_test_id("inline-keyboard")).to_have_count(0)
        bot_call("deleteMessage", chat_id=PIETER, message_id=sent["message_id"])
        expect(temporary).to_have_attribute("data-deleted", "true")
        expect(temporary).not_to_contain_text("aangepast")

        # Vera: the volunteer's command menu the bot set for her (setMyCommands, though she
        # never registered through the bot), and /hulp from it.
        vera = column_of(page, "Vera")
        vera.get_by_test_id("commands-toggle").click()
        expect(vera.get_by_test_id("command-item").filter(has_text="/signaal")).to_be_visible()
        expect(vera.get_by_test_id("command-item").filter(has_text="/start")).to_have_count(0)
        vera.get_by_test_id("command-item").filter(has_text="/hulp").click()
        expect(vera.get_by_test_id("commands-panel")).to_be_hidden()
        expect(message_in(vera, "/hulp")).to_have_attribute("data-from", "person")
        expect(message_in(vera, "Wat kun je hier doen")).to_be_visible()
        expect(vera.get_by_test_id("reply-button").first).to_be_visible()

        # With the reply keyboard open and a long chat, the menu still gets its room:
        # the chat above gives way, not the menu.
        vera.get_by_test_id("commands-toggle").click()
        panel = vera.get_by_test_id("commands-panel")
        expect(panel.get_by_test_id("command-item").first).to_be_visible()
        room = panel.evaluate(
            "panel => ({height: panel.getBoundingClientRect().height,"
            " wanted: Math.min(panel.scrollHeight,"
            " 0.4 * panel.parentElement.getBoundingClientRect().height)})"
        )
        vera.screenshot(path=str(COMMANDS_SCREENSHOT))
        assert room["height"] >= room["wanted"] - 2, room
        expect(vera.get_by_test_id("reply-keyboard")).to_be_visible()
        vera.get_by_test_id("commands-toggle").click()
        expect(panel).to_be_hidden()

        # Times as the bot says them: Amsterdam's, not the browser's (UTC here).
        stamp = message_in(vera, "Wat kun je hier doen").locator("time").first
        sent_at = datetime.fromisoformat(str(stamp.get_attribute("datetime")))
        local = sent_at.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%H:%M")
        expect(stamp).to_have_text(local)
        assert local != sent_at.astimezone(UTC).strftime("%H:%M")

        # Someone who never started the bot sees only Telegram's START button: typing
        # first would get no answer (the bot may not write to them).
        page.get_by_label("Naam (name)").fill("Ruben")
        page.get_by_label("Rol (role)").select_option("none")
        page.get_by_test_id("persona-add").click()
        ruben = column_of(page, "Ruben")
        expect(ruben.get_by_test_id("start-button")).to_be_visible()
        expect(ruben.get_by_test_id("composer")).to_be_hidden()
        ruben.get_by_test_id("start-button").click()
        expect(message_in(ruben, "/start")).to_have_attribute("data-from", "person")
        expect(message_in(ruben, "alleen met een uitnodiging")).to_be_visible()
        expect(ruben.get_by_test_id("composer")).to_be_visible()
        expect(ruben.get_by_test_id("start-bar")).to_be_hidden()

        # Columns hide and come back.
        pieter.get_by_test_id("hide-column").click()
        expect(pieter).to_be_hidden()
        chip = page.get_by_test_id("column-toggle").filter(has_text="Pieter")
        expect(chip).to_have_attribute("aria-pressed", "false")
        chip.click()
        expect(pieter).to_be_visible()

        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))
    code = stop_sandbox(sandbox)
    assert code == 0, f"the sandbox exited with {code}:\n{sandbox.output()}"
