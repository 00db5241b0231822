"""The English texts call a wijk a neighbourhood, everywhere (commands and settings keep their
names)."""

from __future__ import annotations

import re

from bot.core import i18n


def test_english_texts_say_neighbourhood_not_wijk() -> None:
    placeholders = re.compile(r"\{[^}]*\}")
    mixed = {
        key: text
        for key, text in i18n.catalog("en").items()
        if re.search(r"wijk", placeholders.sub("", text), re.I)
    }
    assert mixed == {}
