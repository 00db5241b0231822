"""Text with Telegram's formatting entities (bold, italic, links: `MessageEntity` as dicts),
kept exact while the text around them changes.

Entities count in UTF-16 code units (bot.core.message_fit.units), so "📣 " before a text moves
every entity by three. Announcements send what the coordinator typed with its own entities
rather than re-parsed HTML (bot.announcements.copies); erasure replaces names inside such texts
and must move the entities after them (bot.privacy.erasure).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.core.message_fit import units

Entity = dict[str, Any]

# What a sender's formatting may carry over. Left out: what Telegram finds by itself (links,
# mentions, hashtags, commands), mentions of a person by account (text_mention) and custom
# emoji, which bots may not send.
KEPT = frozenset(
    {
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "code",
        "pre",
        "text_link",
        "blockquote",
        "expandable_blockquote",
    }
)
_FIELDS = ("type", "offset", "length", "url", "language")


def kept(entities: Sequence[Entity]) -> list[Entity]:
    """The formatting worth sending again, each with only the fields it needs."""
    return [
        {k: e[k] for k in _FIELDS if k in e}
        for e in entities
        if e.get("type") in KEPT and int(e.get("length", 0)) > 0
    ]


def shifted(entities: Sequence[Entity], by: int) -> list[Entity]:
    """The entities of a text that now starts `by` units later."""
    return [{**e, "offset": int(e["offset"]) + by} for e in entities]


def joined(parts: Sequence[tuple[str, Sequence[Entity]]]) -> tuple[str, list[Entity]]:
    """Texts with their entities put one after the other, as one text."""
    text, entities, at = "", [], 0
    for part, found in parts:
        entities += shifted(found, at)
        text += part
        at += units(part)
    return text, entities


def replaced(
    text: str, entities: Sequence[Entity], spans: Sequence[tuple[int, int]], replacement: str
) -> tuple[str, list[Entity]]:
    """`text` with each span [start, end) (string indices, not overlapping) replaced, and the
    entities moved and stretched to cover the same words; an entity inside a replaced span
    covers the replacement."""
    spans = sorted(spans)
    pieces, cursor = [], 0
    # (old start, old end, new end) in units, to map positions of the old text to the new.
    moves: list[tuple[int, int, int]] = []
    old_at = new_at = 0
    for start, end in spans:
        pieces.append(text[cursor:start])
        before = units(text[cursor:start])
        old_at, new_at = old_at + before, new_at + before
        width = units(text[start:end])
        moves.append((old_at, old_at + width, new_at + units(replacement)))
        pieces.append(replacement)
        old_at, new_at = old_at + width, new_at + units(replacement)
        cursor = end
    pieces.append(text[cursor:])

    def position(old: int, is_end: bool) -> int:
        shift = 0
        for start, end, new_end in moves:
            if old <= start:
                break
            if old >= end:
                shift = new_end - end
                continue
            return new_end if is_end else new_end - units(replacement)  # inside a replaced span
        return old + shift

    moved = []
    for entity in entities:
        start = int(entity["offset"])
        end = start + int(entity["length"])
        new_start, new_end = position(start, False), position(end, True)
        if new_end > new_start:
            moved.append({**entity, "offset": new_start, "length": new_end - new_start})
    return "".join(pieces), moved
