"""Answers of the bot that tests of many features expect, in Dutch."""

from __future__ import annotations

NOT_ALLOWED = "Dat kan alleen met een andere rol. Dit is niet voor jou bedoeld."
EXPIRED = "Deze knop werkt niet meer. Begin opnieuw via het menu."
NOT_REGISTERED = (
    "Je bent nog niet aangemeld bij Voelspriet. Je kunt alleen meedoen met een uitnodiging. "
    "Vraag je coördinator om een uitnodigingslink."
)
PAUSED = (
    "Je account staat op pauze. Neem contact op met je coördinator als je weer mee wilt doen. "
    "Je kunt wel je gegevens bekijken (/mijngegevens) of laten wissen (/vergeet)."
)
