"""Telegram's HTML parse mode: text plus entities, with Telegram's error texts.

A port of tdlib's parse_html (td/telegram/MessageEntity.cpp), which the Bot API server uses: it
walks the UTF-8 bytes, so byte offsets in errors and the UTF-16 offsets of entities are Telegram's.
Links are simplified: any href (or, without one, link-like text) makes a text_link."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
_SUPPORTED = {*_SIMPLE, "a", "tg-emoji", "tg-time", "pre", "code", "blockquote"}
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
    return _Parser(source).parse()


class _Parser:
    """One pass over the source's bytes: text and character references go to the output, start
    tags onto the stack, and each end tag closes the tag on top into an entity."""

    def __init__(self, source: str) -> None:
        self.text = _Bytes(source)
        self.i = 0
        self.out = bytearray()
        self.entities: list[dict[str, Any]] = []
        self.stack: list[_Open] = []
        self.utf16_offset = 0

    def parse(self) -> tuple[str, list[dict[str, Any]]]:
        while self.i < len(self.text):
            c = self.text[self.i]
            if c == ord("&") and self._reference():
                continue
            if c != ord("<"):
                self._byte(c)
            elif self.text[self.i + 1] != ord("/"):
                self._start_tag()
            else:
                self._end_tag()
        return self._finish()

    def _reference(self) -> bool:
        """A character reference in the text, decoded; False when there is none."""
        code, after = _decode_entity(self.text, self.i)
        if code:
            self.utf16_offset += 1 + (code > 0xFFFF)
            self.out += chr(code).encode("utf-8", "surrogatepass")
            self.i = after
        return bool(code)

    def _byte(self, c: int) -> None:
        if c & 0xC0 != 0x80:  # the first byte of a character
            self.utf16_offset += 1 + (c >= 0xF0)
        self.out.append(c)
        self.i += 1

    def _skip_spaces(self) -> None:
        while self.text[self.i] != 0 and self.text.space(self.i):
            self.i += 1

    def _skip_word(self) -> None:
        while not self.text.space(self.i) and self.text[self.i] != ord(">"):
            self.i += 1

    def _start_tag(self) -> None:
        text, begin = self.text, self.i
        self.i += 1
        self._skip_word()
        if text[self.i] == 0:
            raise ParseError(f"Unclosed start tag at byte offset {begin}")
        tag = text.text(begin + 1, self.i).lower()
        if tag not in _SUPPORTED:
            raise ParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')
        argument = ""
        while text[self.i] != ord(">"):
            self._skip_spaces()
            if text[self.i] == ord(">"):
                break
            argument = self._attribute(tag, begin, argument)
        if tag == "span" and argument != "spoiler":
            raise ParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
        self.stack.append(_Open(tag, argument, self.utf16_offset, len(self.out)))
        self.i += 1

    def _attribute(self, tag: str, begin: int, argument: str) -> str:
        """Read one attribute of the start tag at `begin`; returns the tag's argument after it."""
        text = self.text
        name_begin = self.i
        while not text.space(self.i) and text[self.i] not in b"=>/\"'":
            self.i += 1
        name = text.text(name_begin, self.i)
        if not name:
            raise ParseError(f'Empty attribute name in the tag "{tag}" at byte offset {begin}')
        self._skip_spaces()
        if text[self.i] != ord("="):
            if text[self.i] == 0:
                raise ParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
            return "1" if tag == "blockquote" and name == "expandable" else argument
        self.i += 1
        self._skip_spaces()
        if text[self.i] == 0:
            raise ParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
        value = self._string() if text[self.i] in b"'\"" else self._name_token()
        if text[self.i] == 0:
            raise ParseError(f"Unclosed start tag at byte offset {begin}")
        return _argument(tag, name, value, argument)

    def _name_token(self) -> str:
        """An unquoted value: letters, digits, periods, hyphens."""
        text, token_begin = self.text, self.i
        while _alpha(text[self.i]) or text[self.i] in b"0123456789.-":
            self.i += 1
        if not text.space(self.i) and text[self.i] != ord(">"):
            raise ParseError(f"Unexpected end of name token at byte offset {token_begin}")
        return text.text(token_begin, self.i).lower()

    def _string(self) -> str:
        """A quoted value, with character references decoded."""
        text, quote = self.text, self.text[self.i]
        self.i += 1
        raw = bytearray()
        while text[self.i] != quote and text[self.i] != 0:
            if text[self.i] == ord("&"):
                code, after = _decode_entity(text, self.i)
                if code:
                    raw += chr(code).encode("utf-8", "surrogatepass")
                    self.i = after
                    continue
            raw.append(text[self.i])
            self.i += 1
        if text[self.i] == quote:
            self.i += 1
        return raw.decode("utf-8", "replace")

    def _end_tag(self) -> None:
        text, begin = self.text, self.i
        self.i += 1
        if not self.stack:
            raise ParseError(f"Unexpected end tag at byte offset {begin}")
        self._skip_word()
        end_tag = text.text(begin + 2, self.i).lower()
        self._skip_spaces()
        if text[self.i] != ord(">"):
            raise ParseError(f"Unclosed end tag at byte offset {begin}")
        self.i += 1
        opened = self.stack[-1]
        if end_tag and end_tag != opened.tag:
            raise ParseError(
                f'Unmatched end tag at byte offset {begin}, expected "</{opened.tag}>", '
                f'found "</{end_tag}>"'
            )
        self.stack.pop()
        if self.utf16_offset > opened.offset:
            length = self.utf16_offset - opened.offset
            entity = _entity(opened, length, self.out, self.entities)
            if entity is not None:
                self.entities.append(entity)

    def _finish(self) -> tuple[str, list[dict[str, Any]]]:
        if self.stack:
            raise ParseError(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].tag}"'
            )
        try:
            plain = bytes(self.out).decode("utf-8")
        except UnicodeDecodeError:
            raise ParseError(_SURROGATES) from None
        for entity in self.entities:
            if entity["type"] == "code":
                entity.pop("language", None)
        self.entities.sort(key=lambda e: (e["offset"], -e["length"], _PRIORITY.get(e["type"], 50)))
        return plain, self.entities


def _argument(tag: str, name: str, value: str, argument: str) -> str:
    """The tag's argument after one of its attributes: an <a>'s href, a <code>'s language, a
    <span>'s class, a custom emoji's id, whether a blockquote is expandable."""
    if tag == "a" and name == "href":
        return value
    if tag == "code" and name == "class" and value.startswith("language-"):
        return value[9:]
    if tag == "span" and name == "class" and value.startswith("tg-"):
        return value[3:]
    if (tag == "tg-emoji" and name == "emoji-id") or (tag == "blockquote" and name == "expandable"):
        return value or "1"
    return argument


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
