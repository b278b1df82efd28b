"""A strict fake of the Telegram Bot API on 127.0.0.1, for running the real PTB client in tests.

Every call is checked against ``telegram-bot-api.json`` (Bot API 10.1 as data): the method
exists, required fields are there, no unknown fields, every value has its documented type, nested
objects recursively; plus the rules Telegram enforces on top (text 1-4096, callback_data 1-64
bytes, one action per inline button, at most 100 inline buttons and 8 a row, URL schemes, command
names, known callback query ids).
Rejected calls get Telegram's ``{"ok": false, "error_code": 400, ...}`` and land in
:attr:`FakeTelegramAPI.rejected`; accepted ones in :attr:`FakeTelegramAPI.calls`.

Telegram's flood limits are enforced (:mod:`tests.fakes.flood`: about 30 messages a second,
1000 with ``allow_paid_broadcast``, short bursts to one chat): beyond them a message gets HTTP
429 with ``retry_after``. :attr:`FakeTelegramAPI.faults` injects 429s, 502s, slow answers,
hangs past the client's timeout (delivered or lost), outages and a black hole
(:mod:`tests.fakes.faults`); :meth:`FakeTelegramAPI.refuse_connections` closes the port.
Every message call's outcome is noted in :attr:`FakeTelegramAPI.attempts`
(:mod:`tests.fakes.holds`).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import itertools
import json
import re
import time
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from tests.fakes import flood
from tests.fakes.faults import BAD_GATEWAY_PAGE, Faults
from tests.fakes.flood import FloodControl, FloodLimits, counts_as_message
from tests.fakes.holds import Attempts, Listener, drop, hold
from tests.support.waiting import wait_until

_SENDER: contextvars.ContextVar[str] = contextvars.ContextVar("sender", default="")

SPEC = json.loads(Path(__file__).with_name("telegram-bot-api.json").read_text("utf-8"))
TOKEN = "123456789:AAE-fake-token-for-tests_only0123456"
BOT_USER = {"id": 123456789, "is_bot": True, "first_name": "KESCO", "username": "KescoTestBot"}
_BUTTON_ACTIONS = {
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "copy_text",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "callback_game",
    "pay",
}
_CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}
_DISCRIMINATOR = re.compile(r'(?:always|must be) "?([a-z_]+)"?')


class ApiError(Exception):
    """An error answer: HTTP status = ``error_code``, Telegram-style ``description``."""

    def __init__(
        self, code: int, description: str, retry_after: int | None = None, outcome: str = ""
    ) -> None:
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after
        self.outcome = outcome or (
            "refused_429" if code == 429 else "refused_5xx" if code >= 500 else "rejected"
        )

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def _int(value: Any) -> Any:
    return int(value) if isinstance(value, str) and value.lstrip("-").isdigit() else value


class BadGateway(Exception):
    """Answered 502 with an HTML page, as the proxy in front of the Bot API does."""


class Hang(Exception):
    """Held open for ``Faults.hang_seconds``, then the connection closed: nothing delivered."""


def bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def picture_size(data: bytes) -> tuple[int, int] | None:
    """The width and height of a PNG (from its header) or a JPEG (from its frame), else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data.startswith(b"\xff\xd8"):
        index = 2
        while index + 9 < len(data) and data[index] == 0xFF:
            marker, length = data[index + 1], int.from_bytes(data[index + 2 : index + 4], "big")
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height = int.from_bytes(data[index + 5 : index + 7], "big")
                return int.from_bytes(data[index + 7 : index + 9], "big"), height
            index += 2 + length
    return None


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class SpecValidator:
    """Checks method parameters and objects against the Bot API spec, recursively.

    What it reads from the spec per method and per type (fields by name, required names, the
    discriminator a type's ``type`` field must have) it works out once and keeps."""

    def __init__(self, spec: dict[str, Any] = SPEC) -> None:
        self.methods = {name.lower(): method for name, method in spec["methods"].items()}
        self.types: dict[str, Any] = spec["types"]
        self._method_fields: dict[str, dict[str, Any]] = {}
        self._type_fields: dict[str, dict[str, Any]] = {}
        self._shapes: dict[str, tuple[frozenset[str], frozenset[str]] | None] = {}
        self._discriminators: dict[str, list[tuple[str, str]]] = {}

    def method(self, name: str) -> dict[str, Any]:
        if name.lower() not in self.methods:
            raise bad(f"method {name!r} not found")
        return self.methods[name.lower()]

    def params(self, method: str, typed: dict[str, Any], form: dict[str, str]) -> dict[str, Any]:
        """Validated parameters: ``typed`` from a JSON body, ``form`` as strings from a form."""
        fields = self._method_fields.get(method)
        if fields is None:
            fields = {f["name"]: f for f in self.method(method).get("fields", [])}
            self._method_fields[method] = fields
        values = {**{k: self.from_form(v, fields, k) for k, v in form.items()}, **typed}
        return self.fields(values, fields, "")

    def from_form(self, raw: str, fields: dict[str, Any], name: str) -> Any:
        if name not in fields:
            return raw
        for kind in fields[name]["types"]:
            if kind == "Integer" and re.fullmatch(r"-?\d+", raw):
                return int(raw)
            if kind == "Float" and re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", raw):
                return float(raw)
            if kind in ("Boolean", "True") and raw in ("true", "false", "True", "False", "1", "0"):
                return raw in ("true", "True", "1")
            if kind in ("String", "InputFile"):
                return raw
            if kind.startswith("Array of ") or kind in self.types:
                with contextlib.suppress(ValueError):
                    return json.loads(raw)
        raise bad(f"can't parse parameter {name!r} as {' or '.join(fields[name]['types'])}")

    def fields(self, value: dict[str, Any], fields: dict[str, Any], path: str) -> dict[str, Any]:
        for name in value:
            if name not in fields:
                raise bad(f"unknown field {path}{name}")
        for name, field in fields.items():
            if field["required"] and value.get(name) is None:
                raise bad(f"required field {path}{name} is missing")
        return {
            name: self.value(item, fields[name]["types"], f"{path}{name}")
            for name, item in value.items()
        }

    def value(self, value: Any, kinds: list[str], path: str) -> Any:
        shaped = [kind for kind in kinds if self._shaped_like(value, kind)]
        if len(shaped) == 1:
            kinds = shaped  # e.g. reply_markup: report why *this* keyboard is wrong
        errors: list[ApiError] = []
        for kind in kinds:
            try:
                return self.one(value, kind, path)
            except ApiError as error:
                errors.append(error)
        if len(errors) == 1:
            raise errors[0]
        reason = errors[0].description.removeprefix("Bad Request: ")
        raise bad(f"{path} matches none of {', '.join(kinds)}: {reason}")

    def _shaped_like(self, value: Any, kind: str) -> bool:
        """Whether ``value`` has the top-level keys of object type ``kind``."""
        if not isinstance(value, dict):
            return False
        if kind not in self._shapes:
            fields = self.types.get(kind, {}).get("fields")
            self._shapes[kind] = (
                None
                if fields is None
                else (
                    frozenset(field["name"] for field in fields),
                    frozenset(field["name"] for field in fields if field["required"]),
                )
            )
        shape = self._shapes[kind]
        if shape is None:
            return False
        names, required = shape
        return names.issuperset(value) and required.issubset(value)

    def one(self, value: Any, kind: str, path: str) -> Any:
        if kind.startswith("Array of "):
            if not isinstance(value, list):
                raise bad(f"{path} must be an Array")
            return [self.one(item, kind[9:], f"{path}[{i}]") for i, item in enumerate(value)]
        scalar_ok = {
            "Integer": isinstance(value, int) and not isinstance(value, bool),
            "Float": isinstance(value, int | float) and not isinstance(value, bool),
            "Boolean": isinstance(value, bool),
            "True": value is True,
            "String": isinstance(value, str),
            "InputFile": isinstance(value, str | bytes | Upload),
        }
        if kind in scalar_ok:
            if not scalar_ok[kind]:
                raise bad(f"{path} must be of type {kind}, got {type(value).__name__}")
            return value
        return self.object(value, kind, path)

    def object(self, value: Any, kind: str, path: str) -> dict[str, Any]:
        spec = self.types.get(kind)
        if spec is None:
            raise bad(f"{path}: unknown type {kind}")
        if spec.get("subtypes"):
            return self.value(value, spec["subtypes"], path)
        if not isinstance(value, dict):
            raise bad(f"{path} must be a {kind} object")
        fields = self._type_fields.get(kind)
        if fields is None:
            fields = self._type_fields[kind] = {f["name"]: f for f in spec.get("fields", [])}
            self._discriminators[kind] = [
                (name, found.group(1))
                for name in ("type", "status", "source")
                if name in fields and (found := _DISCRIMINATOR.search(fields[name]["description"]))
            ]
        for name, expected in self._discriminators[kind]:
            if value.get(name) != expected:
                raise bad(f"{path}.{name} must be {expected!r} for {kind}")
        checked = self.fields(value, fields, f"{path}." if path else "")
        RULES.get(kind, lambda _v, _p: None)(checked, path)
        return checked


def _inline_button(button: dict[str, Any], path: str) -> None:
    actions = _BUTTON_ACTIONS & set(button)
    if len(actions) != 1:
        raise bad(
            f"{path}: an InlineKeyboardButton needs exactly one action, got {sorted(actions)}"
        )
    data = button.get("callback_data")
    if data is not None and not 1 <= len(data.encode("utf-8")) <= 64:
        raise bad(f"BUTTON_DATA_INVALID ({path}.callback_data must be 1-64 bytes)")
    url = button.get("url")
    if url is not None and not re.match(r"(https?://[^\s/]+|tg://)\S*$", url, re.IGNORECASE):
        raise bad(f"BUTTON_URL_INVALID ({path}.url must be an http(s) or tg:// URL)")
    if not button.get("text"):
        raise bad(f"{path}.text must not be empty")


MAX_INLINE_BUTTONS, MAX_INLINE_ROW = 100, 8


def _inline_keyboard(markup: dict[str, Any], path: str) -> None:
    rows = markup["inline_keyboard"]
    if sum(len(row) for row in rows) > MAX_INLINE_BUTTONS:
        raise bad(f"BUTTONS_TOO_MUCH ({path}: more than {MAX_INLINE_BUTTONS} buttons)")
    if any(len(row) > MAX_INLINE_ROW for row in rows):
        raise bad(f"BUTTONS_TOO_MUCH ({path}: a row of more than {MAX_INLINE_ROW} buttons)")


def _bot_command(command: dict[str, Any], path: str) -> None:
    if not re.fullmatch(r"[a-z0-9_]{1,32}", command["command"]):
        raise bad(f"BOT_COMMAND_INVALID ({path}.command {command['command']!r})")
    if not 1 <= len(command["description"].strip()) <= 256:
        raise bad(f"command description must be 1-256 characters ({path}.description)")


RULES = {
    "InlineKeyboardButton": _inline_button,
    "InlineKeyboardMarkup": _inline_keyboard,
    "BotCommand": _bot_command,
}


def _check_text(text: str, name: str = "text") -> None:
    if not text.strip():
        raise bad(f"message {name} is empty")
    if utf16_length(text) > 4096:
        raise bad(f"message is too long ({utf16_length(text)} > 4096)")


@dataclass(frozen=True)
class Upload:
    """A file uploaded in a multipart request (sendDocument's ``document``)."""

    filename: str
    content_type: str
    data: bytes


@dataclass
class Call:
    """One accepted (or rejected) API call with its decoded parameters."""

    method: str
    params: dict[str, Any]
    error: str | None = None
    at: float = 0.0  # time.monotonic() when it was accepted


class FakeTelegramAPI:
    """The fake server. ``async with FakeTelegramAPI() as api:`` then point PTB at ``api.root``."""

    def __init__(self, token: str = TOKEN, flood: FloodLimits | None = None) -> None:
        self.token, self.bot = token, dict(BOT_USER)
        self.flood = FloodControl(flood or FloodLimits())
        self.faults = Faults()
        self.validator = SpecValidator()
        self.calls: list[Call] = []
        self.rejected: list[Call] = []
        self.updates: list[dict[str, Any]] = []
        self.webhook: dict[str, Any] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.chats: dict[int, dict[str, Any]] = {}
        self.blocked: set[int] = set()
        self.issued_queries: set[str] = set()
        self.answered_queries: list[str] = []
        self.documents: list[Upload] = []
        self.photos: list[Upload] = []
        self._failures: dict[str, list[tuple[int, int | None]]] = {}
        self._chat_failures: dict[int, list[int]] = {}
        self._ids = itertools.count(1)
        self._update_ids = itertools.count(700_000_001)
        self._arrived = asyncio.Event()
        self.attempts = Attempts()
        self._listener: Listener | None = None
        self.root = ""

    async def __aenter__(self) -> FakeTelegramAPI:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._endpoint)
        # ``{root}/{sender}`` as a client's API URL: its attempts are noted with ``sender``
        # (to tell apart two bots sharing the fake, see :meth:`root_for`)
        app.router.add_route("*", "/{sender}/bot{token}/{method}", self._endpoint)
        self._listener = Listener(app)
        port = await self._listener.start()
        self.root = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.faults.black_hole = False
        if self._listener is not None:
            await self._listener.close()

    def root_for(self, sender: str) -> str:
        """An API URL for one client: its message attempts are noted with ``sender``."""
        return f"{self.root}/{sender}"

    async def refuse_connections(self) -> None:
        """Close the listening socket (connects get ECONNREFUSED) and reset open connections."""
        assert self._listener is not None
        await self._listener.refuse()

    async def accept_connections(self) -> None:
        """Listen again, on the same port (``root`` is unchanged)."""
        assert self._listener is not None
        await self._listener.accept()

    # ---- injected failures -------------------------------------------------------------------
    def fail_next(
        self, method: str, times: int = 1, status: int = 429, retry_after: int = 1
    ) -> None:
        """The next ``times`` valid calls of ``method`` answer ``status`` (429 with retry_after)."""
        queue = self._failures.setdefault(method.lower(), [])
        queue.extend([(status, retry_after if status == 429 else None)] * times)

    def fail_chat(self, chat_id: int, times: int = 1, status: int = 500) -> None:
        """The next ``times`` messages to ``chat_id`` answer ``status`` (others go through)."""
        self._chat_failures.setdefault(chat_id, []).extend([status] * times)

    def block(self, chat_id: int) -> None:
        """The user of ``chat_id`` blocked the bot: sends to it answer 403."""
        self.blocked.add(chat_id)

    # ---- HTTP --------------------------------------------------------------------------------
    async def _endpoint(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        _SENDER.set(request.match_info.get("sender", ""))
        if self.faults.black_hole:
            await self._into_black_hole(request, method)
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, "Unauthorized").body(), status=401)
        params: dict[str, Any] = {}
        try:
            typed, form = await self._read(request)
            params = {**form, **typed}
            params = self.validator.params(method, typed, form)
            result, held = await self._call(method, params)
        except ApiError as error:
            self.rejected.append(Call(method, params, error.description))
            self._note(method, params, error.outcome)
            return web.json_response(error.body(), status=error.code)
        except BadGateway:
            self._note(method, params, "refused_5xx")
            return web.Response(status=502, text=BAD_GATEWAY_PAGE, content_type="text/html")
        except Hang:
            self._note(method, params, "lost_unanswered")
            await hold(request, self.faults.hang_seconds)
            drop(request)
        if held is not None and not await hold(request, self.faults.hang_seconds):
            drop(request)
        if held is not None:
            self.attempts.settle(held, "delivered_late")
        return web.json_response({"ok": True, "result": result})

    def _note(self, method: str, params: dict[str, Any], outcome: str) -> int | None:
        if not counts_as_message(method) or params.get("chat_id") is None:
            return None
        text = params.get("text") or params.get("caption") or ""
        return self.attempts.note(_int(params["chat_id"]), outcome, str(text), _SENDER.get())

    async def _into_black_hole(self, request: web.Request, method: str) -> None:
        """Hold ``request`` unanswered while the black hole lasts, then close its connection."""
        self.faults.injected["black_hole"] += 1
        with contextlib.suppress(Exception):
            typed, form = await self._read(request)
            self._note(method, {**form, **typed}, "black_hole")
        await self.faults.hold_while_black_hole()
        drop(request)

    async def _read(self, request: web.Request) -> tuple[dict[str, Any], dict[str, str]]:
        form: dict[str, str] = dict(request.query)
        if not request.body_exists:
            return {}, form
        if request.content_type == "application/json":
            body = await request.json()
            if not isinstance(body, dict):
                raise bad("request body must be a JSON object")
            return body, form
        if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            files: dict[str, Any] = {}
            for name, value in (await request.post()).items():
                if isinstance(value, str):
                    form[name] = value
                else:  # an uploaded file: kept as it came, the InputFile the spec allows
                    files[name] = Upload(value.filename, value.content_type, value.file.read())
            return files, form
        raise bad(f"unsupported Content-Type {request.content_type}")

    async def _call(self, method: str, params: dict[str, Any]) -> tuple[Any, int | None]:
        """The result, and the attempt's index when its answer is to be held."""
        name = self.validator.method(method)["name"]
        if self.faults.down:
            self.faults.injected["down"] += 1
            raise BadGateway()
        message = counts_as_message(name)
        fault = self.faults.draw() if message else None
        if fault == "429":
            raise ApiError(429, "Too Many Requests: retry after 1", 1)
        if fault == "5xx":
            raise BadGateway()
        if fault == "hang_lost":
            raise Hang()
        queue = self._failures.get(name.lower())
        if queue:
            status, retry_after = queue.pop(0)
            text = (
                f"Too Many Requests: retry after {retry_after}"
                if status == 429
                else HTTPStatus(status).phrase
            )
            raise ApiError(status, text, retry_after)
        handler = getattr(self, f"_m_{name}", None)
        if handler is None:
            raise bad(f"the fake server does not implement {name}")
        chat_failures = self._chat_failures.get(_int(params.get("chat_id"))) if message else None
        if chat_failures:
            status = chat_failures.pop(0)
            raise ApiError(status, HTTPStatus(status).phrase)
        if message and "chat_id" in params:
            wait = self.flood.admit(params["chat_id"], bool(params.get("allow_paid_broadcast")))
            if wait > 0:
                seconds = flood.retry_after(wait)
                raise ApiError(
                    429, f"Too Many Requests: retry after {seconds}", seconds, "refused_flood"
                )
        result = await handler(params)
        self.calls.append(Call(name, params, at=time.monotonic()))
        held = fault == "hang_delivered"
        noted = self._note(name, params, "delivered_unanswered" if held else "delivered")
        if fault == "slow":
            await asyncio.sleep(self.faults.slow_delay())  # the fault injected: a slow answer
        return result, noted if held else None

    def _chat(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = params["chat_id"]
        chat_id = (
            int(chat_id) if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit() else chat_id
        )
        if chat_id not in self.chats:
            raise bad("chat not found")
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return self.chats[chat_id]

    # ---- methods -----------------------------------------------------------------------------
    async def _m_getMe(self, _: dict[str, Any]) -> dict[str, Any]:
        return {
            **self.bot,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _m_getUpdates(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook.get("url"):
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active;"
                " use deleteWebhook to delete the webhook first",
            )
        if p.get("offset"):
            self.updates = [u for u in self.updates if u["update_id"] >= p["offset"]]
        loop = asyncio.get_running_loop()
        deadline = loop.time() + min(p.get("timeout", 0), 50)
        while not self.updates and loop.time() < deadline:
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), deadline - loop.time())
        return self.updates[: p.get("limit", 100)]

    async def _m_setWebhook(self, p: dict[str, Any]) -> bool:
        if p["url"] and not re.match(r"https?://[^\s/]+", p["url"]):
            raise bad("bad webhook: an HTTP(S) URL must be provided for webhook")
        secret = p.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise bad("secret token contains unallowed characters")
        self.webhook = {
            "url": p["url"],
            "secret": secret,
            "allowed_updates": p.get("allowed_updates"),
        }
        return True

    async def _m_deleteWebhook(self, p: dict[str, Any]) -> bool:
        self.webhook = {}
        if p.get("drop_pending_updates"):
            self.updates.clear()
        return True

    async def _m_getWebhookInfo(self, _: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": 0 if self.webhook.get("url") else len(self.updates),
        }

    async def _m_sendMessage(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(p)
        _check_text(p["text"])
        if p.get("parse_mode") not in (None, "MarkdownV2", "HTML", "Markdown"):
            raise bad("unsupported parse_mode")
        message = {
            "message_id": next(self._ids),
            "from": self.bot,
            "chat": chat,
            "date": int(time.time()),
            "text": p["text"],
        }
        if p.get("reply_markup", {}).get("inline_keyboard"):
            message["reply_markup"] = p["reply_markup"]
        self.messages[(chat["id"], message["message_id"])] = message
        return message

    async def _m_sendDocument(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(p)
        document = p["document"]
        if isinstance(document, str):
            raise bad("wrong remote file identifier specified: the fake takes uploads only")
        if not isinstance(document, Upload) or not document.data:
            raise bad("file must be non-empty")
        if len(document.data) > 50 * 1024 * 1024:
            raise ApiError(413, "Request Entity Too Large")
        caption = p.get("caption")
        if caption is not None and utf16_length(caption) > 1024:
            raise bad("message caption is too long")
        file_id = f"BQACAgIAAxkBAAI{next(self._ids)}"
        message = {
            "message_id": next(self._ids),
            "from": self.bot,
            "chat": chat,
            "date": int(time.time()),
            "document": {
                "file_id": file_id,
                "file_unique_id": file_id[-8:],
                "file_name": p.get("filename") or document.filename,
                "mime_type": document.content_type,
                "file_size": len(document.data),
            },
        }
        if caption:
            message["caption"] = caption
        if p.get("reply_markup", {}).get("inline_keyboard"):
            message["reply_markup"] = p["reply_markup"]
        self.messages[(chat["id"], message["message_id"])] = message
        self.documents.append(document)
        return message

    async def _m_sendPhoto(self, p: dict[str, Any]) -> dict[str, Any]:
        """A photo upload, checked as Telegram does: a real PNG or JPEG, at most 10 MB, width
        and height at most 10000 together and a ratio at most 20, a caption of 1024 at most."""
        chat = self._chat(p)
        photo = p["photo"]
        if isinstance(photo, str):
            raise bad("wrong remote file identifier specified: the fake takes uploads only")
        if not isinstance(photo, Upload) or not photo.data:
            raise bad("file must be non-empty")
        if len(photo.data) > 10 * 1024 * 1024:
            raise bad("PHOTO_SAVE_FILE_INVALID")
        size = picture_size(photo.data)
        if size is None:
            raise bad("IMAGE_PROCESS_FAILED")
        width, height = size
        if width + height > 10000 or max(width, height) > 20 * min(width, height):
            raise bad("PHOTO_INVALID_DIMENSIONS")
        caption = p.get("caption")
        if caption is not None and utf16_length(caption) > 1024:
            raise bad("message caption is too long")
        file_id = f"AgACAgIAAxkBAAI{next(self._ids)}"
        message = {
            "message_id": next(self._ids),
            "from": self.bot,
            "chat": chat,
            "date": int(time.time()),
            "photo": [
                {
                    "file_id": file_id,
                    "file_unique_id": file_id[-8:],
                    "width": width,
                    "height": height,
                    "file_size": len(photo.data),
                }
            ],
        }
        if caption:
            message["caption"] = caption
        if p.get("reply_markup", {}).get("inline_keyboard"):
            message["reply_markup"] = p["reply_markup"]
        self.messages[(chat["id"], message["message_id"])] = message
        self.photos.append(photo)
        return message

    async def _edited(self, p: dict[str, Any], **change: Any) -> dict[str, Any]:
        chat = self._chat(p)
        message = self.messages.get((chat["id"], p.get("message_id", -1)))
        if message is None:
            raise bad("message to edit not found")
        updated = {k: v for k, v in {**message, **change}.items() if v is not None}
        if updated == message:
            raise bad(
                "message is not modified: specified new message content and reply markup "
                "are exactly the same as a current content and reply markup of the message"
            )
        self.messages[(chat["id"], message["message_id"])] = updated
        return updated

    async def _m_editMessageText(self, p: dict[str, Any]) -> dict[str, Any]:
        _check_text(p["text"])
        return await self._edited(p, text=p["text"], reply_markup=p.get("reply_markup"))

    async def _m_editMessageReplyMarkup(self, p: dict[str, Any]) -> dict[str, Any]:
        return await self._edited(p, reply_markup=p.get("reply_markup"))

    async def _m_answerCallbackQuery(self, p: dict[str, Any]) -> bool:
        query_id = p["callback_query_id"]
        if query_id not in self.issued_queries or query_id in self.answered_queries:
            raise bad("query is too old and response timeout expired or query ID is invalid")
        if len(p.get("text") or "") > 200:
            raise bad("answer text is longer than 200 characters")
        self.answered_queries.append(query_id)
        return True

    async def _m_setMyCommands(self, p: dict[str, Any]) -> bool:
        if len(p["commands"]) > 100:
            raise bad("too many commands")
        language = p.get("language_code", "")
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise bad("invalid language code specified")
        self.commands[(p.get("scope", {}).get("type", "default"), language)] = p["commands"]
        return True

    async def _m_getMyCommands(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        scope = p.get("scope", {}).get("type", "default")
        return self.commands.get((scope, p.get("language_code", "")), [])

    async def _m_sendChatAction(self, p: dict[str, Any]) -> bool:
        self._chat(p)
        if p["action"] not in _CHAT_ACTIONS:
            raise bad("wrong parameter action in request")
        return True

    async def _m_close(self, _: dict[str, Any]) -> bool:
        return True

    async def _m_logOut(self, _: dict[str, Any]) -> bool:
        return True

    # ---- updates -----------------------------------------------------------------------------
    def user(self, user_id: int, language_code: str | None = "en") -> dict[str, Any]:
        user = {"id": user_id, "is_bot": False, "first_name": "Arta", "last_name": "Krasniqi"}
        return {**user, "language_code": language_code} if language_code else user

    def chat(self, chat_id: int, chat_type: str = "private") -> dict[str, Any]:
        if chat_type == "private":
            chat = {"id": chat_id, "type": "private", "first_name": "Arta", "last_name": "Krasniqi"}
        else:
            chat = {"id": chat_id, "type": chat_type, "title": "Familja Krasniqi"}
        self.chats[chat_id] = chat
        return chat

    def _message(
        self,
        chat_id: int,
        chat_type: str,
        user_id: int | None,
        language_code: str | None,
        **content: Any,
    ) -> dict[str, Any]:
        sender = self.user(user_id or abs(chat_id), language_code)
        return {
            "message_id": next(self._ids),
            "from": sender,
            "chat": self.chat(chat_id, chat_type),
            "date": int(time.time()),
            **content,
        }

    def _update(self, **content: Any) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), **content}
        self.validator.object(update, "Update", "")
        return update

    def message_update(
        self,
        chat_id: int,
        text: str,
        *,
        chat_type: str = "private",
        user_id: int | None = None,
        language_code: str | None = "en",
    ) -> dict[str, Any]:
        """A text message; a leading ``/command`` gets a ``bot_command`` entity, as in Telegram."""
        content: dict[str, Any] = {"text": text}
        command = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
        if command:
            length = utf16_length(command.group(0))
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return self._update(
            message=self._message(chat_id, chat_type, user_id, language_code, **content)
        )

    def contact_update(
        self, chat_id: int, phone: str, *, language_code: str | None = "en"
    ) -> dict[str, Any]:
        """What the request_contact button sends: the user's own contact (Telegram gives the
        number without its ``+``)."""
        sender = self.user(abs(chat_id), language_code)
        contact = {
            "phone_number": phone,
            "first_name": sender["first_name"],
            "user_id": sender["id"],
        }
        message = self._message(chat_id, "private", None, language_code, contact=contact)
        return self._update(message=message)

    def media_update(
        self, chat_id: int, kind: str, *, edited: bool = False, language_code: str | None = "en"
    ) -> dict[str, Any]:
        """A sticker, photo, voice (``kind``) or, with ``kind="text"``, an edited text message."""
        file = {"file_id": f"AgAD{next(self._ids)}", "file_unique_id": f"AQAD{next(self._ids)}"}
        content = {
            "sticker": {
                "sticker": {
                    **file,
                    "type": "regular",
                    "width": 512,
                    "height": 512,
                    "is_animated": False,
                    "is_video": False,
                    "emoji": "👍",
                }
            },
            "photo": {"photo": [{**file, "width": 90, "height": 90, "file_size": 1290}]},
            "voice": {"voice": {**file, "duration": 3, "mime_type": "audio/ogg"}},
            "text": {"text": "Pershendetje", "edit_date": int(time.time())},
        }[kind]
        message = self._message(chat_id, "private", None, language_code, **content)
        return self._update(**{"edited_message" if edited else "message": message})

    def callback_update(
        self,
        chat_id: int,
        data: str,
        *,
        message_id: int | None = None,
        language_code: str | None = "en",
    ) -> dict[str, Any]:
        """A press on an inline button of the bot's last message in ``chat_id``."""
        ours = [m for (c, _), m in self.messages.items() if c == chat_id]
        if message_id is not None:
            ours = [m for m in ours if m["message_id"] == message_id]
        message = (
            ours[-1]
            if ours
            else {
                "message_id": next(self._ids),
                "from": self.bot,
                "chat": self.chat(chat_id),
                "date": int(time.time()),
                "text": "...",
            }
        )
        query_id = str(4_000_000_000_000 + next(self._ids))
        self.issued_queries.add(query_id)
        query = {
            "id": query_id,
            "from": self.user(abs(chat_id), language_code),
            "message": message,
            "chat_instance": "-7101234567890123456",
            "data": data,
        }
        return self._update(callback_query=query)

    def enqueue(self, update: dict[str, Any]) -> dict[str, Any]:
        """Make ``update`` available to getUpdates."""
        self.updates.append(update)
        self._arrived.set()
        return update

    async def deliver(
        self, update: dict[str, Any], secret: str | None = None, url: str | None = None
    ) -> int:
        """POST ``update`` to the webhook like Telegram does; returns the HTTP status."""
        target = url or self.webhook.get("url")
        assert target, "no webhook set"
        header = self.webhook.get("secret") if secret is None else secret
        headers = {"X-Telegram-Bot-Api-Secret-Token": header} if header else {}
        async with (
            aiohttp.ClientSession() as session,
            session.post(target, json=update, headers=headers) as response,
        ):
            return response.status

    # ---- assertions helpers ------------------------------------------------------------------
    def sent(self, chat_id: int | None = None, method: str = "sendMessage") -> list[dict[str, Any]]:
        return [
            c.params
            for c in self.calls
            if c.method == method
            and (chat_id is None or int(c.params.get("chat_id", 0)) == chat_id)
        ]

    def sent_ids(self, chat_id: int) -> list[int]:
        """The ids of the messages the bot sent to ``chat_id``, oldest first."""
        return [message_id for (chat, message_id) in self.messages if chat == chat_id]

    def replies(self, chat_id: int) -> list[dict[str, Any]]:
        """What the bot showed ``chat_id``, in order: messages sent and messages edited."""
        return [
            c.params
            for c in self.calls
            if c.method in ("sendMessage", "editMessageText")
            and int(c.params.get("chat_id", 0)) == chat_id
        ]

    async def wait_for(
        self,
        count: int,
        chat_id: int | None = None,
        method: str = "sendMessage",
        timeout: float = 10.0,
    ) -> list[dict[str, Any]]:
        """Wait until at least ``count`` accepted calls of ``method`` (to ``chat_id``) happened."""
        await wait_until(
            lambda: len(self.sent(chat_id, method)) >= count,
            timeout=timeout,
            what=lambda: (
                f"{count} {method} calls, got {self.sent(chat_id, method)}; "
                f"rejected: {self.rejected}"
            ),
        )
        return self.sent(chat_id, method)
