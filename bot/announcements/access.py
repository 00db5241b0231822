"""Who may announce to whom, and who may handle an announcement afterwards.

Coordinators announce to any audience. A professional may announce to the volunteers of their
own wijk only, when the organisation allows it (announcements.professionals_to_own_wijk,
default on); nobody else announces. The sender and every coordinator may correct, withdraw,
remind and read the report of an announcement.
"""

from __future__ import annotations

from bot.core.config import Settings
from bot.core.errors import NotAllowed, NotFound
from bot.people.audience_kinds import Roles, Wijken
from bot.people.audiences import Audience
from storage.announcements import Announcement
from storage.people import Person, Role


def fixed_audience(person: Person, settings: Settings) -> Audience | None:
    """The one audience this person may use (a professional: their wijk's volunteers); None
    when they choose freely (a coordinator). NotAllowed when they may not announce at all."""
    if not person.active:
        raise NotAllowed("announce")
    if person.role is Role.COORDINATOR:
        return None
    allowed = settings.announcements.professionals_to_own_wijk
    if person.role is Role.PROFESSIONAL and allowed and person.wijk:
        return Audience().where(Roles.name, Role.VOLUNTEER.value).where(Wijken.name, person.wijk)
    raise NotAllowed("announce")


def check_audience(person: Person, audience: Audience, settings: Settings) -> Audience:
    """The audience they may send to: their own choice, or their fixed one (which must be it)."""
    fixed = fixed_audience(person, settings)
    if fixed is not None and audience != fixed:
        raise NotAllowed("announce to this audience")
    return audience


def may_handle(person: Person, announcement: Announcement) -> bool:
    if not person.active:
        return False
    return person.role is Role.COORDINATOR or person.id == announcement.sender_id


def check_handle(person: Person | None, announcement: Announcement | None) -> Announcement:
    if announcement is None:
        raise NotFound("announcement")
    if person is None or not may_handle(person, announcement):
        raise NotAllowed("announcement")
    return announcement
