"""Bot API calls over aiohttp (already a dependency) behind PTB's `BaseRequest`.

PTB's default `HTTPXRequest` spends about 1.2 ms of CPU per call in httpx, httpcore and anyio,
and more with many connections open (the pool checks every idle connection on each request).
aiohttp needs about 0.3 ms, which matters because every update costs two or three calls.

Same defaults and semantics as `HTTPXRequest`: the same string-valued parameters (sent as a
JSON object rather than a form, which Telegram equally accepts; multipart when a file is
attached), connect/read/write/pool timeouts of 5/5/5/1 s (20 s to write an upload), proxies
and CA certificates as httpx finds them, `TimedOut` for any timeout and `NetworkError` for any
other transport failure. aiohttp has no separate write timeout; the write budget counts toward a total
deadline for the whole call instead.
"""

from __future__ import annotations

import os
import ssl
import urllib.request
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import certifi
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AiohttpRequest(BaseRequest):
    """One aiohttp session with a connection pool; make one per PTB request slot."""

    def __init__(
        self,
        connection_pool_size: int = 256,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[tuple[str, str], str | None] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size, ssl=_ssl_context()),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()

    def _proxy(self, url: str) -> str | None:
        """Like httpx: HTTP(S)_PROXY / ALL_PROXY and NO_PROXY from the environment, looked up
        once per host (aiohttp's trust_env would read them, and ~/.netrc, on every call)."""
        parts = urlsplit(url)
        key = (parts.scheme, parts.hostname or "")
        if key not in self._proxies:
            proxies = urllib.request.getproxies()
            proxy = proxies.get(parts.scheme) or proxies.get("all")
            if proxy and urllib.request.proxy_bypass(key[1]):
                proxy = None
            self._proxies[key] = proxy
        return self._proxies[key]

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        read = self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout
        connect = (
            self._connect_timeout if isinstance(connect_timeout, DefaultValue) else connect_timeout
        )
        pool = self._pool_timeout if isinstance(pool_timeout, DefaultValue) else pool_timeout
        write = write_timeout
        if isinstance(write, DefaultValue):
            write = self._media_write_timeout if files else self._write_timeout
        parts = (read, connect, pool, write)
        timeout = aiohttp.ClientTimeout(
            # Waiting for a pooled connection and making a new one share aiohttp's `connect`.
            connect=None if pool is None or connect is None else pool + connect,
            sock_connect=connect,
            sock_read=read,
            total=None if None in parts else sum(p for p in parts if p is not None),
        )
        data: Any = None
        headers: dict[str, str] = {}
        if request_data is not None:
            if files:
                form = aiohttp.FormData()
                for name, value in request_data.json_parameters.items():
                    form.add_field(name, value)
                for name, (filename, content, mimetype) in files.items():
                    form.add_field(name, content, filename=filename, content_type=mimetype)
                data = form
            else:
                # The same string-valued parameters as a form would carry, as a JSON object:
                # Telegram takes either, and JSON is much cheaper to build than a form.
                data = request_data.json_payload
                headers["Content-Type"] = "application/json"
        try:
            async with self._session.request(
                method, url, data=data, headers=headers, timeout=timeout, proxy=self._proxy(url)
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:  # aiohttp's own timeouts are TimeoutErrors too
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error


def _ssl_context() -> ssl.SSLContext:
    """The CA certificates httpx would trust: SSL_CERT_FILE or SSL_CERT_DIR, else certifi's."""
    if os.environ.get("SSL_CERT_FILE"):
        return ssl.create_default_context(cafile=os.environ["SSL_CERT_FILE"])
    if os.environ.get("SSL_CERT_DIR"):
        return ssl.create_default_context(capath=os.environ["SSL_CERT_DIR"])
    return ssl.create_default_context(cafile=certifi.where())
