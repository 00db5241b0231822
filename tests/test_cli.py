"""The command line: invitations from the server, and logs that never show the token."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from bot import logging_setup
from storage.database import Database
from storage.invites import InviteRepository
from storage.people import Role
from tests.test_config import ROOT, run_cli


async def test_invite_prints_code_and_deep_link(tmp_path: Path) -> None:
    db_path = tmp_path / "db.sqlite3"
    result = run_cli(
        "--config",
        str(ROOT / "config.example.toml"),
        "invite",
        "--role",
        "professional",
        "--wijk",
        "Overvecht",
        "--uses",
        "3",
        "--expires",
        "10",
        env={
            "VOELSPRIET_DATABASE__PATH": str(db_path),
            "VOELSPRIET_TELEGRAM__USERNAME": "buurt_bot",
        },
    )
    assert result.returncode == 0, result.stderr
    code = re.search(r"^code: (\S+)$", result.stdout, re.M)
    assert code is not None
    assert f"link: https://t.me/buurt_bot?start={code[1]}" in result.stdout
    db = Database(db_path)
    await db.open()
    try:
        async with db.transaction() as tx:
            invite = await InviteRepository(tx).get(code[1])
    finally:
        await db.close()
    assert invite is not None
    assert (invite.role, invite.wijk, invite.max_uses) == (Role.PROFESSIONAL, "Overvecht", 3)
    assert (invite.expires_at - invite.created_at).days == 10


def test_invite_without_known_username_tells_how_to_use_the_code(tmp_path: Path) -> None:
    result = run_cli(
        "invite",
        "--role",
        "volunteer",
        env={"VOELSPRIET_DATABASE__PATH": str(tmp_path / "db.sqlite3")},
    )
    assert result.returncode == 0, result.stderr
    assert re.search(r"^send to the bot: /start \S+$", result.stdout, re.M)


def test_invite_for_unknown_wijk_is_refused(tmp_path: Path) -> None:
    result = run_cli(
        "invite",
        "--role",
        "volunteer",
        "--wijk",
        "Atlantis",
        env={"VOELSPRIET_DATABASE__PATH": str(tmp_path / "db.sqlite3")},
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "The neighbourhood 'Atlantis' does not exist.",
        "known wijken: Centrum",
    ]


def test_invite_with_bad_numbers_is_refused(tmp_path: Path) -> None:
    env = {"VOELSPRIET_DATABASE__PATH": str(tmp_path / "db.sqlite3")}
    uses = run_cli("invite", "--role", "volunteer", "--uses", "0", env=env)
    assert (uses.returncode, uses.stderr.strip()) == (
        2,
        "The number of uses must be between 1 and 1000.",
    )
    days = run_cli("invite", "--role", "volunteer", "--expires", "400", env=env)
    assert (days.returncode, days.stderr.strip()) == (
        2,
        "The number of days must be between 1 and 365.",
    )
    role = run_cli("invite", "--role", "boss", env=env)
    assert role.returncode == 2 and "invalid choice: 'boss'" in role.stderr


def test_logs_never_show_the_token() -> None:
    token = "123456789:AAF-secret-token-value"
    stream = io.StringIO()
    logging_setup.configure(logging.INFO, token)
    root = logging.getLogger()
    root.handlers[0].setStream(stream)  # type: ignore[attr-defined]
    try:
        logging.getLogger("httpx").warning(
            "HTTP Request: POST https://api.telegram.org/bot%s/getMe", token
        )
        logging.getLogger("telegram.ext").error(
            f"failed at https://api.telegram.org/bot{token}/sendMessage"
        )
        logging.getLogger("httpx").info("HTTP Request: %s", token)  # below httpx's level: dropped
        try:
            raise ConnectionError(f"cannot reach https://api.telegram.org/bot{token}/getUpdates")
        except ConnectionError:
            logging.getLogger("bot.polling").exception("polling failed")
    finally:
        root.handlers.clear()
    output = stream.getvalue()
    assert token not in output
    assert output.count("bot<token>/") == 3
    assert "ConnectionError: cannot reach" in output


def test_verbose_logging_keeps_libraries_from_logging_message_texts() -> None:
    stream = io.StringIO()
    logging_setup.configure(logging.DEBUG, None)
    root = logging.getLogger()
    root.handlers[0].setStream(stream)  # type: ignore[attr-defined]
    try:
        logging.getLogger("bot.delivery").debug("row 7 delivered")  # our own debug lines stay
        logging.getLogger("aiosqlite").debug("executing INSERT ... ('Mevrouw op nummer 7',)")
        logging.getLogger("telegram.Bot").debug("sendMessage {'text': 'Mevrouw op nummer 7'}")
    finally:
        root.handlers.clear()
        for name in ("aiosqlite", "telegram", "aiohttp", "asyncio"):
            logging.getLogger(name).setLevel(logging.NOTSET)
    output = stream.getvalue()
    assert "row 7 delivered" in output
    assert "Mevrouw" not in output
