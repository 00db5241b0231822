"""The words of /mijngegevens (bot.people.my_data): codes in the person's language, every moment
in one format, plain text instead of HTML, no ids of people. Each feature's part of the file
(`MyDataPart`) writes its records with them."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.core import i18n
from bot.core.config import Settings
from storage.database import Transaction
from storage.people import Person
from storage.timestamps import from_db

_TAG = re.compile(r"<[^>]+>")
_TO_SOMEONE = re.compile(r"^to \d+(?:, \d+)*(?:: | |$)")


@dataclass(frozen=True)
class Words:
    """Codes in the person's words, moments in one format."""

    settings: Settings
    language: str

    def t(self, key: str, /, **params: object) -> str:
        return plain_text(i18n.t(self.language, key, **params))

    def when(self, moment: datetime | str | None) -> str | None:
        if moment is None:
            return None
        at = from_db(moment) if isinstance(moment, str) else moment
        return at.astimezone(self.settings.organisation.zone).isoformat(timespec="seconds")

    def what(self, kind: str) -> str:
        """What happened, in words; a kind without its words as it is stored."""
        known = f"my_data.what_{kind}" in i18n.catalog(self.language)
        return self.t(f"my_data.what_{kind}") if known else kind

    def kinds(self, found: list[str] | tuple[str, ...]) -> list[str]:
        return [self.t(f"privacy.kind_{kind}") for kind in found]

    def row(self, row: dict[str, Any]) -> dict[str, Any]:
        """A stored row as it is, its moments (columns ending in _at) in the one format."""
        return {k: value(k, v, self) for k, v in row.items()}


# A feature's own records in the file, in the transaction of the export (bot.people.profile;
# the composition root passes them in, in the order the file lists them).
MyDataPart = Callable[[Transaction, Person, Words, datetime], Awaitable[dict[str, Any]]]


def plain_text(text: str) -> str:
    """A message as people read it: without HTML tags and entities."""
    return html.unescape(_TAG.sub("", text))


def detail(text: str | None) -> str | None:
    """An audit detail without the ids of people in it: "to 12: reason" is "reason"."""
    rest = _TO_SOMEONE.sub("", text or "", count=1) if text else text
    return rest if rest else None


def value(key: str, stored: Any, words: Words) -> Any:
    """Moments (columns ending in _at) in the one format; anything else as it is."""
    return words.when(stored) if key.endswith("_at") else stored
