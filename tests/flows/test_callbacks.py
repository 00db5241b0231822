"""Callback data: every feature's readers take anything without failing (forged data is None,
so the handler answers "button expired"), what the builders make reads back as itself and fits
Telegram's 64 bytes even with the longest ids and keys, and nothing outside the callbacks
modules spells callback data by hand."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.flows.callbacks import MAX_BYTES, pack
from bot.people import callbacks as people
from bot.people.registration import DRAFT as REGISTRATION
from bot.questions import callbacks as questions
from bot.questions.asking import DRAFT as ASKING
from bot.questions.asking import PRIVACY as QUESTION_PRIVACY
from bot.routing import callbacks as routing
from bot.shifts import callbacks as shifts
from bot.shifts.draft import DRAFT as NEW_SHIFT
from bot.signals import callbacks as signals
from bot.signals.report import DRAFT as REPORT

ROOT = Path(__file__).resolve().parents[2]
PARSERS: dict[str, Callable[[object], Any]] = {
    "signals": signals.parse,
    "questions": questions.parse,
    "faq": questions.parse_faq,
    "language": people.parse_language,
    "profile": people.parse_profile,
    "forget": people.parse_forget,
    "people": people.parse_people,
    "invite": people.parse_invite,
    "absence": people.parse_absence,
    "own pause": people.parse_pause,
    "routing": routing.parse,
    "report draft": REPORT.parse,
    "question draft": ASKING.parse,
    "registration draft": REGISTRATION.parse,
    "shifts": shifts.parse,
    "new shift draft": NEW_SHIFT.parse,
}
PREFIXES = [
    signals.PREFIX,
    signals.REPORT,
    questions.PREFIX,
    questions.FAQ,
    people.REGISTER,
    people.LANGUAGE,
    people.PROFILE,
    people.FORGET,
    people.PEOPLE,
    people.INVITE,
    people.ABSENCE,
    people.PAUSE,
    routing.PREFIX,
    shifts.PREFIX,
    shifts.DRAFT,
]
WORDS = ["view", "to", "re", "list", "l", "p", "s", "edit", "drop", "sum", "cat", "again", "sure"]
PART = st.one_of(
    st.sampled_from(WORDS),
    st.integers(-5, 10**20).map(str),
    st.text(max_size=10),
    st.just(""),
)
# Data shaped like the bot's own: a known prefix and a few parts, each plausible or not.
SHAPED = st.builds(
    lambda prefix, parts: ":".join([prefix, *parts]),
    st.sampled_from(PREFIXES),
    st.lists(PART, max_size=5),
)
ANYTHING = st.one_of(SHAPED, st.text(max_size=70), st.none(), st.integers(), st.binary())


@given(data=ANYTHING)
def test_every_reader_takes_anything_and_what_it_reads_builds_back(data: object) -> None:
    for name, parse in PARSERS.items():
        button = parse(data)
        built = getattr(button, "data", None)
        if built is not None:  # draft presses have no `data`: their table builds them
            assert len(built.encode()) <= MAX_BYTES, name
            assert parse(built) == button, (name, data)


IDS = st.integers(0, 10**18 - 1)
KEYS = st.from_regex(r"[a-z0-9_]{1,24}", fullmatch=True)  # a configured key (bot.core.config)
BUILT = st.one_of(
    st.builds(signals.OnSignal, st.sampled_from(signals.Act), IDS),
    st.builds(signals.Reassign, IDS, st.booleans()),
    st.builds(signals.PassTo, IDS, IDS, st.booleans()),
    st.builds(signals.CloseAs, IDS, KEYS),
    st.builds(questions.OnQuestion, st.sampled_from(questions.Act), IDS),
    st.builds(questions.Reassign, IDS, st.booleans()),
    st.builds(questions.PassTo, IDS, IDS, st.booleans()),
    st.builds(questions.FaqTopic, KEYS),
    st.builds(people.Profile, st.sampled_from(people.ProfileField), st.none() | KEYS),
    st.builds(people.OnPerson, st.sampled_from(people.PersonAct), IDS),
    st.builds(people.SetRole, IDS, st.sampled_from("cpv")),
    st.builds(people.PeopleList, st.sampled_from("acpv"), st.just("39"), st.just("X"), IDS),
    st.builds(people.AwayWith, st.just("20261231"), IDS),
    st.builds(people.PauseFor, st.sampled_from(["1w", "2w", "1m", "open"])),
    st.builds(people.OnPause, st.sampled_from(people.PauseAct)),
    st.builds(routing.NewRule, st.just("39"), st.just("39"), IDS),
    st.builds(routing.OnRule, st.sampled_from(routing.RuleAct), IDS),
    st.builds(shifts.OnShift, st.sampled_from(shifts.ShiftAct), IDS),
    st.builds(shifts.OnSignup, st.sampled_from(shifts.SignupAct), IDS),
    st.builds(shifts.OnSwap, st.sampled_from(shifts.SwapAct), IDS),
    st.builds(shifts.Lists, st.sampled_from(shifts.ListAct)),
    st.builds(shifts.CancelReason, IDS, st.sampled_from(shifts.Reason)),
    st.builds(shifts.AssignList, IDS, IDS),
    st.builds(shifts.AssignTo, IDS, IDS, st.booleans()),
    st.builds(shifts.Change, IDS, st.sampled_from(shifts.Field)),
    st.builds(shifts.CancelShift, IDS, st.booleans()),
)


@given(button=BUILT)
def test_the_longest_buttons_fit_and_read_back(button: Any) -> None:
    parse = next(p for p in PARSERS.values() if p(button.data) == button)
    assert len(button.data.encode()) <= MAX_BYTES and parse(button.data) == button


@given(step=st.sampled_from(["sum", "edit", "max_shifts", "availability"]), value=KEYS)
def test_draft_buttons_with_the_longest_keys_fit(step: str, value: str) -> None:
    for draft in (REPORT, ASKING, REGISTRATION, NEW_SHIFT):
        assert len(draft.button(step, value).encode()) <= MAX_BYTES


def test_a_button_beyond_64_bytes_is_refused_where_it_is_made() -> None:
    assert pack("x" * 62, "y") == "x" * 62 + ":y"
    with pytest.raises(ValueError, match="65 bytes"):
        pack("x" * 63, "y")


def test_the_question_draft_names_no_step_like_a_thread_action() -> None:
    names = {step.name for step in ASKING.steps} | {QUESTION_PRIVACY.reason, "edit", "drop"}
    assert names & questions.ACTIONS == set()


CALLBACK_DATA = re.compile("^(?:" + "|".join(PREFIXES) + "):")
# Where callback data may be spelled: the module that packs it (and each callbacks.py).
OWNERS = {"bot/flows/callbacks.py"}


def spelled_by_hand() -> list[str]:
    found = []
    for path in sorted([*ROOT.glob("bot/**/*.py"), *ROOT.glob("handlers/**/*.py")]):
        relative = str(path.relative_to(ROOT))
        if relative in OWNERS or path.name == "callbacks.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = None
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
            elif isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
                text = str(node.values[0].value)
            if text is not None and CALLBACK_DATA.match(text):
                found.append(f"{relative}:{node.lineno}: {text!r}")
            if isinstance(node, ast.Call) and relative.startswith("handlers/"):
                called = node.func
                if isinstance(called, ast.Attribute) and called.attr == "split":
                    args = [a.value for a in node.args if isinstance(a, ast.Constant)]
                    if args == [":"]:
                        found.append(f"{relative}:{node.lineno}: .split(':')")
    return found


def test_callback_data_is_spelled_only_by_its_feature_module() -> None:
    assert spelled_by_hand() == []
