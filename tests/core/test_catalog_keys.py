"""Every catalog key the code names exists, and every key in the catalogs is used.

The code is read, not run: a string such as "signals.ask_cat" (in a t() call, a step table, an
InvalidInput...) names a key; the start of an f-string ("signals.urgency_" in
f"signals.urgency_{u}") or a string ending in "_" or "." names the keys it starts. A plural
text ("key.one", "key.other") is named by its base. Docstrings are left out.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from bot.core import i18n

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("bot", "handlers", "sandbox")
AREAS = {path.stem for path in (ROOT / "bot" / "locales" / "nl").glob("*.toml")}
KEYS = set(i18n.catalog("nl"))
SHAPE = re.compile(r"^([a-z_]+)\.([a-z0-9_.]*)$")
# Keys the code builds in a way the reading above cannot follow, and where.
BUILT = {
    "retention.window_signals_none": "handlers/privacy/retention.py: key + '_none'",
    "retention.window_questions_none": "handlers/privacy/retention.py: key + '_none'",
}
# Areas whose keys are data (a status, a role, a command name, an availability code), so the
# code names them as f"roles.{role}". Anywhere else "area." would mark the whole area used.
DATA_AREAS = {"access", "availability", "commands", "help", "menu", "roles", "status"}


def _strings(tree: ast.AST) -> Iterator[tuple[str, bool, int]]:
    """(text, is_prefix, line) of each string constant and f-string start, docstrings left out."""
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            head = node.values[0] if node.values else None
            if isinstance(head, ast.Constant) and isinstance(head.value, str):
                docstrings.add(id(head))
                yield head.value, True, node.lineno
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.value, node.value.endswith(("_", ".")), node.lineno


def named() -> tuple[dict[str, str], dict[str, str]]:
    """The keys and the key prefixes the code names, each with where."""
    keys: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    for top in SOURCES:
        for path in sorted((ROOT / top).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for text, is_prefix, line in _strings(tree):
                found = SHAPE.match(text)
                if found is None or found.group(1) not in AREAS:
                    continue
                where = f"{path.relative_to(ROOT)}:{line}"
                (prefixes if is_prefix else keys).setdefault(text, where)
    return keys, prefixes


def _plural_base(key: str) -> str:
    base, _, form = key.rpartition(".")
    return base if form in i18n.PLURAL_FORMS else key


def test_every_key_the_code_names_exists() -> None:
    keys, prefixes = named()
    # The reading finds keys in a step table and prefixes in labelled() and f-strings.
    assert "signals.ask_cat" in keys and {"signals.urgency_", "signals.action_"} <= set(prefixes)
    bases = {_plural_base(key) for key in KEYS}
    missing = sorted(f"{where}: {key}" for key, where in keys.items() if key not in bases)
    empty = sorted(
        f"{where}: {prefix}…"
        for prefix, where in prefixes.items()
        if not any(key.startswith(prefix) for key in KEYS)
    )
    assert missing == [] and empty == []
    assert set(BUILT) <= KEYS


def test_only_areas_of_data_are_named_whole() -> None:
    _, prefixes = named()
    whole = sorted(
        f"{where}: {prefix}…"
        for prefix, where in prefixes.items()
        if prefix.endswith(".") and prefix.count(".") == 1 and prefix[:-1] not in DATA_AREAS
    )
    assert whole == []


def test_every_key_in_the_catalogs_is_used() -> None:
    keys, prefixes = named()
    unused = sorted(
        key
        for key in KEYS
        if _plural_base(key) not in keys
        and not key.startswith(tuple(prefixes))
        and key not in BUILT
    )
    assert unused == []
