"""Telegram's length limits, counted as Telegram counts them.

A message may hold 4,096 characters and a caption 1,024, counted in UTF-16 code units (an emoji
outside the Basic Multilingual Plane counts two) of the text left once the HTML is parsed (tags
count nothing, `&lt;` counts one). Builders that show long texts shorten them where it matters
(`shorten`, `newest_that_fit`); `fit` is the last guard before anything is sent, so no message
is ever refused as too long.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
ELLIPSIS = "…"
_TOKEN = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*>|&#?\w+;|.", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def units(text: str) -> int:
    """Telegram's length of plain text: UTF-16 code units."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def visible_units(markup: str) -> int:
    """Telegram's length of an HTML text: the UTF-16 units left once tags and entities are read."""
    return units(html.unescape(_TAG.sub("", markup)))


def shorten(text: str, limit: int) -> str:
    """Plain text (before HTML escaping) cut to at most `limit` units, ending in "…" when cut."""
    if units(text) <= limit:
        return text
    kept, used = [], 0
    for ch in text:
        used += units(ch)
        if used > limit - 1:
            break
        kept.append(ch)
    return "".join(kept).rstrip() + ELLIPSIS


def fit(markup: str, limit: int = TEXT_LIMIT) -> str:
    """An HTML text cut to `limit` visible units, with its open tags closed and "…" at the cut.
    Texts that fit are returned unchanged."""
    if visible_units(markup) <= limit:
        return markup
    out: list[str] = []
    open_tags: list[str] = []
    used = 0
    for token in _TOKEN.finditer(markup):
        piece, closing, tag = token.group(0), token.group(1), token.group(2)
        if tag is not None:
            if closing:
                if open_tags and open_tags[-1] == tag.lower():
                    open_tags.pop()
            else:
                open_tags.append(tag.lower())
            out.append(piece)
            continue
        size = units(html.unescape(piece))
        if used + size > limit - 1:
            break
        used += size
        out.append(piece)
    if open_tags and out and out[-1].startswith("<") and not out[-1].startswith("</"):
        out.pop()  # a tag opened just before the cut would hold nothing
        open_tags.pop()
    return "".join(out) + ELLIPSIS + "".join(f"</{tag}>" for tag in reversed(open_tags))


def newest_that_fit(
    entries: Sequence[str], budget: int, earlier: Callable[[int], str], separator: str = "\n"
) -> list[str]:
    """As many of the newest `entries` (given and returned oldest first) as fit in `budget`
    visible units, each with its separator; when older ones give way, `earlier(count)` says
    how many, in their place."""

    def size(entry: str) -> int:
        return visible_units(entry) + units(separator)

    if sum(size(entry) for entry in entries) <= budget:
        return list(entries)
    budget -= size(earlier(len(entries)))
    kept: list[str] = []
    for entry in reversed(entries):
        if size(entry) > budget:
            break
        budget -= size(entry)
        kept.append(entry)
    return [earlier(len(entries) - len(kept)), *reversed(kept)]


def pack(parts: Sequence[str], limit: int = TEXT_LIMIT, separator: str = "\n\n") -> list[str]:
    """The parts, in order, joined into as few messages as fit; a part too long alone is cut."""
    messages: list[str] = []
    for part in (fit(p, limit) for p in parts):
        if messages and visible_units(messages[-1] + separator + part) <= limit:
            messages[-1] += separator + part
        else:
            messages.append(part)
    return messages
