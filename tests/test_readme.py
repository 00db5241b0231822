"""The README's command-line examples work as typed on a fresh clone, and the sandbox knows the
code an invite without token or configuration made."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

from bot.cli import DEMO_CONFIG
from bot.core.config import load_settings
from bot.telegram import commands
from storage.database import Database
from storage.invites import InviteRepository
from tests.command_line import ROOT, run_cli
from tests.dialogue import Harness

PROGRAM = ".venv/bin/voelspriet"


def readme_examples() -> list[list[str]]:
    """The `voelspriet` command lines in the README's ```sh blocks, comments left out."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", readme, re.M | re.S)
    lines = [line for block in blocks for line in block.splitlines()]
    return [
        shlex.split(line, comments=True)[1:] for line in lines if line.startswith(PROGRAM + " ")
    ]


async def _invite(db_path: Path, code: str) -> bool:
    db = Database(db_path)
    await db.open()
    try:
        async with db.read() as tx:
            return await InviteRepository(tx).get(code) is not None
    finally:
        await db.close()


async def test_the_readme_invite_examples_work_as_typed(tmp_path: Path) -> None:
    examples = readme_examples()
    assert [args[args.index("invite") :][:3] for args in examples] == [
        ["invite", "--role", "coordinator"],
        ["invite", "--role", "volunteer"],
    ]
    shutil.copy(ROOT / "config.example.toml", tmp_path)  # a fresh clone has it
    codes = []
    for args in examples:
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 0, f"{shlex.join(args)}: {result.stderr}"
        code = re.search(r"^code: (\S+)$", result.stdout, re.M)
        assert code is not None, result.stdout
        codes.append(code[1])
    with_config, without = codes
    assert await _invite(tmp_path / "data" / "voelspriet.sqlite3", with_config)
    # Without token and configuration the sandbox's database, so the sandbox knows the code.
    sandbox_db = tmp_path / "data" / "sandbox.sqlite3"
    assert await _invite(sandbox_db, without)
    settings = load_settings(DEMO_CONFIG)
    settings = settings.model_copy(
        update={"database": settings.database.model_copy(update={"path": sandbox_db})}
    )
    harness = await Harness(settings).start()
    try:
        newcomer = harness.chatter("Nadia")
        reply = await newcomer.send(f"/start {without}")
        assert "Buurtwerk Demostad" in reply.texts[0]
        assert "vrijwilliger" in reply.texts[0]
    finally:
        await harness.stop()


def command_table() -> list[str]:
    """The first cells of the README's command table (its rows up to the first other line)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = readme.index("| command (nl / en) | who | what |")
    rows = []
    for line in readme[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(line.split("|")[1])
    return rows


def test_the_readme_command_table_names_every_command_in_both_languages() -> None:
    cells = command_table()
    for english, dutch in commands.ALIASES.values():
        names = {f"`/{english}`", f"`/{dutch}`"}
        assert any(all(name in cell for name in names) for cell in cells), (english, dutch)


def test_the_package_diagram_names_every_module_of_the_newer_features() -> None:
    """The diagram under "How it is built" names each module of shifts, announcements and
    consultation, so a newcomer finds them there (the older packages are named by topic)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    diagram = readme[readme.index("bot/app.py, services.py, cli.py") :]
    diagram = diagram[: diagram.index("```")]
    for package in ("shifts", "announcements", "consultation"):
        line = diagram.index(f"{package}/")
        end = re.compile(r"\n(?=\S|   │)").search(diagram, line)  # the next package or layer
        assert end is not None
        block = diagram[line : end.start()]
        modules = sorted(p.stem for p in (ROOT / "bot" / package).glob("[!_]*.py"))
        assert [m for m in modules if not re.search(rf"\b{m}\b", block)] == [], package
