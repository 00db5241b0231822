"""The privacy guard beside DEDUCE on the labelled texts of tests/privacy/corpus.py.

Run from the project root: `make bench-privacy` (it creates .venv-bench with the bot and DEDUCE,
the Dutch de-identification library for clinical text, LGPL; DEDUCE is never a dependency of
the bot). Figures only, no targets; written to artifacts/privacy-guard.json.

- Recall per kind: of the texts labelled with a kind, how many the tool reports that kind for.
  DEDUCE's tags are read as our kinds: persoon/patient -> name, datum -> birthdate (DEDUCE
  has no notion of a birth date, it marks every date), locatie -> address, telefoonnummer ->
  phone, emailadres -> email, bsn -> bsn; iban has no DEDUCE tag. Its other tags (leeftijd,
  instelling, ziekenhuis, url, ...) count for nothing.
- "elsewhere": how often the tool reports a kind in a text not labelled with it.
- False alarms: clean texts (no label) for which the tool reports any kind.
- Time per text (mean and the slowest), after loading.
- Memory (RSS) of a fresh process: the bot's modules and services, then with the guard's name
  lists read; and the same interpreter with DEDUCE loaded. Each measured in its own process.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.privacy.corpus import CLEAN, KINDS, KNOWN_STAFF, SAMPLES

ARTIFACT = Path("artifacts/privacy-guard.json")
DEDUCE_KINDS = {
    "persoon": "name",
    "patient": "name",
    "datum": "birthdate",
    "locatie": "address",
    "telefoonnummer": "phone",
    "emailadres": "email",
    "bsn": "bsn",
}


@dataclass
class Scores:
    tool: str
    load_seconds: float
    labelled: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    elsewhere: Counter[str] = field(default_factory=Counter)
    false_alarms: int = 0
    seconds: list[float] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "load_seconds": round(self.load_seconds, 2),
            "recall": {k: [self.found[k], self.labelled[k]] for k in KINDS},
            "elsewhere": {k: self.elsewhere[k] for k in KINDS},
            "false_alarms": [self.false_alarms, len(CLEAN)],
            "ms_per_text_mean": round(1000 * sum(self.seconds) / len(self.seconds), 3),
            "ms_per_text_max": round(1000 * max(self.seconds), 3),
        }


def score(tool: str, load_seconds: float, kinds_of: Callable[[str], set[str]]) -> Scores:
    scores = Scores(tool, load_seconds)
    for sample in SAMPLES:
        started = time.perf_counter()
        kinds = kinds_of(sample.text)
        scores.seconds.append(time.perf_counter() - started)
        scores.labelled.update(sample.kinds)
        scores.found.update(sample.kinds & kinds)
        scores.elsewhere.update(kinds - sample.kinds)
        scores.false_alarms += not sample.kinds and bool(kinds)
    return scores


def guard_scores() -> Scores:
    from bot.privacy.guard import KnownNames, identifying_kinds
    from bot.privacy.name_lists import name_lists

    started = time.perf_counter()
    name_lists()
    load = time.perf_counter() - started
    known = KnownNames.of(KNOWN_STAFF)
    identifying_kinds("warm-up: libphonenumber reads its metadata on first use 06-12345678")
    return score("guard", load, lambda text: set(identifying_kinds(text, known)))


def deduce_scores() -> Scores:
    from deduce import Deduce  # only in .venv-bench

    started = time.perf_counter()
    deduce = Deduce()
    load = time.perf_counter() - started

    def kinds_of(text: str) -> set[str]:
        tags = {a.tag for a in deduce.deidentify(text).annotations}
        return {DEDUCE_KINDS[tag] for tag in tags if tag in DEDUCE_KINDS}

    return score("DEDUCE", load, kinds_of)


_RSS = "int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0]) / 1024"
_BOT = (
    "import tempfile, pathlib; from bot.app import build_application; "
    "from bot.core.config import load_settings; import os; "
    "os.environ['VOELSPRIET_DATABASE__PATH'] = str(pathlib.Path(tempfile.mkdtemp()) / 'b.sqlite3'); "
    "build_application(load_settings(pathlib.Path('sandbox/demo.toml')))"
)
MEMORY_PROBES = {
    "bot": f"{_BOT}; print({_RSS})",
    "bot + name lists": (
        f"{_BOT}; from bot.privacy.name_lists import name_lists; name_lists(); print({_RSS})"
    ),
    "bot + DEDUCE": f"{_BOT}; from deduce import Deduce; Deduce(); print({_RSS})",
}


def memory() -> dict[str, float]:
    """RSS in MB of a fresh interpreter for each probe."""
    return {
        name: float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout.split()[-1]
        )
        for name, code in MEMORY_PROBES.items()
    }


def table(results: list[Scores]) -> str:
    head = f"{'kind':<10} {'texts':>5}" + "".join(f" {r.tool + ' recall':>17}" for r in results)
    head += "".join(f" {r.tool + ' elsewhere':>17}" for r in results)
    lines = [head]
    for kind in KINDS:
        line = f"{kind:<10} {results[0].labelled[kind]:>5}"
        for r in results:
            recall = r.found[kind] / r.labelled[kind]
            line += f" {f'{r.found[kind]} ({recall:.0%})':>17}"
        lines.append(line + "".join(f" {r.elsewhere[kind]:>17}" for r in results))
    line = f"{'clean':<10} {len(CLEAN):>5}"
    for r in results:
        flagged = f"{r.false_alarms} flagged ({r.false_alarms / len(CLEAN):.1%})"
        line += f" {flagged:>17}"
    lines.append(line)
    for r in results:
        mean = 1000 * sum(r.seconds) / len(r.seconds)
        lines.append(
            f"{r.tool}: load {r.load_seconds:.2f} s, {mean:.2f} ms per text "
            f"(slowest {1000 * max(r.seconds):.1f} ms)"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-deduce", action="store_true", help="the guard alone")
    args = parser.parse_args()

    print(f"{len(SAMPLES)} texts, {len(CLEAN)} of them clean; python {platform.python_version()}")
    results = [guard_scores()]
    if not args.no_deduce:
        results.append(deduce_scores())
    print(table(results))
    rss = memory() if not args.no_deduce else {}
    for name, megabytes in rss.items():
        print(f"RSS {name}: {megabytes:.0f} MB")
    if rss:
        print(f"name lists add {rss['bot + name lists'] - rss['bot']:.1f} MB")

    ARTIFACT.parent.mkdir(exist_ok=True)
    report = {"texts": len(SAMPLES), "clean": len(CLEAN), "rss_mb": rss}
    report |= {r.tool: r.as_dict() for r in results}
    ARTIFACT.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"figures in {ARTIFACT}")


if __name__ == "__main__":
    main()
