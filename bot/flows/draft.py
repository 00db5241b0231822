"""How a multi-step flow is defined: THE draft helper.

A flow is one table, its steps in the order they are asked, like the states of PTB's
ConversationHandler. The signal report (bot/signals/report.py) reads:

    DRAFT = Draft(
        names.SIGNAL,  # the flow's name in the flows table (bot/flows/names.py)
        callbacks.REPORT,  # its buttons: sigr:<step>:<value>
        Choice("cat", "category", categories, ask="signals.ask_cat", line=..., edit=...),
        Choice("wijk", "wijk", wijken, ask="signals.ask_wijk", line=..., edit=...),
        Text("desc", "description", limit=2000, ask="signals.ask_desc", edit=...),
        Privacy("priv", checks="desc"),  # only when the guard finds something in "desc"
        ...
        Photo("photo", ask="signals.ask_photo", edit=..., remove="signals.remove_photo"),
        Location("loc", ask="signals.ask_loc", edit=..., remove="signals.remove_loc"),
        Summary("sum", _summary, send="signals.send", cancel="signals.cancel"),
    )

The kinds of step are in bot/flows/steps.py. This module moves a draft on: an answer goes to the
next step that applies; a step chosen with its edit button on the summary goes back to the
summary once answered (through its privacy check, if any); the summary sends or stops. The
draft is a `Flow` row (storage/flows.py), so it survives restarts. Its service side is
bot/flows/service.py (one transaction per answer), its Telegram side handlers/flows/draft.py
(prompts, buttons, the answered question showing its answer). A new flow is a table like the
one above, a DraftService subclass with its `send`, and a DraftChat (README: "How a flow is
defined").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Final

from bot.core.config import Settings
from bot.core.errors import InvalidInput, NotFound
from bot.core.i18n import DEFAULT_LANGUAGE
from bot.flows import callbacks
from bot.flows.steps import (
    CANCEL,
    DONE,
    DROP,
    EDIT,
    KEEP,
    REMOVE,
    REWRITE,
    SEND,
    SKIP,
    Choice,
    Location,
    Option,
    Photo,
    Privacy,
    Step,
    Summary,
    Text,
    Ticks,
)
from storage.flows import Flow

EDITING: Final = "editing"  # in the draft's data: answering a step chosen from the summary
PROMPT: Final = "prompt"  # in the draft's data: the message that asks the current step
# In the draft's data: the text step is asked again after the guard's "Tekst aanpassen"; its
# own question may point at buttons of another message (a check-in's "Nee, klaar").
REWRITING: Final = "rewriting"
EXPIRED: Final = "common.button_expired"


@dataclass(frozen=True)
class StepPress:
    """A pressed (or typed) button of a draft: `<prefix>:<step>:<value>`."""

    step: str
    value: str


class Outcome(Enum):
    """What one press did: moved the draft on, ticked a tick-list (same question), or ends it."""

    MOVED = "moved"
    STAYED = "stayed"
    SEND = "send"
    CANCEL = "cancel"


class Draft:
    """A flow's table: its name, its button prefix and its steps in order (a Summary last)."""

    def __init__(self, name: str, prefix: str, *steps: Step) -> None:
        self.name, self.prefix, self.steps = name, prefix, steps
        self._by_name: dict[str, Step] = {}
        for step in steps:
            for key in (step.name, step.reason) if isinstance(step, Privacy) else (step.name,):
                if key in self._by_name or key in (EDIT, DROP):
                    raise ValueError(f"{name}: step name {key!r} is taken")
                self._by_name[key] = step
        if not steps or not isinstance(steps[-1], Summary):
            raise ValueError(f"{name}: the last step is the Summary")
        self.summary: Summary = steps[-1]
        for step in steps:
            if isinstance(step, Privacy) and not isinstance(self._by_name.get(step.checks), Text):
                raise ValueError(f"{name}: {step.name} checks no Text step")

    # --- buttons -------------------------------------------------------------------------

    def button(self, step: str, value: str) -> str:
        return callbacks.pack(self.prefix, step, value)

    def parse(self, data: object) -> StepPress | None:
        """One of this draft's buttons (a step it has, or edit/drop), else None."""
        parts = callbacks.unpack(data, self.prefix)
        if parts is None or len(parts) != 2:
            return None
        step, value = parts
        known = step in self._by_name or step in (EDIT, DROP)
        return StepPress(step, value) if known and callbacks.word(value) else None

    # --- where a draft stands --------------------------------------------------------------

    def at(self, flow: Flow) -> Step:
        """The draft's current step; NotFound for a draft this table does not know."""
        step = self._by_name.get(flow.step) if flow.name == self.name else None
        if step is None:
            raise NotFound(self.name)
        return step

    def start(self, telegram_id: int, data: dict[str, Any]) -> Flow:
        """A fresh draft at the first step that applies."""
        first = next(s for s in self.steps if s.on_path and s.applies(data))
        return Flow(telegram_id, self.name, first.name, data)

    def editable(self, data: Mapping[str, Any]) -> list[Step]:
        """The steps the summary offers to change, in order."""
        return [s for s in self.steps if s.edit is not None and s.applies(data)]

    def privacy_of(self, step: Step) -> Privacy | None:
        """The Privacy step that checks this Text step, if any."""
        return next(
            (s for s in self.steps if isinstance(s, Privacy) and s.checks == step.name), None
        )

    def photo_step(self) -> Photo | None:
        return next((s for s in self.steps if isinstance(s, Photo)), None)

    def location_step(self) -> Location | None:
        return next((s for s in self.steps if isinstance(s, Location)), None)

    # --- moving on -------------------------------------------------------------------------

    def go(self, flow: Flow, step: str) -> None:
        flow.step = step
        flow.data.pop(PROMPT, None)  # that message asked another step
        flow.data.pop(REWRITING, None)

    def advance(self, flow: Flow, after: Step) -> None:
        """To the privacy check of `after` if it needs one; else back to the summary when
        editing from there; else the next step that applies."""
        data = flow.data
        for step in self.steps[self.steps.index(after) + 1 :]:
            if isinstance(step, Privacy):
                if step.checks == after.name and step.needed(data):
                    self.go(flow, step.name)
                    return
                continue
            if data.get(EDITING):
                break
            if step.on_path and step.applies(data):
                self.go(flow, step.name)
                return
        data.pop(EDITING, None)
        self.go(flow, self.summary.name)

    def press(self, flow: Flow, press: StepPress, settings: Settings) -> Outcome:
        """Apply a button; InvalidInput("common.button_expired") when it does not fit the
        draft as it is now (an old message's button, or forged data)."""
        at = self.at(flow)
        if press.step in (EDIT, DROP):
            return self._from_summary(flow, at, press)
        if press.step != flow.step:
            raise InvalidInput(EXPIRED)
        if isinstance(at, Summary) and press.value in (SEND, CANCEL):
            return Outcome.SEND if press.value == SEND else Outcome.CANCEL
        if isinstance(at, Ticks) and press.value != DONE:
            _tick(flow.data, at, _option(at, flow.data, press.value, settings))
            return Outcome.STAYED
        if isinstance(at, Privacy) and flow.step == at.name and press.value in (REWRITE, KEEP):
            self.go(flow, at.checks if press.value == REWRITE else at.reason)
            if press.value == REWRITE:
                flow.data[REWRITING] = True
            return Outcome.MOVED
        if not self._answer(flow.data, at, press.value, settings):
            raise InvalidInput(EXPIRED)
        self.advance(flow, at)
        return Outcome.MOVED

    def _answer(self, data: dict[str, Any], at: Step, value: str, settings: Settings) -> bool:
        """Keep the answer a button gives; False when the button does not belong to `at`."""
        if isinstance(at, Ticks):
            return value == DONE
        if isinstance(at, Choice | Text) and at.skip and value == SKIP:
            return True  # leaves what is there
        if isinstance(at, Choice):
            data[at.field] = _option(at, data, value, settings).keeps()
            return True
        if isinstance(at, Photo | Location):
            if value == REMOVE and at.remove is not None and not _removes_on_summary(at):
                data.pop(at.field, None)
                return True
            return value == SKIP  # keeps what is there (editing from the summary)
        return False

    def _from_summary(self, flow: Flow, at: Step, press: StepPress) -> Outcome:
        target = self._by_name.get(press.value)
        if not isinstance(at, Summary) or target is None:
            raise InvalidInput(EXPIRED)
        if press.step == EDIT and target in self.editable(flow.data):
            self.go(flow, target.name)
            flow.data[EDITING] = True
        elif press.step == DROP and isinstance(target, Photo) and target.remove_on_summary:
            flow.data.pop(target.field, None)
            self.go(flow, at.name)  # the summary again, without it
        else:
            raise InvalidInput(EXPIRED)
        return Outcome.MOVED

    # --- typed text, photos, locations -------------------------------------------------------

    def text_step(self, flow: Flow) -> Text | Privacy:
        """The step that takes typed text now; InvalidInput("common.use_buttons") otherwise."""
        at = self.at(flow)
        if isinstance(at, Text) or (isinstance(at, Privacy) and flow.step == at.reason):
            return at
        raise InvalidInput("common.use_buttons")

    def take_text(self, flow: Flow, step: Text, text: str, found: list[str]) -> None:
        """A cleaned text; `found`: what the guard saw in it (when a Privacy step checks it)."""
        flow.data[step.field] = text
        privacy = self.privacy_of(step)
        if privacy is not None:
            flow.data[privacy.name] = {"found": found, "kept": [], "reason": None}
        self.advance(flow, step)

    def take_reason(self, flow: Flow, step: Privacy, reason: str) -> None:
        record = step.record(flow.data)
        flow.data[step.name] = {**record, "kept": record["found"], "reason": reason}
        self.advance(flow, step)

    def photo_place(self, flow: Flow, caption: str | None) -> tuple[Photo, Text | None]:
        """Where a photo sent now goes, and the Text step its caption answers (if it does);
        InvalidInput(the photo step's `not_now`) when no photo is taken now."""
        photo, at = self.photo_step(), self.at(flow)
        if photo is None:
            raise InvalidInput("common.unsupported_message")
        if at is photo or (isinstance(at, Summary) and photo.at_summary):
            return photo, None
        if isinstance(at, Text) and at.caption and caption and caption.strip():
            return photo, at
        raise InvalidInput(photo.not_now)

    def take_photo(self, flow: Flow, photo: Photo, encoded: str) -> None:
        """Keep the photo; a photo step is answered, a summary shows again (with it)."""
        flow.data[photo.field] = encoded
        at = self.at(flow)
        if at is photo:
            self.advance(flow, photo)
        elif isinstance(at, Summary):
            self.go(flow, at.name)

    def take_location(self, flow: Flow, latitude: float, longitude: float) -> None:
        at, step = self.at(flow), self.location_step()
        if step is None:
            raise InvalidInput("common.unsupported_message")
        if at is not step or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise InvalidInput(step.not_now)
        flow.data[step.field] = [latitude, longitude]
        self.advance(flow, step)


def _option(
    step: Choice | Ticks, data: Mapping[str, Any], value: str, settings: Settings
) -> Option:
    for option in step.options(settings, data, DEFAULT_LANGUAGE):
        if option.value == value:
            return option
    raise InvalidInput(EXPIRED)


def _tick(data: dict[str, Any], step: Ticks, option: Option) -> None:
    chosen: list[Any] = data.setdefault(step.field, [])
    kept = option.keeps()
    if kept in chosen:
        chosen.remove(kept)
    else:
        chosen.append(kept)


def _removes_on_summary(step: Photo | Location) -> bool:
    return isinstance(step, Photo) and step.remove_on_summary
