"""OpenAPI schemas and paths of the notices: publish or schedule, preview, read, cancel, stop,
their delivery, send again what failed, fast delivery; and the areas a caller may choose."""

from __future__ import annotations

from typing import Any

from bot.staff_web.openapi.parts import (
    ID_PARAM,
    NULLABLE_TIME,
    TEXTS,
    TIME,
    json_body,
    op,
    ref,
    request_body,
)
from services.customer_codes import DISTRICTS

FAST_INPUT = {
    "type": "boolean",
    "description": "fast delivery: Telegram's paid broadcast (0.1 Star a message, within "
    "KESCO_TELEGRAM_STARS_BUDGET a day), when KESCO_TELEGRAM_PAID_BROADCAST allows it for "
    "this kind (urgent: outages; all: any)",
}
SPENT = {
    "fast_sent": {"type": "integer", "description": "messages sent the paid way"},
    "stars_spent": {"type": "number", "description": "Telegram Stars spent (estimated)"},
}
UNCONFIRMED = {
    "name": "unconfirmed",
    "in": "query",
    "required": False,
    "schema": {"type": "boolean", "default": False},
}
NOTICE = {
    "id": {"type": "string"},
    "kind": {"type": "string", "enum": ["outage", "planned_work"]},
    "district": {"type": "string", "enum": list(DISTRICTS)},
    "areas": {"type": "array", "items": {"type": "string"}, "description": "area ids"},
    "places": {
        "type": "array",
        "items": {"type": "string"},
        "description": "place ids of any level besides the areas (issue 23); an id that is also "
        "an area of the district is given back, and published, under areas",
    },
    "starts_at": TIME,
    "ends_at": NULLABLE_TIME,
    "texts": {**TEXTS, "nullable": True},
    "status": {"type": "string", "enum": ["scheduled", "published", "failed", "cancelled"]},
    "publish_at": TIME,
    "event_id": {"type": "string"},
    "recipients": {"type": "integer", "nullable": True},
    "created_by": {"type": "string"},
    "created_at": TIME,
    "published_at": NULLABLE_TIME,
    "stopped_at": NULLABLE_TIME,
    "revision": {"type": "integer", "description": "updates published since"},
    "restored_at": NULLABLE_TIME,
    "current": {
        "type": "object",
        "description": "what the outage or works say now",
        "properties": {
            "status": {"type": "string"},
            "areas": {
                "type": "array",
                "items": {"type": "string"},
                "description": "the places it is in now (areas and places of any level)",
            },
            "starts_at": NULLABLE_TIME,
            "ends_at": NULLABLE_TIME,
            "texts": {"type": "object", "nullable": True},
            "restored_at": NULLABLE_TIME,
            "updated_at": NULLABLE_TIME,
        },
    },
    "fast": {"type": "boolean"},
    **SPENT,
}

SCHEMAS: dict[str, Any] = {
    "NoticeInput": {
        "type": "object",
        "required": ["kind"],
        "description": "where: areas of district, places of any level, or both (with places "
        "only, district may be left out: the places' own)",
        "properties": {
            "id": {
                "type": "string",
                "pattern": "^[A-Za-z0-9_-]{8,40}$",
                "description": "idempotency key: the same id is stored once",
            },
            "kind": NOTICE["kind"],
            "district": NOTICE["district"],
            "areas": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "string"},
                "description": "area ids of the district (GET /api/v1/areas)",
            },
            "places": {
                "type": "array",
                "maxItems": 50,
                "items": {"type": "string", "minLength": 1, "maxLength": 64},
                "description": "place ids of any level, all in one district (search them with "
                "GET /api/v1/places?q=)",
            },
            "starts_at": {**TIME, "description": "outage: since when (default now)"},
            "ends_at": {**TIME, "description": "outage: expected back; works: end"},
            "texts": {**TEXTS, "description": "outage: reason; works: description"},
            "publish_at": {**TIME, "description": "schedule for later; default now"},
            "confirm": {
                "type": "boolean",
                "description": "needed above KESCO_BROADCAST_CONFIRM_ABOVE chats",
            },
            "fast": FAST_INPUT,
        },
    },
    "Notice": {"type": "object", "properties": NOTICE},
    "NoticePreview": {
        "type": "object",
        "properties": {
            "previews": {"type": "object", "description": "by language: text, buttons, fits"},
            "recipients": {
                "type": "integer",
                "description": "the chats it reaches in all (a chat reached through two "
                "places counts once)",
            },
            "by_place": {
                "type": "array",
                "description": "each area or place chosen, and the chats it reaches alone",
                "items": {
                    "type": "object",
                    "properties": {
                        "place": {"type": "string"},
                        "names": {"type": "object"},
                        "recipients": {"type": "integer"},
                    },
                },
            },
            "confirm_needed": {"type": "boolean"},
            "delivery": {"type": "object", "description": "time and cost, when known"},
        },
    },
    "Progress": {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "status": NOTICE["status"],
            "recipients": {"type": "integer", "nullable": True},
            "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
            "events": {
                "type": "array",
                "items": {"type": "object"},
                "description": "the first message, updates, the restoration",
            },
            "failures": {
                "type": "object",
                "additionalProperties": {"type": "integer"},
                "description": "blocked, gone, rate_limited, gave_up, expired, rejected",
            },
            "delivery": {
                "type": "string",
                "enum": [
                    "sending",
                    "delivered",
                    "unconfirmed",
                    "failed",
                    "stopped",
                    "nobody",
                    "scheduled",
                    "cancelled",
                ],
            },
            "stoppable": {"type": "boolean"},
            "done": {"type": "boolean"},
            **SPENT,
        },
    },
}


def paths() -> dict[str, Any]:
    """The notice paths (and ``/api/v1/areas``)."""
    notice_body = request_body("NoticeInput")
    created = {
        "type": "object",
        "properties": {
            "notice": ref("Notice"),
            "recipients": {"type": "integer"},
            "created": {"type": "boolean"},
        },
    }
    limit = {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}}
    resent = {"type": "object", "properties": {"resent": {"type": "integer"}}}
    return {
        "/api/v1/notices": {
            "get": op(
                "Notices the caller may see, newest first",
                {
                    "200": json_body(
                        {
                            "type": "object",
                            "properties": {"notices": {"type": "array", "items": ref("Notice")}},
                        },
                        "the notices",
                    )
                },
                400,
                parameters=[limit],
            ),
            "post": op(
                "Publish now or schedule an outage or planned-work notice",
                {
                    "201": json_body(created, "stored (and published when not scheduled)"),
                    "200": json_body(created, "this id was already submitted: nothing new"),
                },
                400,
                403,
                409,
                requestBody=notice_body,
            ),
        },
        "/api/v1/notices/preview": {
            "post": op(
                "The notice's text in every language, and how many chats it reaches: in all, "
                "and through each of its areas and places (by_place)",
                {"200": json_body(ref("NoticePreview"), "previews")},
                400,
                403,
                requestBody=notice_body,
            )
        },
        "/api/v1/notices/{id}": {
            "get": op(
                "One notice",
                {"200": json_body(ref("Notice"), "the notice")},
                403,
                404,
                parameters=[ID_PARAM],
            )
        },
        "/api/v1/notices/{id}/cancel": {
            "post": op(
                "Cancel a scheduled notice before it is due",
                {"200": json_body(ref("Notice"), "cancelled")},
                403,
                404,
                409,
                parameters=[ID_PARAM],
            )
        },
        "/api/v1/notices/{id}/stop": {
            "post": op(
                "Stop the broadcast under way: messages not yet sent are cancelled",
                {
                    "200": json_body(
                        {"type": "object", "properties": {"stopped": {"type": "integer"}}},
                        "how many messages were stopped",
                    )
                },
                403,
                404,
                409,
                parameters=[ID_PARAM],
            )
        },
        "/api/v1/notices/{id}/progress": {
            "get": op(
                "Delivery of the notice's broadcast: queued, sending, sent, unsettled (no answer, "
                "receipts awaited), unconfirmed (no answer: may have arrived), failed, blocked",
                {"200": json_body(ref("Progress"), "counts by state")},
                403,
                404,
                parameters=[ID_PARAM],
            )
        },
        "/api/v1/notices/{id}/resend": {
            "post": op(
                "Send again the messages of the broadcast that failed (refused, past their "
                "deadline); with unconfirmed=true also those the messenger never answered for "
                "(they may have arrived; one a delivery receipt showed arrived is never "
                "sent again)",
                {"200": json_body(resent, "how many messages were queued again")},
                403,
                404,
                409,
                parameters=[ID_PARAM, UNCONFIRMED],
            )
        },
        "/api/v1/areas": {
            "get": op(
                "The districts the caller may act in, with their area ids and names",
                {"200": json_body({"type": "object"}, "districts")},
            )
        },
    }
