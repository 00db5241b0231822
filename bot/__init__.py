"""Voelspriet: the composition root (app, services, cli) on top, a package per feature below."""

import os

# Opt in to PTB's timedelta durations (RetryAfter.retry_after); the int form is deprecated.
os.environ.setdefault("PTB_TIMEDELTA", "1")
