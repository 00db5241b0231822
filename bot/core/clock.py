"""Time source: services take a clock so tests can fix or advance time, and the sandbox can move
it forward for a person who wants to see tomorrow's reminders now."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


class OffsetClock:
    """The system clock, moved forward by hand (the sandbox's ⏩ buttons). Only forward: what
    fired stays fired, and a clock going back would make the bot's records disagree."""

    def __init__(self, base: Clock = system_clock) -> None:
        self._base = base
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return self._base() + self.offset

    def advance(self, delta: timedelta) -> datetime:
        """Move forward by `delta` (more than nothing); returns the new time."""
        if delta <= timedelta(0):
            raise ValueError("the clock only moves forward")
        self.offset += delta
        return self()
