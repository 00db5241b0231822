"""Each role's ☰ menu, its /hulp and what the server allows tell the same story, in nl and en."""

from __future__ import annotations

import re

import pytest

from bot.core import i18n
from bot.telegram import commands
from storage.people import Role
from tests.dialogue import Harness

LANGUAGES = ("nl", "en")
ROLES = (Role.VOLUNTEER, Role.PROFESSIONAL, Role.COORDINATOR)
COMMAND = re.compile(r"[a-z0-9_]{1,32}")  # Telegram's BotCommand.command
MENTIONED = re.compile(r"(?<![<\w])/([a-z0-9_]+)")  # not a closing tag


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", [*ROLES, None])
def test_every_menu_entry_fits_telegrams_limits(role: Role | None, language: str) -> None:
    menu = commands.menu(role, language)
    names = [entry["command"] for entry in menu]
    assert len(names) == len(set(names)), names
    assert len(menu) <= 100  # setMyCommands takes at most 100
    for entry in menu:
        assert COMMAND.fullmatch(entry["command"]), entry
        assert 1 <= len(entry["description"]) <= 256, entry


def test_every_command_is_in_some_menu() -> None:
    offered = {c for role in ROLES for c in commands._BY_ROLE[role]}
    assert set(commands.ALIASES) <= offered


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_help_names_exactly_the_menu_once_each(role: Role, language: str) -> None:
    """Every command in the menu is explained in /hulp (but /hulp itself), nothing else is, and
    no line is there twice."""
    text = i18n.t(language, f"help.{role}")
    lines = [line for line in text.splitlines() if line.startswith("•")]
    assert len(lines) == len(set(lines)), lines
    mentioned = MENTIONED.findall("\n".join(lines))
    assert len(mentioned) == len(set(mentioned)), mentioned
    menu = [entry["command"] for entry in commands.menu(role, language)]
    help_name = commands.ALIASES["help"][0 if language == "en" else 1]
    assert sorted(mentioned) == sorted(c for c in menu if c != help_name)
    everywhere = set(MENTIONED.findall(text))
    assert everywhere <= set(menu), everywhere - set(menu)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
async def test_the_server_lets_each_role_use_its_menu(
    bot: Harness, role: Role, language: str
) -> None:
    """Nothing is offered that the server refuses: each command answers as itself."""
    chatter, _ = await bot.member(role, "Anna", language=language, wijk="Noord")
    refused = i18n.t(language, "access.not_allowed")
    for entry in commands.menu(role, language):
        reply = await chatter.send(f"/{entry['command']}")
        assert reply.said, entry
        assert refused not in reply.said, entry
        await chatter.send(f"/{commands.ALIASES['cancel'][0 if language == 'en' else 1]}")
