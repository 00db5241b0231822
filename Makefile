# Two commands do all set-up: `make run` and `make test`. Each creates .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  rm -rf $(VENV); apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/voelspriet run $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check bot handlers storage sandbox tests
	$(BIN)/ruff format --check bot handlers storage sandbox tests
	$(BIN)/mypy

# The web chat's browser test drives Debian's chromium (Playwright cannot download one offline).
test: lint
	test -x /usr/bin/chromium || { apt-get update -qq && apt-get install -y -qq chromium; }
	$(BIN)/pytest -q $(ARGS)

# The bot as its own process against the sandbox stand-in, beside a minimal PTB echo bot:
# update handling, outbox delivery with and without rate limits, peak memory (about 8 minutes;
# ARGS=--quick: about 3). Figures in artifacts/bench.json. bench-outbox: the in-process outbox one.
.PHONY: bench bench-outbox
bench: $(STAMP)
	$(BIN)/python -m benchmarks.sandbox_bench $(ARGS)

bench-outbox: $(STAMP)
	$(BIN)/python -m benchmarks.outbox_throughput $(ARGS)

# Signal alert latency: a volunteer's confirm press to the owner's alert at the stand-in, with
# 100,000 stored signals and with none (about a minute). Figures in artifacts/signal-latency.json.
.PHONY: bench-signals
bench-signals: $(STAMP)
	$(BIN)/python -m benchmarks.signal_latency $(ARGS)

# Questions: the knowledge base at 1,000, 10,000 and 100,000 entries in-process (FaqService
# search and related latency, file size, ranking of planted entries), and a volunteer's send
# press to the owner's alert over the sandbox with 100,000 stored questions and with none
# (ARGS=--quick: 1,000 and 10,000 entries, no stored questions). Figures only, no targets, in
# artifacts/question-latency.json (--quick: question-latency-quick.json).
.PHONY: bench-questions
bench-questions: $(STAMP)
	$(BIN)/python -m benchmarks.question_latency $(ARGS)

# The scheduler tick with 50,000 timers waiting for the future and 500 due (ARGS="--future N
# --due N"): the due query and its plan, a tick with nothing due, the tick firing the due
# reminders, scheduling. Figures only, in artifacts/scheduler-bench.json.
.PHONY: bench-scheduler
bench-scheduler: $(STAMP)
	$(BIN)/python -m benchmarks.scheduler_bench $(ARGS)

# One check-in round to 10,000 volunteers: the tick that sends it, the rows it writes and the
# time until every message is in the outbox, then its reminder and digest ticks (about a
# minute; ARGS="--volunteers 2000" for fewer, --deliver also drains the outbox into a fake
# Telegram). Figures only, in artifacts/consultation-bench.json.
.PHONY: bench-consultation
bench-consultation: $(STAMP)
	$(BIN)/python -m benchmarks.consultation_bench $(ARGS)
# Shifts: 1,000 volunteers and 500 shifts a week for 8 weeks; 200 volunteers tap for 20 places
# within one second over the sandbox (exactly 20 filled, tap-to-answer p50/p99), the scheduler
# tick with 50,000 future reminders (and the due query's plan), the coverage view and a wave's
# fit query (ARGS=--quick: a smaller organisation). Figures only, in artifacts/shifts-bench.json.
.PHONY: bench-shifts
bench-shifts: $(STAMP)
	$(BIN)/python -m benchmarks.shifts_bench $(ARGS)

# An announcement to 10,000 volunteers over the sandbox with Telegram's limits on: the fan-out
# transaction, copies per second over the whole run, 429s, duplicates, and a volunteer's signal
# to its alert while it runs, next to the same without a broadcast (about 8 minutes;
# ARGS=--quick: 1,000 recipients, about 2). Figures only, in artifacts/broadcast-bench.json.
.PHONY: bench-broadcast
bench-broadcast: $(STAMP)
	$(BIN)/python -m benchmarks.broadcast_bench $(ARGS)

# The privacy guard beside DEDUCE (the Dutch de-identification library, LGPL) on the labelled
# texts in tests/privacy/corpus.py: recall and false alarms per kind, time per text, and the
# bot's memory with and without the name lists. DEDUCE lives only in .venv-bench, never in the
# bot's dependencies. Figures only, in artifacts/privacy-guard.json.
BENCH_VENV := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed

$(BENCH_STAMP): pyproject.toml
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -e . 'deduce>=3,<4'
	touch $(BENCH_STAMP)

.PHONY: bench-privacy
bench-privacy: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python -m benchmarks.privacy_guard_bench $(ARGS)
