"""Every multi-step flow has one name constant (bot.flows.names), and the composition root routes
typed text and photos with those constants, not with words of its own."""

from __future__ import annotations

import ast
from pathlib import Path

from bot.app import PHOTO_FLOWS, TEXT_FLOWS
from bot.flows import names

ROOT = Path(__file__).resolve().parents[2]


def literal_flow_names() -> list[str]:
    """Places that spell a flow's name out: `FLOW = "..."` anywhere, a string key in bot/app.py."""
    found = []
    for path in sorted([*ROOT.glob("bot/**/*.py"), *ROOT.glob("handlers/**/*.py")]):
        if path.name == "names.py" and path.parent.name == "flows":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
                if any(t.endswith("FLOW") for t in targets):
                    found.append(f"{path.relative_to(ROOT)}: {targets[0]} = {node.value.value!r}")
            if path.name == "app.py" and isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                found += [f"{path.relative_to(ROOT)}: key {key!r}" for key in keys]
    return found


def test_flow_names_are_spelled_once() -> None:
    assert literal_flow_names() == []


def test_typed_text_reaches_every_flow() -> None:
    assert set(TEXT_FLOWS) == names.ALL


def test_photos_go_to_the_drafts_that_take_one() -> None:
    # A new shift is a draft worth keeping that takes no photo.
    assert set(PHOTO_FLOWS) == names.DRAFTS - {names.SHIFT}
