"""The bot as its own process (`python -m bot run`) against the Bot API stand-in; people act over
the stand-in's control API (HTTP), the way the web chat does.

- `StandInClient`: the running stand-in (in this test's event loop) and its control API.
- `Person`: one Telegram user; sends, presses buttons, waits for what the bot answers.
- `BotProcess`: starts, SIGKILLs, stops (SIGINT) and restarts the bot; makes invitations with the CLI.
- `db_rows`: reads the bot's SQLite file (also while it runs: WAL allows a second reader).
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import json
import os
import re
import signal
import sqlite3
import sys
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
from aiohttp import web

from bot.core import i18n
from sandbox.entities import parse_html
from sandbox.server import bound_port, start
from sandbox.standin import SANDBOX_TOKEN, StandIn
from storage.database import Database
from storage.timestamps import to_db

T = TypeVar("T")

CONFIG = """\
[organisation]
name = "Buurtwerk E2E"
wijken = ["Noord", "Zuid", "Centrum"]
# These runs use the real clock: never quiet, so a broadcast started at 22:00 does not wait for
# the morning (quiet hours have their own tests, on a fake clock).
quiet_hours = "00:00-00:00"

[[organisation.interests]]
key = "ouderen"
nl = "Ouderen"
en = "Older people"

[[organisation.interests]]
key = "jeugd"
nl = "Jongeren"
en = "Young people"
"""
WAIT = 10.0  # seconds any single expectation may take
START_TIMEOUT = 20.0
STOP_TIMEOUT = 15.0


def plain(language: str, key: str, **params: Any) -> str:
    """A catalog text as a person sees it in the chat (HTML formatting removed)."""
    return parse_html(i18n.t(language, key, **params))[0]


async def eventually(
    probe: Callable[[], Awaitable[T | None]], what: str, within: float = WAIT, every: float = 0.05
) -> T:
    """Poll `probe` until it returns something other than None (or fail after `within` s)."""
    deadline = time.monotonic() + within
    while True:
        result = await probe()
        if result is not None:
            return result
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {within:.0f} s waiting for {what}")
        await asyncio.sleep(every)


# --- the stand-in ---------------------------------------------------------------------------


class StandInClient:
    """The stand-in running in this test's event loop, and an HTTP client for its control API."""

    def __init__(self, state: StandIn, runner: web.AppRunner, session: aiohttp.ClientSession):
        self.state = state  # in-process view, for assertions the control API does not offer
        self.runner = runner
        self.port = bound_port(runner)
        self.url = f"http://127.0.0.1:{self.port}"
        self.http = session

    @classmethod
    async def start(cls) -> StandInClient:
        state = StandIn()
        runner = await start(state, port=0)
        return cls(state, runner, aiohttp.ClientSession())

    async def close(self) -> None:
        await self.http.close()
        await self.runner.cleanup()

    async def get(self, path: str, **query: str | int | float) -> Any:
        params = {k: str(v) for k, v in query.items()}
        async with self.http.get(self.url + path, params=params) as response:
            assert response.status == 200, f"GET {path}: {response.status} {await response.text()}"
            return await response.json()

    async def post(self, path: str, body: dict[str, Any] | aiohttp.FormData) -> Any:
        """POST a JSON body (or a multipart form); the answer must be 200."""
        sent = {"data": body} if isinstance(body, aiohttp.FormData) else {"json": body}
        async with self.http.post(self.url + path, **sent) as response:
            text = await response.text()
            assert response.status == 200, f"POST {path} {body}: {response.status} {text}"
            return await response.json(content_type=None)

    async def file(self, file_id: str) -> bytes:
        """A file's bytes as the bot downloads them (getFile, then the file URL)."""
        async with self.http.post(
            f"{self.url}/bot{SANDBOX_TOKEN}/getFile", json={"file_id": file_id}
        ) as response:
            path = (await response.json())["result"]["file_path"]
        async with self.http.get(f"{self.url}/file/bot{SANDBOX_TOKEN}/{path}") as response:
            assert response.status == 200, f"download {file_id}: {response.status}"
            return await response.read()

    async def person(self, first_name: str, language_code: str = "nl") -> Person:
        created = await self.post(
            "/sandbox/people", {"first_name": first_name, "language_code": language_code}
        )
        return Person(self, int(created["id"]), first_name, language_code)

    async def seq(self) -> int:
        """The number of events so far (people's and the bot's actions)."""
        answer = await self.get("/sandbox/events", after=1 << 60, timeout=0)
        return int(answer["seq"])

    async def events(self, after: int, wait: float) -> tuple[list[dict[str, Any]], int]:
        """Events after number `after`; waits up to `wait` s for one when there are none yet."""
        answer = await self.get("/sandbox/events", after=after, timeout=wait)
        return list(answer["events"]), int(answer["seq"])

    async def calls(self, method: str | None = None) -> list[dict[str, Any]]:
        """The bot's Bot API calls so far (method, status, chat_id)."""
        calls: list[dict[str, Any]] = (await self.get("/sandbox/calls"))["calls"]
        return [c for c in calls if method is None or c["method"] == method]

    async def faults(self, **fault: Any) -> dict[str, Any]:
        """POST /sandbox/faults: {"latency": s} or {"status": 429|502, "method": ..., "times": n}."""
        answer: dict[str, Any] = await self.post("/sandbox/faults", fault)
        return answer

    async def clear_faults(self) -> None:
        async with self.http.delete(self.url + "/sandbox/faults") as response:
            assert response.status == 200

    async def limits(self, enabled: bool) -> None:
        """Telegram's flood limits (429 with retry_after) on or off."""
        await self.post("/sandbox/limits", {"enabled": enabled})


# --- people ---------------------------------------------------------------------------------


def _labels(message: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
        for button in row:
            if "callback_data" in button:
                yield button["text"], button["callback_data"]


def _text(message: dict[str, Any]) -> str:
    return str(message.get("text") or message.get("caption") or "")


class Person:
    """One Telegram user in a private chat with the bot, acting through the control API."""

    def __init__(self, standin: StandInClient, id: int, first_name: str, language: str) -> None:
        self.standin = standin
        self.id = id
        self.first_name = first_name
        self.language = language
        self.mark = 0  # event sequence number when this person last acted

    def __repr__(self) -> str:
        return f"Person({self.first_name!r}, {self.id})"

    # acting
    async def send(self, text: str) -> None:
        self.mark = await self.standin.seq()
        await self.standin.post(f"/sandbox/people/{self.id}/messages", {"text": text})

    async def reply(self, message: dict[str, Any], text: str) -> None:
        """Telegram's Reply: `text` as a reply to `message` (one in this person's chat)."""
        self.mark = await self.standin.seq()
        body = {"text": text, "reply_to_message_id": message["message_id"]}
        await self.standin.post(f"/sandbox/people/{self.id}/messages", body)

    async def send_photo(self, data: bytes, caption: str | None = None) -> dict[str, Any]:
        """A picture sent as a photo (the stand-in makes its sizes); the message as stored."""
        self.mark = await self.standin.seq()
        form = aiohttp.FormData()
        form.add_field("photo", data, filename="foto.jpg", content_type="image/jpeg")
        if caption is not None:
            form.add_field("caption", caption)
        sent: dict[str, Any] = await self.standin.post(f"/sandbox/people/{self.id}/photos", form)
        return sent

    async def press(self, label: str) -> None:
        """Press the button with this label on the newest bot message that shows it."""
        message_id, data = await self.button(label)
        await self.press_data(data, message_id)

    async def press_data(self, data: str, message_id: int | None = None) -> None:
        """Press with any callback data at all (as a forger would) on an existing bot message."""
        if message_id is None:
            messages = await self.bot_messages()
            assert messages, f"{self} has no bot message to press on"
            message_id = int(messages[-1]["message_id"])
        self.mark = await self.standin.seq()
        await self.standin.post(
            f"/sandbox/people/{self.id}/press", {"message_id": message_id, "data": data}
        )

    # looking
    async def chat(self) -> list[dict[str, Any]]:
        messages: list[dict[str, Any]] = await self.standin.get(f"/sandbox/people/{self.id}/chat")
        return messages

    async def bot_messages(self) -> list[dict[str, Any]]:
        return [m for m in await self.chat() if m["from_bot"] and not m["deleted"]]

    async def texts(self) -> list[str]:
        """What the bot wrote in this chat, oldest first (edited messages as they are now)."""
        return [_text(m) for m in await self.bot_messages()]

    async def count(self, fragment: str) -> int:
        return sum(fragment in text for text in await self.texts())

    async def button(self, label: str) -> tuple[int, str]:
        for message in reversed(await self.bot_messages()):
            for text, data in _labels(message):
                if label in (text, text.removeprefix("✅ ")):
                    return int(message["message_id"]), data
        raise AssertionError(f"no button {label!r} in the chat of {self}")

    async def menu(self) -> list[str]:
        """The labels of the reply keyboard (main menu) the bot shows this person."""
        messages = await self.bot_messages()
        keyboard = (messages[-1].get("reply_keyboard") or {}) if messages else {}
        return [b["text"] for row in keyboard.get("keyboard", []) for b in row]

    # waiting
    async def _wait_event(
        self, match: Callable[[dict[str, Any]], bool], what: str, within: float
    ) -> dict[str, Any]:
        deadline = time.monotonic() + within
        after = self.mark
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(
                    f"{self} waited {within:.0f} s for {what}; the bot wrote: {await self.texts()}"
                )
            events, after = await self.standin.events(after, min(left, 5.0))
            for event in events:
                if event.get("chat_id") == self.id and match(event):
                    return event

    async def expect(self, fragment: str, within: float = WAIT) -> dict[str, Any]:
        """Wait for a bot message (new or edited since this person last acted) containing this."""

        def match(event: dict[str, Any]) -> bool:
            message = event.get("message") or {}
            return (
                event["kind"] in ("message", "edit")
                and bool(message.get("from_bot"))
                and fragment in _text(message)
            )

        event = await self._wait_event(match, f"a message with {fragment!r}", within)
        message: dict[str, Any] = event["message"]
        return message

    async def expect_photo(self, caption: str, within: float = WAIT) -> dict[str, Any]:
        """Wait for a photo from the bot (since this person last acted) with this caption."""

        def match(event: dict[str, Any]) -> bool:
            message = event.get("message") or {}
            return (
                event["kind"] == "message"
                and bool(message.get("from_bot") and message.get("photo"))
                and message.get("caption") == caption
            )

        event = await self._wait_event(match, f"a photo with caption {caption!r}", within)
        message: dict[str, Any] = event["message"]
        return message

    async def next_message(self, within: float = WAIT) -> dict[str, Any]:
        """Wait for the first new bot message since this person last acted."""

        def match(event: dict[str, Any]) -> bool:
            return event["kind"] == "message" and bool(event["message"].get("from_bot"))

        event = await self._wait_event(match, "a new message", within)
        message: dict[str, Any] = event["message"]
        return message

    async def expect_button(self, label: str, within: float = WAIT) -> None:
        def match(event: dict[str, Any]) -> bool:
            message = event.get("message") or {}
            return event["kind"] in ("message", "edit") and any(
                text == label for text, _ in _labels(message)
            )

        await self._wait_event(match, f"a button {label!r}", within)

    async def expect_toast(self, text: str, within: float = WAIT) -> None:
        """Wait for the bot's answer to a button press to show this short text."""

        def match(event: dict[str, Any]) -> bool:
            return event["kind"] == "toast" and event.get("text") == text

        await self._wait_event(match, f"a toast {text!r}", within)


# --- the bot process ------------------------------------------------------------------------


def _die_with_parent() -> None:
    """In the child: get SIGKILL when the test process dies, so no bot outlives a crashed run."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class BotProcess:
    """`python -m bot run` as a separate process, configured only through the environment."""

    def __init__(self, standin: StandInClient, workdir: Path, per_chat_per_second: float = 10.0):
        self.standin = standin
        self.workdir = workdir
        self.db_path = workdir / "voelspriet.sqlite3"
        self.config_path = workdir / "voelspriet.toml"
        self.config_path.write_text(CONFIG, encoding="utf-8")
        self.per_chat_per_second = per_chat_per_second
        self.process: asyncio.subprocess.Process | None = None
        self.logs: list[Path] = []

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("VOELSPRIET_")}
        env.update(
            {
                "VOELSPRIET_TELEGRAM__TOKEN": SANDBOX_TOKEN,
                "VOELSPRIET_TELEGRAM__API_URL": f"{self.standin.url}/bot",
                "VOELSPRIET_TELEGRAM__POLL_TIMEOUT": "1",
                "VOELSPRIET_DATABASE__PATH": str(self.db_path),
                "VOELSPRIET_CONFIG": str(self.config_path),
                "VOELSPRIET_DELIVERY__PER_CHAT_PER_SECOND": str(self.per_chat_per_second),
                "PYTHONUNBUFFERED": "1",
            }
        )
        return env

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def start(self, per_chat_per_second: float | None = None) -> None:
        assert not self.running, "the bot is running already"
        if per_chat_per_second is not None:
            self.per_chat_per_second = per_chat_per_second
        log = self.workdir / f"bot-{len(self.logs) + 1}.log"
        self.logs.append(log)
        with log.open("wb") as out:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                cwd=self.workdir,
                env=self.env(),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=out,
                stderr=asyncio.subprocess.STDOUT,
                preexec_fn=_die_with_parent if sys.platform == "linux" else None,
            )

        async def ready() -> bool | None:
            text = log.read_text(encoding="utf-8", errors="replace")
            if "is running" in text:
                return True
            if self.process is not None and self.process.returncode is not None:
                raise AssertionError(f"the bot exited with {self.process.returncode}:\n{text}")
            return None

        await eventually(ready, "the bot to start", within=START_TIMEOUT)

    async def kill(self) -> None:
        """kill -9: no clean-up, no confirmation of updates, nothing flushed."""
        assert self.process is not None and self.running
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> None:
        """Ctrl-C: the bot stops polling, confirms what it processed and exits with 0."""
        assert self.process is not None and self.running
        self.process.send_signal(signal.SIGINT)
        try:
            code = await asyncio.wait_for(self.process.wait(), STOP_TIMEOUT)
        except TimeoutError:
            await self.kill()
            raise AssertionError(f"the bot did not stop on SIGINT:\n{self.log_tail()}") from None
        assert code == 0, f"the bot exited with {code}:\n{self.log_tail()}"

    async def restart(
        self, *, kill: bool = False, per_chat_per_second: float | None = None
    ) -> None:
        if self.running:
            await (self.kill() if kill else self.stop())
        await self.start(per_chat_per_second)

    async def close(self) -> None:
        """Finaliser: whatever happened, no bot process survives the test."""
        if self.process is not None and self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
            await self.process.wait()

    async def invite(self, role: str, *, wijk: str | None = None, uses: int = 1) -> str:
        """`voelspriet invite --role ...` on the same database; returns the code."""
        args = ["-m", "bot", "invite", "--role", role, "--uses", str(uses)]
        if wijk is not None:
            args += ["--wijk", wijk]
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *args,
            cwd=self.workdir,
            env=self.env(),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await process.communicate()
        assert process.returncode == 0, err.decode()
        found = re.search(r"^code: (\S+)$", out.decode(), re.MULTILINE)
        assert found, out.decode()
        return found.group(1)

    def log_tail(self, lines: int = 60) -> str:
        parts = []
        for log in self.logs:
            text = log.read_text(encoding="utf-8", errors="replace").splitlines()
            parts.append(f"--- {log.name}\n" + "\n".join(text[-lines:]))
        return "\n".join(parts)


def db_rows(path: Path, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Read the bot's database directly (a second connection; WAL lets it read while the bot runs)."""
    connection = sqlite3.connect(path, timeout=5)
    try:
        return [tuple(row) for row in connection.execute(sql, tuple(params))]
    finally:
        connection.close()


# --- flows ----------------------------------------------------------------------------------


async def register(
    person: Person,
    code: str,
    *,
    name: str | None = None,
    wijk: str | None = None,
    accept: bool = True,
) -> None:
    """Register with an invitation along the shortest path (optional questions skipped).

    `wijk` is the button to press when the invitation leaves the wijk open (None: no fixed wijk).
    With accept=False it stops at the agreement, ready for the accept button."""
    name = name or person.first_name
    await person.send(f"/start {code}")
    await person.expect(plain(person.language, "registration.ask_name"))
    await person.send(name)
    question = await person.next_message()
    await finish_registration(person, question, name=name, wijk=wijk, accept=accept)


async def finish_registration(
    person: Person,
    question: dict[str, Any],
    *,
    name: str | None = None,
    wijk: str | None = None,
    accept: bool = True,
) -> None:
    """Answer from `question` (a registration question on screen) up to and including the terms."""
    lang = person.language
    skips = {
        plain(lang, "registration.ask_wijk"): wijk or plain(lang, "registration.no_wijk"),
        plain(lang, "registration.ask_interests"): plain(lang, "common.done"),
        plain(lang, "registration.ask_availability"): plain(lang, "common.done"),
        plain(lang, "registration.ask_max_shifts"): plain(lang, "common.skip"),
        plain(lang, "registration.ask_motivation"): plain(lang, "common.skip"),
    }
    while _text(question) in skips:
        await person.press(skips[_text(question)])
        question = await person.next_message()
    assert plain(lang, "terms.question") in _text(question), _text(question)
    if accept:
        await person.press(plain(lang, "terms.accept"))
        done = plain(lang, "registration.done", name=name or person.first_name)
        await person.expect(done)


def assert_outbox_delivered_once(bot: BotProcess, chats: dict[int, list[str]]) -> None:
    """Every message in the outbox was sent, and shows exactly as often as it was queued.

    `chats` maps chat ids to what the bot wrote there (Person.texts()), for every chat the
    outbox wrote to."""
    rows = db_rows(bot.db_path, "SELECT chat_id, method, payload, status, key FROM outbox")
    assert rows, "the outbox is empty"
    assert [r for r in rows if r[3] != "sent"] == [], "undelivered outbox rows"
    queued: dict[tuple[int, str], int] = {}
    for chat_id, method, payload, _, _ in rows:
        if method == "sendMessage":
            text = plain_html(json.loads(payload)["text"])
            queued[chat_id, text] = queued.get((chat_id, text), 0) + 1
    for (chat_id, text), times in queued.items():
        assert chat_id in chats, f"no transcript of chat {chat_id}"
        assert chats[chat_id].count(text) == times, (chat_id, text, chats[chat_id])


def plain_html(text: str) -> str:
    return parse_html(text)[0]


# --- signals --------------------------------------------------------------------------------

# CONFIG with two signal categories (besides the built-in "Anders"), as tests/dialogue.py has.
SIGNALS_CONFIG = (
    CONFIG
    + """
[[organisation.categories]]
key = "eenzaamheid"
nl = "Eenzaamheid"
en = "Loneliness"

[[organisation.categories]]
key = "schulden"
nl = "Geldzorgen"
en = "Money worries"
"""
)


async def seed_members(bot: BotProcess, members: Sequence[tuple[Person, str, str | None]]) -> None:
    """Write registered people (person, role, wijk) straight into the bot's database.

    For a bot that has not started yet: the migrations are applied first (as the bot would),
    then the rows are inserted with sqlite3, so tests can add rows that refer to them (routing
    rules) before the bot reads anything. The people keep their stand-in first name and
    language; each must still press Start (`/start`) before the bot may write to them first."""
    database = Database(bot.db_path)
    await database.open()
    await database.close()
    stamp = to_db(datetime.now(UTC))
    rows = [
        (p.id, role, p.first_name, wijk, p.language, stamp, stamp, stamp)
        for p, role, wijk in members
    ]
    connection = sqlite3.connect(bot.db_path)
    try:
        with connection:
            connection.executemany(
                "INSERT INTO people (telegram_id, role, name, wijk, language, terms_accepted_at,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
    finally:
        connection.close()


def add_routing_rule(
    bot: BotProcess, professional: Person, category: str | None = None, wijk: str | None = None
) -> int:
    """Append a routing rule (category and/or wijk, None: any) to a seeded professional."""
    connection = sqlite3.connect(bot.db_path)
    try:
        with connection:
            found = connection.execute(
                "SELECT id FROM people WHERE telegram_id = ?", (professional.id,)
            ).fetchone()
            assert found, f"{professional} is not in the database"
            position = connection.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM routing_rules"
            ).fetchone()[0]
            cursor = connection.execute(
                "INSERT INTO routing_rules (position, category, wijk, professional_id, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (position, category, wijk, found[0], to_db(datetime.now(UTC))),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid
    finally:
        connection.close()


async def sent_count(person: Person, fragment: str) -> int:
    """How many messages the bot sent to this person containing `fragment`, as first sent.

    Counts the stand-in's new-message events (not edits), so a message edited later (an alert
    card after pick-up) still counts once, and a duplicate send counts twice."""
    events, _ = await person.standin.events(0, 0)
    return sum(
        1
        for event in events
        if event["kind"] == "message"
        and event.get("chat_id") == person.id
        and event["message"].get("from_bot")
        and fragment in _text(event["message"])
    )


@dataclass(frozen=True)
class Team:
    """Carla (coordinator, Noord), Piet (professional) and Vera (volunteer, Zuid), registered
    before the bot started and past /start, with Piet owning `category` by routing rule."""

    carla: Person
    piet: Person
    vera: Person
    rule: int


async def start_team(standin: StandInClient, bot: BotProcess, category: str) -> Team:
    carla = await standin.person("Carla")
    piet = await standin.person("Piet")
    vera = await standin.person("Vera")
    members = [
        (carla, "coordinator", "Noord"),
        (piet, "professional", None),
        (vera, "volunteer", "Zuid"),
    ]
    await seed_members(bot, members)
    # Without the rule Carla, the only coordinator, would get it.
    rule = add_routing_rule(bot, piet, category=category)
    await bot.start()
    for person in (carla, piet, vera):  # pressing Start lets the bot write to them first
        await person.send("/start")
        await person.expect(f"Welkom terug, {person.first_name}!")
    return Team(carla, piet, vera, rule)
