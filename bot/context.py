"""The typed callback context handlers receive: services plus who is writing."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot import i18n
from bot.services import Services
from storage.flows import Flow
from storage.people import Person

SERVICES_KEY = "services"


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """One per update; the access gate fills in `person`, `flow` and `language` first."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application, chat_id=chat_id, user_id=user_id)
        self.person: Person | None = None
        self.flow: Flow | None = None
        self.language: str = i18n.DEFAULT_LANGUAGE

    @property
    def services(self) -> Services:
        services = self.application.bot_data[SERVICES_KEY]
        assert isinstance(services, Services)
        return services

    def t(self, key: str, /, **params: object) -> str:
        """A catalog text in the language of the person writing."""
        return i18n.t(self.language, key, **params)
