"""OpenAPI paths and schemas of a published outage's life: update and restore."""

from __future__ import annotations

from typing import Any

from bot.staff_web.openapi.parts import ID_PARAM, TEXTS, TIME, json_body, op, ref, request_body

CHANGE_ID = {
    "type": "string",
    "pattern": "^[A-Za-z0-9_-]{8,40}$",
    "description": "idempotency key: a change with the same id is published once",
}

SCHEMAS: dict[str, Any] = {
    "OutageUpdate": {
        "type": "object",
        "description": "at least one of ends_at, areas, places, texts",
        "properties": {
            "id": CHANGE_ID,
            "ends_at": {**TIME, "description": "the new expected end (in the future)"},
            "areas": {
                "type": "array",
                "items": {"type": "string"},
                "description": "area ids of the notice's district to add",
            },
            "places": {
                "type": "array",
                "items": {"type": "string"},
                "description": "place ids of any level in the notice's district to add",
            },
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
            "recipients": {
                "type": "integer",
                "nullable": True,
                "description": "null while its fan-out runs",
            },
            "event_id": {"type": "string", "nullable": True},
        },
    },
}


def paths() -> dict[str, Any]:
    """The update and restore paths."""
    return {
        "/api/v1/notices/{id}/update": {
            "post": op(
                "Publish a new expected end, more areas or a new reason of a published outage "
                "(outage.updated, to the chats that got it and those of added areas)",
                {"200": json_body(ref("Changed"), "applied, unchanged or duplicate")},
                400,
                403,
                404,
                409,
                parameters=[ID_PARAM],
                requestBody=request_body("OutageUpdate"),
            )
        },
        "/api/v1/notices/{id}/restore": {
            "post": op(
                "Power is back: outage.restored to the chats that got the outage and the chats "
                "that reported no power there; messages about it not yet sent are cancelled",
                {"200": json_body(ref("Changed"), "applied, or unchanged when already restored")},
                400,
                403,
                404,
                409,
                parameters=[ID_PARAM],
                requestBody=request_body("OutageRestore", False),
            )
        },
    }
