"""The stand-in on a free port, flood limits off, with a client (tests/sandbox/client.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from sandbox.server import bound_port, start
from sandbox.standin import StandIn
from tests.sandbox.client import Sandbox


@pytest.fixture
async def sb() -> AsyncIterator[Sandbox]:
    standin = StandIn()
    standin.limits.enabled = False  # the flood-limit tests switch them on through the control API
    runner = await start(standin, port=0)
    try:
        async with aiohttp.ClientSession() as http:
            yield Sandbox(standin, bound_port(runner), http)
    finally:
        await runner.cleanup()
