"""An announcement in the sandbox web chat, the way a newcomer does it: Carla sends an important
announcement to the volunteers of Noordoost (with bold typed as **…**), sees the preview, the
progress and the report; Vera reads it and presses "Gelezen 👍", and Carla's card counts it.
Then both switch to English and Carla sends one to Noordoost and Overvecht, where Kees has
blocked the bot: the report names him. Debian's
chromium, driven by Playwright, against the real `voelspriet run` sandbox (tests/sandbox/browser.py).
Screenshots of both columns go to artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.test_webchat_question_browser import _move_clock, _type, _webchat
from tests.sandbox import browser
from tests.sandbox.browser import (
    ROOT,
    SandboxProcess,
    column_of,
    message_in,
    press_button,
)

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

chromium = browser.chromium
sandbox = browser.sandbox

ARTIFACTS = ROOT / "artifacts"
LUNCH = "**Kerstlunch** vrijdag 20 december om 12:00 in de buurtkamer. Opgeven bij Carla."


def _type_formatted(column: Locator, typed: str) -> None:
    """Type with **bold**: it shows without the stars, in bold, as in Telegram."""
    column.get_by_test_id("message-input").fill(typed)
    column.get_by_test_id("message-input").press("Enter")
    shown = typed.replace("**", "")
    mine = column.locator('[data-from="person"]').filter(has_text=shown).last
    expect(mine.locator("strong")).to_be_visible()


def _press(column: Locator, message_text: str, label: str) -> Locator:
    message = message_in(column, message_text)
    press_button(message, label)
    return message


def _announce(
    carla: Locator, nl: bool, text: str, wijken: tuple[str, ...], earlier: bool = False
) -> None:
    """/bericht (or /announce) to the volunteers of these wijken, important; with `earlier`
    ones, the list of them comes first."""
    _type(carla, "/bericht" if nl else "/announce")
    if earlier:
        listing = message_in(carla, "Mededelingen" if nl else "Announcements")
        press_button(listing, "✏️ Nieuwe mededeling" if nl else "✏️ New announcement")
    who = "Aan wie?" if nl else "To whom?"
    _press(
        carla,
        who,
        "🔎 Kiezen: rol, wijk, interesse" if nl else "🔎 Choose: role, neighbourhood, interest",
    )
    roles = "Welke rollen?" if nl else "Which roles?"
    _press(carla, roles, "Vrijwilligers" if nl else "Volunteers")
    expect(
        message_in(carla, roles).get_by_role(
            "button", name="✅ " + ("Vrijwilligers" if nl else "Volunteers")
        )
    ).to_be_visible()
    _press(carla, roles, "Klaar" if nl else "Done")
    chosen, wijken = wijken, "Welke wijken?" if nl else "Which neighbourhoods?"
    for wijk in chosen:
        _press(carla, wijken, wijk)
        expect(message_in(carla, wijken).get_by_role("button", name=f"✅ {wijk}")).to_be_visible()
    _press(carla, wijken, "Klaar" if nl else "Done")
    _press(
        carla, "Met welke interesse?" if nl else "With which interest?", "Klaar" if nl else "Done"
    )
    expect(
        message_in(carla, "Typ je mededeling." if nl else "Type your announcement.")
    ).to_be_visible()
    _type_formatted(carla, text)
    _press(
        carla,
        "Is het belangrijk?" if nl else "Is it important?",
        "Ja, met Gelezen 👍" if nl else "Yes, with Read 👍",
    )


def _shoot(page: Page, column: Locator, name: str) -> Path:
    path = ARTIFACTS / f"webchat-announcement-{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    column.screenshot(path=str(path))
    return path


def test_webchat_carla_announces_to_one_wijk_and_vera_reads_it(
    chromium: Path, sandbox: SandboxProcess, tmp_path: Path
) -> None:
    with _webchat(chromium, sandbox, tmp_path / "chromium-profile") as page:
        carla, vera = column_of(page, "Carla"), column_of(page, "Vera")
        _move_clock(page, "monday")  # daytime: nothing waits for the end of the quiet hours
        _type(vera, "/start")
        expect(message_in(vera, "Welkom terug, Vera")).to_be_visible()

        # Carla writes, with bold, and sees the preview exactly as Vera will.
        _announce(carla, True, LUNCH, ("Noordoost",))
        preview = message_in(carla, "📣 Mededeling van Carla")
        expect(preview.locator("strong").filter(has_text="Kerstlunch")).to_be_visible()
        expect(preview.get_by_role("button", name="Gelezen 👍")).to_be_visible()
        summary = message_in(carla, "Zo ziet je mededeling eruit")
        expect(summary).to_contain_text("Aan: vrijwilligers in Noordoost")
        expect(summary).to_contain_text("Gaat naar 2 mensen.")  # Vera and Wim
        press_button(summary, "📣 Versturen")

        # Progress in place, then the report; who was not reached, by name.
        expect(message_in(carla, "Klaar. Het verslag staat hieronder.")).to_be_visible()
        expect(message_in(carla, "Verstuurd: 2 van 2")).to_be_visible()
        report = message_in(carla, "— verstuurd")
        for line in (
            "✅ Afgeleverd: 2",
            "🚫 Niet bereikbaar: 0",
            "⚠️ Mislukt: 0",
            "👍 Gelezen: 0 van 2",
        ):
            expect(report).to_contain_text(line)

        # Vera reads it: the bold is bold, and Gelezen 👍 becomes ✅ Gelezen.
        copy = message_in(vera, "📣 Mededeling van Carla")
        expect(copy.locator("strong").filter(has_text="Kerstlunch")).to_be_visible()
        press_button(copy, "Gelezen 👍")
        expect(copy.get_by_role("button", name="✅ Gelezen")).to_be_visible()
        card = message_in(carla, "— verstuurd")
        press_button(card, "🔄 Vernieuwen")
        expect(card).to_contain_text("👍 Gelezen: 1 van 2")
        _shoot(page, carla, "carla-nl")
        _shoot(page, vera, "vera-nl")

        # Both in English now, to two wijken: Kees in Overvecht has blocked the bot.
        for column in (carla, vera):
            _type(column, "/taal")
            _press(column, "Welke taal wil je gebruiken?", "English")
        closed = "Office **closed** on Friday 27 December."
        _announce(carla, False, closed, ("Noordoost", "Overvecht"), earlier=True)
        summary = message_in(carla, "This is how your announcement looks")
        expect(summary).to_contain_text("Goes to 5 people.")
        expect(summary).to_contain_text("Of them, 1 blocked the bot")
        press_button(summary, "📣 Send")
        expect(message_in(carla, "Done. The report is below.")).to_be_visible()
        expect(message_in(carla, "Sent: 4 of 5")).to_be_visible()  # Kees: unreachable
        report = message_in(carla, "— sent")
        for line in ("✅ Delivered: 4", "🚫 Unreachable: 1", "👍 Read: 0 of 4"):
            expect(report).to_contain_text(line)
        press_button(report, "📞 Who was not reached (1)")
        missed = message_in(carla, "Not reached (1)")
        expect(missed).to_contain_text("Kees (Overvecht), volunteer: blocked the bot or left")
        press_button(missed, "← Back")
        copy = message_in(vera, "📣 Announcement from Carla")
        expect(copy.locator("strong").filter(has_text="closed")).to_be_visible()
        press_button(copy, "Read 👍")
        expect(copy.get_by_role("button", name="✅ Read")).to_be_visible()
        press_button(report, "🔄 Refresh")
        expect(report).to_contain_text("👍 Read: 1 of 4")
        _shoot(page, carla, "carla-en")
        _shoot(page, vera, "vera-en")
