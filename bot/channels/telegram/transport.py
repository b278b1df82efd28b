"""PTB's HTTP transport on aiohttp, telling "not sent" from "may have arrived".

python-telegram-bot lets a bot bring its own :class:`telegram.request.BaseRequest`. Its default,
on httpx, spends about 2 ms of CPU a call under concurrency (a connection pool that scans every
connection for every request); aiohttp's client spends about 0.4 ms, which is what lets one
process send 1000 messages a second. It also tells the errors apart that matter for sending a
message at most once:

* :class:`RequestNotSent`: no connection could be made, or none was free in time: Telegram
  never saw the request, so sending it again is safe;
* :class:`ServerError`: an answer with a 5xx status (often an HTML page from the proxy in front
  of the Bot API): the request was not carried out;
* :class:`~telegram.error.TimedOut` and other :class:`~telegram.error.NetworkError`: the request
  was written, but no answer came: Telegram may have delivered the message.

``read_timeout`` (30 s by default) is how long a send may take before its outcome is unknown:
long enough for a slow answer to a delivered message to arrive. Calls are JSON, except those
that upload a file (sendDocument, sendPhoto), which go as multipart/form-data.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from typing import Any, cast

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

_LOG = logging.getLogger(__name__)
SEND_READ_TIMEOUT = 30.0
KEEPALIVE = 10.0  # close idle connections before a server would (a race on reuse is ambiguous)
_SUCCESS = re.compile(rb'\s*\{\s*"ok"\s*:\s*true\s*,')
_JSON_HEADERS = {"Content-Type": "application/json"}


class RequestNotSent(NetworkError):
    """The request never reached Telegram (connection refused or not made in time)."""


class ServerError(NetworkError):
    """Telegram (or its proxy) answered with a 5xx status: the request was not carried out."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status} from the Bot API")
        self.status = status


def _seconds(value: ODVInput[float], default: float | None) -> float | None:
    return default if isinstance(value, DefaultValue) else value


class AiohttpRequest(BaseRequest):
    """A :class:`~telegram.request.BaseRequest` on one :class:`aiohttp.ClientSession`."""

    def __init__(
        self,
        connection_pool_size: int = 256,
        *,
        read_timeout: float = SEND_READ_TIMEOUT,
        connect_timeout: float = 5.0,
        pool_timeout: float = 5.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(
                limit=self._pool_size, ttl_dns_cache=300, keepalive_timeout=KEEPALIVE
            )
            self._session = aiohttp.ClientSession(connector=connector)

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

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
            raise RuntimeError("AiohttpRequest is not initialized")
        read = _seconds(read_timeout, self._read_timeout)
        connect = _seconds(connect_timeout, self._connect_timeout)
        timeout = _timeout(read, connect, _seconds(pool_timeout, self._pool_timeout))
        body: bytes | aiohttp.FormData | None
        if request_data is not None and request_data.contains_files:  # PTB's, never _Raw
            body, headers = _multipart_body(request_data), None
        else:
            body = _json_body(request_data)
            headers = _JSON_HEADERS if body is not None else None
        try:
            async with self._session.request(
                method, url, data=body, headers=headers, timeout=timeout
            ) as response:
                payload = await response.read()
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as error:
            raise RequestNotSent(f"aiohttp.{type(error).__name__}: {error}") from error
        except TimeoutError as error:
            raise TimedOut() from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error
        if _LOG.isEnabledFor(logging.DEBUG):  # the token is masked (bot.channels.telegram.redact)
            _LOG.debug('HTTP Request: %s %s "%s"', method, url, response.status)
        if response.status >= 500:
            raise ServerError(response.status)
        return response.status, payload


async def post_encoded(
    request: AiohttpRequest, url: str, body: bytes
) -> tuple[int, dict[str, Any]]:
    """POST a JSON body already encoded (the bulk path of alerts) without PTB's objects; the
    HTTP status and the answer. Raises as :meth:`AiohttpRequest.do_request` does (a 5xx:
    :class:`ServerError`), and :class:`ServerError` for an answer that is not a JSON object.
    A success (an answer that starts with ``{"ok":true,``) is not parsed: its answer is
    ``{"ok": True}``."""
    raw = cast(RequestData, _Raw(body))  # stands in for it: see _json_body
    status, payload = await request.do_request(url, "POST", request_data=raw)
    if status == 200 and _SUCCESS.match(payload):
        return status, {"ok": True}
    try:
        answer = json.loads(payload)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise ServerError(status)
    return status, answer


class _Raw:
    """Stands in for PTB's ``RequestData``: a JSON body already encoded."""

    contains_files = False

    def __init__(self, body: bytes) -> None:
        self.body = body


@functools.lru_cache(maxsize=64)
def _timeout(
    read: float | None, connect: float | None, pool: float | None
) -> aiohttp.ClientTimeout:
    return aiohttp.ClientTimeout(
        total=None,
        sock_connect=connect,
        sock_read=read,
        connect=(connect or 0) + (pool or 0) or None,
    )


def _multipart_body(request_data: RequestData) -> aiohttp.FormData:
    """A request that uploads files (sendDocument, sendPhoto) as multipart/form-data: the
    parameters as their JSON values, each file as a part with its name and type."""
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mime_type) in request_data.multipart_data.items():
        data = content if isinstance(content, bytes) else content.read()
        form.add_field(name, data, filename=filename, content_type=mime_type)
    return form


def _json_body(request_data: RequestData | _Raw | None) -> bytes | None:
    if isinstance(request_data, _Raw):
        return request_data.body
    if request_data is None:
        return None
    parameters: dict[str, Any] = request_data.parameters
    return json.dumps(parameters, ensure_ascii=False, separators=(",", ":")).encode()
