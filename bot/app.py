"""Composition root: settings → services → PTB Application with every handler, in order."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import AIORateLimiter, Application, ContextTypes
from telegram.request import BaseRequest

from bot import i18n, logging_setup
from bot.clock import Clock, system_clock
from bot.commands import menu
from bot.config import LANGUAGES, Settings
from bot.context import SERVICES_KEY, BotContext
from bot.escalation import TICK_SECONDS
from bot.http import AiohttpRequest
from bot.name_lists import name_lists
from bot.services import Services
from handlers import (
    absence,
    errors,
    faq,
    gate,
    general,
    invites,
    people,
    profile,
    question_asking,
    question_views,
    questions,
    registration,
    retention,
    routing,
    signals_report,
    signals_work,
)

log = logging.getLogger(__name__)

# Telegram's test-token shape; the sandbox and tests never reach Telegram with it.
OFFLINE_TOKEN = "123456:offline-sandbox-token"
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
HOUSEKEEPING_INTERVAL = 3600.0
# Telegram allows 30 messages a second overall. PTB's default limiter lets a burst of all 30 out
# at once; then Telegram's bucket stays full and the least jitter on the way earns a 429. A
# burst of 3 keeps the same 30/s with room to spare on Telegram's side.
OVERALL_PER_SECOND = 30
OVERALL_BURST = 3

BotApplication = Application[Any, BotContext, Any, Any, Any, Any]


def register_handlers(app: BotApplication) -> None:
    """Order matters: the gate first (group -1), then features, then the catch-alls."""
    app.add_handler(gate.gate_handler(), group=-1)
    for module in (
        registration,
        general,
        profile,
        invites,
        people,
        signals_report,
        faq,
        question_views,
        questions,
        retention,
        signals_work,
        routing,
        absence,
    ):
        app.add_handlers(module.handlers())
    text_flows = {
        "register": registration.on_text,
        "profile": profile.on_text,
        "signal": signals_report.on_text,
        "sigwork": signals_work.on_text,
        "absence": absence.on_text,
        "question": question_asking.on_text,
        "qwork": questions.on_reply_text,
        "faqpub": faq.on_text,
    }
    app.add_handlers(questions.reply_handlers(text_flows))  # Telegram replies naming a question
    photo_flows = {"signal": signals_report.on_photo, "question": question_asking.on_photo}
    # Text outside any flow: perhaps a volunteer's answer to a professional's question.
    idle = signals_work.on_unprompted_text
    app.add_handlers(general.fallbacks(text_flows, photo_flows, idle))
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
        .updater(None)  # bot.polling confirms updates only after they are processed
        .context_types(ContextTypes(context=BotContext))
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:  # aiohttp rather than PTB's httpx default: a quarter of the CPU per call (bot.http)
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
        app.job_queue.run_repeating(_deadlines, interval=TICK_SECONDS, first=5, name="deadlines")


async def _housekeeping(context: BotContext) -> None:
    await context.services.retention.purge()


async def _deadlines(context: BotContext) -> None:
    """Reminders and escalations that are due, from the database (bot.escalation)."""
    await context.services.escalation.tick()
