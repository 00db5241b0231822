"""Settings for the benchmarks that run the bot in-process against a fake Telegram: a throw-away
database in `folder`, a token that never reaches Telegram, the rate limits off unless asked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.core.config import (
    DatabaseSettings,
    DeliverySettings,
    OrganisationSettings,
    Settings,
    TelegramSettings,
)


def offline_settings(
    folder: Path,
    rate_limits: bool = False,
    organisation: OrganisationSettings | None = None,
    **delivery: Any,
) -> Settings:
    return Settings(
        telegram=TelegramSettings(
            token="123456789:BENCH-TOKEN-abcdefghijklmnop",  # type: ignore[arg-type]
            rate_limits=rate_limits,
        ),
        database=DatabaseSettings(path=folder / "bench.sqlite3"),
        organisation=organisation or OrganisationSettings(),
        delivery=DeliverySettings(**delivery),
    )
