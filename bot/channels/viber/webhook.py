"""``POST /webhooks/viber``: verifies, parses and dispatches Viber callbacks.

The ``X-Viber-Content-Signature`` header (hex HMAC-SHA256 of the raw body keyed with the
token) is checked in constant time before anything is parsed; a wrong or missing signature
gets 403 and changes nothing. A signed body that is not a JSON object with an ``event`` gets
400. Everything else gets 200: unknown events and callbacks missing fields are ignored, and a
failing send is logged, because Viber repeats any callback that did not get 200 and a repeated
message would be dropped as a duplicate anyway. Messages and ``conversation_started`` go
through the inbound pipeline (:class:`bot.channels.inbound.Inbound`): handled once per
message token, one at a time per user, and answered with an apology when the conversation fails.

``conversation_started`` (the user opened the chat, maybe through a deep link carrying a
``context``) is answered with the welcome message in the HTTP response body, the only message
Viber lets a bot send to a user who has not subscribed. Viber allows one welcome message, so
all replies are merged into it. When the callback says the user is already subscribed, the
replies are sent with send_message instead, like any other reply.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Sequence
from typing import Any

from aiohttp import web

from bot.channels.inbound import Inbound, Send
from bot.channels.protocol import ChatLifecycle
from bot.channels.viber.callback_check import problem_of
from bot.channels.viber.incoming import (
    CHANNEL,
    conversation_started_to_incoming,
    message_to_incoming,
    parse_callback,
)
from bot.channels.viber.outgoing import encode_body, render_welcome
from bot.channels.viber.sender import ViberSender
from bot.web.request_body import BodyTooLarge, UnsafeJson, parse_json, read_body
from handlers.messages import IncomingMessage, OutgoingMessage
from services.quiet_log import QuietLog

log = logging.getLogger(__name__)
_REFUSED = QuietLog(log)

SIGNATURE_HEADER = "X-Viber-Content-Signature"
PATH = "/webhooks/viber"
RECEIPT_EVENTS = frozenset({"delivered", "seen", "failed"})
MAX_CALLBACK = 256 * 1024


def sign(token: str, body: bytes) -> str:
    """The signature Viber puts on ``body``: hex HMAC-SHA256 keyed with the bot token."""
    return hmac.new(token.encode("utf-8"), body, hashlib.sha256).hexdigest()


def signature_ok(token: str, body: bytes, signature: str | None) -> bool:
    """Constant-time check of a callback signature; ``False`` when it is missing."""
    if not signature:
        return False
    return hmac.compare_digest(
        sign(token, body).encode("ascii"), signature.strip().encode("utf-8", "replace")
    )


class ViberWebhook:
    """The aiohttp handler for Viber callbacks, given the ``inbound`` pipeline."""

    def __init__(
        self, token: str, inbound: Inbound, lifecycle: ChatLifecycle, sender: ViberSender
    ) -> None:
        self._token = token
        self._inbound = inbound
        self._lifecycle = lifecycle
        self._sender = sender

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """Answer one callback (the aiohttp handler)."""
        try:
            raw = await read_body(request, MAX_CALLBACK)
        except BodyTooLarge as error:
            return _bad_request(str(error), "body", status=413)
        if not signature_ok(self._token, raw, request.headers.get(SIGNATURE_HEADER)):
            _REFUSED.failure("signature", "viber callback with a wrong or missing signature")
            return web.json_response({"error": "invalid signature"}, status=403)
        try:
            body = parse_json(raw)
        except UnsafeJson as error:
            return _bad_request(f"body is not valid JSON: {error}", error.field)
        if not isinstance(body, dict):
            return _bad_request("body must be a JSON object", "body")
        event = body.get("event")
        if not isinstance(event, str) or not event or len(event) > 64:
            return _bad_request("missing or invalid field 'event'", field="event")
        problem = problem_of(event, body)
        if problem is not None:
            return _bad_request(problem[1], problem[0])
        return await self.dispatch(event, body)

    async def dispatch(self, event: str, body: dict[str, Any]) -> web.StreamResponse:
        """Act on one verified callback."""
        if event == "message":
            await self._on_message(body)
        elif event == "conversation_started":
            return await self._on_conversation_started(body)
        elif event == "subscribed":
            user = body.get("user")
            user_id = user.get("id") if isinstance(user, dict) else None
            if isinstance(user_id, str) and user_id:
                await self._lifecycle.mark_active(CHANNEL, user_id)
        elif event == "unsubscribed":
            if _is_id(body.get("user_id")):
                await self._lifecycle.mark_inactive(CHANNEL, body["user_id"], "unsubscribed")
        elif event in RECEIPT_EVENTS:
            await self._on_receipt(event, body)
        elif event != "webhook":
            log.info("viber event %r ignored", event)
        return web.Response(status=200)

    async def _on_message(self, body: dict[str, Any]) -> None:
        request = parse_callback(body)
        incoming = message_to_incoming(request) if request is not None else None
        if incoming is None:
            return
        await self._lifecycle.mark_active(CHANNEL, incoming.chat_id)
        await self._inbound.receive(
            incoming, key=_key("msg", incoming), send=self._sending_to(incoming.chat_id)
        )

    async def _on_conversation_started(self, body: dict[str, Any]) -> web.StreamResponse:
        request = parse_callback(body)
        incoming = conversation_started_to_incoming(request) if request is not None else None
        if incoming is None:
            return web.Response(status=200)
        key = _key("conv", incoming)
        if body.get("subscribed") is True:
            await self._lifecycle.mark_active(CHANNEL, incoming.chat_id)
            await self._inbound.receive(incoming, key=key, send=self._sending_to(incoming.chat_id))
            return web.Response(status=200)
        replies = await self._inbound.receive(incoming, key=key)
        welcome = render_welcome(replies, sender=self._sender.profile) if replies else None
        if welcome is None:
            return web.Response(status=200)
        return web.Response(
            body=encode_body(welcome), content_type="application/json", charset="utf-8"
        )

    async def _on_receipt(self, event: str, body: dict[str, Any]) -> None:
        user_id, token = body.get("user_id"), body.get("message_token")
        if not isinstance(user_id, str) or not user_id or token is None:
            return
        if event == "failed":
            log.info("viber message %s failed: %s", token, body.get("desc"))
        await self._lifecycle.record_status(CHANNEL, user_id, str(token), event)

    def _sending_to(self, chat_id: str) -> Send:
        async def send(replies: Sequence[OutgoingMessage]) -> None:
            await self._sender.send_replies(chat_id, replies)

        return send


def _key(kind: str, incoming: IncomingMessage) -> str | None:
    """The dedup key of a callback: its kind and Viber's message token."""
    return f"{kind}:{incoming.message_id}" if incoming.message_id else None


def _is_id(value: object) -> bool:
    return isinstance(value, str) and bool(value)


def _bad_request(message: str, field: str | None = None, status: int = 400) -> web.Response:
    """A signed callback we cannot take: logged (one line a minute at most), ``status``."""
    _REFUSED.failure("bad", "viber callback refused (%d): %s", status, message)
    error: dict[str, str] = {"error": message}
    if field:
        error["field"] = field
    return web.json_response(error, status=status)
