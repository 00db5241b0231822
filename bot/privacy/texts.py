"""What the privacy guard found, in words: the kinds of identifying data, never the data itself.

Signals, questions, follow-ups and answers all warn with it ("een naam en een telefoonnummer"),
and cards say what was kept on purpose with it.
"""

from __future__ import annotations

from bot.core import i18n


def kinds(found: list[str] | tuple[str, ...], language: str) -> str:
    """The kinds of identifying data, never the data itself, as a phrase: "een naam",
    "een BSN, een naam en een adres of postcode"."""
    named = [i18n.t(language, f"privacy.kind_{kind}") for kind in found]
    if len(named) < 2:
        return "".join(named)
    return f"{', '.join(named[:-1])} {i18n.t(language, 'privacy.kinds_and')} {named[-1]}"
