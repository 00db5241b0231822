"""The HTTP side of the stand-in: the Bot API at /bot<token>/<method>, a control API for the web
chat and tests at /sandbox/..., and the web chat page at /."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

from aiohttp import web

from sandbox import botapi, control, spec
from sandbox.standin import STANDIN, StandIn
from sandbox.world import ApiError, World

log = logging.getLogger("sandbox")

_SENDING = ("sendmessage", "sendphoto", "senddocument")


def _answer(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(error: ApiError) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": error.code, "description": error.description}
    if error.retry_after is not None:
        body["parameters"] = {"retry_after": error.retry_after}
    return web.json_response(body, status=error.code)


async def _raw_params(request: web.Request) -> dict[str, Any]:
    raw: dict[str, Any] = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = json.loads(await request.text())
            except ValueError:
                body = None
            if not isinstance(body, dict):
                raise ApiError(400, "Bad Request: JSON object expected")
            raw.update(body)
        else:
            form = await request.post()
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    raw[name] = value.file.read()
                    raw[f"_filename.{name}"] = value.filename
                else:
                    raw[name] = value
    for name, value in list(raw.items()):  # attach://name points at an uploaded part
        if isinstance(value, str) and value.startswith("attach://") and value[9:] in raw:
            raw[name] = raw.pop(value[9:])
            raw[f"_filename.{name}"] = raw.pop(f"_filename.{value[9:]}", None)
    return raw


async def bot_api(request: web.Request) -> web.StreamResponse:
    standin = request.app[STANDIN]
    if request.match_info["token"] != standin.token:
        return _error(ApiError(401, "Unauthorized"))
    name = request.match_info["method"]
    method = spec.method(name)
    if method is None:
        standin.record(name, 404, {})
        return _error(ApiError(404, "Not Found"))
    try:
        raw = await _raw_params(request)
    except ApiError as error:
        standin.record(method.name, error.code, {})
        return _error(error)
    files = {k: raw.pop(k) for k in list(raw) if k.startswith("_filename.")}
    try:
        params, unknown = method.decode(raw)
    except spec.BadParameter as problem:
        standin.record(method.name, 400, {})
        return _error(ApiError(400, problem.description))
    for parameter in unknown:
        warning = f"{method.name}: unknown parameter {parameter!r}"
        log.warning(warning)
        standin.warnings.append(warning)
    params.update(files)
    if standin.faults.latency:
        await asyncio.sleep(standin.faults.latency)
    try:
        result = await _dispatch(standin, request, method.name, params)
    except ApiError as error:
        standin.record(method.name, error.code, params)
        return _error(error)
    standin.record(method.name, 200, params)
    return _answer(result)


async def _dispatch(
    standin: StandIn, request: web.Request, name: str, params: dict[str, Any]
) -> Any:
    key = name.lower()
    fault = standin.faults.take(name)
    if fault is not None:
        raise ApiError(fault.status, fault.description, fault.retry_after)
    if key == "getupdates":
        return await _get_updates(standin, request, params)
    handler = botapi.IMPLEMENTED.get(key)
    if handler is None:
        raise ApiError(400, f"Bad Request: the sandbox does not implement {name}")
    if key in _SENDING and isinstance(params.get("chat_id"), int):
        retry_after = standin.limits.check(params["chat_id"])
        if retry_after is not None:
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)
    return await handler(standin.world, params)


def _poller_alive(request: web.Request | None) -> bool:
    return (
        request is not None and request.transport is not None and not request.transport.is_closing()
    )


async def _get_updates(standin: StandIn, request: web.Request, params: dict[str, Any]) -> Any:
    if _poller_alive(standin.poller):
        raise ApiError(
            409,
            "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
        )
    standin.poller = request
    try:
        if standin.faults.hang_get_updates > 0:
            standin.faults.hang_get_updates -= 1
            # Hang until the bot gives up on this request (its socket closes).
            while _poller_alive(request):  # noqa: ASYNC110
                await asyncio.sleep(0.05)
            raise ApiError(504, "Gateway Timeout")
        return await _long_poll(standin.world, params, request)
    finally:
        if standin.poller is request:
            standin.poller = None


async def _long_poll(world: World, params: dict[str, Any], request: web.Request) -> Any:
    offset = params.get("offset")
    limit = min(100, max(1, int(params.get("limit") or 100)))
    timeout = max(0, int(params.get("timeout") or 0))
    if "allowed_updates" in params:
        world.allowed_updates = list(params["allowed_updates"]) or None
    if isinstance(offset, int):
        if offset < 0:
            world.updates = world.updates[offset:]
        else:  # confirmed: every update before the offset is gone for good
            world.updates = [u for u in world.updates if u["update_id"] >= offset]
    deadline = time.monotonic() + timeout
    while True:
        allowed = world.allowed_updates
        if allowed is not None:  # Telegram never delivers unwanted kinds
            world.updates = [u for u in world.updates if any(k in u for k in allowed)]
        if world.updates or time.monotonic() >= deadline or not _poller_alive(request):
            return world.updates[:limit]
        await world.wait_for_change(min(1.0, max(0.0, deadline - time.monotonic())))


async def file_download(request: web.Request) -> web.StreamResponse:
    standin = request.app[STANDIN]
    if request.match_info["token"] != standin.token:
        return web.Response(status=401)
    data = standin.world.files.get(request.match_info["file_id"])
    return web.Response(body=data) if data is not None else web.Response(status=404)


def build_app(standin: StandIn) -> web.Application:
    app = web.Application(client_max_size=20 * 1024 * 1024)
    app[STANDIN] = standin
    app.router.add_route("*", "/bot{token}/{method}", bot_api)
    app.router.add_get("/file/bot{token}/files/{file_id}", file_download)
    control.add_routes(app)
    return app


async def start(standin: StandIn, host: str = "127.0.0.1", port: int = 8080) -> web.AppRunner:
    runner = web.AppRunner(build_app(standin), access_log=None, handler_cancellation=True)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


def bound_port(runner: web.AppRunner) -> int:
    for site in runner.sites:
        server = getattr(site, "_server", None)
        if server is not None and server.sockets:
            return int(server.sockets[0].getsockname()[1])
    raise RuntimeError("the stand-in is not listening")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
