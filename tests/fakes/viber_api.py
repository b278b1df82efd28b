"""A strict fake of the Viber REST API (chatapi.viber.com/pa) on 127.0.0.1, and helpers.

:class:`FakeViberApi` checks ``X-Viber-Auth-Token`` (or viberbot's ``auth_token`` body field)
and validates ``set_webhook``, ``get_account_info`` and ``send_message`` the way Viber does:
a bad request is answered HTTP 200 with ``{"status": 3, "status_message": "badData: ..."}``.
Tests inject answers per receiver (6 receiverNotSubscribed, 12 tooManyRequests) or HTTP
errors, and read the accepted messages from :attr:`FakeViberApi.sent`. ``set_webhook`` calls
the webhook like Viber does when :attr:`FakeViberApi.probe_base` points at the bot's server.

``broadcast_message`` is served as Viber documents it: at most 300 receivers in
``broadcast_list``, requests under 30 KB, at most 500 calls in any 10 seconds (status 12
beyond); receivers that cannot get it are listed in ``failed_list`` with their status, the rest
get the message (recorded in :attr:`FakeViberApi.sent` with their ``receiver``).

:func:`post_callback` signs and posts a callback to the bot, as Viber would.

Field conditions: :attr:`FakeViberApi.faults` (:mod:`tests.fakes.faults`) injects into
``send_message`` and ``broadcast_message`` 429s (HTTP 429 or status 12), 502s, slow answers,
hangs past the client's timeout that delivered or not, an outage and a black hole;
:meth:`FakeViberApi.refuse_connections` closes the port. Every message attempt (per receiver) is
noted in :attr:`FakeViberApi.attempts`, every delivery in :attr:`FakeViberApi.deliveries` with
its message token. With :attr:`FakeViberApi.callback_url` set, each delivery to a receiver not
in :attr:`FakeViberApi.offline` is confirmed by a signed ``delivered`` callback
``receipt_delay`` seconds later (:mod:`tests.fakes.viber_receipts`).
"""

from __future__ import annotations

import asyncio
import hmac
import itertools
import json
import time
from collections import defaultdict, deque
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

from tests.fakes.faults import BAD_GATEWAY_PAGE, Faults
from tests.fakes.flood import _Window
from tests.fakes.holds import Attempts, Listener, drop, hold
from tests.fakes.viber_receipts import CHAT_HOSTNAME, Receipts, sign

MAX_REQUEST_BYTES = 30 * 1024
MAX_BROADCAST = 300
BROADCAST_CALLS, BROADCAST_WINDOW = 500, 10.0
MESSAGE_TYPES = {
    "text",
    "picture",
    "video",
    "file",
    "location",
    "contact",
    "sticker",
    "url",
    "rich_media",
}
EVENT_TYPES = {"delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"}
ACTION_TYPES = {"reply", "open-url", "location-picker", "share-phone", "none"}
STATUS_NAMES = {
    0: "ok",
    1: "invalidUrl",
    2: "invalidAuthToken",
    3: "badData",
    4: "missingData",
    5: "receiverNotRegistered",
    6: "receiverNotSubscribed",
    12: "tooManyRequests",
}


class BadData(Exception):
    """A request Viber would refuse with status 3."""


class Delivery(NamedTuple):
    """A message that reached ``receiver`` (one per receiver of a broadcast)."""

    receiver: str
    message_token: int
    at: float  # time.monotonic()


_DEFAULT = object()


async def post_callback(
    url: str, token: str, body: dict[str, Any] | bytes, *, signature: Any = _DEFAULT
) -> tuple[int, bytes]:
    """Post ``body`` to the bot's webhook signed with ``token`` (``signature=None`` omits the
    header; a string replaces it). Returns the HTTP status and the response body."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if signature is _DEFAULT:
        signature = sign(token, raw)
    if signature is not None:
        headers["X-Viber-Content-Signature"] = signature
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=raw, headers=headers) as response,
    ):
        return response.status, await response.read()


# Message tokens are unique in Viber. One counter for every fake of the process, starting at a
# block of a million chosen by the microsecond the process started: a bot that keeps its
# receipts in one database across fakes (the scenarios of bench/faults.py) never sees a new
# message with the token of an old one (it would take the new message's receipts as the old
# one's, already known).
_TOKENS = itertools.count(5_491_000_000_000_000_001 + (time.time_ns() // 1000) % 10**12 * 10**6)


class FakeViberApi:
    """The fake server. Use ``async with FakeViberApi(token) as fake:``; ``fake.url`` is the
    API root to give the bot (``http://127.0.0.1:<port>/pa``)."""

    def __init__(self, token: str, account_name: str = "KESCO") -> None:
        self.token = token
        self.account_name = account_name
        self.sent: list[dict[str, Any]] = []
        self.calls: list[tuple[str, dict[str, Any] | None]] = []
        self.webhook: str | None = None
        self.event_types: list[str] = []
        self.probe_base: str | None = None
        self.not_subscribed: set[str] = set()
        self._queued: dict[str, deque[int]] = defaultdict(deque)
        self._http_errors: deque[int] = deque()
        self._tokens = _TOKENS  # unique across fakes, as Viber's are (see _TOKENS)
        self.broadcasts: list[dict[str, Any]] = []
        self.arrivals: list[float] = []  # time.monotonic() of each message accepted
        self.broadcast_refused = 0
        self._broadcast_window = _Window(BROADCAST_CALLS, BROADCAST_WINDOW)
        self.faults = Faults()
        self.attempts = Attempts()
        self.deliveries: list[Delivery] = []
        self.callback_url: str | None = None
        self.receipt_delay = 0.5
        self.offline: set[str] = set()
        self.receipts = Receipts(token)
        self._listener: Listener | None = None
        self.url = ""

    async def __aenter__(self) -> FakeViberApi:
        app = web.Application()
        app.router.add_post("/pa/{method}", self._dispatch)
        self._listener = Listener(app)
        port = await self._listener.start()
        self.url = f"http://127.0.0.1:{port}/pa"
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.faults.black_hole = False
        await self.receipts.close()
        if self._listener is not None:
            await self._listener.close()

    async def refuse_connections(self) -> None:
        """Close the listening socket (connects get ECONNREFUSED) and reset open connections."""
        assert self._listener is not None
        await self._listener.refuse()

    async def accept_connections(self) -> None:
        """Listen again, on the same port (``url`` is unchanged)."""
        assert self._listener is not None
        await self._listener.accept()

    def copies(self) -> dict[str, int]:
        """How many times each receiver got a message."""
        counts: dict[str, int] = defaultdict(int)
        for delivery in self.deliveries:
            counts[delivery.receiver] += 1
        return dict(counts)

    def queue_status(self, receiver: str, status: int, times: int = 1) -> None:
        """Answer the next ``times`` send_message calls to ``receiver`` with ``status``."""
        self._queued[receiver].extend([status] * times)

    def queue_http_error(self, code: int, times: int = 1) -> None:
        """Answer the next ``times`` calls (any method) with HTTP ``code``."""
        self._http_errors.extend([code] * times)

    def texts_to(self, receiver: str) -> list[str]:
        return [m.get("text", "") for m in self.sent if m.get("receiver") == receiver]

    async def _dispatch(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        raw = await request.read()
        if self.faults.black_hole:
            await self._into_black_hole(request, method, raw)
        if self.faults.down:
            self.faults.injected["down"] += 1
            self._note_all(method, raw, "refused_5xx")
            return _bad_gateway()
        if self._http_errors:
            return web.Response(status=self._http_errors.popleft(), text="upstream error")
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            body = None
        self.calls.append((method, body))
        auth = request.headers.get("X-Viber-Auth-Token")
        if auth is None and isinstance(body, dict):
            auth = body.get("auth_token")
        if auth is None or not hmac.compare_digest(str(auth).encode(), self.token.encode()):
            return _status(2)
        handlers = {
            "send_message": self._send_message,
            "broadcast_message": self._broadcast_message,
            "set_webhook": self._set_webhook,
            "get_account_info": self._account_info,
        }
        if method not in handlers:
            return web.json_response({"error": "not found"}, status=404)
        try:
            if len(raw) > MAX_REQUEST_BYTES:
                raise BadData(f"request of {len(raw)} bytes is over 30 KB")
            if not isinstance(body, dict):
                raise BadData("body is not a JSON object")
            response = await handlers[method](body)
        except BadData as exc:
            self._note_all(method, raw, "rejected")
            return _status(3, f"badData: {exc}")
        if isinstance(response, Held):
            return await self._answer_held(request, response)
        return response

    # ---- faults ------------------------------------------------------------------------------
    def _note_all(self, method: str, raw: bytes | dict[str, Any], outcome: str) -> list[int]:
        """Note an attempt per receiver of a message call (``raw``: its body)."""
        if method not in ("send_message", "broadcast_message"):
            return []
        try:
            body = json.loads(raw) if isinstance(raw, bytes) else raw
            receivers = body["broadcast_list"] if "broadcast_list" in body else [body["receiver"]]
            text = str(body.get("text", ""))
            return [self.attempts.note(str(r), outcome, text) for r in receivers]
        except (ValueError, KeyError, TypeError):
            return []

    async def _into_black_hole(self, request: web.Request, method: str, raw: bytes) -> None:
        self.faults.injected["black_hole"] += 1
        self._note_all(method, raw, "black_hole")
        await self.faults.hold_while_black_hole()
        drop(request)

    async def _fault(self, body: dict[str, Any]) -> web.Response | Held | str | None:
        """An injected answer for this message call, or the fault to apply once delivered."""
        fault = self.faults.draw()
        if fault == "429":
            self._note_all("send_message", body, "refused_429")
            if self.faults.as_http_429():
                return web.json_response(
                    {"status": 12, "status_message": "tooManyRequests"}, status=429
                )
            return _status(12)
        if fault == "5xx":
            self._note_all("send_message", body, "refused_5xx")
            return _bad_gateway()
        if fault == "hang_lost":
            self._note_all("send_message", body, "lost_unanswered")
            return Held(_status(0), [], lost=True)
        return fault

    async def _answer_held(self, request: web.Request, held: Held) -> web.Response:
        if held.lost:
            await hold(request, self.faults.hang_seconds)
            drop(request)
        if not await hold(request, self.faults.hang_seconds):
            drop(request)
        for index in held.attempts:
            self.attempts.settle(index, "delivered_late")
        return held.response

    def _deliver(self, message: dict[str, Any], receiver: str, token: int, held: bool) -> int:
        now = time.monotonic()
        self.sent.append({**message, "receiver": receiver, "message_token": token})
        self.arrivals.append(now)
        self.deliveries.append(Delivery(receiver, token, now))
        if self.callback_url and receiver not in self.offline:
            self.receipts.enqueue(self.callback_url, receiver, token, self.receipt_delay)
        outcome = "delivered_unanswered" if held else "delivered"
        return self.attempts.note(receiver, outcome, str(message.get("text", "")))

    async def _send_message(self, body: dict[str, Any]) -> web.Response | Held:
        validate_message(body)
        receiver = body["receiver"]
        if self._queued[receiver]:
            self._note_all("send_message", body, "rejected")
            return _status(self._queued[receiver].popleft())
        if receiver in self.not_subscribed:
            self._note_all("send_message", body, "rejected")
            return _status(6)
        fault = await self._fault(body)
        if isinstance(fault, web.Response | Held):
            return fault
        token = next(self._tokens)
        held = fault == "hang_delivered"
        message = {k: v for k, v in body.items() if k != "receiver"}
        noted = self._deliver(message, receiver, token, held)
        answer = web.json_response(
            {
                "status": 0,
                "status_message": "ok",
                "message_token": token,
                "chat_hostname": CHAT_HOSTNAME,
                "billing_status": 0,
            }
        )
        if fault == "slow":
            await asyncio.sleep(self.faults.slow_delay())  # the fault injected: a slow answer
        return Held(answer, [noted]) if held else answer

    async def _broadcast_message(self, body: dict[str, Any]) -> web.Response:
        receivers = body.get("broadcast_list")
        if not isinstance(receivers, list) or not receivers:
            raise BadData("broadcast_list is required")
        if len(receivers) > MAX_BROADCAST:
            raise BadData(f"broadcast_list holds {len(receivers)} receivers, at most 300")
        if not all(isinstance(r, str) and r for r in receivers):
            raise BadData("broadcast_list must hold user ids")
        if "receiver" in body:
            raise BadData("broadcast_message takes broadcast_list, not receiver")
        validate_message({**body, "receiver": receivers[0]})
        fault = await self._fault(body)
        if isinstance(fault, web.Response | Held):
            return fault
        now = time.monotonic()
        if self._broadcast_window.wait(now) > 0:
            self.broadcast_refused += 1
            self._note_all("broadcast_message", body, "refused_flood")
            return _status(12)
        self._broadcast_window.add(now)
        failed: list[dict[str, Any]] = []
        token = next(self._tokens)
        held, noted = fault == "hang_delivered", []
        message = {k: v for k, v in body.items() if k != "broadcast_list"}
        for receiver in receivers:
            status = self._queued[receiver].popleft() if self._queued[receiver] else 0
            if status == 0 and receiver in self.not_subscribed:
                status = 6
            if status:
                name = STATUS_NAMES.get(status, "generalError")
                failed.append({"receiver": receiver, "status": status, "status_message": name})
                self.attempts.note(receiver, "rejected", str(message.get("text", "")))
                continue
            noted.append(self._deliver(message, receiver, token, held))
        self.broadcasts.append({**body, "failed": len(failed)})
        answer = web.json_response(
            {"status": 0, "status_message": "ok", "message_token": token, "failed_list": failed}
        )
        if fault == "slow":
            await asyncio.sleep(self.faults.slow_delay())  # the fault injected: a slow answer
        return Held(answer, noted) if held else answer

    async def _set_webhook(self, body: dict[str, Any]) -> web.Response:
        url = body.get("url")
        if not isinstance(url, str):
            raise BadData("url is required")
        parts = urlsplit(url)
        if url and (parts.scheme != "https" or not parts.netloc):
            return _status(1, "invalidUrl: the webhook must be an https URL")
        events = body.get("event_types", sorted(EVENT_TYPES))
        if not isinstance(events, list) or not set(events) <= EVENT_TYPES:
            raise BadData(f"event_types must be a subset of {sorted(EVENT_TYPES)}")
        for flag in ("send_name", "send_photo", "is_inline"):
            if flag in body and not isinstance(body[flag], bool):
                raise BadData(f"{flag} must be a boolean")
        if url and self.probe_base and not await self._probe(url):
            return _status(1, "invalidUrl: the webhook did not answer 200")
        self.webhook, self.event_types = url or None, list(events)
        return web.json_response({"status": 0, "status_message": "ok", "event_types": events})

    async def _probe(self, url: str) -> bool:
        parts = urlsplit(url)
        target = f"{self.probe_base}{parts.path}" + (f"?{parts.query}" if parts.query else "")
        probe = {
            "event": "webhook",
            "timestamp": 1700000000000,
            "chat_hostname": "SN-219_",
            "message_token": next(self._tokens),
        }
        try:
            status, _ = await post_callback(target, self.token, probe)
        except aiohttp.ClientError:
            return False
        return status == 200

    async def _account_info(self, body: dict[str, Any]) -> web.Response:
        return web.json_response(
            {
                "status": 0,
                "status_message": "ok",
                "id": "pa:5491234567890123456",
                "name": self.account_name,
                "uri": "kesco",
                "category": "Utilities",
                "subcategory": "Electricity",
                "country": "XK",
                "location": {"lon": 21.1655, "lat": 42.6629},
                "webhook": self.webhook or "",
                "event_types": self.event_types,
                "subscribers_count": 3,
                "members": [{"id": "adm1nVbrUs3r0000000000==", "name": "Admin", "role": "admin"}],
            }
        )


def validate_message(body: dict[str, Any]) -> None:
    """Raise :class:`BadData` for a send_message body Viber would refuse."""
    receiver = body.get("receiver")
    if not isinstance(receiver, str) or not receiver:
        raise BadData("receiver is required")
    sender = body.get("sender")
    if not isinstance(sender, dict):
        raise BadData("sender is required")
    name = sender.get("name")
    if not isinstance(name, str) or not name or len(name) > 28:
        raise BadData("sender.name is required, at most 28 characters")
    if sender.get("avatar") is not None and not isinstance(sender["avatar"], str):
        raise BadData("sender.avatar must be a URL")
    version = body.get("min_api_version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= 16:
        raise BadData("min_api_version must be an integer from 1")
    kind = body.get("type")
    if kind is None and "keyboard" not in body:
        raise BadData("type is required")
    if kind is not None and kind not in MESSAGE_TYPES:
        raise BadData(f"unknown message type {kind!r}")
    if kind == "text":
        text = body.get("text")
        if not isinstance(text, str) or not text.strip() or len(text) > 7000:
            raise BadData("text is required for a text message, 1..7000 characters")
    if kind == "file":
        validate_file(body)
    if kind == "picture":
        validate_picture(body)
    if "keyboard" in body:
        validate_keyboard(body["keyboard"])


def validate_file(body: dict[str, Any]) -> None:
    """Raise :class:`BadData` for a file message Viber would refuse: ``media`` an http(s) URL,
    ``size`` the bytes (at most 50 MB), ``file_name`` at most 256 characters with an extension
    Viber allows."""
    media = body.get("media")
    parts = urlsplit(media) if isinstance(media, str) else None
    if parts is None or parts.scheme not in {"http", "https"} or not parts.netloc:
        raise BadData("media must be the URL of the file")
    size = body.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= 50 * 1024**2:
        raise BadData("size is required: the file's bytes, at most 50 MB")
    name = body.get("file_name")
    if not isinstance(name, str) or not 1 <= len(name) <= 256 or "." not in name:
        raise BadData("file_name is required, at most 256 characters, with its extension")
    if name.rsplit(".", 1)[1].lower() in {"exe", "bat", "cmd", "scr", "apk", "js"}:
        raise BadData("file type is forbidden")


PICTURE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif")


def validate_picture(body: dict[str, Any]) -> None:
    """Raise :class:`BadData` for a picture message Viber would refuse: ``media`` an http(s)
    URL whose last path segment ends with a picture's extension (JPEG, PNG, GIF), ``text`` (the
    description) present and at most 120 characters, ``thumbnail`` a URL when given."""
    media = body.get("media")
    parts = urlsplit(media) if isinstance(media, str) else None
    if parts is None or parts.scheme not in {"http", "https"} or not parts.netloc:
        raise BadData("media must be the URL of the picture")
    if not parts.path.lower().endswith(PICTURE_EXTENSIONS):
        raise BadData("media must end with .jpeg, .png or .gif")
    text = body.get("text")
    if not isinstance(text, str) or len(text) > 120:
        raise BadData("text (the description) is required, at most 120 characters")
    thumbnail = body.get("thumbnail")
    if thumbnail is not None and not (
        isinstance(thumbnail, str) and urlsplit(thumbnail).scheme in {"http", "https"}
    ):
        raise BadData("thumbnail must be the URL of a picture")


def validate_keyboard(keyboard: Any) -> None:
    """Raise :class:`BadData` for a keyboard Viber would refuse."""
    if not isinstance(keyboard, dict) or keyboard.get("Type") != "keyboard":
        raise BadData('keyboard.Type must be "keyboard"')
    if keyboard.get("InputFieldState", "regular") not in {"regular", "minimized", "hidden"}:
        raise BadData("keyboard.InputFieldState is invalid")
    if not isinstance(keyboard.get("DefaultHeight", False), bool):
        raise BadData("keyboard.DefaultHeight must be a boolean")
    buttons = keyboard.get("Buttons")
    if not isinstance(buttons, list) or not 1 <= len(buttons) <= 24 * 6:
        raise BadData("keyboard.Buttons must hold 1..144 buttons")
    rows, used, row_height = 0, 6, 0
    for index, button in enumerate(buttons):
        where = f"keyboard.Buttons[{index}]"
        if not isinstance(button, dict):
            raise BadData(f"{where} must be an object")
        columns, height = button.get("Columns", 6), button.get("Rows", 1)
        if not isinstance(columns, int) or not 1 <= columns <= 6:
            raise BadData(f"{where}.Columns must be 1..6")
        if not isinstance(height, int) or not 1 <= height <= 2:
            raise BadData(f"{where}.Rows must be 1..2")
        action = button.get("ActionType", "reply")
        if action not in ACTION_TYPES:
            raise BadData(f"{where}.ActionType {action!r} is unknown")
        body = button.get("ActionBody")
        if not isinstance(body, str) or not body:
            raise BadData(f"{where}.ActionBody is required")
        url = urlsplit(body)
        if action == "open-url" and (url.scheme not in {"http", "https"} or not url.netloc):
            raise BadData(f"{where}.ActionBody must be a URL for open-url")
        text = button.get("Text", "")
        if not isinstance(text, str) or len(text) > 250:
            raise BadData(f"{where}.Text must be at most 250 characters")
        if used + columns > 6:
            rows, used, row_height = rows + row_height, 0, 0
        used, row_height = used + columns, max(row_height, height)
    if rows + row_height > 24:
        raise BadData("keyboard has more than 24 rows")


class Held(NamedTuple):
    """An answer to hold for ``Faults.hang_seconds`` (``lost``: then close, never answer)."""

    response: web.Response
    attempts: list[int]
    lost: bool = False


def _bad_gateway() -> web.Response:
    return web.Response(status=502, text=BAD_GATEWAY_PAGE, content_type="text/html")


def _status(status: int, message: str | None = None) -> web.Response:
    return web.json_response(
        {"status": status, "status_message": message or STATUS_NAMES.get(status, "generalError")}
    )
