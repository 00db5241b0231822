"""The coordinator's filter on /signalen: wijk, category and status, each a cycling button.

The state travels in the callback data (bot.signals.callbacks.Worklist) and is never trusted:
unknown codes fall back to "all" (or "open" for the status)."""

from __future__ import annotations

from bot.signals.callbacks import Worklist
from bot.signals.texts import category_label
from handlers.core.context import BotContext
from storage.signals import OPEN_STATUSES

STATUSES: dict[str, tuple[str, ...]] = {
    "o": OPEN_STATUSES,
    "r": ("received",),
    "p": ("picked_up",),
    "c": ("contact_made",),
    "x": ("closed",),
    "a": (*OPEN_STATUSES, "closed"),
}
_STATUS_NAMES = {"r": "received", "p": "picked_up", "c": "contact_made", "x": "closed"}


def _next(options: list[str], current: str) -> str:
    return options[(options.index(current) + 1) % len(options)]


class Filter:
    """A coordinator's filter, parsed from untrusted callback data with safe defaults."""

    def __init__(self, context: BotContext, where: Worklist) -> None:
        org = context.services.settings.organisation
        self.wijken, self.categories = org.wijken, org.category_keys()
        wijk, category, status = where.wijk, where.category, where.status
        self.wijk = wijk if _index(wijk, len(self.wijken)) is not None else "a"
        self.category = category if _index(category, len(self.categories)) is not None else "a"
        self.status = status if status in STATUSES else "o"

    def data(self, **changes: str) -> str:
        values = {"wijk": self.wijk, "category": self.category, "status": self.status, **changes}
        return Worklist(**values).data

    def chosen(self) -> tuple[str | None, str | None]:
        wijk, category = (
            _index(self.wijk, len(self.wijken)),
            _index(self.category, len(self.categories)),
        )
        return (
            self.wijken[wijk] if wijk is not None else None,
            self.categories[category] if category is not None else None,
        )

    def buttons(self, context: BotContext) -> list[list[tuple[str, str]]]:
        t, (wijk, category) = context.t, self.chosen()
        all_ = t("signal_work.all")
        cat_label = (
            category_label(context.services.settings, category, context.language)
            if category
            else all_
        )
        status = _STATUS_NAMES.get(self.status)
        status_label = (
            t(f"signals.status_{status}") if status else t(f"signal_work.status_{self.status}")
        )
        wijk_codes = ["a", *(str(i) for i in range(len(self.wijken)))]
        cat_codes = ["a", *(str(i) for i in range(len(self.categories)))]
        return [
            [
                (
                    t("signal_work.filter_wijk", value=wijk or all_),
                    self.data(wijk=_next(wijk_codes, self.wijk)),
                )
            ],
            [
                (
                    t("signal_work.filter_category", value=cat_label),
                    self.data(category=_next(cat_codes, self.category)),
                )
            ],
            [
                (
                    t("signal_work.filter_status", value=status_label),
                    self.data(status=_next(list(STATUSES), self.status)),
                )
            ],
        ]


def _index(code: str, count: int) -> int | None:
    return int(code) if code.isdecimal() and int(code) < count else None
