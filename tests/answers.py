"""Answers of the bot that tests of many features expect, in Dutch."""

from __future__ import annotations

NOT_ALLOWED = "Dat kan alleen met een andere rol. Dit is niet voor jou bedoeld."
EXPIRED = "Deze knop werkt niet meer. Begin opnieuw via het menu."
