"""The draft helper itself (bot/flows/draft.py), on a made-up flow the way a feature defines one:
the order of steps, conditions, the privacy check, tick-lists, editing from the summary and back,
photos and locations, and what it refuses."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from bot.core.config import Settings
from bot.core.errors import InvalidInput, NotFound
from bot.flows.draft import EDITING, PROMPT, Draft, Outcome, StepPress
from bot.flows.steps import (
    Choice,
    Location,
    Option,
    Photo,
    Privacy,
    Summary,
    Text,
    Ticks,
    kept,
    labelled,
)
from storage.flows import Flow
from tests.dialogue import settings_for

EXPIRED = "common.button_expired"


def _days(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    return [Option(day, day.title()) for day in ("mon", "tue", "wed")]


def _places(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
    return [Option(str(i), name, kept=name) for i, name in enumerate(settings.organisation.wijken)]


# A shift as a coordinator might make one (issue 13 will): every kind of step once.
SHIFT = Draft(
    "shift",
    "shf",
    Text("title", "title", limit=60, ask="shifts.ask_title", edit="shifts.edit_title"),
    Privacy("priv", checks="title"),
    Choice("size", "size", labelled("signals.urgency_", ("soon", "today")), ask="shifts.ask_size"),
    Choice("place", "place", _places, ask="shifts.ask_place", when=lambda d: d["size"] == "today"),
    Ticks("days", "days", _days, ask="shifts.ask_days", edit="shifts.edit_days"),
    Photo("photo", ask="shifts.ask_photo", edit="shifts.edit_photo", remove="shifts.rm_photo"),
    Location("loc", ask="shifts.ask_loc", not_now="shifts.no_loc"),
    Summary("sum", lambda s, d, lang: "summary", send="shifts.send", cancel="shifts.stop"),
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return settings_for(tmp_path)


def fresh() -> Flow:
    return SHIFT.start(7, {})


def press(flow: Flow, settings: Settings, step: str, value: str) -> Outcome:
    return SHIFT.press(flow, StepPress(step, value), settings)


def titled(flow: Flow, found: list[str] | None = None) -> None:
    step = SHIFT.text_step(flow)
    assert isinstance(step, Text)
    SHIFT.take_text(flow, step, step.clean("  Koffie in de  buurtkamer "), found or [])


def test_steps_are_asked_in_order_and_skipped_when_they_do_not_apply(settings: Settings) -> None:
    flow = fresh()
    assert flow.step == "title"
    titled(flow)
    assert (flow.step, flow.data["title"]) == ("size", "Koffie in de buurtkamer")
    press(flow, settings, "size", "soon")  # no place unless it is today
    assert (flow.step, flow.data["size"]) == ("days", "soon")
    assert press(flow, settings, "days", "tue") is Outcome.STAYED
    assert press(flow, settings, "days", "mon") is Outcome.STAYED
    assert press(flow, settings, "days", "tue") is Outcome.STAYED  # ticked off again
    press(flow, settings, "days", "done")
    assert (flow.step, flow.data["days"]) == ("photo", ["mon"])
    press(flow, settings, "photo", "skip")
    SHIFT.take_location(flow, 52.09, 5.12)
    assert (flow.step, flow.data["location"]) == ("sum", [52.09, 5.12])
    assert press(flow, settings, "sum", "send") is Outcome.SEND


def test_a_choice_keeps_what_its_option_keeps(settings: Settings) -> None:
    flow = fresh()
    titled(flow)
    press(flow, settings, "size", "today")
    assert flow.step == "place"
    press(flow, settings, "place", "1")
    assert (flow.step, flow.data["place"]) == ("days", "Zuid")


def test_the_privacy_step_follows_its_text_only_when_the_guard_found_something(
    settings: Settings,
) -> None:
    flow = fresh()
    titled(flow, ["name"])
    assert flow.step == "priv"
    press(flow, settings, "priv", "rewrite")
    assert flow.step == "title"
    titled(flow, ["name"])
    press(flow, settings, "priv", "keep")
    assert flow.step == "reason"
    with pytest.raises(InvalidInput) as refused:
        press(flow, settings, "priv", "keep")  # the question's old button
    assert refused.value.reason == EXPIRED
    step = SHIFT.text_step(flow)
    assert isinstance(step, Privacy)
    SHIFT.take_reason(flow, step, "Zo heet de buurtkamer.")
    assert flow.step == "size"
    assert kept(flow.data, step) == (["name"], "Zo heet de buurtkamer.")


def test_a_draft_saved_before_the_privacy_record_had_its_name_keeps_what_was_found(
    settings: Settings,
) -> None:
    flow = Flow(7, "shift", "reason", {"title": "Bij Jan", "found": ["name"], "kept": []})
    step = SHIFT.text_step(flow)
    assert isinstance(step, Privacy)
    SHIFT.take_reason(flow, step, "Jan is de beheerder.")
    assert kept(flow.data, step) == (["name"], "Jan is de beheerder.")


def summary_of(settings: Settings) -> Flow:
    flow = fresh()
    titled(flow)
    press(flow, settings, "size", "soon")
    press(flow, settings, "days", "done")
    press(flow, settings, "photo", "skip")
    press(flow, settings, "loc", "skip")
    assert flow.step == "sum"
    return flow


def test_an_edit_from_the_summary_comes_back_to_it_through_the_privacy_check(
    settings: Settings,
) -> None:
    flow = summary_of(settings)
    assert [s.name for s in SHIFT.editable(flow.data)] == ["title", "days", "photo"]
    press(flow, settings, "edit", "title")
    assert (flow.step, flow.data[EDITING]) == ("title", True)
    titled(flow, ["phone"])
    assert flow.step == "priv"  # the check still comes first
    press(flow, settings, "priv", "keep")
    step = SHIFT.text_step(flow)
    assert isinstance(step, Privacy)
    SHIFT.take_reason(flow, step, "Het nummer van de buurtkamer.")
    assert flow.step == "sum" and EDITING not in flow.data  # not on to "size"
    press(flow, settings, "edit", "days")
    press(flow, settings, "days", "wed")
    press(flow, settings, "days", "done")
    assert (flow.step, flow.data["days"]) == ("sum", ["wed"])


def test_the_summary_edits_only_what_it_offers(settings: Settings) -> None:
    flow = summary_of(settings)
    for forged in (("edit", "size"), ("edit", "nope"), ("drop", "photo"), ("sum", "later")):
        with pytest.raises(InvalidInput):
            press(flow, settings, *forged)
    flow = fresh()
    with pytest.raises(InvalidInput):
        press(flow, settings, "edit", "title")  # not at the summary


def test_photos_are_kept_skipped_or_removed(settings: Settings) -> None:
    flow = fresh()
    with pytest.raises(InvalidInput) as refused:
        SHIFT.photo_place(flow, None)
    assert refused.value.reason == "common.unsupported_message"  # the step's `not_now`
    flow = summary_of(settings)
    press(flow, settings, "edit", "photo")
    photo, caption_text = SHIFT.photo_place(flow, None)
    assert caption_text is None
    SHIFT.take_photo(flow, photo, "aGVsbG8=")
    assert (flow.step, flow.data["photo"]) == ("sum", "aGVsbG8=")
    press(flow, settings, "edit", "photo")
    press(flow, settings, "photo", "skip")  # leaves it as it is
    assert flow.data["photo"] == "aGVsbG8="
    press(flow, settings, "edit", "photo")
    press(flow, settings, "photo", "remove")
    assert flow.step == "sum" and "photo" not in flow.data


def test_a_location_out_of_range_or_at_another_step_is_refused(settings: Settings) -> None:
    flow = fresh()
    with pytest.raises(InvalidInput) as refused:
        SHIFT.take_location(flow, 52.0, 5.0)
    assert refused.value.reason == "shifts.no_loc"
    flow = summary_of(settings)
    press(flow, settings, "edit", "photo")
    press(flow, settings, "photo", "skip")
    flow.step = "loc"
    with pytest.raises(InvalidInput):
        SHIFT.take_location(flow, 91.0, 5.0)


def test_wrong_buttons_and_unknown_drafts(settings: Settings) -> None:
    flow = fresh()
    titled(flow)
    for step, value in (("title", "x"), ("size", "later"), ("days", "mon"), ("sum", "send")):
        with pytest.raises(InvalidInput) as refused:
            press(flow, settings, step, value)
        assert refused.value.reason == EXPIRED
    with pytest.raises(InvalidInput) as refused:
        SHIFT.text_step(flow)  # a choice takes no typed text
    assert refused.value.reason == "common.use_buttons"
    with pytest.raises(NotFound):
        SHIFT.at(Flow(7, "shift", "gone", {}))
    with pytest.raises(NotFound):
        SHIFT.at(Flow(7, "other", "title", {}))


def test_moving_on_forgets_the_question_that_asked(settings: Settings) -> None:
    flow = fresh()
    flow.data[PROMPT] = 41
    titled(flow)
    assert PROMPT not in flow.data
    flow.data[PROMPT] = 42
    assert press(flow, settings, "size", "soon") is Outcome.MOVED
    assert PROMPT not in flow.data


def test_buttons_are_read_back_only_for_steps_the_draft_has() -> None:
    assert SHIFT.parse(SHIFT.button("size", "today")) == StepPress("size", "today")
    assert SHIFT.parse("shf:edit:title") == StepPress("edit", "title")
    assert SHIFT.parse("shf:reason:x") == StepPress("reason", "x")
    for junk in ("shf:zap:1", "shf:size", "shf:size:big:1", "shf:size:", "sig:size:big", None, 3):
        assert SHIFT.parse(junk) is None, junk


SUMMARY = Summary("sum", lambda s, d, lang: "", send="x", cancel="y")


@pytest.mark.parametrize(
    ("steps", "problem"),
    [
        ((Text("a", "a", limit=1), Text("a", "b", limit=1), SUMMARY), "'a' is taken"),
        ((Text("edit", "a", limit=1), SUMMARY), "'edit' is taken"),
        ((Text("a", "a", limit=1),), "the last step is the Summary"),
        ((Privacy("p", checks="x"), SUMMARY), "p checks no Text step"),
    ],
)
def test_a_table_that_cannot_work_is_refused_at_import(
    steps: tuple[Any, ...], problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        Draft("x", "x", *steps)
