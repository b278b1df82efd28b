"""The OpenAPI 3 document of the staff API and the events API, served at
``/api/v1/openapi.json``."""

from __future__ import annotations

from functools import cache
from typing import Any

from bot.staff import (
    links_openapi,
    openapi_delivery,
    openapi_lifecycle,
    openapi_reports,
    openapi_support,
    staff_admin_openapi,
)
from bot.web import events_openapi
from locales import languages
from services.customer_codes import DISTRICTS
from services.staff.notice_input import MAX_TEXT

TIME = {"type": "string", "format": "date-time"}
TEXTS = {
    "type": "object",
    "required": list(languages.CATALOGS),
    "properties": {
        lang: {"type": "string", "minLength": 1, "maxLength": MAX_TEXT}
        for lang in languages.CATALOGS
    },
}
NULLABLE_TIME = {"type": "string", "format": "date-time", "nullable": True}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: int) -> dict[str, Any]:
    words = {400: "invalid input; `field` names the field", 401: "no or wrong credentials",
             403: "outside the caller's districts or role", 404: "not found",
             409: "not possible in the notice's state, or a confirmation is needed"}  # fmt: skip
    return {str(code): _json(_ref("Error"), words[code]) for code in codes}


def _op(summary: str, ok: dict[str, Any], *errors: int, **extra: Any) -> dict[str, Any]:
    return {"summary": summary, "responses": {**ok, **_errors(401, *errors)}, **extra}


ID_PARAM = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}


def _schemas() -> dict[str, Any]:
    notice_props = {
        "id": {"type": "string"},
        "kind": {"type": "string", "enum": ["outage", "planned_work"]},
        "district": {"type": "string", "enum": list(DISTRICTS)},
        "areas": {"type": "array", "items": {"type": "string"}},
        "starts_at": TIME,
        "ends_at": NULLABLE_TIME,
        "texts": {**TEXTS, "nullable": True},
        "status": {"type": "string",
                   "enum": ["scheduled", "published", "failed", "cancelled"]},
        "publish_at": TIME,
        "event_id": {"type": "string"},
        "recipients": {"type": "integer", "nullable": True},
        "created_by": {"type": "string"},
        "created_at": TIME,
        "published_at": NULLABLE_TIME,
        "stopped_at": NULLABLE_TIME,
        "revision": {"type": "integer", "description": "updates published since"},
        "restored_at": NULLABLE_TIME,
        "current": {"type": "object", "description": "what the outage or works say now",
                    "properties": {"status": {"type": "string"},
                                   "areas": {"type": "array", "items": {"type": "string"}},
                                   "starts_at": NULLABLE_TIME, "ends_at": NULLABLE_TIME,
                                   "texts": {"type": "object", "nullable": True},
                                   "restored_at": NULLABLE_TIME, "updated_at": NULLABLE_TIME}},
        "fast": {"type": "boolean"},
        **openapi_delivery.SPENT,
    }  # fmt: skip
    return {
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {"type": "string"},
                "field": {"type": "string"},
                "recipients": {"type": "integer"},
            },
        },  # fmt: skip
        "NoticeInput": {
            "type": "object",
            "required": ["kind", "district", "areas"],
            "properties": {
                "id": {
                    "type": "string",
                    "pattern": "^[A-Za-z0-9_-]{8,40}$",
                    "description": "idempotency key: the same id is stored once",
                },
                "kind": notice_props["kind"],
                "district": notice_props["district"],
                "areas": {
                    "type": "array",
                    "minItems": 1,
                    "items": {"type": "string"},
                    "description": "area ids of the district (GET /api/v1/areas)",
                },
                "starts_at": {**TIME, "description": "outage: since when (default now)"},
                "ends_at": {**TIME, "description": "outage: expected back; works: end"},
                "texts": {**TEXTS, "description": "outage: reason; works: description"},
                "publish_at": {**TIME, "description": "schedule for later; default now"},
                "confirm": {
                    "type": "boolean",
                    "description": "needed above KESCO_BROADCAST_CONFIRM_ABOVE chats",
                },
                "fast": openapi_delivery.FAST_INPUT,
            },
        },  # fmt: skip
        "Notice": {"type": "object", "properties": notice_props},
        "Progress": {
            "type": "object",
            "properties": {
                "id": {"type": "string"},
                "status": notice_props["status"],
                "recipients": {"type": "integer", "nullable": True},
                "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
                "events": {"type": "array", "items": {"type": "object"},
                           "description": "the first message, updates, the restoration"},
                "failures": {"type": "object", "additionalProperties": {"type": "integer"},
                             "description": "blocked, gone, rate_limited, gave_up, expired, "
                                            "rejected"},
                "delivery": {"type": "string", "enum": [
                    "sending", "delivered", "unconfirmed", "failed", "stopped", "nobody",
                    "scheduled", "cancelled"]},
                "stoppable": {"type": "boolean"},
                "done": {"type": "boolean"},
                **openapi_delivery.SPENT,
            },
        },
        "AuditEntry": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "at": TIME,
                "actor": {"type": "string"},
                "via": {"type": "string"},
                "action": {"type": "string"},
                "notice_id": {"type": "string", "nullable": True},
                "event_id": {"type": "string", "nullable": True},
                "district": {"type": "string", "nullable": True},
                "areas": {"type": "array", "items": {"type": "string"}, "nullable": True},
                "recipients": {"type": "integer", "nullable": True},
                "detail": {"type": "string", "nullable": True},
            },
        },  # fmt: skip
        "Staff": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "username": {"type": "string"},
                "role": {"type": "string", "enum": ["operator", "admin"]},
                "districts": {"type": "array", "items": {"type": "string"}},
                "active": {"type": "boolean"},
                "has_api_token": {"type": "boolean"},
            },
        },  # fmt: skip
        "StaffInput": {
            "type": "object",
            "required": ["username", "role", "password"],
            "properties": {
                "username": {"type": "string"},
                "role": {"type": "string", "enum": ["operator", "admin"]},
                "districts": {
                    "type": "array",
                    "items": {"type": "string", "enum": list(DISTRICTS)},
                },
                "password": {"type": "string", "minLength": 10},
            },
        },  # fmt: skip
    }


@cache
def openapi_document() -> dict[str, Any]:
    """The staff API as OpenAPI 3.0."""
    notice_schema = {"application/json": {"schema": _ref("NoticeInput")}}
    notice_body = {"required": True, "content": notice_schema}
    created = {"type": "object", "properties": {"notice": _ref("Notice"),
               "recipients": {"type": "integer"}, "created": {"type": "boolean"}}}  # fmt: skip
    limit = {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}}
    paths = {
        "/api/v1/notices": {
            "get": _op("Notices the caller may see, newest first",
                       {"200": _json({"type": "object", "properties": {"notices": {
                           "type": "array", "items": _ref("Notice")}}}, "the notices")},
                       400, parameters=[limit]),
            "post": _op("Publish now or schedule an outage or planned-work notice",
                        {"201": _json(created, "stored (and published when not scheduled)"),
                         "200": _json(created, "this id was already submitted: nothing new")},
                        400, 403, 409, requestBody=notice_body),
        },
        "/api/v1/notices/preview": {"post": _op(
            "The notice's text in every language, and how many chats it reaches",
            {"200": _json({"type": "object"}, "previews")}, 400, 403, requestBody=notice_body)},
        "/api/v1/notices/{id}": {"get": _op(
            "One notice", {"200": _json(_ref("Notice"), "the notice")}, 403, 404,
            parameters=[ID_PARAM])},
        "/api/v1/notices/{id}/cancel": {"post": _op(
            "Cancel a scheduled notice before it is due",
            {"200": _json(_ref("Notice"), "cancelled")}, 403, 404, 409, parameters=[ID_PARAM])},
        "/api/v1/notices/{id}/stop": {"post": _op(
            "Stop the broadcast under way: messages not yet sent are cancelled",
            {"200": _json({"type": "object", "properties": {"stopped": {"type": "integer"}}},
                          "how many messages were stopped")}, 403, 404, 409,
            parameters=[ID_PARAM])},
        "/api/v1/notices/{id}/progress": {"get": _op(
            "Delivery of the notice's broadcast: queued, sending, sent, unsettled (no answer, "
            "receipts awaited), unconfirmed (no answer: may have arrived), failed, blocked",
            {"200": _json(_ref("Progress"), "counts by state")}, 403, 404,
            parameters=[ID_PARAM])},
        "/api/v1/areas": {"get": _op(
            "The districts the caller may act in, with their area ids and names",
            {"200": _json({"type": "object"}, "districts")})},
        "/api/v1/audit": {"get": _op(
            "The audit log, newest first (operators: their districts)",
            {"200": _json({"type": "object", "properties": {"entries": {
                "type": "array", "items": _ref("AuditEntry")}}}, "entries")}, 400,
            parameters=[limit, {"name": "before", "in": "query",
                                "schema": {"type": "integer", "minimum": 1}}])},
        "/api/v1/staff": {
            "get": _op("Staff members (admins only)", {"200": _json({"type": "object"}, "staff")},
                       403),
            "post": _op("Add a staff member (admins only)",
                        {"201": _json({"type": "object", "properties": {"staff": _ref("Staff")}},
                                      "created")}, 400, 403,
                        requestBody={"required": True, "content": {"application/json": {
                            "schema": _ref("StaffInput")}}}),
        },
    }  # fmt: skip
    paths |= openapi_support.paths(_op, _json, _ref)
    paths |= links_openapi.paths(_op, _json, _ref)
    paths |= events_openapi.paths(_op, _json, _ref)
    paths |= openapi_lifecycle.paths(_op, _json, _ref)
    paths |= openapi_reports.paths(_op, _json, _ref)
    paths |= staff_admin_openapi.paths(_op, _json, _ref)
    paths |= openapi_delivery.paths(_op, _json, _ref)
    return {
        "openapi": "3.0.3",
        "info": {"title": "KESCO bot staff API and events API", "version": "1",
                 "description": "Outage and planned-work notices to customers' chats (staff), and "
                                "the account backend's events (POST /api/v1/events)."},
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "schemas": _schemas() | openapi_support.SCHEMAS | links_openapi.SCHEMAS
            | events_openapi.SCHEMAS | openapi_lifecycle.SCHEMAS | openapi_reports.SCHEMAS
            | staff_admin_openapi.SCHEMAS,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                "description": "KESCO_ADMIN_TOKEN (admin) or a staff member's API token"},
                **events_openapi.SECURITY_SCHEMES},
        },
    }  # fmt: skip
