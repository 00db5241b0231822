"""The Bot API reference as data: which methods exist and which parameters they take."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Parameter:
    name: str
    types: tuple[str, ...]
    required: bool


# What Telegram answers when one of these required parameters is missing; others are "<name> is empty".
_MISSING = {
    "text": "message text is empty",
    "photo": "there is no photo in the request",
    "document": "there is no document in the request",
}


class BadParameter(Exception):
    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


@dataclass(frozen=True)
class Method:
    name: str
    parameters: dict[str, Parameter]

    def decode(self, raw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """Typed values from form or JSON input, and the names of unknown parameters."""
        values: dict[str, Any] = {}
        unknown = []
        for name, value in raw.items():
            parameter = self.parameters.get(name)
            if parameter is None:
                unknown.append(name)
                continue
            values[name] = _convert(parameter, value)
        for parameter in self.parameters.values():
            if parameter.required and parameter.name not in values:
                missing = _MISSING.get(parameter.name, f"{parameter.name} is empty")
                raise BadParameter(f"Bad Request: {missing}")
        return values, unknown


def _convert(parameter: Parameter, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    types = parameter.types
    if "Integer" in types and value.lstrip("-").isdecimal():
        return int(value)
    if "Float" in types:
        try:
            return float(value)
        except ValueError:
            pass
    if types == ("Boolean",):
        if value.lower() in ("true", "1"):
            return True
        if value.lower() in ("false", "0"):
            return False
        raise BadParameter(f"Bad Request: can't parse {parameter.name} as Boolean")
    if "String" in types:
        return value
    if "Integer" in types:
        raise BadParameter(f"Bad Request: invalid {parameter.name} specified")
    try:  # arrays and objects arrive JSON-serialised
        return json.loads(value)
    except json.JSONDecodeError:
        if "InputFile" in types:
            return value
        what = "reply keyboard markup" if parameter.name == "reply_markup" else parameter.name
        raise BadParameter(f"Bad Request: can't parse {what} JSON object") from None


@cache
def methods() -> dict[str, Method]:
    data = json.loads((resources.files("sandbox") / "botapi.json").read_text(encoding="utf-8"))
    found = {}
    for name, method in data["methods"].items():
        parameters = {
            field["name"]: Parameter(field["name"], tuple(field["types"]), bool(field["required"]))
            for field in method.get("fields", [])
        }
        found[name.lower()] = Method(name, parameters)
    return found


def method(name: str) -> Method | None:
    """Telegram matches method names case-insensitively."""
    return methods().get(name.lower())
