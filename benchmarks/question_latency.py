"""Questions: the knowledge base at scale, and a volunteer's send press to the owner's alert.

Run from the project root: `.venv/bin/python -m benchmarks.question_latency [--quick]`
(`make bench-questions`). It prints figures; the targets are for the reader to judge.

(a) Knowledge base, in-process (benchmarks.faq_scale): 1,000, 10,000 and 100,000 published
    entries (--quick: the first two) on a real SQLite file; FaqService.search (/faq, 1 to 3
    words) and FaqService.related (a 20 to 40-word question, before every summary) latency,
    the file size, and where 20 planted entries rank for their own query and question text.
(b) Ask -> alert over the sandbox, as benchmarks.signal_latency does for signals and with its
    seeding, stand-in world and volunteers: the bot runs as its own process, rate limits off on
    both sides; the database holds people, routing rules, a knowledge base of --kb-entries
    entries and 100,000 stored questions with their threads (--quick: only the case with none).
    Volunteers ask at once through the real dialogue (/vraag, topic button q:topic:<key>, the
    question typed, q:sum:send). Two clocks: the typed question to the summary (this includes
    the related answers from the knowledge base, sent just before it), and the send press queued
    in the stand-in to the stand-in storing the owner's alert ("Nieuwe vraag Q-..." naming the
    volunteer): polling, the transaction that stores, routes and queues, and outbox delivery.

Writes artifacts/question-latency.json (--quick: question-latency-quick.json).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import faq_corpus, faq_planted, faq_scale
from benchmarks.question_seed import seed_questions
from benchmarks.sandbox_bench import BotProcess, bot_env
from benchmarks.signal_latency import (
    ARTIFACTS,
    CONFIG,
    STEP_TIMEOUT,
    LatencyWorld,
    Volunteer,
    anything,
    has_buttons,
)
from bot.core.config import Settings, load_settings
from sandbox.server import bound_port, start
from sandbox.standin import StandIn
from sandbox.world import StoredMessage

QUESTION_ALERT = re.compile(r"Nieuwe vraag (Q-\d+)")
ASKER = re.compile(r"Gesteld door: (.+)")
RELATED_TITLE = "Helpt een van deze antwoorden?"
RECEIPT = "Je vraag is verstuurd"


# --- the stand-in, instrumented for question alerts -------------------------------------------


class QuestionWorld(LatencyWorld):
    """signal_latency's world; also timestamps each question alert by the asker's name."""

    def store(self, message: StoredMessage) -> StoredMessage:
        at = time.perf_counter()
        text = message.text or ""
        if (
            message.from_bot
            and (found := QUESTION_ALERT.search(text))
            and (asker := ASKER.search(text))
        ):
            ref, name = found.group(1), asker.group(1).strip()
            self.alert_count[ref] = self.alert_count.get(ref, 0) + 1
            alert = self.alerts.pop(name, None)
            if alert is not None and not alert.done():
                alert.set_result((at, ref))
        return super().store(message)


# --- one volunteer asking ---------------------------------------------------------------------


@dataclass
class Asked:
    summary_seconds: float  # the typed question to the summary (related answers before it)
    alert_seconds: float  # the send press to the owner's alert
    reference: str
    related_shown: bool


class Asker(Volunteer):
    """signal_latency's volunteer, asking a question instead of reporting a signal."""

    async def ask(self, number: int) -> Asked:
        world = self.world
        topic, text = faq_corpus.question_text(self.rng)
        await self._await(lambda: world.person_sends(self.id, text="/vraag"), has_buttons)
        await self._await(lambda: self._topic(topic), anything)
        seen: dict[str, float] = {}

        def summary(message: StoredMessage) -> bool:
            if RELATED_TITLE in (message.text or ""):
                seen["related"] = time.perf_counter()
            if has_buttons(message):  # called where the stand-in stores it: the arrival
                seen["summary"] = time.perf_counter()
                return True
            return False

        typed = time.perf_counter()
        await self._await(lambda: world.person_sends(self.id, text=text), summary)
        alert: asyncio.Future[tuple[float, str]] = asyncio.get_running_loop().create_future()
        world.alerts[self.name] = alert

        def receipt(message: StoredMessage) -> bool:
            return RECEIPT in (message.text or "")

        pressed = time.perf_counter()
        receipt_wait = asyncio.ensure_future(
            self._await(lambda: self._press(data_prefix="q:sum:send"), receipt)
        )
        arrived, reference = await asyncio.wait_for(alert, STEP_TIMEOUT)
        await receipt_wait
        return Asked(seen["summary"] - typed, arrived - pressed, reference, "related" in seen)

    def _topic(self, key: str) -> None:
        """The topic the text is about; any topic if the configuration has no such key."""
        try:
            self._press(data_prefix=f"q:topic:{key}")
        except AssertionError:
            self._choose("q:topic:")()


@dataclass
class Measured:
    summary_ms: list[float] = field(default_factory=list)
    alert_ms: list[float] = field(default_factory=list)
    related_shown: int = 0
    timeouts: int = 0


async def drive(
    world: QuestionWorld, askers: list[Asker], questions: int, warmup: int
) -> tuple[Measured, float]:
    """Each volunteer asks back to back until `questions` are measured (after the warm-up)."""
    measured = Measured()
    for asker in askers:  # unmeasured: imports, caches, connections
        for number in range(warmup):
            await asker.ask(-1 - number)
    counter = iter(range(questions))
    began = time.perf_counter()

    async def keep_asking(asker: Asker) -> None:
        for number in counter:
            try:
                asked = await asker.ask(number)
            except TimeoutError:
                measured.timeouts += 1
                world.waiting.pop(asker.id, None)
                world.alerts.pop(asker.name, None)
                continue
            measured.summary_ms.append(asked.summary_seconds * 1000)
            measured.alert_ms.append(asked.alert_seconds * 1000)
            measured.related_shown += asked.related_shown

    await asyncio.gather(*(keep_asking(a) for a in askers))
    return measured, time.perf_counter() - began


# --- a case -----------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    stored_questions: int
    rows: dict[str, int]
    seed_seconds: float
    volunteers: int
    wall_seconds: float
    measured: Measured
    alerts_twice: int
    peak_rss_mb: float

    @property
    def rate(self) -> float:
        done = len(self.measured.alert_ms)
        return done / self.wall_seconds if self.wall_seconds else 0.0

    def summary(self) -> dict[str, Any]:
        m = self.measured
        return {
            "stored_questions": self.stored_questions,
            "seeded_rows": self.rows,
            "seed_seconds": round(self.seed_seconds, 1),
            "questions_measured": len(m.alert_ms),
            "volunteers": self.volunteers,
            "timeouts": m.timeouts,
            "alerts_sent_twice": self.alerts_twice,
            "related_answers_shown": m.related_shown,
            "send_to_alert_ms": faq_scale.percentiles(m.alert_ms),
            "text_to_summary_ms": faq_scale.percentiles(m.summary_ms),
            "questions_per_second": round(self.rate, 2),
            "wall_seconds": round(self.wall_seconds, 2),
            "bot_peak_rss_mb": round(self.peak_rss_mb, 1),
        }


async def run_case(
    name: str, questions: int, args: argparse.Namespace, settings: Settings, folder: Path
) -> Case:
    database = folder / f"{name}.sqlite3"
    volunteers, everyone, rows, seconds = await asyncio.to_thread(
        seed_questions, database, settings, questions, args.kb_entries, random.Random(42)
    )
    print(f"{name}: seeded {sum(rows.values()):,} rows {rows} in {seconds:.1f} s", flush=True)
    world = QuestionWorld()
    standin = StandIn(world=world)
    standin.limits.enabled = False
    runner = await start(standin, port=0)
    try:
        for telegram_id in everyone:
            world.add_person(f"Persoon {telegram_id}", "nl", person_id=telegram_id).started = True
        bot = BotProcess(
            f"voelspriet ({name})",
            [sys.executable, "-m", "bot", "--config", str(CONFIG), "run"],
            bot_env(bound_port(runner), database, rate_limits=False),
            ARTIFACTS / f"question-latency-{name}.log",
        )
        await bot.start(standin)
        rng = random.Random(7)
        askers = [Asker(world, tid, vname, rng) for tid, vname in volunteers[: args.volunteers]]
        try:
            measured, wall = await drive(world, askers, args.questions, args.warmup)
        finally:
            await bot.stop(standin)
    finally:
        await runner.cleanup()
    print(f"{name}: {len(measured.alert_ms)} questions in {wall:.1f} s", flush=True)
    return Case(
        name=name,
        stored_questions=questions,
        rows=rows,
        seed_seconds=seconds,
        volunteers=len(askers),
        wall_seconds=wall,
        measured=measured,
        alerts_twice=sum(1 for n in world.alert_count.values() if n > 1),
        peak_rss_mb=bot.peak_mb,
    )


def table(cases: list[Case]) -> str:
    header = (
        f"{'stored questions':>16}  {'clock':<14}  {'n':>4}  {'p50 ms':>7}  {'p95 ms':>7}"
        f"  {'p99 ms':>7}  {'max ms':>7}  {'asks/s':>6}  {'timeouts':>8}  {'twice':>5}"
    )
    lines = [header, "-" * len(header)]
    for c in cases:
        m = c.measured
        for clock, values in (("send -> alert", m.alert_ms), ("text -> summary", m.summary_ms)):
            p = faq_scale.percentiles(values) or dict.fromkeys(("p50", "p95", "p99", "max"), 0.0)
            lines.append(
                f"{c.stored_questions:>16,}  {clock:<14}  {len(values):>4}  {p['p50']:>7.1f}"
                f"  {p['p95']:>7.1f}  {p['p99']:>7.1f}  {p['max']:>7.1f}  {c.rate:>6.2f}"
                f"  {m.timeouts:>8}  {c.alerts_twice:>5}"
            )
    return "\n".join(lines)


# --- the run ----------------------------------------------------------------------------------


async def run(args: argparse.Namespace) -> int:
    ARTIFACTS.mkdir(exist_ok=True)
    settings = load_settings(CONFIG)
    folder = Path(tempfile.mkdtemp(prefix="voelspriet-question-latency-"))
    load_before = os.getloadavg()
    scales: list[faq_scale.Scale] = []
    cases: list[Case] = []
    try:
        for entries in args.sizes:
            path = folder / f"faq-{entries}.sqlite3"
            scale = await faq_scale.measure(
                path, entries, settings, args.searches, args.related, args.batch
            )
            print(f"knowledge base {entries:,}: seeded in {scale.seed_seconds:.1f} s", flush=True)
            scales.append(scale)
        wanted = [("empty", 0)] if args.quick else [("stored", args.stored_questions), ("empty", 0)]
        for name, stored in wanted:
            cases.append(await run_case(name, stored, args, settings, folder))
    finally:
        if not args.keep:
            shutil.rmtree(folder)
    load_after = os.getloadavg()
    print("\n(a) knowledge base, in-process: FaqService latency per call (warm), planted entry")
    print("ranked first (P@1) and within the top 3 for its own query / question text")
    print(faq_scale.table(scales))
    print(f"\n(b) ask -> alert over the sandbox ({args.volunteers} volunteers asking back to back,")
    print(f"limits off; knowledge base of {args.kb_entries:,} entries)")
    print(table(cases))
    print(
        f"\nmachine: {os.cpu_count()} CPUs; load average {load_before[0]:.1f} before,"
        f" {load_after[0]:.1f} after"
    )
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": {
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average_before": load_before,
            "load_average_after": load_after,
        },
        "knowledge_base": {
            "workload": {
                "seeding": f"FaqRepository.add, {args.batch} entr(y/ies) per transaction",
                "search": "FaqService.search(1-3 words of one theme's vocabulary), limit 5",
                "related": "FaqService.related(20-40-word question text), limit 3",
                "ranking": f"{len(faq_planted.PLANTED)} planted entries; search asks the top 5,"
                " related the top 3; rank None: not among them",
            },
            "sizes": {str(s.entries): s.summary() for s in scales},
        },
        "ask_to_alert": {
            "workload": {
                "measure": "perf_counter at the send press (q:sum:send queued in the stand-in)"
                " to the stand-in storing the owner's sendMessage alert; and at the typed"
                " question to the stand-in storing the summary (related answers come before it)",
                "dialogue": "/vraag, topic button, the question typed (20-40 words), send; each"
                " volunteer waits for each answer",
                "volunteers": args.volunteers,
                "questions": args.questions,
                "warmup_questions_per_volunteer": args.warmup,
                "knowledge_base_entries": args.kb_entries,
                "rate_limits": "off (stand-in and bot)",
                "routing": "one rule per wijk for 4 of 5 wijken; the 5th: least busy coordinator",
            },
            "cases": {c.name: c.summary() for c in cases},
        },
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"figures written to {args.json}")
    return 0 if all(c.measured.timeouts == 0 and c.alerts_twice == 0 for c in cases) else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="1,000 and 10,000 entries; no stored questions"
    )
    parser.add_argument("--sizes", type=int, nargs="+", help="knowledge-base sizes for (a)")
    parser.add_argument("--searches", type=int, default=500, help="timed /faq searches per size")
    parser.add_argument("--related", type=int, default=300, help="timed related() calls per size")
    parser.add_argument("--batch", type=int, default=1, help="entries per seeding transaction")
    parser.add_argument("--stored-questions", type=int, default=100_000)
    parser.add_argument("--kb-entries", type=int, default=10_000, help="knowledge base in (b)")
    parser.add_argument("--questions", type=int, default=160, help="measured questions per case")
    parser.add_argument("--volunteers", type=int, default=8, help="volunteers asking at once")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured questions per volunteer")
    parser.add_argument("--json", type=Path, help="default artifacts/question-latency[-quick].json")
    parser.add_argument("--keep", action="store_true", help="keep the temporary databases")
    args = parser.parse_args()
    if args.sizes is None:
        args.sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    if args.quick and args.questions == parser.get_default("questions"):
        args.questions = 80
    if args.json is None:
        name = "question-latency-quick.json" if args.quick else "question-latency.json"
        args.json = ARTIFACTS / name
    sys.exit(asyncio.run(run(args)))


if __name__ == "__main__":
    main()
