"""OpenAPI description of ``POST /api/v1/events`` (the account backend's events), merged into
the document served at ``/api/v1/openapi.json``
(:func:`bot.staff_web.openapi.document.openapi_document`). The events' schemas are built from
the event types' declared fields (:mod:`services.alerts.event_types.openapi`); the path, its
answers and its signature are here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.web.events_api import EVENTS_PATH, MAX_BODY, SIGNATURE_HEADER
from services.alerts.event_types import openapi as event_types_openapi

SECURITY_SCHEME = "eventsSignature"
EVENT_SCHEMAS = event_types_openapi.schemas()  # one per event type, from its declared fields
SCHEMAS: dict[str, Any] = {
    **EVENT_SCHEMAS,
    "EventResult": {
        "type": "object",
        "required": ["id", "status", "recipients"],
        "properties": {
            "id": {"type": "string"},
            "status": {"type": "string", "enum": ["applied", "duplicate", "ignored", "recorded"]},
            "recipients": {"type": "integer", "minimum": 0},
        },
    },
}
EVENT_NAMES = list(EVENT_SCHEMAS)
SECURITY_SCHEMES = {
    SECURITY_SCHEME: {
        "type": "apiKey",
        "in": "header",
        "name": SIGNATURE_HEADER,
        "description": "sha256=<hex HMAC-SHA256 of the exact body bytes keyed with "
        "KESCO_EVENTS_SECRET>",
    }
}


def paths(
    op: Callable[..., dict[str, Any]],
    json: Callable[..., dict[str, Any]],
    ref: Callable[[str], dict[str, str]],
) -> dict[str, Any]:
    """The events path, built with the document's own helpers."""
    event = {
        "oneOf": [ref(name) for name in EVENT_NAMES],
        "discriminator": {"propertyName": "type"},
    }
    responses = {
        "200": json(ref("EventResult"), "accepted (also a duplicate of an event received before)"),
        "403": json(ref("Error"), f"{SIGNATURE_HEADER} does not match the body"),
        "413": json(ref("Error"), f"the body is larger than {MAX_BODY // 1024} KB"),
        "503": json(ref("Error"), "KESCO_EVENTS_SECRET is not set, or the database is away"),
    }
    operation = op(
        "An event of the account backend: a bill, a payment, an outage, planned works",
        responses,
        400,
        requestBody={"required": True, "content": {"application/json": {"schema": event}}},
        security=[{SECURITY_SCHEME: []}],
        tags=["events"],
        description=(
            f"The whole body (at most {MAX_BODY // 1024} KB) is read, then "
            f"`{SIGNATURE_HEADER}` is checked over it in constant time: missing 401, wrong 403, "
            "and nothing is stored. A malformed event gets 400 naming the first bad field."
        ),
    )
    return {EVENTS_PATH: {"post": operation}}
