"""Settings from a TOML file, overridden by VOELSPRIET_* environment variables (nested with __)."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from datetime import time
from pathlib import Path
from typing import Any, Literal, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

Language = Literal["nl", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "en")
TELEGRAM_API_URL = "https://api.telegram.org/bot"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TelegramSettings(_Section):
    token: SecretStr | None = None
    api_url: str = TELEGRAM_API_URL
    # Used for invite links before the bot has started once (afterwards getMe tells).
    username: str | None = None
    rate_limits: bool = True
    poll_timeout: int = Field(default=30, ge=0, le=50)

    @field_validator("api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://, e.g. http://127.0.0.1:8081/bot")
        return value.rstrip("/")

    @property
    def file_url(self) -> str:
        """Where files people sent are downloaded: .../bot → .../file/bot (as Telegram does)."""
        base = self.api_url.removesuffix("/bot") if self.api_url.endswith("/bot") else None
        return f"{base}/file/bot" if base is not None else f"{self.api_url}/file"


class DatabaseSettings(_Section):
    path: Path = Path("data/voelspriet.sqlite3")


class Choice(_Section):
    """A configurable option with a stable key and a label per language."""

    key: str = Field(pattern=r"^[a-z0-9_]{1,24}$")
    nl: str = Field(min_length=1, max_length=40)
    en: str = Field(min_length=1, max_length=40)

    def label(self, language: str) -> str:
        return self.en if language == "en" else self.nl


class Topic(Choice):
    """A question topic, with the time a professional has to answer."""

    # Working hours to answer; the owner is reminded then, coordinators at three times it.
    answer_hours: float = Field(default=16, gt=0, le=400)


DEFAULT_QUESTION_TOPICS = (
    Topic(key="schulden", nl="Geldzorgen", en="Money worries"),
    Topic(key="ouderen", nl="Ouderen", en="Older people"),
    Topic(key="praktisch", nl="Praktisch", en="Practical"),
    Topic(key="anders", nl="Anders", en="Other"),
)


class Category(Choice):
    """A signal category, with its internal pickup deadline and the promise shown to volunteers."""

    # A professional picks a new signal up within this many working hours (internal deadline).
    pickup_hours: float = Field(default=16, gt=0, le=400)
    # "A professional will pick this up within N working days", told to the volunteer.
    promise_days: int = Field(default=3, ge=1, le=30)


# Signals that fit no configured category; configure a category with this key to change it.
OTHER_CATEGORY = "other"

C = TypeVar("C", bound=Choice)


def _unique_keys(choices: list[C]) -> list[C]:
    keys = [c.key for c in choices]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ValueError(f"keys must be unique, repeated: {', '.join(duplicates)}")
    return choices


class OrganisationSettings(_Section):
    name: str = Field(default="Voelspriet", min_length=1, max_length=60)
    timezone: str = "Europe/Amsterdam"
    default_language: Language = "nl"
    wijken: list[str] = Field(default_factory=lambda: ["Centrum"], min_length=1, max_length=40)
    categories: list[Category] = Field(default_factory=list)
    interests: list[Choice] = Field(default_factory=list)
    # Topics a volunteer picks when asking a question; DEFAULT_QUESTION_TOPICS when empty.
    question_topics: list[Topic] = Field(default_factory=list)
    # Where error notices go; coordinators get them when unset.
    admin_chat_id: int | None = None
    # The on-call professional's Telegram user id: gets "today" signals reported outside office
    # hours at once (coordinators get them when unset).
    on_call_telegram_id: int | None = None
    # A signal marked "today" is picked up within this many working hours, and on the same
    # working day at the latest (by closing time).
    pickup_hours_today: float = Field(default=3, gt=0, le=8)
    # Local times between which messages that can wait are not sent ("21:00-08:00"; the same
    # time twice: never quiet). Reminders wait for the end; urgent messages ignore it.
    quiet_hours: str = Field(default="21:00-08:00", pattern=r"^\d{2}:\d{2}-\d{2}:\d{2}$")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                "unknown time zone; use an IANA name such as Europe/Amsterdam"
            ) from None
        return value

    @field_validator("quiet_hours")
    @classmethod
    def _quiet_hours(cls, value: str) -> str:
        _window(value)  # raises on an hour past 23 or a minute past 59
        return value

    @property
    def quiet_window(self) -> tuple[time, time]:
        """The quiet hours' start and end, local wall-clock times."""
        return _window(self.quiet_hours)

    @field_validator("wijken")
    @classmethod
    def _wijken(cls, value: list[str]) -> list[str]:
        cleaned = [w.strip() for w in value]
        if any(not w or len(w) > 40 for w in cleaned):
            raise ValueError("each wijk needs a name of 1 to 40 characters")
        if len(set(cleaned)) != len(cleaned):
            raise ValueError("wijk names must be unique")
        return cleaned

    @field_validator("categories", "interests", "question_topics")
    @classmethod
    def _choices(cls, value: list[C]) -> list[C]:
        return _unique_keys(value)

    def category(self, key: str) -> Category | None:
        """The configured category, the built-in 'other' for OTHER_CATEGORY, or None."""
        for category in self.categories:
            if category.key == key:
                return category
        if key == OTHER_CATEGORY:
            return Category(key=OTHER_CATEGORY, nl="Anders", en="Other")
        return None

    def topics(self) -> list[Topic]:
        """The question topics: the configured ones, or the defaults."""
        return self.question_topics or list(DEFAULT_QUESTION_TOPICS)

    def topic(self, key: str) -> Topic | None:
        return next((t for t in self.topics() if t.key == key), None)

    def answer_hours(self, topic_key: str) -> float:
        """The topic's answer deadline in working hours (the default for a removed topic)."""
        topic = self.topic(topic_key)
        return topic.answer_hours if topic else Topic.model_fields["answer_hours"].default

    def category_keys(self) -> list[str]:
        keys = [c.key for c in self.categories]
        return keys if OTHER_CATEGORY in keys else [*keys, OTHER_CATEGORY]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def _window(value: str) -> tuple[time, time]:
    start, end = value.split("-")
    try:
        return time.fromisoformat(start), time.fromisoformat(end)
    except ValueError:
        raise ValueError(
            "use HH:MM-HH:MM with times from 00:00 to 23:59, e.g. 21:00-08:00"
        ) from None


class DeliverySettings(_Section):
    per_chat_per_second: float = Field(default=1.0, gt=0, le=30)
    max_attempts: int = Field(default=8, ge=1, le=50)
    max_backoff_seconds: float = Field(default=600, ge=1)
    concurrency: int = Field(default=16, ge=1, le=256)


class RetentionSettings(_Section):
    delivered_messages_days: int = Field(default=14, ge=1)
    processed_updates_days: int = Field(default=7, ge=1)
    drafts_days: int = Field(default=30, ge=1)
    expired_invites_days: int = Field(default=30, ge=1)
    # Days after closing that a signal is anonymised (free text, photo, reporter link removed).
    closed_signals_days: int = Field(default=180, ge=1)
    # Days after its last activity that an answered or closed question is anonymised.
    finished_questions_days: int = Field(default=180, ge=1)
    # Days that a fired timer (a reminder, an escalation, a round) is kept as a record that it
    # happened; a key fires once for as long as its record is kept.
    timers_days: int = Field(default=30, ge=1)
    # Days after which a check-in is anonymised (who answered, what they wrote).
    checkins_days: int = Field(default=365, ge=1)
    # Days after a shift that the words around it go: reasons for cancelling or for assigning
    # above the maximum, and who was offered it. Who came (and so the hours) stays.
    shift_details_days: int = Field(default=90, ge=1)
    # Days after an announcement went (or was withdrawn or cancelled) that it is forgotten, with
    # who got it and who read it.
    announcements_days: int = Field(default=365, ge=1)


class ConsultationSettings(_Section):
    # Without any round defined, one check-in round for all volunteers every four weeks.
    default_round: bool = True


class ShiftSettings(_Section):
    """Shifts (bot/shifts): cancelling, offering in waves, and how far ahead series are kept."""

    # A volunteer who cancels closer to the start than this gives a short reason and the
    # coordinators are told; earlier, the place simply opens again.
    cancel_cutoff_hours: int = Field(default=48, ge=0, le=336)
    # The maximum for a volunteer who set none in their profile.
    default_max_per_week: int = Field(default=2, ge=1, le=14)
    # The occurrences of a series in this many coming weeks exist as shifts.
    weeks_ahead: int = Field(default=6, ge=1, le=26)
    # The first offers of a shift go out this many days before it starts.
    offer_days_ahead: int = Field(default=14, ge=1, le=60)
    # One wave asks this many volunteers per open place; the next follows after wave_hours.
    wave_per_place: int = Field(default=3, ge=1, le=20)
    wave_hours: float = Field(default=12, gt=0, le=168)
    # The first one on standby has this long to take a place that opened (held for them).
    standby_hours: float = Field(default=6, gt=0, le=72)
    # A shift still short this long before it starts alerts the coordinators once.
    coverage_alert_hours: int = Field(default=72, ge=1, le=336)


class AnnouncementSettings(_Section):
    # A professional may send announcements to the volunteers of their own wijk (/bericht).
    professionals_to_own_wijk: bool = True


class RuleSetting(_Section):
    """A routing rule seeded into an empty rule list at start-up; no key means "any"."""

    category: str | None = None
    wijk: str | None = None
    professional_telegram_id: int


class RoutingSettings(_Section):
    rules: list[RuleSetting] = Field(default_factory=list, max_length=100)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="VOELSPRIET_", env_nested_delimiter="__", extra="forbid", frozen=True
    )

    telegram: TelegramSettings = TelegramSettings()
    database: DatabaseSettings = DatabaseSettings()
    organisation: OrganisationSettings = OrganisationSettings()
    delivery: DeliverySettings = DeliverySettings()
    retention: RetentionSettings = RetentionSettings()
    routing: RoutingSettings = RoutingSettings()
    consultation: ConsultationSettings = ConsultationSettings()
    shifts: ShiftSettings = ShiftSettings()
    announcements: AnnouncementSettings = AnnouncementSettings()

    @model_validator(mode="after")
    def _rules_match_organisation(self) -> Settings:
        org = self.organisation
        for number, rule in enumerate(self.routing.rules, start=1):
            if rule.category is not None and rule.category not in org.category_keys():
                raise ValueError(f"routing rule {number}: unknown category {rule.category!r}")
            if rule.wijk is not None and rule.wijk not in org.wijken:
                raise ValueError(f"routing rule {number}: unknown wijk {rule.wijk!r}")
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The TOML file arrives as init arguments; the environment overrides it.
        return (env_settings, init_settings)


class ConfigError(Exception):
    """Configuration that cannot start the bot; one readable line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def config_path(cli_path: Path | None, environ: Mapping[str, str] = os.environ) -> Path | None:
    if cli_path is not None:
        return cli_path
    from_env = environ.get("VOELSPRIET_CONFIG")
    return Path(from_env) if from_env else None


def load_settings(path: Path | None) -> Settings:
    """Read the TOML file (if any) and the environment; raise ConfigError on any problem."""
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError([f"{path}: file not found"]) from None
        except tomllib.TOMLDecodeError as error:
            raise ConfigError([f"{path}: not valid TOML: {error}"]) from None
    try:
        return Settings(**data)
    except ValidationError as error:
        raise ConfigError([_describe(e) for e in error.errors()]) from None


def _describe(error: Mapping[str, Any]) -> str:
    key = ".".join(str(part) for part in error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown setting (check the spelling against config.example.toml)"
    shown = error.get("input")
    if (
        error["type"] != "extra_forbidden"
        and isinstance(shown, str | int | float)
        and "token" not in key
    ):
        return f"{key}: {message} (got {shown!r})"
    return f"{key}: {message}"
