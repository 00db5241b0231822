"""The sandbox web chat in Debian's chromium: the `voelspriet run` sandbox as its own process,
the browser, and finding columns, messages and buttons in the page."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_SECONDS = 60
STEP_MS = 15_000  # one bot answer: the bot polls the stand-in, so this is generous
URL_LINE = re.compile(r"open (http://127\.0\.0\.1:\d+/) in your browser")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class SandboxProcess:
    process: subprocess.Popen[str]
    url: str = ""
    lines: list[str] = field(default_factory=list)

    def output(self) -> str:
        return "".join(self.lines[-80:])


def start_sandbox(database: Path) -> SandboxProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOELSPRIET_")}
    env["VOELSPRIET_DATABASE__PATH"] = str(database)
    env["PYTHONUNBUFFERED"] = "1"
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--port", str(free_port())],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    sandbox = SandboxProcess(process)
    found: queue.Queue[str] = queue.Queue()

    def read() -> None:  # keep draining, or a full pipe would stall the sandbox
        assert process.stdout is not None
        for line in process.stdout:
            sandbox.lines.append(line)
            if match := URL_LINE.search(line):
                found.put(match.group(1))
        found.put("")  # the process ended

    threading.Thread(target=read, daemon=True, name="sandbox-output").start()
    try:
        sandbox.url = found.get(timeout=STARTUP_SECONDS)
    except queue.Empty:
        sandbox.url = ""
    if not sandbox.url:
        process.kill()
        process.wait(10)
        pytest.fail(f"the sandbox did not print its URL:\n{sandbox.output()}")
    return sandbox


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxProcess]:
    running = start_sandbox(tmp_path / "sandbox.sqlite3")
    try:
        yield running
    finally:
        if running.process.poll() is None:  # the test did not get to stop it itself
            running.process.kill()
            running.process.wait(10)


def stop_sandbox(sandbox: SandboxProcess) -> int:
    sandbox.process.send_signal(signal.SIGINT)
    try:
        return sandbox.process.wait(30)
    except subprocess.TimeoutExpired:
        sandbox.process.kill()
        sandbox.process.wait(10)
        pytest.fail(f"the sandbox did not stop on SIGINT:\n{sandbox.output()}")


def column_of(page: Page, name: str) -> Locator:
    title = page.get_by_test_id("column-name").filter(has_text=re.compile(f"^{name}$"))
    return page.get_by_test_id("column").filter(has=title)


def message_in(column: Locator, text: str) -> Locator:
    return column.get_by_test_id("message").filter(has_text=text).last


def press_button(message: Locator, label: str) -> None:
    message.get_by_role("button", name=label, exact=True).click()


def tiny_png(width: int = 96, height: int = 64) -> bytes:
    """A small colourful PNG, made here so the test needs no image file."""
    rows = b"".join(
        b"\x00" + b"".join(bytes((x * 255 // width, y * 255 // height, 160)) for x in range(width))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def chromium() -> Path:
    """Debian's chromium; missing is a failure, not a skip (`make test` installs it)."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium "
            "(`apt-get update -qq && apt-get install -y -qq chromium`, which `make test` does)"
        )
    return CHROMIUM


@contextlib.contextmanager
def webchat(
    chromium: Path, sandbox: SandboxProcess, profile: Path, failure: Path, **options: Any
) -> Iterator[Page]:
    """The web chat online in a fresh chromium profile, with the flood limits off: clicks come
    much faster than anyone's, and the per-chat limit would answer the bot's direct answers with
    429. Fails on page errors, console errors and HTTP errors, and leaves a screenshot at
    `failure` (and prints the sandbox's output) when the test fails. `options` go to chromium's
    context (viewport, time zone, downloads)."""
    problems: list[str] = []
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(chromium),
            args=CHROMIUM_ARGS,
            headless=False,  # --headless=new is in the arguments
            **{"viewport": {"width": 1600, "height": 1000}, "locale": "nl-NL", **options},
        )
        page = context.pages[0] if context.pages else context.new_page()
        try:
            page.set_default_timeout(STEP_MS)
            expect.set_options(timeout=STEP_MS)
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            page.on(
                "response",
                lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
            )
            page.on(
                "console",
                lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None,
            )
            limits = page.request.post(sandbox.url + "sandbox/limits", data={"enabled": False})
            assert limits.ok, limits.text()
            page.goto(sandbox.url)
            expect(page.get_by_test_id("connection")).to_have_attribute("data-state", "online")
            yield page
        except Exception:
            failure.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(Exception):
                page.screenshot(path=str(failure))
            print(sandbox.output())
            raise
        finally:
            with contextlib.suppress(Exception):
                context.close()
    assert not problems, "\n".join(problems)
