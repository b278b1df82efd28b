"""OpenAPI paths and schemas of a published outage's life: update and restore."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from locales import languages
from services.staff.notice_input import MAX_TEXT

TIME = {"type": "string", "format": "date-time"}
CHANGE_ID = {
    "type": "string",
    "pattern": "^[A-Za-z0-9_-]{8,40}$",
    "description": "idempotency key: a change with the same id is published once",
}
TEXTS = {
    "type": "object",
    "required": list(languages.CATALOGS),
    "properties": {
        lang: {"type": "string", "minLength": 1, "maxLength": MAX_TEXT}
        for lang in languages.CATALOGS
    },
}

SCHEMAS: dict[str, Any] = {
    "OutageUpdate": {
        "type": "object",
        "description": "at least one of ends_at, areas, texts",
        "properties": {
            "id": CHANGE_ID,
            "ends_at": {**TIME, "description": "the new expected end (in the future)"},
            "areas": {"type": "array", "items": {"type": "string"},
                      "description": "area ids of the notice's district to add"},
            "texts": {**TEXTS, "description": "the new reason"},
        },
    },
    "OutageRestore": {
        "type": "object",
        "properties": {
            "id": CHANGE_ID,
            "restored_at": {**TIME, "description": "when power came back (default now)"},
        },
    },
    "Changed": {
        "type": "object",
        "properties": {
            "notice": {"$ref": "#/components/schemas/Notice"},
            "status": {"type": "string", "enum": ["applied", "unchanged", "duplicate"]},
            "recipients": {"type": "integer", "nullable": True,
                           "description": "null while its fan-out runs"},
            "event_id": {"type": "string", "nullable": True},
        },
    },
}  # fmt: skip


def paths(op: Callable[..., dict[str, Any]], json: Callable[..., dict[str, Any]],
          ref: Callable[[str], dict[str, str]]) -> dict[str, Any]:  # fmt: skip
    """The update and restore paths, built with the document's own helpers."""
    notice_id = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}

    def body(schema: str, required: bool) -> dict[str, Any]:
        return {"required": required, "content": {"application/json": {"schema": ref(schema)}}}

    return {
        "/api/v1/notices/{id}/update": {"post": op(
            "Publish a new expected end, more areas or a new reason of a published outage "
            "(outage.updated, to the chats that got it and those of added areas)",
            {"200": json(ref("Changed"), "applied, unchanged or duplicate")}, 400, 403, 404,
            409, parameters=[notice_id], requestBody=body("OutageUpdate", True))},
        "/api/v1/notices/{id}/restore": {"post": op(
            "Power is back: outage.restored to the chats that got the outage and the chats "
            "that reported no power there; messages about it not yet sent are cancelled",
            {"200": json(ref("Changed"), "applied, or unchanged when already restored")},
            400, 403, 404, 409, parameters=[notice_id],
            requestBody=body("OutageRestore", False))},
    }  # fmt: skip
