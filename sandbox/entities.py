"""Telegram's HTML parse mode: text plus entities, with Telegram's error texts."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "span": "spoiler",
    "tg-emoji": "custom_emoji",
}
_TOKEN = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*?)?)\s*(/?)>|<|&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);?"
)
_NAMED = {"lt", "gt", "amp", "quot"}
_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")


class ParseError(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(f"Bad Request: can't parse entities: {detail}")
        self.description = str(self)


@dataclass
class _Open:
    tag: str
    offset: int
    url: str | None


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and entities (offsets in UTF-16 units), or ParseError like Telegram's."""
    out: list[str] = []
    entities: list[dict[str, Any]] = []
    stack: list[_Open] = []
    length = 0
    position = 0
    for match in _TOKEN.finditer(source):
        plain = source[position : match.start()]
        out.append(plain)
        length += utf16_len(plain)
        position = match.end()
        byte_offset = len(source[: match.start()].encode("utf-8"))
        token = match.group(0)
        if token == "<":
            raise ParseError(f"Unexpected end of name token at byte offset {byte_offset}")
        if token.startswith("&"):
            # Numeric entities and &lt; &gt; &amp; &quot; are decoded; anything else stays literal.
            name = match.group(5)
            known = name.startswith("#") or name in _NAMED
            char = html.unescape(f"&{name};") if known and token.endswith(";") else token
            out.append(char)
            length += utf16_len(char)
            continue
        closing, tag, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if tag not in _TAGS:
            kind = "end" if closing else "start"
            raise ParseError(f'Unsupported {kind} tag "{tag}" at byte offset {byte_offset}')
        if not closing:
            url = None
            if tag == "a":
                href = _HREF.search(attributes or "")
                url = next((g for g in href.groups() if g), "") if href else ""
            stack.append(_Open(tag, length, url))
            continue
        if not stack or stack[-1].tag != tag:
            raise ParseError(
                f'Unmatched end tag at byte offset {byte_offset}, expected "</{stack[-1].tag}>", found "</{tag}>"'
                if stack
                else f"Unexpected end tag at byte offset {byte_offset}"
            )
        opened = stack.pop()
        if length > opened.offset:
            entity: dict[str, Any] = {
                "type": _TAGS[tag],
                "offset": opened.offset,
                "length": length - opened.offset,
            }
            if tag == "a":
                entity["url"] = opened.url
            entities.append(entity)
    rest = source[position:]
    out.append(rest)
    if stack:
        raise ParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities
