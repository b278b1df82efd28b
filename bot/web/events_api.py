"""``POST /api/v1/events``: the account backend's events, signed with ``KESCO_EVENTS_SECRET``.

The whole body is read first, whatever its ``Content-Type`` (JSON, a form, text, none: nothing
parses it before the signature is checked; the web guard leaves this route's body alone), and
however it is sent (with a length or chunked), up to
:data:`MAX_BODY` bytes; a larger one gets 413. Then the signature (``X-Kesco-Signature:
sha256=<hex HMAC-SHA256 of the raw body>``) is checked in constant time over all of it: missing
401, wrong 403, and nothing is stored. Without a configured secret the endpoint answers 503. A
malformed event (not JSON, nested too deeply, NUL characters, a bad field) gets 400 with
``{"error": ..., "field": ...}``; an accepted one 200 with ``{"id", "status", "recipients"}``
as soon as it is stored: its fan-out runs afterwards (``recipients`` is then ``null``).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from aiohttp import web

from bot import metrics
from bot.web.request_body import BodyTooLarge, UnsafeJson, parse_json, read_body
from services.alerts import Deadlines, EventRejected, ingest_event
from services.alerts.events import EVENT_TYPES
from services.alerts.fast import backend_event_fast
from services.alerts.wakeups import Wakeups
from services.db import Database, DatabaseUnavailable

log = logging.getLogger(__name__)
EVENTS_PATH = "/api/v1/events"
SIGNATURE_HEADER = "X-Kesco-Signature"
MAX_BODY = 256 * 1024
Learner = Callable[[Mapping[str, Any]], Awaitable[object]]


def sign(secret: str, body: bytes) -> str:
    """The header value for ``body``: ``sha256=<hex>``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _error(status: int, error: str, field: str | None = None) -> web.Response:
    body = {"error": error} if field is None else {"error": error, "field": field}
    return web.json_response(body, status=status)


class EventsApi:
    """The events route, applying each event with :func:`services.alerts.ingest_event`."""

    def __init__(
        self,
        database: Database,
        secret: str | None,
        *,
        default_language: str = "sq",
        wakeups: Wakeups | None = None,
        paid_broadcast: str = "off",
        deadlines: Deadlines | None = None,
        learn: Learner | None = None,
    ) -> None:
        """``learn``: told each newly stored event (the embedded demo backend keeps the bills
        and payments it announced: :mod:`services.backend.demo_events`)."""
        self._database = database
        self._learn = learn
        self._secret = secret.encode() if secret else None
        self._default_language = default_language
        self._wakeups = wakeups or Wakeups()
        self._paid_broadcast = paid_broadcast
        self._deadlines = deadlines or Deadlines()

    def routes(self) -> list[web.RouteDef]:
        return [web.post(EVENTS_PATH, self.receive)]

    async def receive(self, request: web.Request) -> web.Response:
        if self._secret is None:
            return _error(503, "the events API is not configured (KESCO_EVENTS_SECRET)")
        try:
            body = await read_body(request, MAX_BODY)
        except BodyTooLarge:
            metrics.EVENTS_RECEIVED.labels("unknown", "too_large").inc()
            return _error(413, f"the event is larger than {MAX_BODY // 1024} KB", "body")
        given = request.headers.get(SIGNATURE_HEADER)
        if not given:
            metrics.EVENTS_RECEIVED.labels("unknown", "unauthenticated").inc()
            return _error(401, f"{SIGNATURE_HEADER} is missing")
        expected = "sha256=" + hmac.new(self._secret, body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(given.strip().encode(), expected.encode()):
            metrics.EVENTS_RECEIVED.labels("unknown", "forbidden").inc()
            return _error(403, f"{SIGNATURE_HEADER} does not match the body")
        try:
            event = parse_json(body)
        except UnsafeJson as error:
            metrics.EVENTS_RECEIVED.labels("unknown", "rejected").inc()
            return _error(400, str(error), error.field)
        kind = event.get("type") if isinstance(event, dict) else None
        kind = kind if kind in EVENT_TYPES else "unknown"
        try:
            result = await ingest_event(
                self._database,
                event,
                default_language=self._default_language,
                fast=backend_event_fast(self._paid_broadcast, kind),
                deadlines=self._deadlines,
                wait=False,
            )
        except EventRejected as error:
            metrics.EVENTS_RECEIVED.labels(kind, "rejected").inc()
            return _error(400, str(error), error.field)
        except DatabaseUnavailable:
            metrics.EVENTS_RECEIVED.labels(kind, "unavailable").inc()
            return _error(503, "the database is unavailable; send the event again later")
        metrics.EVENTS_RECEIVED.labels(kind, result.status).inc()
        if result.status == "applied":
            self._wakeups.fanouts.fire()
        if self._learn is not None and result.status != "duplicate":
            await self._learn(event)
        log.info("event %s (%s): %s", result.event_id, kind, result.status)
        return web.json_response(
            {"id": result.event_id, "status": result.status, "recipients": result.recipients}
        )
