"""Every text exists in every language, with the same placeholders, and is valid Telegram HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from bot.core import i18n
from bot.core.config import LANGUAGES

ALLOWED_TAGS = {"b", "i", "u", "s", "code", "pre", "a", "tg-spoiler", "blockquote"}


def test_same_keys_in_every_language() -> None:
    keys = {language: set(i18n.catalog(language)) for language in LANGUAGES}
    reference = keys["nl"]
    for language, found in keys.items():
        assert found - reference == set(), f"only in {language}: {sorted(found - reference)}"
        assert reference - found == set(), f"missing in {language}: {sorted(reference - found)}"


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "nl"])
def test_same_placeholders(language: str) -> None:
    dutch, other = i18n.catalog("nl"), i18n.catalog(language)
    different = {
        key: (i18n.placeholders(text), i18n.placeholders(other[key]))
        for key, text in dutch.items()
        if i18n.placeholders(text) != i18n.placeholders(other[key])
    }
    assert different == {}


class _TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}> is not allowed by Telegram")
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.problems.append(f"</{tag}> closes nothing")


@pytest.mark.parametrize("language", LANGUAGES)
def test_texts_are_valid_telegram_html(language: str) -> None:
    for key, text in i18n.catalog(language).items():
        checker = _TagChecker()
        checker.feed(text)
        assert checker.problems == [] and checker.open == [], f"{language}:{key}"
        assert not re.search(r"&(?!amp;|lt;|gt;|quot;)", text), f"{language}:{key} has a bare &"


def test_parameters_are_escaped() -> None:
    text = i18n.t("nl", "start.welcome_back", name="<b>Eve</b> & co")
    assert text == "Welkom terug, &lt;b&gt;Eve&lt;/b&gt; &amp; co!"


def test_menu_texts_stay_within_telegram_limits() -> None:
    for language in LANGUAGES:
        for key, text in i18n.catalog(language).items():
            assert len(text) <= 4096, key
            if key.startswith("commands."):
                assert 1 <= len(text) <= 256, key


@pytest.mark.parametrize(
    ("code", "expected"), [("nl", "nl"), ("en-GB", "en"), ("EN", "en"), ("fy", "nl"), (None, "nl")]
)
def test_language_from_telegram_code(code: str | None, expected: str) -> None:
    assert i18n.language_for(code) == expected
