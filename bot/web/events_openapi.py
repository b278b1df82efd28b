"""OpenAPI description of ``POST /api/v1/events`` (the account backend's events), merged into
the document served at ``/api/v1/openapi.json``
(:func:`bot.staff_web.openapi.document.openapi_document`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.web.events_api import EVENTS_PATH, MAX_BODY, SIGNATURE_HEADER
from services.alerts.events import MAX_ID, MAX_TEXT, TEXT_LANGUAGES
from services.areas import all_areas
from services.customer_codes import DISTRICTS, MAX_DIGITS, MIN_DIGITS

TIME = {"type": "string", "format": "date-time"}
ID = {"type": "string", "minLength": 1, "maxLength": MAX_ID,
      "pattern": "^[A-Za-z0-9][A-Za-z0-9._:/-]*$"}  # fmt: skip
TEXTS = {
    "type": "object",
    "minProperties": 1,
    "additionalProperties": False,
    "properties": {
        lang: {"type": "string", "minLength": 1, "maxLength": MAX_TEXT} for lang in TEXT_LANGUAGES
    },
    "description": "the text in Albanian (sq), English (en) and/or Serbian in Cyrillic (sr)",
}
CODE = {"type": "string", "description": "a KESCO customer code, e.g. DPR100001",
        "pattern": f"^({'|'.join(DISTRICTS)})[0-9]{{{MIN_DIGITS},{MAX_DIGITS}}}$"}  # fmt: skip
AMOUNT = {"type": "string", "pattern": "^[0-9]{1,9}(\\.[0-9]{1,2})?$", "example": "42.50"}
AREAS = {"type": "array", "minItems": 1, "items": {"type": "string", "enum": sorted(all_areas())},
         "description": "area ids of one district (services/data/areas.toml)"}  # fmt: skip
DISTRICT = {"type": "string", "enum": list(DISTRICTS)}
SECURITY_SCHEME = "eventsSignature"


def _event(kind: str, required: list[str], fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["id", "type", "occurred_at", *required],
        "properties": {
            "id": {**ID, "description": "unique; the idempotency key"},
            "type": {"type": "string", "enum": [kind]},
            "occurred_at": TIME,
            **fields,
        },
        "description": "unknown extra fields are ignored",
    }


SCHEMAS: dict[str, Any] = {
    "BillIssued": _event("bill.issued", ["customer_code", "amount", "currency", "period",
                                          "due_date"], {
        "customer_code": CODE, "amount": AMOUNT, "currency": {"type": "string", "enum": ["EUR"]},
        "period": {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"},
        "due_date": {"type": "string", "format": "date"}}),
    "PaymentReceived": _event("payment.received", ["customer_code", "amount", "currency"], {
        "customer_code": CODE, "amount": AMOUNT,
        "currency": {"type": "string", "enum": ["EUR"]}}),
    "OutageStarted": _event("outage.started", ["outage_id", "district", "areas", "started_at"], {
        "outage_id": ID, "district": DISTRICT, "areas": AREAS, "started_at": TIME,
        "estimated_restore_at": TIME, "reason": TEXTS}),
    "OutageUpdated": _event("outage.updated", ["outage_id"], {
        "outage_id": ID, "district": DISTRICT, "areas": AREAS, "estimated_restore_at": TIME,
        "reason": TEXTS}),
    "OutageRestored": _event("outage.restored", ["outage_id", "restored_at"], {
        "outage_id": ID, "restored_at": TIME}),
    "PlannedWorkScheduled": _event("planned_work.scheduled", ["work_id", "district", "areas",
                                                              "starts_at", "ends_at",
                                                              "description"], {
        "work_id": ID, "district": DISTRICT, "areas": AREAS, "starts_at": TIME, "ends_at": TIME,
        "description": TEXTS}),
    "PlannedWorkCancelled": _event("planned_work.cancelled", ["work_id"], {"work_id": ID}),
    "EventResult": {
        "type": "object",
        "required": ["id", "status", "recipients"],
        "properties": {
            "id": {"type": "string"},
            "status": {"type": "string", "enum": ["applied", "duplicate", "ignored", "recorded"]},
            "recipients": {"type": "integer", "minimum": 0},
        },
    },
}  # fmt: skip
EVENT_NAMES = [name for name in SCHEMAS if name != "EventResult"]
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
    event = {"oneOf": [ref(name) for name in EVENT_NAMES],
             "discriminator": {"propertyName": "type"}}  # fmt: skip
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
