"""Text catalogs per language, loaded from bot/locales/<language>/*.toml.

Every text is HTML (Telegram's parse mode); placeholders are escaped so user input can never
inject markup. A text that depends on a number has plural forms, `key.one` and `key.other`
(in TOML: `promise_normal.one = "..."`); `t(language, "signals.promise_normal", count=n)` picks
the form for `n` (Dutch and English: "one" for 1 only, so "1.5 werkuren") and fills `{count}`.
"""

from __future__ import annotations

import html
import string
import tomllib
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

from bot.core.config import LANGUAGES

DEFAULT_LANGUAGE = "nl"
PLURAL_FORMS = ("one", "other")
# The form for a count, per language (CLDR: Dutch and English have "one" for 1 only).
PLURAL_RULES: dict[str, Callable[[float], str]] = {
    "nl": lambda n: "one" if n == 1 else "other",
    "en": lambda n: "one" if n == 1 else "other",
}


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


@cache
def catalog(language: str) -> dict[str, str]:
    """All texts of one language as {dotted.key: text}; each file is a top-level table."""
    folder = resources.files("bot") / "locales" / language
    texts: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            area = entry.name.removesuffix(".toml")
            texts.update(_flatten(tomllib.loads(entry.read_text(encoding="utf-8")), f"{area}."))
    return texts


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def language_for(code: str | None, fallback: str = DEFAULT_LANGUAGE) -> str:
    """Pick nl or en from a Telegram language_code such as 'nl', 'en-GB' or 'fy'."""
    if code:
        base = code.split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return fallback


def _template(language: str, key: str, params: Mapping[str, object]) -> str:
    """The text of `key`; for a plural text, its form for params["count"]."""
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    texts = catalog(language)
    if key not in texts and f"{key}.other" in texts:
        count = params["count"]  # KeyError: a plural text needs its count
        key = f"{key}.{PLURAL_RULES[language](float(str(count)))}"
    return texts.get(key) or catalog(DEFAULT_LANGUAGE)[key]


def t(language: str, key: str, /, **params: object) -> str:
    """The text for `key` in `language`, with HTML-escaped parameters."""
    safe = {name: html.escape(str(value), quote=False) for name, value in params.items()}
    return _template(language, key, params).format(**safe)


def raw(language: str, key: str, /, **params: object) -> str:
    """Like `t` but with parameters inserted as they are: for pre-rendered HTML fragments."""
    template = _template(language, key, params)
    return template.format(**{name: str(value) for name, value in params.items()})


def labels(key: str) -> set[str]:
    """The text of `key` in every language: for matching reply-keyboard buttons."""
    return {catalog(language)[key] for language in LANGUAGES}
