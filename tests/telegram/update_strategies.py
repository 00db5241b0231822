"""Hypothesis strategies for Bot API updates, read from the Bot API reference the sandbox checks
against (sandbox/botapi.json): every update kind, every object with its required fields and a
few optional ones, the reference's fixed values ("always \u201cuser\u201d") mostly kept, plus
what Telegram may send tomorrow: unknown fields, unknown update kinds, and now and then a
required field left out (as Telegram did with Poll.persistent_id before PTB knew it)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from bot.core import i18n
from bot.telegram import commands

TYPES: dict[str, Any] = json.loads(
    (resources.files("sandbox") / "botapi.json").read_text(encoding="utf-8")
)["types"]
KINDS = [f["name"] for f in TYPES["Update"]["fields"] if f["name"] != "update_id"]
_FIXED = re.compile(r'always [\u201c"]([^\u201d"]+)[\u201d"]')
MAX_DEPTH = 2  # below this, objects get their required fields only
CUT_DEPTH = 5  # below this, nothing at all (a chain of required objects ends here)

# Text people might type: every command in both languages, menu labels, and free text.
COMMANDS = sorted(
    {f"/{name}" for command in commands.ALIASES for name in commands.names(command)}
    | {"/start", "/"}
)
MENU_LABELS = sorted(
    {label for key in i18n.catalog("nl") if key.startswith("menu.") for label in i18n.labels(key)}
)
# Button data: the prefixes the bot's own buttons use, with ids that may or may not exist.
CALLBACK_PREFIXES = [
    "sig:view:", "sig:pick:", "sig:ask:", "sig:answer:", "sig:close:", "sig:reassign:",
    "q:show:", "q:ans:", "q:re:", "q:all:", "q:more:", "q:done:", "q:pub:", "faq:topic:",
    "pf:", "pp:l:a:a:a:", "pp:v:", "pp:pause:", "pp:resume:", "pp:rm:", "inv:v:", "inv:c:",
    "reg:", "reg:wijk:", "reg:terms:", "lang:", "fg:", "rt:", "rt:u:", "ab:", "ab:s:",
    "sigr:cat:", "sigr:wijk:", "sigr:urg:", "sigr:sum:", "sigr:edit:", "faq:same", "",
    "sig:list:", "sig:to:1:", "sig:out:1:", "q:topic:", "q:edit:", "q:drop:", "q:to:1:",
    "reg:terms:", "reg:interests:", "rt:p:0:0:", "pp:setrole:1:", "inv:v:0:5:",
    "pz:", "pz:p:", "sig:keep:", "sig:redo:",
    "sh:y:", "sh:j:", "sh:x:", "sh:xy:", "sh:c:", "sh:w:", "sh:at:", "sh:ct:", "sh:sy:",
    "sh:cr:1:", "sh:as:1:", "sh:ap:1:", "sh:ed:1:", "sh:cx:1:", "sh:cov", "sh:new", "sh:mine",
    "shd:title:", "shd:day:", "shd:sum:", "shd:edit:",
]  # fmt: skip
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8))
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=6), inner, max_size=2)
    ),
    max_leaves=4,
)


@dataclass(frozen=True)
class Someone:
    """A user in the pool: a member of some role, a stranger, or the bot itself."""

    id: int
    first_name: str
    is_bot: bool = False

    def user(self) -> dict[str, Any]:
        return {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}

    def chat(self) -> dict[str, Any]:
        return {"id": self.id, "type": "private", "first_name": self.first_name}


def texts() -> SearchStrategy[str]:
    typed = st.text(st.characters(codec="utf-8"), max_size=40)
    with_args = st.builds(lambda c, a: f"{c} {a}", st.sampled_from(COMMANDS), typed)
    return st.one_of(st.sampled_from(COMMANDS), st.sampled_from(MENU_LABELS), with_args, typed)


def callback_data() -> SearchStrategy[str]:
    ids = st.one_of(st.integers(0, 5).map(str), st.text(max_size=12))
    return st.builds(lambda p, i: (p + i)[:64], st.sampled_from(CALLBACK_PREFIXES), ids)


def of_type(name: str, depth: int = 0) -> SearchStrategy[Any]:
    """A value of a Bot API type: a primitive, an array, one of an abstract type's subtypes,
    or an object."""
    primitive = {
        "Integer": st.integers(-(2**53), 2**53),
        "Float": st.floats(allow_nan=False, allow_infinity=False),
        "String": st.text(max_size=20),
        "Boolean": st.booleans(),
        "True": st.just(True),
    }
    if name in primitive:
        return primitive[name]
    if depth > CUT_DEPTH:  # RichText is an Array of RichText, among others
        return st.none()
    if name.startswith("Array of "):
        if depth >= MAX_DEPTH:
            return st.just([])
        return st.lists(of_type(name.removeprefix("Array of "), depth + 1), max_size=2)
    spec = TYPES.get(name)
    if spec is None:  # InputFile and the like never come in an update
        return st.none()
    if spec.get("subtypes"):
        return st.one_of([of_type(sub, depth) for sub in spec["subtypes"]])
    return _object(name, depth)


@cache
def _object(name: str, depth: int) -> SearchStrategy[dict[str, Any]]:
    if depth > CUT_DEPTH:
        return st.just({})
    fields = TYPES[name].get("fields", [])
    required = {f["name"]: _field(f, depth + 1) for f in fields if f["required"]}
    optional = [f for f in fields if not f["required"]] if depth < MAX_DEPTH else []

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        value = {key: draw(strategy) for key, strategy in required.items()}
        if optional:
            for field in draw(st.lists(st.sampled_from(optional), max_size=3, unique_by=id)):
                value[field["name"]] = draw(_field(field, depth + 1))
        if draw(st.integers(0, 19)) == 0:  # a field this version of the Bot API did not have
            value["field_from_the_future"] = draw(JSON)
        if required and draw(st.integers(0, 49)) == 0:  # a required field left out
            value.pop(draw(st.sampled_from(sorted(required))))
        return value

    return build()


def _field(field: dict[str, Any], depth: int) -> SearchStrategy[Any]:
    fixed = _FIXED.search(field["description"]) if field["types"] == ["String"] else None
    strategies = [of_type(kind, depth) for kind in field["types"]]
    if fixed:
        return st.one_of(st.just(fixed.group(1)), st.just(fixed.group(1)), *strategies)
    return st.one_of(strategies)


def updates(pool: list[Someone]) -> SearchStrategy[dict[str, Any]]:
    """One update: any kind from the reference, a member's message or button press made odd,
    or a kind nobody knows yet."""
    update_ids = st.integers(1, 2**31)
    someone = st.sampled_from(pool)

    @st.composite
    def any_kind(draw: st.DrawFn) -> dict[str, Any]:
        kind = draw(st.sampled_from(KINDS))
        spec_field = next(f for f in TYPES["Update"]["fields"] if f["name"] == kind)
        return {"update_id": draw(update_ids), kind: draw(_field(spec_field, 0))}

    @st.composite
    def message(draw: st.DrawFn) -> dict[str, Any]:
        who = draw(someone)
        body = draw(_object("Message", 1))
        body.update({"from": who.user(), "chat": who.chat(), "text": draw(texts())})
        if body["text"].startswith("/") and len(body["text"]) > 1:
            length = len(body["text"].split()[0]) if body["text"].split() else 1
            body["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        elif draw(st.booleans()):
            body.pop("text")  # a photo, sticker, poll, contact… whatever the reference drew
        return {"update_id": draw(update_ids), "message": body}

    @st.composite
    def button(draw: st.DrawFn) -> dict[str, Any]:
        who = draw(someone)
        query = draw(_object("CallbackQuery", 1))
        query.update({"from": who.user(), "data": draw(callback_data())})
        if "message" in query and isinstance(query["message"], dict):
            query["message"]["chat"] = who.chat()
        return {"update_id": draw(update_ids), "callback_query": query}

    @st.composite
    def unknown_kind(draw: st.DrawFn) -> dict[str, Any]:
        kind = draw(st.from_regex(r"[a-z]{3,12}(_[a-z]{3,8})?", fullmatch=True))
        return {"update_id": draw(update_ids), kind: draw(JSON)}

    return st.one_of(any_kind(), message(), message(), button(), unknown_kind())
