"""Composition root: settings → services → PTB Application with every handler, in order, and
running it until Ctrl-C (polling, the delivery worker and the scheduled jobs)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.error import InvalidToken
from telegram.ext import AIORateLimiter, Application, ContextTypes
from telegram.request import BaseRequest

from bot.core import i18n, logging_setup
from bot.core.clock import Clock, system_clock
from bot.core.config import LANGUAGES, Settings
from bot.flows import names
from bot.privacy.name_lists import name_lists
from bot.scheduling.tick import TICK_SECONDS
from bot.services import Services
from bot.telegram.commands import menu
from bot.telegram.http import AiohttpRequest
from bot.telegram.polling import Poller, PollingStopped
from handlers.announcements import announce as announcements
from handlers.announcements import compose as announcement_compose
from handlers.announcements import replies as announcement_replies
from handlers.consultation import checkins as checkin_notes
from handlers.consultation import planning as meeting_planning
from handlers.consultation import presses as consultation
from handlers.core import errors, gate, general
from handlers.core.context import SERVICES_KEY, BotContext
from handlers.core.general import TextFlow
from handlers.people import absence, invites, own_pause, profile, registration
from handlers.people import admin as people_admin
from handlers.privacy import retention
from handlers.questions import asking as question_asking
from handlers.questions import faq
from handlers.questions import reading as question_reading
from handlers.questions import threads as question_threads
from handlers.routing import admin as routing_admin
from handlers.shifts import buttons as shifts
from handlers.shifts import create as new_shift
from handlers.signals import report as signal_report
from handlers.signals import work as signal_work

log = logging.getLogger("voelspriet")  # the lines the person at the terminal reads

# Telegram's test-token shape; the sandbox and tests never reach Telegram with it.
OFFLINE_TOKEN = "123456:offline-sandbox-token"
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
HOUSEKEEPING_INTERVAL = 3600.0
# Telegram allows 30 messages a second overall. PTB's default limiter lets a burst of all 30 out
# at once; then Telegram's bucket stays full and the least jitter on the way earns a 429. A
# burst of 3 keeps the same 30/s with room to spare on Telegram's side.
OVERALL_PER_SECOND = 30
OVERALL_BURST = 3
SHUTDOWN_GRACE = 10.0  # seconds the updates in hand may take to finish on Ctrl-C

BotApplication = Application[Any, BotContext, Any, Any, Any, Any]


# Typed text and photos go to the open flow that expects them (handlers.core.general).
TEXT_FLOWS: dict[str, TextFlow] = {
    names.REGISTER: registration.on_text,
    names.PROFILE: profile.on_text,
    names.SIGNAL: signal_report.on_text,
    names.SIGNAL_WORK: signal_work.on_text,
    names.ABSENCE: absence.on_text,
    names.QUESTION: question_asking.on_text,
    names.QUESTION_WORK: question_threads.on_reply_text,
    names.FAQ_PUBLISH: faq.on_text,
    names.OWN_PAUSE: own_pause.on_text,
    names.CONSULT: consultation.on_text,
    names.MEETING: meeting_planning.on_text,
    names.CHECKIN_NOTE: checkin_notes.on_note,
    names.SHIFT_WORK: shifts.on_text,
    names.SHIFT: new_shift.on_text,
    names.ANNOUNCE: announcement_compose.on_message,
    names.ANNOUNCE_FIX: announcement_compose.on_message,
}
PHOTO_FLOWS: dict[str, TextFlow] = {
    names.SIGNAL: signal_report.on_photo,
    names.QUESTION: question_asking.on_photo,
    names.ANNOUNCE: announcement_compose.on_message,
}


async def _idle_text(update: Update, context: BotContext) -> bool:
    """Text outside any flow: a typed answer naming one button of the open check-in's question
    (read first: it takes only such a text), else perhaps a volunteer's answer to a
    professional's question (any text answers that)."""
    return await checkin_notes.on_typed_answer(update, context) or (
        await signal_work.on_unprompted_text(update, context)
    )


def register_handlers(app: BotApplication) -> None:
    """Order matters: the gate first (group -1), then features, then the catch-alls."""
    app.add_handler(gate.gate_handler(), group=-1)
    for module in (
        registration,
        general,
        profile,
        invites,
        people_admin,
        signal_report,
        faq,
        question_reading,
        question_threads,
        retention,
        signal_work,
        routing_admin,
        absence,
        own_pause,
        consultation,
        shifts,
        announcements,
    ):
        app.add_handlers(module.handlers())
    # Telegram replies naming a question, before the general text router.
    app.add_handlers(question_threads.reply_handlers(TEXT_FLOWS))
    idle = _idle_text
    # Replies to an announcement go to its sender; replies to anything else, where text goes.
    texts = general.text_router(TEXT_FLOWS, idle)
    app.add_handlers(announcement_replies.reply_handlers(TEXT_FLOWS, texts))
    app.add_handlers(general.fallbacks(TEXT_FLOWS, PHOTO_FLOWS, idle))
    app.add_error_handler(errors.on_error)


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    clock: Clock = system_clock,
) -> tuple[BotApplication, Services]:
    logging_setup.withhold_library_contents()  # whoever configures logging, PTB's stay clean
    token = settings.telegram.token.get_secret_value() if settings.telegram.token else OFFLINE_TOKEN
    builder = (
        Application.builder()
        .token(token)
        .base_url(settings.telegram.api_url)
        .base_file_url(settings.telegram.file_url)
        .updater(None)  # bot.telegram.polling confirms updates only after they are processed
        .context_types(ContextTypes(context=BotContext))
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:  # aiohttp, not PTB's httpx default: a quarter of the CPU per call (bot.telegram.http)
        builder = builder.request(AiohttpRequest()).get_updates_request(
            AiohttpRequest(connection_pool_size=1)
        )
    if settings.telegram.rate_limits:
        # Overall 30/s and 20/min per group, shared by replies and the outbox. No retries
        # here: the delivery worker reschedules a 429 instead of sleeping on it.
        limiter = AIORateLimiter(
            overall_max_rate=OVERALL_BURST,
            overall_time_period=OVERALL_BURST / OVERALL_PER_SECOND,
            max_retries=0,
        )
        builder = builder.rate_limiter(limiter)  # type: ignore[arg-type]
    app: BotApplication = builder.build()
    services = Services.build(settings, clock)
    app.bot_data[SERVICES_KEY] = services
    register_handlers(app)
    return app, services


async def start_services(app: BotApplication, services: Services, background: bool = True) -> None:
    """After app.initialize(): open storage, start delivery, publish the default command menu."""
    await services.start(app.bot, deliver_in_background=background)
    name_lists()  # the privacy guard's name lists, read now rather than at the first signal
    for language in LANGUAGES:
        await app.bot.set_my_commands(
            [(c["command"], c["description"]) for c in menu(None, language)],
            language_code=None if language == i18n.DEFAULT_LANGUAGE else language,
        )
    if app.job_queue is not None and background:
        app.job_queue.run_repeating(
            _housekeeping, interval=HOUSEKEEPING_INTERVAL, first=60, name="housekeeping"
        )
        app.job_queue.run_repeating(_tick, interval=TICK_SECONDS, first=5, name="scheduler")


async def _housekeeping(context: BotContext) -> None:
    await context.services.retention.purge()


async def _tick(context: BotContext) -> None:
    """Everything due, each once: reminders, escalations (bot/scheduling/tick.py)."""
    await context.services.scheduler.tick()


async def serve(
    settings: Settings,
    stop: asyncio.Event | None = None,
    on_ready: Callable[[Services], Awaitable[None]] | None = None,
    clock: Clock = system_clock,
) -> None:
    """Run until SIGINT/SIGTERM (or `stop`); then stop polling, confirm updates, close cleanly.
    Raises PollingStopped when polling ends without being asked to (after closing cleanly).
    `clock`: the sandbox's, which a person moves forward."""
    app, services = build_application(settings, clock=clock)
    if stop is None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
    async with _initialised(app):
        await start_services(app, services)
        await app.start()
        try:
            if on_ready is not None:
                await on_ready(services)
            await _poll(app, settings, stop)
        finally:  # also when polling died: a live delivery task or database thread would hang exit
            await app.stop()
            await services.stop()


async def _poll(app: BotApplication, settings: Settings, stop: asyncio.Event) -> None:
    """Poll until `stop`; a polling task that ends first is a failure the process must not hide."""
    poller = Poller(app, settings.telegram.poll_timeout, ALLOWED_UPDATES)
    polling = asyncio.create_task(poller.run(stop), name="polling")
    stopping = asyncio.create_task(stop.wait(), name="stop")
    log.info("@%s is running; Ctrl-C stops it", app.bot.username)
    await asyncio.wait({polling, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if polling.done() and not stop.is_set():
        error = None if polling.cancelled() else polling.exception()
        if isinstance(error, InvalidToken):
            raise error
        log.critical("polling ended unexpectedly (%s); exiting", type(error).__name__)
        raise PollingStopped(type(error).__name__) from error
    # The poller stops waiting for updates at once but finishes the batch in hand, so no
    # handler is cut short; only one that hangs past the grace period is cancelled.
    await asyncio.wait({polling}, timeout=SHUTDOWN_GRACE)
    polling.cancel()
    try:
        await polling
    except asyncio.CancelledError:
        pass
    except Exception as error:
        log.error("polling failed while stopping: %s", type(error).__name__)
    await poller.confirm()


@contextlib.asynccontextmanager
async def _initialised(app: BotApplication) -> AsyncIterator[None]:
    """`async with app`, closing the HTTP sessions also when initialising fails (getMe
    unreachable, token refused): PTB skips its shutdown then, and "Unclosed client session"
    errors would follow the clear message."""
    try:
        async with app:
            yield
    finally:
        await app.bot.shutdown()
