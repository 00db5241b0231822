"""The full names of the staff registered in the bot, which the privacy guard leaves alone.

A volunteer who mentions the professional or coordinator they work with ("Pieter de Vries van
het wijkteam") names no resident; volunteers' names are no exemption (a volunteer can be a
resident too). The set is read again only when people change: one aggregate
query per check tells (people added, renamed or erased), so a signal with 10,000 people in the
bot costs a scan of one table, not a copy of every name.
"""

from __future__ import annotations

from bot.privacy.guard import KnownNames
from storage.database import Transaction
from storage.people import PersonRepository

__all__ = ["KnownPeople"]


class KnownPeople:
    """One cache per running bot (bot.services), shared by the services that check free text;
    it belongs to one database."""

    def __init__(self) -> None:
        self._version: tuple[object, ...] | None = None
        self._names = KnownNames()

    async def names(self, tx: Transaction) -> KnownNames:
        """The registered staff's names, as of this transaction."""
        people = PersonRepository(tx)
        version = await people.names_version()
        if version != self._version:
            self._names = KnownNames.of(await people.staff_names())
            self._version = version
        return self._names
