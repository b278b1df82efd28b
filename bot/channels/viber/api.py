"""A small asynchronous client for the Viber REST API (``{api_root}/{method}``).

viberbot's own ``Api`` posts with synchronous ``requests`` and ignores a custom API root, so
the bot posts the JSON that viberbot's classes build with aiohttp instead. The token travels
only in the ``X-Viber-Auth-Token`` header and is never logged.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import aiohttp

from bot.channels.protocol import PermanentFailure, RetryLater, TransientFailure, Unconfirmed
from bot.channels.viber.outgoing import encode_body

log = logging.getLogger(__name__)

DEFAULT_API_ROOT = "https://chatapi.viber.com/pa"
AUTH_HEADER = "X-Viber-Auth-Token"

# Viber's status codes (the "status" field of every JSON answer).
OK = 0
INVALID_URL = 1
INVALID_AUTH_TOKEN = 2
BAD_DATA = 3
MISSING_DATA = 4
RECEIVER_NOT_REGISTERED = 5
RECEIVER_NOT_SUBSCRIBED = 6
TOO_MANY_REQUESTS = 12
RECIPIENT_GONE_STATUSES = frozenset({RECEIVER_NOT_REGISTERED, RECEIVER_NOT_SUBSCRIBED})


class ViberApiError(Exception):
    """Viber answered with a status other than 0."""

    def __init__(self, method: str, status: int, message: str) -> None:
        super().__init__(f"viber {method} failed: status {status} ({message})")
        self.method = method
        self.status = status
        self.status_message = message


class ViberApi:
    """Posts JSON to the Viber REST API and reads the ``status`` of the answer."""

    def __init__(
        self,
        token: str,
        api_root: str = DEFAULT_API_ROOT,
        timeout: float = 15.0,
        connect_timeout: float = 5.0,
    ) -> None:
        self._token = token
        self.api_root = (api_root or DEFAULT_API_ROOT).rstrip("/")
        self._timeout = aiohttp.ClientTimeout(
            total=None, sock_connect=connect_timeout, sock_read=timeout, connect=connect_timeout
        )
        self._session: aiohttp.ClientSession | None = None

    def __repr__(self) -> str:
        return f"ViberApi(api_root={self.api_root!r})"

    async def close(self) -> None:
        """Close the HTTP session (a later call opens a new one)."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def call(self, method: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """POST ``body`` to ``method`` and return the JSON answer, whatever its status.

        Raises :class:`TransientFailure` when the request did not reach Viber (no connection)
        or was not carried out (5xx), :class:`Unconfirmed` when it was sent but no readable
        answer came (a timeout, a dropped connection: the message may have arrived, so it
        must not be sent again blindly), :class:`RetryLater` for HTTP 429 and
        :class:`PermanentFailure` for other HTTP errors.
        """
        session = self._open()
        url = f"{self.api_root}/{method}"
        headers = {AUTH_HEADER: self._token, "Content-Type": "application/json; charset=utf-8"}
        try:
            async with session.post(url, data=encode_body(body), headers=headers) as response:
                if response.status == 429:
                    retry_after = _float(response.headers.get("Retry-After"), 1.0)
                    raise RetryLater(retry_after, f"viber {method}: HTTP 429")
                if response.status >= 500:
                    raise TransientFailure(f"viber {method}: HTTP {response.status}")
                if response.status >= 400:
                    raise PermanentFailure(f"viber {method}: HTTP {response.status}")
                answer = await response.json(content_type=None)
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as exc:
            raise TransientFailure(f"viber {method}: not sent: {type(exc).__name__}") from exc
        except (TimeoutError, aiohttp.ClientError, ValueError) as exc:
            raise Unconfirmed(f"viber {method}: no answer: {type(exc).__name__}: {exc}") from exc
        if not isinstance(answer, dict) or not isinstance(answer.get("status"), int):
            raise Unconfirmed(f"viber {method}: answer without a status")
        return answer

    async def call_ok(self, method: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """:meth:`call`, raising :class:`ViberApiError` unless the status is 0."""
        answer = await self.call(method, body)
        if answer["status"] != OK:
            raise ViberApiError(method, answer["status"], str(answer.get("status_message", "")))
        return answer

    async def set_webhook(
        self, url: str, event_types: list[str], send_name: bool = False, send_photo: bool = False
    ) -> list[str]:
        """Register ``url`` as the webhook; returns the event types Viber will send."""
        body = {
            "url": url,
            "event_types": event_types,
            "send_name": send_name,
            "send_photo": send_photo,
        }
        answer = await self.call_ok("set_webhook", body)
        return list(answer.get("event_types") or [])

    async def get_account_info(self) -> dict[str, Any]:
        """The bot account's details (name, uri, webhook, subscribers_count...)."""
        return await self.call_ok("get_account_info", {})

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self._session


def _float(value: str | None, default: float) -> float:
    try:
        return max(0.0, float(value)) if value is not None else default
    except ValueError:
        return default
