"""The kinds of step a draft is made of (bot.flows.draft puts them in order).

Every step has a `name` (stored as the draft's step and carried in its buttons, so it never
changes), the catalog key of its question (`ask`; placeholders come from the draft's data and,
for text, `{limit}`), and optionally the catalog key of its button on the summary (`edit`) and a
condition (`when`) under which it is asked at all. The kinds:

- Choice: buttons, one press answers ("Onderwerp: Geldzorgen" under the question).
- Ticks: a tick-list; presses tick and untick, "Klaar" answers.
- Text: typed text, cleaned, limited and held to its rule; a Privacy step may check it.
- Privacy: asked only when the privacy guard found identifying data in the text it `checks`:
  rewrite it, or keep it and say why (typed, at the step named `reason`).
- Photo and Location: answered by sending one; a button skips (or removes what is there).
- Summary: the last step; shows the draft (`text`) with send, edit-one-field and stop buttons.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass
from typing import Any, Final

from bot.core import i18n
from bot.core.config import Settings
from bot.core.text_input import clean_text, require_words

Data = dict[str, Any]
Condition = Callable[[Mapping[str, Any]], bool]
Render = Callable[[Settings, Mapping[str, Any], str], str]

# The values of the buttons the helper draws itself.
SKIP: Final = "skip"
REMOVE: Final = "remove"
DONE: Final = "done"
SEND: Final = "send"
CANCEL: Final = "cancel"
REWRITE: Final = "rewrite"
KEEP: Final = "keep"
# Button "steps" of the summary: edit that step, or remove what it holds (`<prefix>:edit:<step>`).
EDIT: Final = "edit"
DROP: Final = "drop"
MAX_REASON: Final = 300


class _Same:
    """Option.kept's default: the draft keeps the button's value itself."""


SAME: Final = _Same()


@dataclass(frozen=True)
class Option:
    """One button of a choice: the value in its data, its label, and what the draft keeps."""

    value: str
    label: str
    kept: object = SAME

    def keeps(self) -> object:
        return self.value if isinstance(self.kept, _Same) else self.kept


# The options of a choice for the organisation's settings, the draft so far and a language.
Options = Callable[[Settings, Mapping[str, Any], str], Sequence[Option]]


def labelled(prefix: str, values: Sequence[str]) -> Options:
    """Fixed options labelled from the catalog: `prefix` + value ("signals.urgency_" + "soon")."""

    def options(settings: Settings, data: Mapping[str, Any], language: str) -> list[Option]:
        return [Option(value, i18n.t(language, prefix + value)) for value in values]

    return options


@dataclass(frozen=True)
class Step:
    name: str
    _: KW_ONLY
    ask: str = ""
    edit: str | None = None  # its button on the summary; None: not editable there
    when: Condition | None = None  # asked only when this holds (None: always)
    on_path: bool = True  # False: reached only from the summary (its `edit` button)
    typed: bool = False  # typed text naming one of its buttons counts as pressing it

    def applies(self, data: Mapping[str, Any]) -> bool:
        return self.when is None or self.when(data)


@dataclass(frozen=True)
class Choice(Step):
    field: str
    options: Options
    _: KW_ONLY
    line: str | None = None  # how the answer reads under the question ("Wijk: {value}")
    columns: int = 2
    skip: bool = False  # an "Overslaan" button that leaves the field as it is
    typed: bool = True


@dataclass(frozen=True)
class Ticks(Step):
    field: str  # a list in the draft
    options: Options
    _: KW_ONLY
    line: str | None = None
    none: str = "common.not_given"  # the answer when nothing is ticked ("alle wijken")


@dataclass(frozen=True)
class Text(Step):
    field: str
    _: KW_ONLY
    limit: int
    # What the cleaned text must hold, or InvalidInput: by default a letter or digit (not only
    # emoji); require_letters for a name; None: anything.
    rule: Callable[[str], str] | None = require_words
    skip: bool = False
    caption: bool = False  # a photo's caption here is this text (the photo is kept too)

    def clean(self, typed: str) -> str:
        text = clean_text(typed, self.limit)
        return self.rule(text) if self.rule is not None else text


@dataclass(frozen=True)
class Privacy(Step):
    """What the guard found is kept in the draft under the step's name (see `record`)."""

    checks: str  # the name of the Text step it checks
    _: KW_ONLY
    reason: str = "reason"  # the step that waits for the typed reason to keep the data
    ask_reason: str = "privacy.ask_reason"  # its question (who needs the data, in words)
    ask: str = "privacy.ask"

    def record(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """{"found": kinds, "kept": kinds kept on purpose, "reason": why} of this step."""
        found = data.get(self.name)
        if isinstance(found, dict):
            return found
        # A draft saved before the step kept its record under its name had it at the top.
        legacy = {key: data[key] for key in ("found", "kept", "reason") if key in data}
        return {"found": [], "kept": [], "reason": None, **legacy}

    def needed(self, data: Mapping[str, Any]) -> bool:
        record = self.record(data)
        return bool(record["found"]) and not record["kept"]


@dataclass(frozen=True)
class Photo(Step):
    field: str = "photo"  # base64 of the JPEG, metadata already stripped (bot.privacy.photos)
    _: KW_ONLY
    skip: str = "common.skip"  # the button that leaves the draft's photo as it is
    remove: str | None = None  # the button that takes the draft's photo out
    remove_on_summary: bool = False  # that button sits on the summary, not under the step
    at_summary: bool = False  # a photo sent while the summary shows is taken too
    not_now: str = "common.unsupported_message"  # a photo at another step
    unusable: str = "common.unsupported_message"  # a file that is no image
    typed: bool = True


@dataclass(frozen=True)
class Location(Step):
    field: str = "location"  # [latitude, longitude]
    _: KW_ONLY
    skip: str = "common.skip"
    remove: str | None = None
    not_now: str = "common.unsupported_message"
    typed: bool = True


@dataclass(frozen=True)
class Summary(Step):
    text: Render
    _: KW_ONLY
    send: str
    cancel: str


def kept(data: Mapping[str, Any], step: Privacy) -> tuple[list[str], str | None]:
    """What the volunteer kept on purpose despite the guard, and why (empty, None: nothing)."""
    record = step.record(data)
    return list(record["kept"]), record["reason"]
