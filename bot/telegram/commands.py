"""The command menu per role and language (Telegram's setMyCommands), and the aliases handlers accept."""

from __future__ import annotations

from typing import Any

from bot.core import i18n
from storage.people import Role

# Each command has an English and a Dutch name; both work, the menu shows the person's language.
ALIASES: dict[str, tuple[str, str]] = {
    "help": ("help", "hulp"),
    "language": ("language", "taal"),
    "profile": ("profile", "profiel"),
    "mydata": ("mydata", "mijngegevens"),
    "forget": ("forget", "vergeet"),
    "cancel": ("cancel", "annuleer"),
    "invite": ("invite", "uitnodigen"),
    "people": ("people", "mensen"),
    "report": ("report", "signaal"),
    "mysignals": ("mysignals", "mijnsignalen"),
    "signals": ("signals", "signalen"),
    "purge": ("purge", "opschonen"),
    "routing": ("routing", "routering"),
    "away": ("away", "afwezig"),
    "pause": ("pause", "pauze"),
    "ask": ("ask", "vraag"),
    "myquestions": ("myquestions", "mijnvragen"),
    "questions": ("questions", "vragen"),
    "faq": ("faq", "faq"),
    "checkin": ("checkin", "checkin"),
    "rounds": ("rounds", "rondes"),
    "followups": ("followups", "opvolging"),
    "meetings": ("meetings", "overleg"),
    "contact": ("contact", "contactpersoon"),
    "buddy": ("buddy", "maatje"),
    "shifts": ("shifts", "diensten"),
    "myshifts": ("myshifts", "mijndiensten"),
    "announce": ("announce", "bericht"),
}

# Further names that work but are not in the menu (the issue and the README speak of /faq).
_HIDDEN: dict[str, tuple[str, ...]] = {"faq": ("kennisbank", "knowledge")}

_EVERYONE = ("help", "profile", "mydata", "forget", "language", "cancel")
_BY_ROLE: dict[Role, tuple[str, ...]] = {
    Role.COORDINATOR: (
        "invite",
        "people",
        "shifts",
        "signals",
        "questions",
        "announce",
        "routing",
        "purge",
        "faq",
        "rounds",
        "followups",
        "meetings",
        "contact",
        "buddy",
        *_EVERYONE,
    ),
    Role.PROFESSIONAL: (
        "signals",
        "questions",
        "announce",
        "away",
        "faq",
        "followups",
        "meetings",
        *_EVERYONE,
    ),
    Role.VOLUNTEER: (
        "shifts",
        "myshifts",
        "report",
        "mysignals",
        "ask",
        "myquestions",
        "faq",
        "pause",
        "checkin",
        "meetings",
        "buddy",
        *_EVERYONE,
    ),
}
_UNREGISTERED = ("start", "help", "language")


def names(command: str) -> tuple[str, ...]:
    return ALIASES.get(command, (command,)) + _HIDDEN.get(command, ())


def _entry(command: str, language: str) -> dict[str, str]:
    english, dutch = ALIASES.get(command, (command, command))
    return {
        "command": dutch if language == "nl" else english,
        "description": i18n.t(language, f"commands.{command}"),
    }


def menu(role: Role | None, language: str) -> list[dict[str, str]]:
    commands = _UNREGISTERED if role is None else _BY_ROLE[role]
    return [_entry(c, language) for c in commands]


def set_commands_payload(telegram_id: int, role: Role | None, language: str) -> dict[str, Any]:
    """The menu of one chat: the role's, or (None) that of someone without an account."""
    return {
        "commands": menu(role, language),
        "scope": {"type": "chat", "chat_id": telegram_id},
    }
