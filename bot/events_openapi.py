"""OpenAPI description of the events API (``POST /api/v1/events``), merged into the document
served at ``/api/v1/openapi.json`` (see :func:`bot.staff.openapi.openapi_document`).

The schemas follow :mod:`services.alerts.events`: every event has ``id``, ``type`` and
``occurred_at``, and the fields of its type; unknown extra fields are ignored.
"""

from __future__ import annotations

from typing import Any

from locales import languages
from services.alerts.events import EVENT_TYPES, MAX_ID, MAX_TEXT
from services.customer_codes import DISTRICTS

TIME = {"type": "string", "format": "date-time", "example": "2026-11-20T10:00:00Z"}
CODE = {"type": "string", "example": "DPR100001",
        "description": "a KESCO customer code (district prefix and 5 to 10 digits)"}  # fmt: skip
AMOUNT = {"type": "string", "pattern": r"^\d{1,9}(\.\d{1,2})?$", "example": "42.50"}
IDENT = {"type": "string", "minLength": 1, "maxLength": MAX_ID,
         "pattern": "^[A-Za-z0-9][A-Za-z0-9._:/-]*$"}  # fmt: skip
AREAS = {"type": "array", "minItems": 1, "items": {"type": "string"},
         "description": "area ids of the district (services/data/areas.toml)"}  # fmt: skip
TEXTS = {
    "type": "object",
    "description": "the text per language; Serbian in Cyrillic",
    "properties": {
        lang: {"type": "string", "minLength": 1, "maxLength": MAX_TEXT}
        for lang in languages.CATALOGS
    },
}
SIGNATURE = "eventSignature"

_FIELDS: dict[str, tuple[dict[str, Any], list[str]]] = {
    "bill.issued": (
        {"customer_code": CODE, "amount": AMOUNT, "currency": {"type": "string", "enum": ["EUR"]},
         "period": {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$",
                    "example": "2026-10"},
         "due_date": {"type": "string", "format": "date"}},
        ["customer_code", "amount", "currency", "period", "due_date"],
    ),
    "payment.received": (
        {"customer_code": CODE, "amount": AMOUNT,
         "currency": {"type": "string", "enum": ["EUR"]}},
        ["customer_code", "amount", "currency"],
    ),
    "outage.started": (
        {"outage_id": IDENT, "district": {"type": "string", "enum": list(DISTRICTS)},
         "areas": AREAS, "started_at": TIME, "estimated_restore_at": TIME, "reason": TEXTS},
        ["outage_id", "district", "areas", "started_at"],
    ),
    "outage.updated": (
        {"outage_id": IDENT, "estimated_restore_at": TIME, "areas": AREAS, "reason": TEXTS},
        ["outage_id"],
    ),
    "outage.restored": ({"outage_id": IDENT, "restored_at": TIME}, ["outage_id", "restored_at"]),
    "planned_work.scheduled": (
        {"work_id": IDENT, "district": {"type": "string", "enum": list(DISTRICTS)},
         "areas": AREAS, "starts_at": TIME, "ends_at": TIME, "description": TEXTS},
        ["work_id", "district", "areas", "starts_at", "ends_at", "description"],
    ),
    "planned_work.cancelled": ({"work_id": IDENT}, ["work_id"]),
}  # fmt: skip


def _schema_name(event_type: str) -> str:
    return "Event_" + event_type.replace(".", "_")


def _event_schema(event_type: str) -> dict[str, Any]:
    fields, required = _FIELDS[event_type]
    return {
        "type": "object",
        "required": ["id", "type", "occurred_at", *required],
        "properties": {
            "id": {**IDENT, "description": "unique; the idempotency key"},
            "type": {"type": "string", "enum": [event_type]},
            "occurred_at": TIME,
            **fields,
        },
    }


SCHEMAS: dict[str, Any] = {
    **{_schema_name(kind): _event_schema(kind) for kind in EVENT_TYPES},
    "EventResult": {
        "type": "object",
        "required": ["id", "status", "recipients"],
        "properties": {
            "id": {"type": "string"},
            "status": {"type": "string", "enum": ["applied", "duplicate", "ignored", "recorded"]},
            "recipients": {"type": "integer", "minimum": 0},
        },
    },
    "EventError": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "string"}, "field": {"type": "string"}},
    },
}

SECURITY_SCHEMES: dict[str, Any] = {
    SIGNATURE: {
        "type": "apiKey",
        "in": "header",
        "name": "X-Kesco-Signature",
        "description": "sha256=<hex HMAC-SHA256 of the exact body bytes keyed with "
        "KESCO_EVENTS_SECRET>, checked in constant time before the body is read",
    }
}


def _answer(description: str, schema: str) -> dict[str, Any]:
    ref = {"$ref": f"#/components/schemas/{schema}"}
    return {"description": description, "content": {"application/json": {"schema": ref}}}


PATHS: dict[str, Any] = {
    "/api/v1/events": {
        "post": {
            "summary": "An event of the account backend: a bill, a payment, an outage or a "
            "planned work, turned into alerts to the chats concerned",
            "operationId": "postEvent",
            "security": [{SIGNATURE: []}],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {
                    "oneOf": [{"$ref": f"#/components/schemas/{_schema_name(kind)}"}
                              for kind in EVENT_TYPES],
                    "discriminator": {"propertyName": "type", "mapping": {
                        kind: f"#/components/schemas/{_schema_name(kind)}"
                        for kind in EVENT_TYPES}},
                }}},
            },  # fmt: skip
            "responses": {
                "200": _answer("accepted (also when this id was seen before)", "EventResult"),
                "400": _answer("malformed: `field` names the first bad field", "EventError"),
                "401": _answer("X-Kesco-Signature is missing", "EventError"),
                "403": _answer("X-Kesco-Signature does not match the body", "EventError"),
                "413": _answer("the body is larger than 256 KB", "EventError"),
                "503": _answer(
                    "KESCO_EVENTS_SECRET is not set, or the database is unavailable", "EventError"
                ),
            },
        }
    }
}
