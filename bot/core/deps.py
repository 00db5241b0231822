"""What every use-case service needs, built once (bot.services) and handed to each service.

A service subclasses `Service` and finds the shared objects under the names it uses: `db`,
`outbox` (written in the use case's transaction), `settings`, `clock` (injected, so tests and
the sandbox move time), `hours` (office hours, for deadlines in working time) and `quiet` (the
organisation's quiet hours: `not_before` for messages that can wait). A service that needs more
takes it as a further constructor argument.

This is the one module of bot/core that names objects of the packages above it (the outbox of
bot/telegram, the office and quiet hours of bot/scheduling): it is the bundle the features receive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.clock import Clock, system_clock
from bot.core.config import Settings
from bot.scheduling.quiet_hours import QuietHours
from bot.scheduling.working_time import OfficeHours
from bot.telegram.outbox import Outbox
from storage.database import Database


@dataclass(frozen=True)
class Deps:
    db: Database
    outbox: Outbox
    settings: Settings
    clock: Clock
    hours: OfficeHours
    quiet: QuietHours

    @classmethod
    def build(
        cls, settings: Settings, clock: Clock = system_clock, db: Database | None = None
    ) -> Deps:
        """The shared objects for `settings`; the database is opened later (Services.start)."""
        org = settings.organisation
        start, end = org.quiet_window
        return cls(
            db=db or Database(settings.database.path),
            outbox=Outbox(),
            settings=settings,
            clock=clock,
            hours=OfficeHours(tz=org.zone),
            quiet=QuietHours(start, end, org.zone),
        )


class Service:
    """Base of the use-case services: the shared dependencies under their usual names."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps
        self.db = deps.db
        self.outbox = deps.outbox
        self.settings = deps.settings
        self.clock = deps.clock
        self.hours = deps.hours
        self.quiet = deps.quiet

    def not_before(self, now: datetime) -> datetime:
        """When a message that can wait may go out: `now`, or the end of the quiet hours.
        Pass it as the outbox row's due_at; urgent messages do not ask."""
        return self.quiet.next_allowed(now)
