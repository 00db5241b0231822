"""The control API under /sandbox/: what the web chat and the tests use to act as people."""

from __future__ import annotations

import asyncio
import json
from importlib import resources
from typing import Any

from aiohttp import web

from sandbox import clock
from sandbox.standin import STANDIN, StandIn
from sandbox.traffic import fault_from
from sandbox.world import ApiError

# Set when the server shuts down: the web chat's long polls answer at once instead of holding
# the shutdown up for their whole timeout.
CLOSING = web.AppKey("webchat_closing", asyncio.Event)
STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html"}


def resource_text(name: str) -> str:
    return (resources.files("sandbox") / "webchat" / name).read_text(encoding="utf-8")


def _standin(request: web.Request) -> StandIn:
    return request.app[STANDIN]


def _person_id(request: web.Request) -> int:
    try:
        return int(request.match_info["person_id"])
    except ValueError:
        raise web.HTTPNotFound() from None


async def _json(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text="JSON body expected") from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="JSON object expected")
    return body


def _reply_to(value: Any) -> int | None:
    """reply_to_message_id from a JSON body or a form field: a message id, or absent."""
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise web.HTTPBadRequest(text="reply_to_message_id must be a message id") from None


def _refused(error: ApiError) -> web.Response:
    return web.json_response({"error": error.description}, status=error.code)


async def index(request: web.Request) -> web.Response:
    return web.Response(text=resource_text("index.html"), content_type="text/html")


async def static(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    suffix = name[name.rfind(".") :] if "." in name else ""
    if suffix not in STATIC_TYPES or "/" in name:
        raise web.HTTPNotFound()
    try:
        return web.Response(text=resource_text(name), content_type=STATIC_TYPES[suffix])
    except FileNotFoundError:
        raise web.HTTPNotFound() from None


async def state(request: web.Request) -> web.Response:
    world = _standin(request).world
    chats = {
        str(pid): [world.view(m) for m in world.chats.get(pid, []) if not m.deleted]
        for pid in world.people
    }
    people = [
        {
            "id": p.id,
            "first_name": p.first_name,
            "language_code": p.language_code,
            "blocked": p.blocked,
            "started": p.started,
        }
        for p in world.people.values()
    ]
    return web.json_response(
        {
            "bot": world.bot_user(),
            "timezone": _standin(request).timezone,
            "people": people,
            "chats": chats,
            "seq": len(world.events),
            "clock": clock.reading(_standin(request)),
        }
    )


async def events(request: web.Request) -> web.Response:
    world = _standin(request).world
    after = int(request.query.get("after", "0"))
    timeout = min(30.0, float(request.query.get("timeout", "25")))
    if len(world.events) <= after:
        # Taken now, synchronously: a change between this check and the wait must wake us.
        signal = world.change_signal()
        change = asyncio.ensure_future(signal.wait())
        closed = asyncio.ensure_future(request.app[CLOSING].wait())
        try:
            await asyncio.wait(
                (change, closed), timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            change.cancel()
            closed.cancel()
    return web.json_response({"events": world.events[after:], "seq": len(world.events)})


async def roles(request: web.Request) -> web.Response:
    """Read-only: which role each person in the sandbox has in the bot (for the web chat's labels)."""
    lookup = _standin(request).bot.roles
    people = list(_standin(request).world.people)
    found = await lookup(people) if lookup is not None else {}
    return web.json_response({"roles": {str(pid): role for pid, role in found.items()}})


async def add_person(request: web.Request) -> web.Response:
    body = await _json(request)
    name = str(body.get("first_name") or "").strip()[:64]
    if not name:
        raise web.HTTPBadRequest(text="first_name is required")
    person = _standin(request).world.add_person(name, body.get("language_code") or "nl")
    return web.json_response(
        {"id": person.id, "first_name": person.first_name, "language_code": person.language_code}
    )


async def add_persona(request: web.Request) -> web.Response:
    """A new person who registers straight away with an invitation for the chosen role."""
    factory = _standin(request).bot.make_invite
    if factory is None:
        raise web.HTTPNotImplemented(text="personas with a role need the sandbox launcher")
    body = await _json(request)
    role = str(body.get("role", ""))
    if role not in ("coordinator", "professional", "volunteer"):
        raise web.HTTPBadRequest(text="role must be coordinator, professional or volunteer")
    name = str(body.get("first_name") or "").strip()[:64] or role.title()
    world = _standin(request).world
    person = world.add_person(name, body.get("language_code") or "nl")
    code = await factory(role)
    world.person_sends(person.id, f"/start {code}")
    return web.json_response({"id": person.id, "first_name": person.first_name, "code": code})


async def send(request: web.Request) -> web.Response:
    """{"text": ...} or {"latitude": ..., "longitude": ...}; with "reply_to_message_id" it is
    a reply to that message in the person's chat (Telegram's Reply)."""
    body = await _json(request)
    world = _standin(request).world
    reply_to = _reply_to(body.get("reply_to_message_id"))
    try:
        if "latitude" in body and "longitude" in body:
            location = {"latitude": float(body["latitude"]), "longitude": float(body["longitude"])}
            message = world.person_sends(_person_id(request), location=location, reply_to=reply_to)
        else:
            text = str(body.get("text") or "")
            if not text.strip():
                raise web.HTTPBadRequest(text="text is required")
            message = world.person_sends(_person_id(request), text=text[:4096], reply_to=reply_to)
    except ApiError as error:
        return _refused(error)
    return web.json_response(world.view(message))


async def send_photo(request: web.Request) -> web.Response:
    """Multipart: the picture in "photo", optionally "caption" and "reply_to_message_id"."""
    world = _standin(request).world
    form = await request.post()
    photo = form.get("photo")
    if not isinstance(photo, web.FileField):
        raise web.HTTPBadRequest(text="multipart field 'photo' is required")
    caption = form.get("caption")
    if caption is not None and not isinstance(caption, str):
        raise web.HTTPBadRequest(text="caption must be text")
    reply_to = _reply_to(form.get("reply_to_message_id"))
    try:
        message = world.person_sends(
            _person_id(request),
            photo=photo.file.read(),
            caption=caption if caption and caption.strip() else None,
            reply_to=reply_to,
        )
    except ApiError as error:
        return _refused(error)
    return web.json_response(world.view(message))


async def press(request: web.Request) -> web.Response:
    body = await _json(request)
    world = _standin(request).world
    try:
        query_id = world.person_presses(
            _person_id(request), int(body["message_id"]), str(body["data"])
        )
    except (KeyError, ValueError):
        raise web.HTTPBadRequest(text="message_id and data are required") from None
    except ApiError as error:
        return _refused(error)
    return web.json_response({"query_id": query_id})


async def chat(request: web.Request) -> web.Response:
    world = _standin(request).world
    person_id = _person_id(request)
    if person_id not in world.people:
        raise web.HTTPNotFound()
    return web.json_response([world.view(m) for m in world.chats.get(person_id, [])])


def _scope_rank(key: str, person_id: int, language: str) -> int | None:
    """How closely a setMyCommands scope fits a private chat (lower wins); None: not at all."""
    try:
        stored = json.loads(key)
    except ValueError:
        return None
    scope = stored.get("scope") or {}
    kind, lang = scope.get("type", "default"), stored.get("language_code") or ""
    if lang not in ("", language):
        return None
    if kind == "chat" and str(scope.get("chat_id")) == str(person_id):
        rank = 0
    elif kind == "all_private_chats":
        rank = 2
    elif kind == "default":
        rank = 4
    else:
        return None
    return rank if lang else rank + 1


async def commands(request: web.Request) -> web.Response:
    """Read-only: the command menu Telegram would show this person (most specific scope first)."""
    world = _standin(request).world
    person_id = _person_id(request)
    if person_id not in world.people:
        raise web.HTTPNotFound()
    language = world.people[person_id].language_code or ""
    ranked = [
        (rank, found)
        for key, found in world.commands.items()
        if (rank := _scope_rank(key, person_id, language)) is not None
    ]
    best = min(ranked, key=lambda pair: pair[0])[1] if ranked else []
    return web.json_response(
        {"commands": [{"command": c["command"], "description": c["description"]} for c in best]}
    )


async def block(request: web.Request) -> web.Response:
    body = await _json(request)
    try:
        _standin(request).world.set_blocked(_person_id(request), bool(body.get("blocked", True)))
    except ApiError as error:
        return _refused(error)
    return web.json_response({"blocked": bool(body.get("blocked", True))})


async def set_faults(request: web.Request) -> web.Response:
    body = await _json(request)
    faults = _standin(request).faults
    if "latency" in body:
        faults.latency = max(0.0, float(body["latency"]))
    if "hang_get_updates" in body:
        faults.hang_get_updates = max(0, int(body["hang_get_updates"]))
    if "status" in body:
        faults.queue.append(fault_from(body))
    return web.json_response({"latency": faults.latency, "queued": len(faults.queue)})


async def clear_faults(request: web.Request) -> web.Response:
    _standin(request).faults.clear()
    return web.json_response({"cleared": True})


async def set_limits(request: web.Request) -> web.Response:
    body = await _json(request)
    limits = _standin(request).limits
    limits.enabled = bool(body.get("enabled", True))
    return web.json_response({"enabled": limits.enabled})


async def calls(request: web.Request) -> web.Response:
    standin = _standin(request)
    return web.json_response(
        {"calls": standin.calls, "warnings": standin.warnings, "refused": standin.limits.refused}
    )


async def file(request: web.Request) -> web.Response:
    data = _standin(request).world.files.get(request.match_info["file_id"])
    if data is None:
        raise web.HTTPNotFound()
    kind = (
        "image/jpeg"
        if data[:2] == b"\xff\xd8"
        else "image/png"
        if data[:4] == b"\x89PNG"
        else "application/octet-stream"
    )
    return web.Response(body=data, content_type=kind)


async def _wake_pollers(app: web.Application) -> None:
    app[CLOSING].set()


def add_routes(app: web.Application) -> None:
    app[CLOSING] = asyncio.Event()
    app.on_shutdown.append(_wake_pollers)
    router = app.router
    router.add_get("/", index)
    router.add_get("/static/{name}", static)
    router.add_get("/sandbox/state", state)
    router.add_get("/sandbox/events", events)
    router.add_get("/sandbox/roles", roles)
    router.add_post("/sandbox/people", add_person)
    router.add_post("/sandbox/personas", add_persona)
    router.add_get("/sandbox/people/{person_id}/chat", chat)
    router.add_post("/sandbox/people/{person_id}/messages", send)
    router.add_post("/sandbox/people/{person_id}/photos", send_photo)
    router.add_post("/sandbox/people/{person_id}/press", press)
    router.add_post("/sandbox/people/{person_id}/blocked", block)
    router.add_get("/sandbox/people/{person_id}/commands", commands)
    router.add_post("/sandbox/faults", set_faults)
    router.add_delete("/sandbox/faults", clear_faults)
    router.add_post("/sandbox/limits", set_limits)
    router.add_get("/sandbox/calls", calls)
    router.add_get("/sandbox/files/{file_id}", file)
    clock.add_routes(app)
