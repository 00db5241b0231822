"""The Bot API methods the stand-in implements, with Telegram's rules and error texts."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from sandbox.entities import ParseError, parse_html, utf16_len
from sandbox.photos import PhotoRefused
from sandbox.world import CAPTION_LIMIT, ApiError, StoredMessage, World

TEXT_LIMIT = 4096
MAX_DOWNLOAD = 20 * 1024 * 1024  # getFile: "bots can download files of up to 20MB in size"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)

Handler = Callable[[World, dict[str, Any]], Awaitable[Any]]


def _formatted(params: dict[str, Any], key: str, limit: int) -> tuple[str, list[dict[str, Any]]]:
    raw = params.get(key)
    if raw is None or raw == "":
        if key == "text":
            raise ApiError(400, "Bad Request: message text is empty")
        return "", []
    raw = str(raw)
    mode = str(params.get("parse_mode") or "").upper()
    if mode == "HTML":
        try:
            text, entities = parse_html(raw)
        except ParseError as error:
            raise ApiError(400, error.description) from None
    elif mode in ("", "NONE"):
        text, entities = raw, list(params.get("entities") or params.get("caption_entities") or [])
    elif mode in ("MARKDOWN", "MARKDOWNV2"):
        raise ApiError(400, f"Bad Request: the sandbox does not implement parse_mode {mode}")
    else:
        raise ApiError(400, "Bad Request: unsupported parse_mode")
    if not text.strip() and key == "text":
        raise ApiError(400, "Bad Request: message text is empty")
    if utf16_len(text) > limit:
        what = "message is too long" if key == "text" else "message caption is too long"
        raise ApiError(400, f"Bad Request: {what}")
    return text, entities


def _markup(world: World, chat_id: int, params: dict[str, Any]) -> dict[str, Any] | None:
    markup = params.get("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: object expected as reply markup")
    rows = markup.get("inline_keyboard", [])
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise ApiError(
            400,
            'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of '
            "Arrays",
        )
    for row in rows:
        for button in row:
            _inline_button(button)
    if "keyboard" in markup or markup.get("remove_keyboard"):
        world.reply_keyboards[chat_id] = markup if "keyboard" in markup else None
    return markup


# What an inline button may do; a button with none of these is a text button, refused inline.
_BUTTON_ACTIONS = ("url", "callback_data", "web_app", "login_url", "copy_text")
_BUTTON_FLAGS = (  # these count even when empty
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "callback_game",
    "pay",
)


def _inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise ApiError(
            400,
            "Bad Request: can't parse inline keyboard button: InlineKeyboardButton must be an Object",
        )
    if not str(button.get("text") or ""):
        raise ApiError(400, "Bad Request: inline keyboard button text must be non-empty")
    if not any(button.get(k) for k in _BUTTON_ACTIONS) and not any(
        k in button for k in _BUTTON_FLAGS
    ):
        raise ApiError(
            400,
            "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the "
            "inline keyboard",
        )
    data = button.get("callback_data")
    if data and len(str(data).encode("utf-8")) > 64:
        raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")


def _reply_to(world: World, chat_id: int, params: dict[str, Any]) -> int | None:
    """The message id a message replies to (reply_parameters), checked like Telegram does."""
    reply = params.get("reply_parameters")
    if reply is None:
        return None
    if not isinstance(reply, dict) or not isinstance(reply.get("message_id"), int):
        raise ApiError(400, "Bad Request: can't parse reply parameters JSON object")
    if reply.get("chat_id") not in (None, chat_id):
        raise ApiError(400, "Bad Request: the sandbox does not implement replies to other chats")
    message_id: int = reply["message_id"]
    if world.find(chat_id, message_id) is None:
        if reply.get("allow_sending_without_reply"):
            return None
        raise ApiError(400, "Bad Request: message to be replied not found")
    return message_id


def _photo(world: World, photo: Any) -> list[dict[str, Any]]:
    """The sizes of an uploaded picture, or of one sent before (by a size's file_id)."""
    if isinstance(photo, bytes):
        try:
            return world.new_photo(photo)
        except PhotoRefused as refused:
            raise ApiError(400, f"Bad Request: {refused.code}") from None
    if isinstance(photo, str) and photo in world.photos:
        return world.photos[photo]
    if isinstance(photo, str) and photo in world.files:
        raise ApiError(400, "Bad Request: type of file mismatch")
    raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")


def _recipient(world: World, params: dict[str, Any]) -> int:
    chat_id = params.get("chat_id")
    if not isinstance(chat_id, int) or chat_id not in world.people:
        raise ApiError(400, "Bad Request: chat not found")
    person = world.people[chat_id]
    if person.blocked:
        raise ApiError(403, "Forbidden: bot was blocked by the user")
    if not person.started:
        raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
    return chat_id


async def get_me(world: World, params: dict[str, Any]) -> Any:
    return {
        **world.bot_user(),
        "can_join_groups": False,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


async def send_message(world: World, params: dict[str, Any]) -> Any:
    chat_id = _recipient(world, params)
    text, entities = _formatted(params, "text", TEXT_LIMIT)
    reply_to = _reply_to(world, chat_id, params)
    markup = _markup(world, chat_id, params)
    message = StoredMessage(
        chat_id,
        world.next_message_id(chat_id),
        True,
        world.timestamp(),
        text=text,
        entities=entities,
        reply_markup=markup,
        reply_to=reply_to,
    )
    return world.store(message).json(world)


async def send_photo(world: World, params: dict[str, Any]) -> Any:
    chat_id = _recipient(world, params)
    caption, entities = _formatted(params, "caption", CAPTION_LIMIT)
    reply_to = _reply_to(world, chat_id, params)
    sizes = _photo(world, params.get("photo"))
    markup = _markup(world, chat_id, params)  # last: it may change the reply keyboard
    message = StoredMessage(
        chat_id,
        world.next_message_id(chat_id),
        True,
        world.timestamp(),
        caption=caption or None,
        entities=entities if caption else [],
        photo=sizes,
        reply_markup=markup,
        reply_to=reply_to,
    )
    return world.store(message).json(world)


async def send_document(world: World, params: dict[str, Any]) -> Any:
    chat_id = _recipient(world, params)
    caption, entities = _formatted(params, "caption", CAPTION_LIMIT)
    reply_to = _reply_to(world, chat_id, params)
    document = params.get("document")
    if not isinstance(document, bytes):
        raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
    file_id = world.new_file(document)
    info = {
        "file_id": file_id,
        "file_unique_id": file_id + "u",
        "file_name": str(params.get("_filename.document") or "file"),
        "file_size": len(document),
    }
    message = StoredMessage(
        chat_id,
        world.next_message_id(chat_id),
        True,
        world.timestamp(),
        caption=caption or None,
        entities=entities if caption else [],
        document=info,
        reply_to=reply_to,
    )
    return world.store(message).json(world)


def _editable(world: World, params: dict[str, Any]) -> StoredMessage:
    if "inline_message_id" in params:
        raise ApiError(400, "Bad Request: inline messages are not supported by the sandbox")
    chat_id = params.get("chat_id")
    message_id = params.get("message_id")
    if not isinstance(chat_id, int) or chat_id not in world.people:
        raise ApiError(400, "Bad Request: chat not found")
    message = world.find(chat_id, message_id) if isinstance(message_id, int) else None
    if message is None or not message.from_bot:
        raise ApiError(400, "Bad Request: message to edit not found")
    return message


async def edit_message_text(world: World, params: dict[str, Any]) -> Any:
    message = _editable(world, params)
    text, entities = _formatted(params, "text", TEXT_LIMIT)
    markup = params.get("reply_markup")
    if markup is not None:
        _markup(world, message.chat_id, params)
    if message.text == text and message.entities == entities and message.reply_markup == markup:
        raise ApiError(400, NOT_MODIFIED)
    message.text, message.entities, message.reply_markup, message.edited = (
        text,
        entities,
        markup,
        True,
    )
    world.changed_message(message)
    return message.json(world)


async def edit_message_reply_markup(world: World, params: dict[str, Any]) -> Any:
    message = _editable(world, params)
    markup = params.get("reply_markup")
    if markup is not None:
        _markup(world, message.chat_id, params)
    if markup == message.reply_markup or (not markup and not message.reply_markup):
        raise ApiError(400, NOT_MODIFIED)
    message.reply_markup, message.edited = markup or None, True
    world.changed_message(message)
    return message.json(world)


async def delete_message(world: World, params: dict[str, Any]) -> Any:
    chat_id, message_id = params.get("chat_id"), params.get("message_id")
    message = (
        world.find(chat_id, message_id)
        if isinstance(chat_id, int) and isinstance(message_id, int)
        else None
    )
    if message is None:
        raise ApiError(400, "Bad Request: message to delete not found")
    message.deleted = True
    world.changed_message(message, "delete")
    return True


async def answer_callback_query(world: World, params: dict[str, Any]) -> Any:
    query_id = str(params.get("callback_query_id"))
    if query_id not in world.open_queries or query_id in world.query_answers:
        raise ApiError(
            400, "Bad Request: query is too old and response timeout expired or query ID is invalid"
        )
    text = params.get("text")
    if text is not None and len(str(text)) > 200:
        raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
    world.query_answers[query_id] = text
    chat_id, message_id = world.open_queries[query_id]
    world.events.append(
        {
            "seq": len(world.events) + 1,
            "kind": "toast",
            "chat_id": chat_id,
            "message_id": message_id,
            "text": text,
        }
    )
    world._notify()
    return True


def _scope_key(params: dict[str, Any]) -> str:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(
        {"scope": scope, "language_code": params.get("language_code", "")}, sort_keys=True
    )


async def set_my_commands(world: World, params: dict[str, Any]) -> Any:
    commands = params.get("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise ApiError(400, "Bad Request: commands must be a list of at most 100 BotCommand")
    for command in commands:
        name = str(command.get("command", ""))
        if not (1 <= len(name) <= 32 and name.replace("_", "").isalnum() and name.islower()):
            raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
    scope = params.get("scope") or {}
    if scope.get("type") == "chat" and scope.get("chat_id") not in world.people:
        raise ApiError(400, "Bad Request: chat not found")
    world.commands[_scope_key(params)] = commands
    return True


async def delete_my_commands(world: World, params: dict[str, Any]) -> Any:
    world.commands.pop(_scope_key(params), None)
    return True


async def get_my_commands(world: World, params: dict[str, Any]) -> Any:
    return world.commands.get(_scope_key(params), [])


async def get_file(world: World, params: dict[str, Any]) -> Any:
    file_id = str(params.get("file_id"))
    if file_id not in world.files:
        raise ApiError(400, "Bad Request: invalid file_id")
    if len(world.files[file_id]) > MAX_DOWNLOAD:
        raise ApiError(400, "Bad Request: file is too big")
    return {
        "file_id": file_id,
        "file_unique_id": file_id + "u",
        "file_size": len(world.files[file_id]),
        "file_path": f"files/{file_id}",
    }


async def send_chat_action(world: World, params: dict[str, Any]) -> Any:
    _recipient(world, params)
    return True


async def close_webhook(world: World, params: dict[str, Any]) -> Any:
    return True


IMPLEMENTED: dict[str, Handler] = {
    "getme": get_me,
    "sendmessage": send_message,
    "sendphoto": send_photo,
    "senddocument": send_document,
    "editmessagetext": edit_message_text,
    "editmessagereplymarkup": edit_message_reply_markup,
    "deletemessage": delete_message,
    "answercallbackquery": answer_callback_query,
    "setmycommands": set_my_commands,
    "deletemycommands": delete_my_commands,
    "getmycommands": get_my_commands,
    "getfile": get_file,
    "sendchataction": send_chat_action,
    "deletewebhook": close_webhook,
}
