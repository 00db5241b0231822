"""The shift walk of issue 13 in the web chat, in Debian's chromium against the real sandbox
(`voelspriet run`): Carla makes a recurring shift and offers it, Vera takes the place and saves
it in her calendar (the .ics as a download), Wim ends up on the standby list, Vera cancels late
with a reason, Carla is told, and Wim takes the place; then in English. Screenshots of each
step go to artifacts/webchat-shifts-*.png."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
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
    webchat,
)

pytestmark = pytest.mark.browser

chromium = browser.chromium
sandbox = browser.sandbox

SHOTS = ROOT / "artifacts"
DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")


def send(column: Locator, text: str) -> None:
    column.get_by_test_id("message-input").fill(text)
    column.get_by_test_id("message-input").press("Enter")


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"webchat-shifts-{name}.png"))


def test_a_newcomer_walks_a_recurring_shift_as_carla_vera_and_wim(
    chromium: Path, sandbox: SandboxProcess, tmp_path: Path
) -> None:
    profile, failure = tmp_path / "chromium-profile", SHOTS / "webchat-shifts-failure.png"
    viewport = {"width": 1800, "height": 1100}
    with webchat(
        chromium, sandbox, profile, failure, viewport=viewport, accept_downloads=True
    ) as page:
        # Monday 09:00 in the sandbox: tomorrow's shift is inside the cut-off, and no quiet
        # hours hold a message back, whenever this runs.
        moved = page.request.post(sandbox.url + "sandbox/clock", data={"step": "monday"})
        assert moved.ok, moved.text()
        tomorrow = datetime.fromisoformat(moved.json()["now"]).date() + timedelta(days=1)
        day = f"{DAYS[tomorrow.weekday()]} {tomorrow:%d-%m}"
        for name in ("Pieter",):
            page.get_by_test_id("column-toggle").filter(has_text=name).click()
        carla, vera, wim = (column_of(page, n) for n in ("Carla", "Vera", "Wim"))
        expect(wim.get_by_test_id("column-role")).to_contain_text("vrijwilliger")

        make_the_shift(carla, day)
        shot(page, "1-made")
        see_the_card(carla, day, "0 van 1 plek bezet")  # offered at once, still open
        take_it(page, vera, wim, day)
        shot(page, "2-taken")
        cancel_late(vera, carla, wim, day)
        see_the_card(carla, day, "1 van 1 plek bezet")
        expect(message_in(carla, "🔁 Herhaalt: elke")).to_contain_text("Komen: Wim")
        shot(page, "3-standby-took-it")
        in_english(wim)
        shot(page, "4-english")
    assert stop_sandbox(sandbox) == 0


def make_the_shift(carla: Locator, day: str) -> None:
    send(carla, "/diensten")
    press_button(message_in(carla, "Diensten, komende twee weken"), "➕ Nieuwe dienst")
    expect(message_in(carla, "Hoe heet de dienst?")).to_be_visible()
    send(carla, "Wandelgroep")
    press_button(message_in(carla, "Bij welke interesse"), "Ouderen")
    press_button(message_in(carla, "In welke wijk"), "Noordoost")
    expect(message_in(carla, "Waar is de dienst?")).to_be_visible()
    send(carla, "Buurthuis De Boog")
    press_button(message_in(carla, "Op welke dag"), day)
    expect(message_in(carla, "Van hoe laat tot hoe laat?")).to_be_visible()
    send(carla, "10:00-11:00")
    press_button(message_in(carla, "Hoeveel vrijwilligers"), "1")
    repeat = message_in(carla, "Komt de dienst terug?")
    weekly = repeat.get_by_role("button", name=re.compile(r"^Elke \w+dag$"))
    weekly.click()
    press_button(message_in(carla, "Tot wanneer?"), "Zonder einde")
    press_button(message_in(carla, "Wat doen we op een feestdag"), "Valt uit op feestdagen")
    press_button(message_in(carla, "Wil je nog iets kwijt"), "Overslaan")
    summary = message_in(carla, "Klopt dit?")
    expect(summary).to_contain_text("Dienst: Wandelgroep")
    expect(summary).to_contain_text("Herhaalt: elke")
    press_button(summary, "✅ Dienst maken")
    made = message_in(carla, "Dienst gemaakt")
    expect(made).to_contain_text(f"{day} 10:00–11:00")
    expect(made).to_contain_text("keer in de komende weken")


def see_the_card(carla: Locator, day: str, places: str) -> None:
    """The coverage of two weeks, and the shift's card."""
    send(carla, "/diensten")
    coverage = message_in(carla, "Diensten, komende twee weken")
    mark = "⚠️" if places.startswith("0") else "✅"
    press_button(coverage, f"{mark} {day} 10:00 Wandelgroep")
    card = message_in(carla, "🔁 Herhaalt: elke")
    expect(card).to_contain_text(places)


def offer_in(column: Locator, day: str) -> Locator:
    """The offer of tomorrow's Wandelgroep (the series' later ones are offered too)."""
    offers = column.get_by_test_id("message").filter(has_text="Wil je komen?")
    return offers.filter(has_text="Wandelgroep").filter(has_text=f"{day} 10:00").last


def take_it(page: Page, vera: Locator, wim: Locator, day: str) -> None:
    press_button(offer_in(vera, day), "✅ Ik kom")
    taken = message_in(vera, "Je staat erop!")
    expect(taken).to_contain_text(f"Wandelgroep\n🗓 {day} 10:00")
    press_button(taken, "📅 In mijn agenda")
    document = vera.get_by_test_id("document").last
    expect(document).to_contain_text(".ics")
    link = document.locator("a").first
    ics = page.request.get(page.url.rstrip("/") + link.get_attribute("href")).text()
    assert "BEGIN:VCALENDAR" in ics and re.search(r"UID:shift-\d+@voelspriet", ics), ics
    assert "SUMMARY:Dienst: Wandelgroep" in ics

    press_button(offer_in(wim, day), "✅ Ik kom")
    expect(message_in(wim, "Deze dienst is al vol.")).to_contain_text("reservelijst")


def cancel_late(vera: Locator, carla: Locator, wim: Locator, day: str) -> None:
    send(vera, "/mijndiensten")
    mine = message_in(vera, "Mijn diensten")
    expect(mine).to_contain_text("Wandelgroep")
    press_button(mine, f"{day} 10:00 Wandelgroep")
    press_button(message_in(vera, "✅ Je staat erop."), "Afmelden")
    why = message_in(vera, "De dienst begint al snel")
    press_button(why, "Ik ben ziek")
    expect(message_in(vera, "Je bent afgemeld.")).to_contain_text("De coördinatoren weten het")

    notice = message_in(carla, "Afmelding kort van tevoren")
    expect(notice).to_contain_text("Vera kan toch niet komen")
    expect(notice).to_contain_text("Reden: Ik ben ziek")
    expect(notice).to_contain_text("De plek gaat eerst naar Wim van de reservelijst")

    call = message_in(wim, "Er is een plek vrij!")
    press_button(call, "✅ Ik neem de plek")
    expect(message_in(wim, "Je staat erop! Dank je wel.")).to_be_visible()


def in_english(wim: Locator) -> None:
    send(wim, "/taal")
    press_button(message_in(wim, "Welke taal wil je gebruiken?"), "English")
    expect(message_in(wim, "I will talk to you in English")).to_be_visible()
    send(wim, "/myshifts")
    mine = message_in(wim, "My shifts")
    expect(mine).to_contain_text("Wandelgroep")
    expect(mine).to_contain_text("you're coming")
