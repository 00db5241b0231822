"""Configuration: the example loads, the environment overrides, and mistakes stop start-up clearly."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path
from typing import get_args, get_origin

import aiohttp
import pytest
from pydantic import BaseModel

from bot.core.config import ConfigError, Settings, load_settings
from tests.command_line import ROOT, run_cli


def test_example_config_loads_with_every_section() -> None:
    settings = load_settings(ROOT / "config.example.toml")
    assert settings.organisation.timezone == "Europe/Amsterdam"
    assert "Overvecht" in settings.organisation.wijken
    assert [c.key for c in settings.organisation.categories][:2] == ["eenzaamheid", "geldzorgen"]
    assert settings.telegram.token is None


KEY_LINE = re.compile(r"^#?\s*([a-z_]+)\s*=")
TABLE_LINE = re.compile(r"^\[\[?([a-z_.]+)\]\]?$")
# The example's own organisation, not the defaults.
ORGANISATION_SPECIFIC = {"organisation", "routing"}


def _example_keys() -> dict[str, dict[str, bool]]:
    """Per table of the example, each key it names (set or commented out) and whether a comment
    explains it: the line above, or a comment in its table that names it."""
    lines = (ROOT / "config.example.toml").read_text(encoding="utf-8").splitlines()
    tables: dict[str, dict[str, bool]] = {}
    comments: dict[str, str] = {}
    table, previous = "", ""
    for line in lines:
        header = TABLE_LINE.match(line)
        key = KEY_LINE.match(line)
        if header:
            table = header[1]
        elif key:
            explained = previous.startswith("#") and not KEY_LINE.match(previous)
            tables.setdefault(table, {})[key[1]] = explained
        elif line.startswith("#"):
            comments[table] = comments.get(table, "") + line
        previous = line
    return {
        name: {
            k: done or re.search(rf"\b{k}\b", comments.get(name, "")) is not None
            for k, done in keys.items()
        }
        for name, keys in tables.items()
    }


def test_example_config_names_and_explains_every_setting() -> None:
    """Each scalar setting of every section is in the example with a comment; the sections'
    lists (categories, interests, topics, routing rules) name every field of an entry."""
    keys = _example_keys()
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    for section, field in Settings.model_fields.items():
        model = field.annotation
        assert isinstance(model, type) and issubclass(model, BaseModel), section
        for name, setting in model.model_fields.items():
            entry = get_args(setting.annotation)[0] if get_origin(setting.annotation) else None
            if isinstance(entry, type) and issubclass(entry, BaseModel):
                for part in entry.model_fields:
                    assert re.search(rf"\b{part}\b", text), f"{section}.{name}: {part}"
            else:
                assert keys.get(section, {}).get(name), f"{section}.{name} without a comment"


def test_example_config_shows_the_defaults() -> None:
    """Outside the example organisation itself, what the example sets is the default, so a
    reader may take its values for what happens without them."""
    example, default = load_settings(ROOT / "config.example.toml"), Settings()
    for section in Settings.model_fields:
        if section not in ORGANISATION_SPECIFIC:
            assert getattr(example, section) == getattr(default, section), section


def test_environment_overrides_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VOELSPRIET_TELEGRAM__TOKEN", "42:secret")
    monkeypatch.setenv("VOELSPRIET_TELEGRAM__API_URL", "http://127.0.0.1:8081/bot")
    monkeypatch.setenv("VOELSPRIET_DATABASE__PATH", str(tmp_path / "x.sqlite3"))
    settings = load_settings(ROOT / "config.example.toml")
    assert settings.telegram.token is not None
    assert settings.telegram.token.get_secret_value() == "42:secret"
    assert settings.telegram.api_url == "http://127.0.0.1:8081/bot"
    assert settings.database.path == tmp_path / "x.sqlite3"
    assert settings.organisation.name == "Buurtwerk Utrecht"  # the rest still from the file


def test_every_problem_is_one_line(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(
        """
[telegram]
api_url = "ftp://example.org"
colour = "blue"

[organisation]
timezone = "Europe/Amstrdam"
default_language = "de"
wijken = ["Noord", "Noord"]
""",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    problems = caught.value.problems
    assert len(problems) == 5
    assert any(p.startswith("telegram.api_url: must start with http://") for p in problems)
    assert any(p.startswith("telegram.colour: unknown setting") for p in problems)
    assert any(
        p.startswith("organisation.timezone: unknown time zone") and "Europe/Amstrdam" in p
        for p in problems
    )
    assert any(
        p.startswith("organisation.default_language:") and "'nl' or 'en'" in p for p in problems
    )
    assert any(p.startswith("organisation.wijken: wijk names must be unique") for p in problems)


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("21:00 tot 08:00", "String should match pattern"),
        ("25:00-08:00", "use HH:MM-HH:MM with times from 00:00 to 23:59, e.g. 21:00-08:00"),
    ],
)
def test_quiet_hours_are_two_clock_times(tmp_path: Path, written: str, problem: str) -> None:
    config = tmp_path / "quiet.toml"
    config.write_text(f'[organisation]\nquiet_hours = "{written}"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    [line] = caught.value.problems
    assert line.startswith(f"organisation.quiet_hours: {problem}") and written in line


def test_broken_toml_and_missing_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[telegram\nrate_limits = yes", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(broken)
    assert caught.value.problems[0].startswith(f"{broken}: not valid TOML")
    with pytest.raises(ConfigError) as missing:
        load_settings(tmp_path / "nope.toml")
    assert missing.value.problems == [f"{tmp_path / 'nope.toml'}: file not found"]


def test_cli_stops_with_exit_2_and_no_traceback(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[organisation]\ntimezone = "Mars/Olympus"\n', encoding="utf-8")
    result = run_cli("--config", str(config), "run")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "config: organisation.timezone: unknown time zone; use an IANA name such as "
        "Europe/Amsterdam (got 'Mars/Olympus')"
    ]


def test_config_file_from_environment_variable(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[delivery]\nmax_attempts = 0\n", encoding="utf-8")
    result = run_cli("run", env={"VOELSPRIET_CONFIG": str(config)})
    assert result.returncode == 2
    assert result.stderr.startswith(
        "config: delivery.max_attempts: Input should be greater than or equal to 1"
    )


async def test_run_without_token_starts_the_sandbox_and_stops_cleanly(tmp_path: Path) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("VOELSPRIET_")}
    clean["VOELSPRIET_DATABASE__PATH"] = str(tmp_path / "sandbox.sqlite3")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        "--port",
        "0",
        cwd=ROOT,
        env=clean,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        url = None
        async with asyncio.timeout(30):
            while url is None:
                line = (await process.stdout.readline()).decode()
                assert line, "the sandbox stopped before printing its address"
                found = re.search(r"open (http://127\.0\.0\.1:\d+/)", line)
                url = found[1] if found else None
        async with aiohttp.ClientSession() as http, http.get(f"{url}sandbox/state") as response:
            state = await response.json()
        shown = [p["first_name"] for p in state["people"] if not p["extra"]]
        assert shown == ["Carla", "Pieter", "Vera", "Wim"]
        process.send_signal(signal.SIGINT)
        async with asyncio.timeout(30):
            _, stderr = await process.communicate()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0
    assert "VOELSPRIET_TELEGRAM__TOKEN" in stderr.decode()
    assert "Traceback" not in stderr.decode()


def test_secret_token_is_never_echoed_in_errors(tmp_path: Path) -> None:
    result = run_cli(
        "run",
        env={
            "VOELSPRIET_TELEGRAM__TOKEN": "99:very-secret",
            "VOELSPRIET_TELEGRAM__POLL_TIMEOUT": "500",
        },
    )
    assert result.returncode == 2
    assert "very-secret" not in result.stderr
    assert "telegram.poll_timeout" in result.stderr
