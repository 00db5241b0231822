"""Telegram's HTML parse mode: text plus entities, with Telegram's error texts.

A port of tdlib's parse_html (td/telegram/MessageEntity.cpp), which the Bot API server uses: it
walks the UTF-8 bytes, so byte offsets in errors and the UTF-16 offsets of entities are Telegram's.
Links are simplified: any href (or, without one, link-like text) makes a text_link."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_SUPPORTED = {
    "a",
    "b",
    "strong",
    "i",
    "em",
    "s",
    "strike",
    "del",
    "u",
    "ins",
    "tg-spoiler",
    "tg-emoji",
    "tg-time",
    "span",
    "pre",
    "code",
    "blockquote",
}
_SIMPLE = {
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
    "span": "spoiler",  # only <span class="tg-spoiler"> gets this far
}
# tdlib sorts entities by offset, longer first, then by this priority
_PRIORITY = {
    "blockquote": 0,
    "expandable_blockquote": 0,
    "pre": 11,
    "code": 20,
    "text_link": 49,
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "custom_emoji": 99,
}
_NAMED = {b"lt": ord("<"), b"gt": ord(">"), b"amp": ord("&"), b"quot": ord('"')}
_SPACES = b" \t\r\n\v\x00"  # tdlib's is_space; the NUL is the end of the text
_HEX = b"0123456789abcdefABCDEF"
_SURROGATES = (
    "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched "
    "surrogate code units"
)


class ParseError(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(f"Bad Request: can't parse entities: {detail}")
        self.description = str(self)


@dataclass
class _Open:
    tag: str
    argument: str
    offset: int  # UTF-16 units
    begin: int  # byte position in the output


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class _Bytes:
    """The source as bytes that read as NUL past the end, like tdlib's C string."""

    def __init__(self, source: str) -> None:
        self.data = source.encode("utf-8", "surrogatepass")

    def __len__(self) -> int:
        return len(self.data)

    def __getitem__(self, index: int) -> int:
        return self.data[index] if index < len(self.data) else 0

    def space(self, index: int) -> bool:
        return self[index] in _SPACES

    def text(self, start: int, end: int) -> str:
        return self.data[start:end].decode("utf-8", "replace")


def _alpha(byte: int) -> bool:
    return ord("a") <= byte | 0x20 <= ord("z")


def _decode_entity(text: _Bytes, pos: int) -> tuple[int, int]:
    """The code point of the character reference at pos and the position after it; (0, pos) when
    there is none. Only numeric references and lt, gt, amp and quot count; ';' is optional."""
    end = pos + 1
    code = 0
    if text[end] == ord("#"):
        end += 1
        if text[pos + 2] == ord("x"):
            end += 1
            while text[end] and text[end] in _HEX:
                code = code * 16 + int(chr(text[end]), 16)
                end += 1
        else:
            while ord("0") <= text[end] <= ord("9"):
                code = code * 10 + text[end] - ord("0")
                end += 1
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return 0, pos
    else:
        while _alpha(text[end]):
            end += 1
        code = _NAMED.get(text.data[pos + 1 : end], 0)
        if not code:
            return 0, pos
    if text[end] == ord(";"):
        end += 1
    return code, end


def _link(url: str) -> str | None:
    """The link an <a> makes, or None (simplified from tdlib's get_checked_link)."""
    url = url.strip()
    if not url or any(c.isspace() for c in url):
        return None
    if "://" in url or url.startswith(("tg:", "mailto:")):
        return url
    return f"http://{url}" if "." in url else None


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and entities (offsets in UTF-16 units), or ParseError like Telegram's."""
    text = _Bytes(source)
    out = bytearray()
    entities: list[dict[str, Any]] = []
    stack: list[_Open] = []
    utf16_offset = 0
    i = 0
    size = len(text)
    while i < size:
        c = text[i]
        if c == ord("&"):
            code, after = _decode_entity(text, i)
            if code:
                utf16_offset += 1 + (code > 0xFFFF)
                out += chr(code).encode("utf-8", "surrogatepass")
                i = after
                continue
        if c != ord("<"):
            if c & 0xC0 != 0x80:  # the first byte of a character
                utf16_offset += 1 + (c >= 0xF0)
            out.append(c)
            i += 1
            continue

        begin = i
        i += 1
        if text[i] != ord("/"):  # a start tag
            while not text.space(i) and text[i] != ord(">"):
                i += 1
            if text[i] == 0:
                raise ParseError(f"Unclosed start tag at byte offset {begin}")
            tag = text.text(begin + 1, i).lower()
            if tag not in _SUPPORTED:
                raise ParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')
            argument = ""
            while text[i] != ord(">"):
                while text[i] != 0 and text.space(i):
                    i += 1
                if text[i] == ord(">"):
                    break
                name_begin = i
                while not text.space(i) and text[i] not in b"=>/\"'":
                    i += 1
                name = text.text(name_begin, i)
                if not name:
                    raise ParseError(
                        f'Empty attribute name in the tag "{tag}" at byte offset {begin}'
                    )
                while text[i] != 0 and text.space(i):
                    i += 1
                if text[i] != ord("="):
                    if text[i] == 0:
                        raise ParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
                    if tag == "blockquote" and name == "expandable":
                        argument = "1"
                    continue
                i += 1
                while text[i] != 0 and text.space(i):
                    i += 1
                if text[i] == 0:
                    raise ParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
                if text[i] not in b"'\"":  # a name token: letters, digits, periods, hyphens
                    token_begin = i
                    while _alpha(text[i]) or text[i] in b"0123456789.-":
                        i += 1
                    value = text.text(token_begin, i).lower()
                    if not text.space(i) and text[i] != ord(">"):
                        raise ParseError(
                            f"Unexpected end of name token at byte offset {token_begin}"
                        )
                else:  # a string literal, with character references decoded
                    quote = text[i]
                    i += 1
                    raw = bytearray()
                    while text[i] != quote and text[i] != 0:
                        if text[i] == ord("&"):
                            code, after = _decode_entity(text, i)
                            if code:
                                raw += chr(code).encode("utf-8", "surrogatepass")
                                i = after
                                continue
                        raw.append(text[i])
                        i += 1
                    if text[i] == quote:
                        i += 1
                    value = raw.decode("utf-8", "replace")
                if text[i] == 0:
                    raise ParseError(f"Unclosed start tag at byte offset {begin}")
                if tag == "a" and name == "href":
                    argument = value
                elif tag == "code" and name == "class" and value.startswith("language-"):
                    argument = value[9:]
                elif tag == "span" and name == "class" and value.startswith("tg-"):
                    argument = value[3:]
                elif (tag == "tg-emoji" and name == "emoji-id") or (
                    tag == "blockquote" and name == "expandable"
                ):
                    argument = value or "1"
            if tag == "span" and argument != "spoiler":
                raise ParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
            stack.append(_Open(tag, argument, utf16_offset, len(out)))
            i += 1
            continue

        # an end tag
        if not stack:
            raise ParseError(f"Unexpected end tag at byte offset {begin}")
        while not text.space(i) and text[i] != ord(">"):
            i += 1
        end_tag = text.text(begin + 2, i).lower()
        while text[i] != 0 and text.space(i):
            i += 1
        if text[i] != ord(">"):
            raise ParseError(f"Unclosed end tag at byte offset {begin}")
        i += 1
        opened = stack[-1]
        if end_tag and end_tag != opened.tag:
            raise ParseError(
                f'Unmatched end tag at byte offset {begin}, expected "</{opened.tag}>", '
                f'found "</{end_tag}>"'
            )
        stack.pop()
        if utf16_offset > opened.offset:
            entity = _entity(opened, utf16_offset - opened.offset, out, entities)
            if entity is not None:
                entities.append(entity)
    if stack:
        raise ParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    try:
        plain = bytes(out).decode("utf-8")
    except UnicodeDecodeError:
        raise ParseError(_SURROGATES) from None
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    entities.sort(key=lambda e: (e["offset"], -e["length"], _PRIORITY.get(e["type"], 50)))
    return plain, entities


def _entity(
    opened: _Open, length: int, out: bytearray, earlier: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """The entity a closed tag makes; None for tags that make none. May merge <pre><code>."""
    entity: dict[str, Any] = {"type": "", "offset": opened.offset, "length": length}
    tag, argument = opened.tag, opened.argument
    same_span = (
        bool(earlier) and earlier[-1]["offset"] == opened.offset and earlier[-1]["length"] == length
    )
    if tag in _SIMPLE:
        entity["type"] = _SIMPLE[tag]
    elif tag == "a":
        url = _link(argument or out[opened.begin :].decode("utf-8", "replace"))
        if url is None:
            return None
        entity.update(type="text_link", url=url)
    elif tag == "tg-emoji":
        if not argument.isdecimal() or int(argument) == 0:
            raise ParseError("Invalid custom emoji identifier specified")
        entity.update(type="custom_emoji", custom_emoji_id=argument)
    elif tag == "tg-time":
        return None  # accepted, but the sandbox makes no date_time entity
    elif tag == "blockquote":
        entity["type"] = "expandable_blockquote" if argument else "blockquote"
    elif tag == "pre":
        if same_span and earlier[-1]["type"] == "code" and earlier[-1].get("language"):
            earlier[-1]["type"] = "pre"  # <code class="language-x"><pre>: one pre with language
            return None
        entity["type"] = "pre"
    elif tag == "code":
        if same_span and earlier[-1]["type"] == "pre" and argument:
            earlier[-1]["language"] = argument  # <pre><code class="language-x">
            return None
        entity["type"] = "code"
        if argument:  # kept only while a <pre> may still claim it
            entity["language"] = argument
    return entity
