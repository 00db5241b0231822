"""What the privacy guard found, in words: the kinds of identifying data, never the data itself.

Signals, questions and follow-ups all warn with it ("naam, telefoonnummer").
"""

from __future__ import annotations

from bot.core import i18n


def kinds(found: list[str] | tuple[str, ...], language: str) -> str:
    """The names of the kinds of identifying data, never the data itself."""
    return ", ".join(i18n.t(language, f"privacy.kind_{kind}") for kind in found)
