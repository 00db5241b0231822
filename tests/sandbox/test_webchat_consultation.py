"""The consultation walk in the sandbox web chat, in Debian's chromium, as a newcomer does it:
Carla sets a check-in round with buttons, the sandbox clock brings it, Vera answers with "too
much", the follow-up reaches Pieter, Pieter plans an intervision and Vera says she will come.
In Dutch, and in English after each of them chose it with /taal. Screenshots of each step go
to artifacts/consultation-<language>-<step>.png."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from bot.scheduling.local_time import ORGANISATION_ZONE
from tests.sandbox import browser
from tests.sandbox.browser import (
    ROOT,
    SandboxProcess,
    column_of,
    message_in,
    press_button,
    stop_sandbox,
    webchat,
)

pytestmark = pytest.mark.browser

chromium = browser.chromium
sandbox = browser.sandbox

VIEWPORT = {"width": 1600, "height": 1100}
WORDS = {
    "nl": {
        "rounds": "/rondes",
        "list": "Check-in rondes",
        "builder": "Nieuwe check-in ronde",
        "new": "Nieuwe ronde",
        "who": "vrijwilligers",
        "often": "elke 4 weken op maandag",
        "now": "Klaar, de eerste nu",
        "set": "De ronde staat klaar",
        "checkin": "hoe gaat het met je vrijwilligerswerk",
        "too_much": "Te veel",
        "no": "Nee",
        "yes": "Ja",
        "done": "Nee, klaar",
        "thanks": "Pieter neemt contact met je op",
        "alert": "Hoeveelheid werk: Te veel",
        "meetings": "/overleg",
        "none": "Er staan geen overleggen gepland",
        "plan": "Nieuw overleg plannen",
        "kind": "Wat voor overleg",
        "whom": "Wie nodig je uit",
        "changed": "",
        "intervision": "Intervisie",
        "title": "Intervisie eenzaamheid",
        "place": "Buurthuis De Boog",
        "repeat": "Komt het terug?",
        "once": "Eenmalig",
        "summary": "Klopt het?",
        "send": "✅ Plannen en uitnodigen",
        "invited": "is gepland",
        "invitation": "Uitnodiging",
        "coming": "Je komt. Fijn!",
    },
    "en": {
        "rounds": "/rounds",
        "list": "Check-in rounds",
        "builder": "New check-in round",
        "new": "New round",
        "who": "volunteers",
        "often": "every 4 weeks on Monday",
        "now": "Done, the first one now",
        "set": "The round is set",
        "checkin": "how is your volunteer work going",
        "too_much": "Too much",
        "no": "No",
        "yes": "Yes",
        "done": "No, done",
        "thanks": "Pieter will be in touch with you",
        "alert": "Amount of work: Too much",
        "meetings": "/meetings",
        "none": "No meetings are planned",
        "plan": "Plan a new meeting",
        "kind": "What kind of meeting",
        "whom": "Whom do you invite",
        "changed": "I will talk to you in English",
        "intervision": "Intervision",
        "title": "Intervision loneliness",
        "place": "Community centre De Boog",
        "repeat": "Does it come back?",
        "once": "Once",
        "summary": "Is it right?",
        "send": "✅ Plan and invite",
        "invited": "is planned",
        "invitation": "Invitation",
        "coming": "You are coming. Great!",
    },
}


def send(column: Locator, text: str) -> None:
    column.get_by_test_id("message-input").fill(text)
    column.get_by_test_id("send").click()
    expect(column.locator('[data-from="person"]').filter(has_text=text).last).to_be_visible()


def shot(page: Page, language: str, step: str) -> None:
    path = ROOT / "artifacts" / f"consultation-{language}-{step}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))


def walk(page: Page, sandbox: SandboxProcess, language: str) -> None:
    w = WORDS[language]
    carla, pieter, vera = (column_of(page, name) for name in ("Carla", "Pieter", "Vera"))
    if language == "en":
        for column in (carla, pieter, vera):
            send(column, "/taal")
            press_button(message_in(column, "Welke taal"), "English")
            expect(message_in(column, w["changed"])).to_be_visible()

    # Carla sets a round: for volunteers, every four weeks, every question, the first now.
    send(carla, w["rounds"])
    press_button(message_in(carla, w["list"]), w["new"])
    builder = message_in(carla, w["builder"])
    press_button(builder, w["who"])
    press_button(builder, w["often"])
    press_button(builder, w["now"])
    expect(message_in(carla, w["set"])).to_be_visible()
    shot(page, language, "1-carla-round")

    # The clock to Monday 09:00 (office hours, not quiet): the tick sends the check-in.
    page.get_by_test_id("clock-monday").click()
    checkin = message_in(vera, w["checkin"])
    expect(checkin).to_be_visible()
    press_button(checkin, "😐")
    press_button(checkin, w["too_much"])
    press_button(checkin, w["no"])
    press_button(checkin, w["yes"])
    press_button(checkin, w["done"])
    expect(checkin).to_contain_text(w["thanks"])
    shot(page, language, "2-vera-checkin")

    expect(message_in(pieter, w["alert"])).to_be_visible()
    shot(page, language, "3-pieter-follow-up")

    # Pieter plans an intervision the day after tomorrow; Vera says yes.
    now = datetime.fromisoformat(page.request.get(sandbox.url + "sandbox/clock").json()["now"])
    day = (now.astimezone(ORGANISATION_ZONE) + timedelta(days=2)).strftime("%d-%m")
    send(pieter, w["meetings"])
    press_button(message_in(pieter, w["none"]), w["plan"])
    press_button(message_in(pieter, w["kind"]), w["intervision"])
    send(pieter, w["title"])
    send(pieter, f"{day} 19:30")
    press_button(message_in(pieter, w["repeat"]), w["once"])
    send(pieter, w["place"])
    press_button(message_in(pieter, w["whom"]), w["who"])
    press_button(message_in(pieter, w["summary"]), w["send"])
    expect(message_in(pieter, w["invited"])).to_be_visible()
    invitation = message_in(vera, w["invitation"])
    press_button(invitation, w["yes"])
    expect(invitation).to_contain_text(w["coming"])
    shot(page, language, "4-vera-rsvp")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_consultation_walk(
    chromium: Path, sandbox: SandboxProcess, tmp_path: Path, language: str
) -> None:
    failure = ROOT / "artifacts" / f"consultation-{language}-failure.png"
    with webchat(
        chromium, sandbox, tmp_path / "chromium-profile", failure, viewport=VIEWPORT
    ) as page:
        walk(page, sandbox, language)
    assert stop_sandbox(sandbox) == 0
