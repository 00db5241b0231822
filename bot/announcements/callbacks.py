"""Every button of the announcements feature, built and read here only.

- `an:<act>:<announcement id>`: "Gelezen 👍" on a copy, and on the sender's card: show it again,
  list the unreachable, remind, correct, withdraw (each asks first), cancel a scheduled one.
- `an:yes:<act>:<announcement id>`: the confirmation of withdrawing, cancelling or reminding.
- `an:<step>:<value>`: the draft's buttons (bot.announcements.compose), whose step names are
  no actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from bot.flows.callbacks import number, pack, unpack

PREFIX: Final = "an"


class Act(StrEnum):
    ACK = "ack"  # a recipient read it
    SHOW = "show"  # the sender's card, counted again
    MISSED = "miss"  # the unreachable by name
    UNREAD = "unread"  # who it reached and did not press "Gelezen 👍" yet, by name
    REMIND = "rem"  # remind who did not press "Gelezen 👍" yet (once)
    CORRECT = "fix"  # type a corrected text
    WITHDRAW = "del"  # delete every copy Telegram still allows
    CANCEL = "stop"  # a scheduled one does not go
    LIST = "list"  # the list of announcements (id 0)
    NEW = "new"  # start a new one (id 0)


# Acts that change something for many people: a second press confirms.
CONFIRMED: Final = frozenset({Act.REMIND, Act.WITHDRAW, Act.CANCEL})


@dataclass(frozen=True)
class OnAnnouncement:
    act: Act
    announcement: int
    sure: bool = False  # the confirmation of an act in CONFIRMED

    @property
    def data(self) -> str:
        return pack(PREFIX, *(["yes"] if self.sure else []), self.act, self.announcement)


ACTIONS: Final = frozenset(act.value for act in Act) | {"yes"}


# Every "Gelezen 👍" button: alumni press it too (an announcement for the yearly gathering), past
# the gate that closes the bot to them otherwise (handlers.core.gate).
ACKNOWLEDGEMENTS: Final = pack(PREFIX, Act.ACK, "")


def acknowledge(announcement_id: int) -> str:
    return OnAnnouncement(Act.ACK, announcement_id).data


def parse(data: object) -> OnAnnouncement | None:
    """An `an:` button about one announcement, or None for anything these builders do not make."""
    parts = unpack(data, PREFIX)
    if parts is None:
        return None
    sure = parts[:1] == ["yes"]
    if sure:
        parts = parts[1:]
    if len(parts) != 2 or parts[0] not in ACTIONS - {"yes"}:
        return None
    act, announcement = Act(parts[0]), number(parts[1])
    if announcement is None or (sure and act not in CONFIRMED):
        return None
    return OnAnnouncement(act, announcement, sure)
