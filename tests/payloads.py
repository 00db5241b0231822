"""Realistic Bot API update JSON, built from one base per kind (as Telegram sends them)."""

from __future__ import annotations

import itertools
from typing import Any

_update_ids = itertools.count(500_000_001)
_message_ids = itertools.count(1)
DATE = 1_790_000_000


def user_json(user_id: int, first_name: str, language_code: str | None) -> dict[str, Any]:
    user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if language_code:
        user["language_code"] = language_code
    return user


def private_chat(user_id: int, first_name: str) -> dict[str, Any]:
    return {"id": user_id, "first_name": first_name, "type": "private"}


def message_update(user: dict[str, Any], text: str, update_id: int | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": next(_message_ids),
        "from": user,
        "chat": private_chat(user["id"], user["first_name"]),
        "date": DATE,
        "text": text,
    }
    command = text.split()[0] if text.startswith("/") else ""
    if len(command) > 1:  # Telegram marks no "/" alone
        message["entities"] = [{"offset": 0, "length": len(command), "type": "bot_command"}]
    return {"update_id": update_id or next(_update_ids), "message": message}


def photo_update(user: dict[str, Any], caption: str | None = None) -> dict[str, Any]:
    update: dict[str, Any] = {
        "update_id": next(_update_ids),
        "message": {
            "message_id": next(_message_ids),
            "from": user,
            "chat": private_chat(user["id"], user["first_name"]),
            "date": DATE,
            "photo": [
                {
                    "file_id": "AgACAgQAAxk",
                    "file_unique_id": "AQADx",
                    "width": 90,
                    "height": 67,
                    "file_size": 1200,
                }
            ],
        },
    }
    if caption is not None:
        update["message"]["caption"] = caption
    return update


def location_update(user: dict[str, Any], latitude: float, longitude: float) -> dict[str, Any]:
    return {
        "update_id": next(_update_ids),
        "message": {
            "message_id": next(_message_ids),
            "from": user,
            "chat": private_chat(user["id"], user["first_name"]),
            "date": DATE,
            "location": {"latitude": latitude, "longitude": longitude},
        },
    }


def callback_update(
    user: dict[str, Any], data: str, message_id: int, message_text: str = "…"
) -> dict[str, Any]:
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": str(next(_update_ids)),
            "from": user,
            "chat_instance": "-4211817181",
            "data": data,
            "message": {
                "message_id": message_id,
                "from": {
                    "id": 7000000001,
                    "is_bot": True,
                    "first_name": "Voelspriet",
                    "username": "voelspriet_test_bot",
                },
                "chat": private_chat(user["id"], user["first_name"]),
                "date": DATE,
                "text": message_text,
            },
        },
    }


def group_message_update(user: dict[str, Any], text: str) -> dict[str, Any]:
    update = message_update(user, text)
    update["message"]["chat"] = {"id": -1001234567890, "title": "Buurtteam", "type": "supergroup"}
    return update
