"""Callback data, both ways: the parts every feature's buttons are made of.

Each feature has one module that builds and reads its own prefixes (bot/signals/callbacks.py,
bot/questions/callbacks.py, bot/people/callbacks.py, bot/routing/callbacks.py; a draft's step
buttons are bot.flows.draft.StepPress). Builders go through `pack`, readers through `unpack`
and `number`: data is never trusted, so a reader returns None for anything it did not build, and
the handler answers "button expired". Telegram takes at most 64 bytes of callback data; `pack`
refuses more, so a too-long button fails where it is made, not as a 400 when it is sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

MAX_BYTES: Final = 64
# SQLite integers stop at 2**63-1; a longer "number" in forged data is no id.
MAX_ID_DIGITS: Final = 18
SEPARATOR: Final = ":"


def pack(*parts: object) -> str:
    """Callback data from its parts; ValueError beyond Telegram's 64 bytes."""
    data = SEPARATOR.join(str(part) for part in parts)
    size = len(data.encode("utf-8"))
    if size > MAX_BYTES:
        raise ValueError(f"callback data of {size} bytes, at most {MAX_BYTES}: {data[:24]}…")
    return data


def unpack(data: object, prefix: str) -> list[str] | None:
    """The parts after `prefix:`, or None when the data is not this prefix's."""
    if not isinstance(data, str) or not data.startswith(prefix + SEPARATOR):
        return None
    return data[len(prefix) + 1 :].split(SEPARATOR)


def number(part: str) -> int | None:
    """An id or count from callback data (ASCII digits only), or None for anything else."""
    if part.isascii() and part.isdigit() and len(part) <= MAX_ID_DIGITS:
        return int(part)
    return None


def word(part: str, longest: int = 32) -> str | None:
    """A key from configuration or a fixed choice: letters, digits, '_' and '-'."""
    if 0 < len(part) <= longest and all(c.isascii() and (c.isalnum() or c in "_-") for c in part):
        return part
    return None


def prefix_pattern(prefix: str) -> str:
    """The CallbackQueryHandler pattern for every button of one prefix."""
    return f"^{prefix}{SEPARATOR}"


def of_kind(parse: Callable[[object], object], *kinds: type) -> Callable[[object], bool]:
    """A CallbackQueryHandler pattern: data that `parse` reads as one of `kinds`."""
    return lambda data: isinstance(parse(data), kinds)
