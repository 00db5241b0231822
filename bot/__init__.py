"""Voelspriet: composition root, configuration, domain services, delivery and scheduling."""

import os

# Opt in to PTB's timedelta durations (RetryAfter.retry_after); the int form is deprecated.
os.environ.setdefault("PTB_TIMEDELTA", "1")
