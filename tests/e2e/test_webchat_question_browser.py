"""A question in the sandbox web chat, the way a newcomer does it: Vera (volunteer) asks with
the menu and buttons and adds a photo, Pieter (professional, who gets money questions by the
demo's routing rule) gets the alert and the photo and answers by replying to the alert (the ↩
beside it), Vera closes it. Debian's chromium, driven by Playwright, against the real
`voelspriet run` sandbox; the browser, sandbox and helpers are those
of tests/sandbox/browser.py.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

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

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

# The browser's fixtures (tests/sandbox/browser.py), under the names this test asks for.
chromium = browser.chromium
sandbox = browser.sandbox

SCREENSHOT = ROOT / "artifacts" / "webchat-question.png"
FAILURE_SCREENSHOT = ROOT / "artifacts" / "webchat-question-failure.png"
QUESTION = "Waar kan iemand met betalingsachterstanden terecht in de wijk?"
ANSWER = "Bij het Geldloket in het wijkcentrum, elke dinsdag."
REF = "Q-0001"  # the first question in a fresh sandbox database


def _webchat(
    chromium: Path, running: SandboxProcess, profile: Path
) -> contextlib.AbstractContextManager[Page]:
    """The web chat in a fresh chromium profile (tests.sandbox.browser.webchat)."""
    return webchat(chromium, running, profile, FAILURE_SCREENSHOT)


def _type(column: Locator, text: str) -> None:
    """Type a message and press Enter; it shows as the person's own."""
    column.get_by_test_id("message-input").fill(text)
    column.get_by_test_id("message-input").press("Enter")
    expect(column.locator('[data-from="person"]').filter(has_text=text).last).to_be_visible()


def _menu(column: Locator, label: str) -> None:
    """Press a button of the menu under the input (the reply keyboard)."""
    column.get_by_test_id("reply-keyboard").get_by_role("button", name=label, exact=True).click()


def _move_clock(page: Page, step: str) -> str:
    """Press a ⏩ button; returns what the page says the bot did."""
    page.get_by_test_id(f"clock-{step}").click()
    expect(page.get_by_test_id(f"clock-{step}")).to_be_enabled()
    status = page.get_by_test_id("clock-status")
    expect(status).to_contain_text("Klok verzet:")
    return status.inner_text()


def test_webchat_vera_asks_a_question_and_pieter_answers_it(
    chromium: Path, sandbox: SandboxProcess, tmp_path: Path
) -> None:
    with _webchat(chromium, sandbox, tmp_path / "chromium-profile") as page:
        vera, pieter = column_of(page, "Vera"), column_of(page, "Pieter")

        # The sandbox's clock to Monday 09:00, so the office is open whenever this runs.
        _move_clock(page, "monday")
        expect(page.get_by_test_id("clock-now")).to_contain_text("ma")
        expect(page.get_by_test_id("clock-now")).to_contain_text("09:00")

        # Vera starts the chat, as the empty column suggests, and asks from the menu.
        _type(vera, "/start")
        expect(message_in(vera, "Welkom terug, Vera")).to_be_visible()
        _menu(vera, "❓ Vraag stellen")
        expect(message_in(vera, "Je stelt een vraag aan een beroepskracht")).to_be_visible()
        topics = message_in(vera, "Waar gaat je vraag over?")
        press_button(topics, "Geldzorgen en schulden")
        expect(topics.get_by_test_id("inline-keyboard")).to_have_count(0)
        expect(message_in(vera, "Wat is je vraag?")).to_be_visible()
        _type(vera, QUESTION)
        summary = message_in(vera, "Klopt dit?")
        expect(summary.locator("strong")).to_have_text("Je vraag")
        expect(summary).to_contain_text("Onderwerp: Geldzorgen en schulden")
        expect(summary.locator("em")).to_have_text(QUESTION)

        # A photo, through the paperclip, once the bot asks for it.
        press_button(summary, "📷 Foto toevoegen")
        expect(message_in(vera, "Stuur de foto.")).to_be_visible()
        vera.get_by_test_id("attach-toggle").click()
        vera.get_by_test_id("photo-input").set_input_files(
            {"name": "stoeptegel.png", "mimeType": "image/png", "buffer": tiny_png(400, 300)}
        )
        expect(vera.locator('[data-from="person"] img.photo')).to_be_visible()
        expect(message_in(vera, "Foto ontvangen.")).to_be_visible()
        summary = message_in(vera, "📷 Met foto")
        expect(summary.locator("em")).to_have_text(QUESTION)
        press_button(summary, "✅ Versturen")
        expect(summary.get_by_test_id("inline-keyboard")).to_have_count(0)
        receipt = message_in(vera, f"Het nummer is {REF}")
        expect(receipt.locator("strong")).to_have_text(REF)
        expect(receipt).to_contain_text("Het antwoord komt hier in de chat.")

        # Pieter's alert: who asked, about what, the question, and three buttons.
        alert = message_in(pieter, f"Nieuwe vraag {REF}")
        for line in ("Gesteld door: Vera", "Onderwerp: Geldzorgen en schulden", "Wijk: Noordoost"):
            expect(alert).to_contain_text(line)
        expect(alert.locator("em")).to_have_text(QUESTION)
        expect(alert.get_by_test_id("inline-button")).to_have_text(
            ["Beantwoorden", "Doorsturen", "📚 Antwoord voor iedereen"]
        )
        expect(alert).to_contain_text("Er hoort een foto bij")
        photo = pieter.locator('[data-from="bot"]').filter(has=page.locator("img.photo"))
        expect(photo.get_by_test_id("message-text")).to_have_text(REF)

        # Days later (the ⏩ buttons), Pieter is reminded: the answer was due after two
        # working days, a few more over a holiday.
        for _ in range(6):
            if "1 herinnering of melding verstuurd" in _move_clock(page, "day"):
                break
        expect(message_in(pieter, f"Vraag {REF} wacht nog op antwoord")).to_be_visible()

        # Pieter answers with Telegram's Reply: the arrow beside the alert, then typing.
        alert = pieter.locator(f'[data-message-id="{alert.get_attribute("data-message-id")}"]')
        alert.get_by_role("button", name="Antwoorden op dit bericht").click()
        bar = pieter.get_by_test_id("reply-bar")
        expect(bar.get_by_test_id("reply-bar-title")).to_have_text("Antwoord op Voelspriet")
        expect(bar.get_by_test_id("reply-bar-text")).to_contain_text(f"Nieuwe vraag {REF}")
        _type(pieter, ANSWER)
        expect(bar).to_be_hidden()
        mine = pieter.locator('[data-from="person"]').filter(has_text=ANSWER).last
        expect(mine.get_by_test_id("reply-quote")).to_contain_text(f"Nieuwe vraag {REF}")
        expect(message_in(pieter, f"Je antwoord op {REF} is naar de vrijwilliger")).to_be_visible()

        # Vera reads the answer and closes the question; Pieter is told.
        answer = message_in(vera, f"Antwoord op je vraag {REF}")
        expect(answer.locator("strong")).to_have_text(f"Antwoord op je vraag {REF}")
        expect(answer).to_contain_text(ANSWER)
        expect(answer.get_by_test_id("inline-button")).to_have_text(
            ["Nog een vraag hierover", "Mijn vraag is beantwoord"]
        )
        press_button(answer, "Mijn vraag is beantwoord")
        expect(answer.get_by_test_id("inline-keyboard")).to_have_count(0)
        expect(message_in(vera, f"Fijn dat je vraag {REF} is beantwoord")).to_be_visible()
        expect(message_in(pieter, f"Vera heeft vraag {REF} afgesloten")).to_be_visible()

        # Her questions, from the menu.
        _menu(vera, "📋 Mijn vragen")
        mine = message_in(vera, f"{REF} · Geldzorgen en schulden")
        expect(mine.locator("strong").last).to_have_text("afgesloten")

        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))

    code = stop_sandbox(sandbox)
    assert code == 0, f"the sandbox exited with {code}:\n{sandbox.output()}"
