"""The command line: invitations from the server, and logs that never show the token."""

from __future__ import annotations

import asyncio
import io
import logging
import re
import socket
from pathlib import Path

import segno

from bot.core import logging_setup
from sandbox.server import bound_port, start
from sandbox.standin import SANDBOX_TOKEN, StandIn
from sandbox.world import BOT_USERNAME
from storage.database import Database
from storage.invites import InviteRepository
from storage.people import Role
from tests.command_line import ROOT, run_cli


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
        "known neighbourhoods: Noordoost, Overvecht, Binnenstad",  # the sandbox's
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
            logging.getLogger("bot.telegram.polling").exception("polling failed")
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
        # Our own debug lines stay.
        logging.getLogger("bot.telegram.delivery").debug("row 7 delivered")
        logging.getLogger("aiosqlite").debug("executing INSERT ... ('Mevrouw op nummer 7',)")
        logging.getLogger("telegram.Bot").debug("sendMessage {'text': 'Mevrouw op nummer 7'}")
    finally:
        root.handlers.clear()
        for name in ("aiosqlite", "telegram", "aiohttp", "asyncio"):
            logging.getLogger(name).setLevel(logging.NOTSET)
    output = stream.getvalue()
    assert "row 7 delivered" in output
    assert "Mevrouw" not in output


def _closed_port() -> int:
    """A local port nobody listens on: an API that cannot be reached."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_invite_with_a_token_asks_telegram_for_the_link_and_prints_a_qr_code(
    tmp_path: Path,
) -> None:
    """Before the bot ever ran, getMe tells its username: the first invite is a link."""
    standin = StandIn()
    runner = await start(standin, port=0)
    try:
        env = {
            "VOELSPRIET_TELEGRAM__TOKEN": SANDBOX_TOKEN,
            "VOELSPRIET_TELEGRAM__API_URL": f"http://127.0.0.1:{bound_port(runner)}/bot",
            "VOELSPRIET_DATABASE__PATH": str(tmp_path / "db.sqlite3"),
        }
        config = str(ROOT / "config.example.toml")
        args = ("--config", config, "invite", "--role", "coordinator")
        result = await asyncio.to_thread(run_cli, *args, env=env)
    finally:
        await runner.cleanup()
    assert result.returncode == 0, result.stderr
    code = re.search(r"^code: (\S+)$", result.stdout, re.M)
    assert code is not None
    link = f"https://t.me/{BOT_USERNAME}?start={code[1]}"
    assert f"link: {link}" in result.stdout
    qr = io.StringIO()
    segno.make(link, error="m").terminal(out=qr, compact=True)
    assert qr.getvalue() in result.stdout
    assert result.stderr == ""


def test_invite_without_network_says_so_and_gives_the_code(tmp_path: Path) -> None:
    api = f"http://127.0.0.1:{_closed_port()}/bot"
    result = run_cli(
        "--config",
        str(ROOT / "config.example.toml"),
        "invite",
        "--role",
        "volunteer",
        env={
            "VOELSPRIET_TELEGRAM__TOKEN": "123456:some-token",
            "VOELSPRIET_TELEGRAM__API_URL": api,
            "VOELSPRIET_DATABASE__PATH": str(tmp_path / "db.sqlite3"),
        },
    )
    assert result.returncode == 0, result.stderr
    assert re.search(r"^send to the bot: /start \S+$", result.stdout, re.M)
    assert f"cannot reach {api} to ask the bot's username" in result.stderr
    assert "Unclosed client session" not in result.stderr
    assert "Traceback" not in result.stderr


def test_invite_says_which_database_it_wrote_to(tmp_path: Path) -> None:
    db_path = tmp_path / "db.sqlite3"
    result = run_cli(
        "invite", "--role", "volunteer", env={"VOELSPRIET_DATABASE__PATH": str(db_path)}
    )
    assert result.returncode == 0, result.stderr
    assert f"database: {db_path}" in result.stdout


def test_run_with_an_unreachable_api_closes_its_connections(tmp_path: Path) -> None:
    api = f"http://127.0.0.1:{_closed_port()}/bot"
    result = run_cli(
        "--config",
        str(ROOT / "config.example.toml"),
        "run",
        env={
            "VOELSPRIET_TELEGRAM__TOKEN": "123456:some-token",
            "VOELSPRIET_TELEGRAM__API_URL": api,
            "VOELSPRIET_DATABASE__PATH": str(tmp_path / "db.sqlite3"),
        },
    )
    assert result.returncode == 1
    assert f"telegram: cannot reach {api}" in result.stderr
    assert "Unclosed client session" not in result.stderr
