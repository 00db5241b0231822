"""The `voelspriet` command: run the bot, or make an invitation."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from importlib import resources
from pathlib import Path

from telegram.error import InvalidToken, NetworkError

from bot import logging_setup
from bot.app import ALLOWED_UPDATES, BotApplication, build_application, start_services
from bot.cli_invite import invite
from bot.config import ConfigError, Settings, config_path, load_settings
from bot.polling import Poller, PollingStopped
from bot.services import Services
from storage.people import Role

log = logging.getLogger("voelspriet")

SHUTDOWN_GRACE = 10.0  # seconds the updates in hand may take to finish on Ctrl-C
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


async def serve(
    settings: Settings,
    stop: asyncio.Event | None = None,
    on_ready: Callable[[Services], Awaitable[None]] | None = None,
) -> None:
    """Run until SIGINT/SIGTERM (or `stop`); then stop polling, confirm updates, close cleanly.
    Raises PollingStopped when polling ends without being asked to (after closing cleanly)."""
    app, services = build_application(settings)
    if stop is None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
    async with _initialised(app):
        await start_services(app, services)
        await app.start()
        try:
            if on_ready is not None:
                await on_ready(services)
            await _poll(app, settings, stop)
        finally:  # also when polling died: a live delivery task or database thread would hang exit
            await app.stop()
            await services.stop()


async def _poll(app: BotApplication, settings: Settings, stop: asyncio.Event) -> None:
    """Poll until `stop`; a polling task that ends first is a failure the process must not hide."""
    poller = Poller(app, settings.telegram.poll_timeout, ALLOWED_UPDATES)
    polling = asyncio.create_task(poller.run(stop), name="polling")
    stopping = asyncio.create_task(stop.wait(), name="stop")
    log.info("@%s is running; Ctrl-C stops it", app.bot.username)
    await asyncio.wait({polling, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if polling.done() and not stop.is_set():
        error = None if polling.cancelled() else polling.exception()
        if isinstance(error, InvalidToken):
            raise error
        log.critical("polling ended unexpectedly (%s); exiting", type(error).__name__)
        raise PollingStopped(type(error).__name__) from error
    # The poller stops waiting for updates at once but finishes the batch in hand, so no
    # handler is cut short; only one that hangs past the grace period is cancelled.
    await asyncio.wait({polling}, timeout=SHUTDOWN_GRACE)
    polling.cancel()
    try:
        await polling
    except asyncio.CancelledError:
        pass
    except Exception as error:
        log.error("polling failed while stopping: %s", type(error).__name__)
    await poller.confirm()


@contextlib.asynccontextmanager
async def _initialised(app: BotApplication) -> AsyncIterator[None]:
    """`async with app`, closing the HTTP sessions also when initialising fails (getMe
    unreachable, token refused): PTB skips its shutdown then, and "Unclosed client session"
    errors would follow the clear message."""
    try:
        async with app:
            yield
    finally:
        await app.bot.shutdown()


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
