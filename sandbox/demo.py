"""The demo organisation: one coordinator, one professional and two volunteers, and a few
recurring shifts (made once, by Carla) so a newcomer can confirm, cancel and swap as Vera or
Wim and see the coverage as Carla. Three more volunteers in Overvecht, hidden in the web chat
until their chip is pressed, show what an announcement does: Emma reads English, Kees has
blocked the bot (the report names him), Fatima is there. Pieter is Vera's contact for check-ins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.core.clock import Clock, system_clock
from bot.core.config import Settings
from bot.scheduling.local_time import wall_clock
from bot.scheduling.recurrence_rules import monthly, weekly
from bot.services import Services
from bot.shifts.planning import ShiftPlan
from sandbox.world import World
from storage.checkins import ContactRepository
from storage.database import Database, Transaction
from storage.people import NewPerson, PersonRepository, Role
from storage.shifts import ShiftRepository


@dataclass(frozen=True)
class Persona:
    telegram_id: int
    name: str
    role: Role
    wijk: str | None
    interests: tuple[str, ...] = ()
    language: str = "nl"
    extra: bool = False  # hidden in the web chat until shown
    blocked: bool = False  # has blocked the bot (an announcement reports them unreachable)
    joined_days_ago: int = 0  # Wim has been with us a while, so /maatje can pair Vera with him


PIETER, VERA = 100_002, 100_003
PERSONAS = (
    Persona(100_001, "Carla", Role.COORDINATOR, None),
    Persona(100_002, "Pieter", Role.PROFESSIONAL, "Noordoost"),
    Persona(100_003, "Vera", Role.VOLUNTEER, "Noordoost", ("ouderen",)),
    Persona(100_004, "Wim", Role.VOLUNTEER, "Noordoost", ("ouderen",), joined_days_ago=400),
    Persona(100_005, "Emma", Role.VOLUNTEER, "Overvecht", language="en", extra=True),
    Persona(100_006, "Kees", Role.VOLUNTEER, "Overvecht", extra=True, blocked=True),
    Persona(100_007, "Fatima", Role.VOLUNTEER, "Overvecht", ("schuldhulp",), extra=True),
)
CARLA = PERSONAS[0].telegram_id
MONDAY, TUESDAY, THURSDAY, SATURDAY = 0, 1, 3, 5


@dataclass(frozen=True)
class DemoShift:
    title: str
    weekday: int
    start: time
    end: time
    needed: int
    place: str
    wijk: str | None
    interest: str | None
    repeat: str  # weekly, biweekly, monthly (the first such weekday)
    notes: str | None = None


SHIFTS = (
    DemoShift("Koffieochtend", TUESDAY, time(10), time(12), 2, "Buurthuis De Boog", "Noordoost",
              "ouderen", "weekly", "Koffie en thee staan klaar; neem een goed humeur mee."),
    DemoShift("Boodschappenronde", THURSDAY, time(14), time(16), 1, "Wijkcentrum Het Anker",
              "Noordoost", "ouderen", "weekly"),
    DemoShift("Voedselbank uitdelen", SATURDAY, time(9, 30), time(12, 30), 3,
              "Voedselbank, ingang Kerkplein", None, None, "biweekly"),
    DemoShift("Taalcafé", MONDAY, time(19), time(21), 2, "Bibliotheek Noordoost", "Noordoost",
              None, "monthly"),
)  # fmt: skip


async def seed_people(settings: Settings, clock: Clock = system_clock) -> None:
    """Register the personas (once), before the bot starts: start-up copies the demo's routing
    rules (`[[routing.rules]]`), which name Pieter, so he must be there by then."""
    wijken = settings.organisation.wijken
    interests = {c.key for c in settings.organisation.interests}
    db = Database(settings.database.path)
    await db.open()
    try:
        async with db.transaction() as tx:
            people = PersonRepository(tx)
            for persona in PERSONAS:
                if await people.by_telegram_id(persona.telegram_id) is None:
                    await people.add(
                        NewPerson(
                            telegram_id=persona.telegram_id,
                            role=persona.role,
                            name=persona.name,
                            wijk=persona.wijk if persona.wijk in wijken else None,
                            language=persona.language,
                            interests=tuple(i for i in persona.interests if i in interests),
                        ),
                        clock() - timedelta(days=persona.joined_days_ago),
                    )
                if persona.blocked:  # known to have blocked the bot: nothing is sent to them
                    await people.set_reachable(persona.telegram_id, False)
    finally:
        await db.close()


async def seed(services: Services, world: World, *, with_shifts: bool = True) -> None:
    """Give each persona a chat in the stand-in and their role's menu (seed_people registered
    them before start-up); then the demo's shifts (once; `with_shifts=False` for a test that
    counts timers)."""
    for persona in PERSONAS:  # the chats first: a menu for an unknown chat is refused
        if persona.telegram_id not in world.people:
            chat = world.add_person(persona.name, persona.language, persona.telegram_id, True)
            chat.extra, chat.blocked = persona.extra, persona.blocked
    now = services.clock()
    async with services.db.transaction() as tx:
        people = PersonRepository(tx)
        for persona in PERSONAS:
            # They never registered through the bot, which is when a menu is set; and the
            # stand-in forgets menus between runs. Their role and language as they are now.
            person = await people.by_telegram_id(persona.telegram_id)
            if person is not None and person.active and not persona.blocked:
                await services.outbox.publish_commands(
                    tx, person.telegram_id, person.role, person.language, now
                )
        await _contact(tx, now)
    if with_shifts:
        await seed_shifts(services)


async def seed_shifts(services: Services) -> None:
    """The demo's recurring shifts, made by Carla the first time the sandbox starts."""
    async with services.db.read() as tx:
        if await ShiftRepository(tx).running_series():
            return
    now = services.clock()
    today = wall_clock(now, services.settings.organisation.zone).date()
    for shift in SHIFTS:
        await services.shifts.planning.create(None, CARLA, _plan(shift, today))


def _plan(shift: DemoShift, today: date) -> ShiftPlan:
    day = today + timedelta(days=(shift.weekday - today.weekday()) % 7 or 7)  # from tomorrow on
    rule = {
        "weekly": weekly(shift.weekday),
        "biweekly": weekly(shift.weekday, every=2),
        "monthly": monthly(shift.weekday, 1),
    }[shift.repeat]
    return ShiftPlan(
        title=shift.title,
        interest=shift.interest,
        wijk=shift.wijk,
        place=shift.place,
        notes=shift.notes,
        day=day,
        start=shift.start,
        end=shift.end,
        needed=shift.needed,
        rule=rule,
        skip_holidays=True,
    )


async def _contact(tx: Transaction, now: datetime) -> None:
    """Pieter reads Vera's check-ins (set once, as a coordinator would with /contactpersoon)."""
    people = PersonRepository(tx)
    vera, pieter = await people.by_telegram_id(VERA), await people.by_telegram_id(PIETER)
    contacts = ContactRepository(tx)
    if vera is not None and pieter is not None and await contacts.of(vera.id) is None:
        await contacts.set(vera.id, pieter.id, None, now)
