"""Run the Bot API stand-in on its own: python -m sandbox [--port 8080]. The bot runs elsewhere."""

import argparse
import asyncio
import contextlib
import logging
import signal

from sandbox.server import start
from sandbox.standin import StandIn


async def _serve(port: int) -> None:
    runner = await start(StandIn(), port=port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    print(
        f"Bot API stand-in on http://127.0.0.1:{port}/bot<token>/; web chat on http://127.0.0.1:{port}/",
        flush=True,
    )
    await stop.wait()
    await runner.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description=__doc__)
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.port))


main()
