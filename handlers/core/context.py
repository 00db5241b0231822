"""The typed callback context handlers receive: services plus who is writing."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.core import i18n
from bot.services import Services
from storage.flows import Flow
from storage.people import Person

SERVICES_KEY = "services"
LANGUAGE_KEY = "language"


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
        self._language: str = i18n.DEFAULT_LANGUAGE

    @property
    def language(self) -> str:
        """The language to answer in. Kept with the user's data: PTB gives the error handler a
        fresh context, and its answer must be in the language the gate chose for the update."""
        data = self.user_data
        return str(data.get(LANGUAGE_KEY, self._language)) if data is not None else self._language

    @language.setter
    def language(self, value: str) -> None:
        self._language = value
        if self.user_data is not None:
            self.user_data[LANGUAGE_KEY] = value

    @property
    def services(self) -> Services:
        services = self.application.bot_data[SERVICES_KEY]
        assert isinstance(services, Services)
        return services

    def t(self, key: str, /, **params: object) -> str:
        """A catalog text in the language of the person writing."""
        return i18n.t(self.language, key, **params)
