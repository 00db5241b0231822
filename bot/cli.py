"""The `voelspriet` command: run the bot, or make an invitation."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from telegram.error import InvalidToken, NetworkError

from bot.app import serve
from bot.core import logging_setup
from bot.core.config import ConfigError, Settings, config_path, load_settings
from bot.people.invite_command import invite
from bot.telegram.polling import PollingStopped
from storage.people import Role

DEMO_CONFIG = Path(str(resources.files("sandbox") / "demo.toml"))
SANDBOX_NOTE = """No Telegram bot token is configured, so Voelspriet starts its local sandbox.
To run against Telegram, set a token from @BotFather and run the command again:
    export VOELSPRIET_TELEGRAM__TOKEN=123456789:AA...
or put it in your config file (see config.example.toml):
    [telegram]
    token = "123456789:AA..." """


def _parser() -> argparse.ArgumentParser:
    # --config may stand before or after the subcommand.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config",
        type=Path,
        default=argparse.SUPPRESS,
        help="TOML file (default: $VOELSPRIET_CONFIG)",
    )
    parser = argparse.ArgumentParser(prog="voelspriet", description=__doc__, parents=[common])
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser(
        "run", parents=[common], help="run the bot (long polling); without a token: the sandbox"
    )
    run.add_argument("--verbose", action="store_true")
    run.add_argument("--port", type=int, default=8080, help="sandbox web chat port (default 8080)")
    invite = sub.add_parser("invite", parents=[common], help="make an invitation code and link")
    invite.add_argument("--role", required=True, choices=[r.value for r in Role])
    invite.add_argument("--wijk")
    invite.add_argument("--uses", type=int, default=1)
    invite.add_argument("--expires", type=int, default=14, metavar="DAYS")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    path = config_path(getattr(args, "config", None))
    token_given = bool(os.environ.get("VOELSPRIET_TELEGRAM__TOKEN"))
    sandbox = path is None and not token_given
    if sandbox:
        path = DEMO_CONFIG  # no token, no file: the sandbox's demo organisation (and database)
    try:
        settings = load_settings(path)
    except ConfigError as error:
        for problem in error.problems:
            print(f"config: {problem}", file=sys.stderr)
        return 2
    if args.command == "invite":
        return asyncio.run(invite(settings, args, sandbox))
    if settings.telegram.token is None:
        return _sandbox(settings, args)
    token = settings.telegram.token.get_secret_value()
    logging_setup.configure(logging.DEBUG if args.verbose else logging.INFO, token)
    try:
        asyncio.run(serve(settings))
    except InvalidToken:
        print(
            "telegram: the bot token was rejected; check VOELSPRIET_TELEGRAM__TOKEN",
            file=sys.stderr,
        )
        return 2
    except NetworkError as error:
        print(
            f"telegram: cannot reach {settings.telegram.api_url} ({error.message})", file=sys.stderr
        )
        return 1
    except PollingStopped as error:
        print(f"polling stopped unexpectedly ({error}); exiting to be restarted", file=sys.stderr)
        return 1
    return 0


def _sandbox(settings: Settings, args: argparse.Namespace) -> int:
    from sandbox.launcher import run_sandbox

    logging_setup.configure(
        logging.DEBUG if getattr(args, "verbose", False) else logging.INFO, None
    )
    print(SANDBOX_NOTE, file=sys.stderr)
    try:
        asyncio.run(run_sandbox(settings, getattr(args, "port", 8080)))
    except OSError as error:
        print(f"sandbox: cannot start the web chat: {error}", file=sys.stderr)
        return 1
    except PollingStopped as error:
        print(f"polling stopped unexpectedly ({error}); exiting", file=sys.stderr)
        return 1
    return 0
