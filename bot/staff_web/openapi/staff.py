"""OpenAPI schemas and paths of the staff API's people: the audit log, and staff members
(admins only): list, add, disable, enable, reset a password."""

from __future__ import annotations

from typing import Any

from bot.staff_web.openapi.parts import TIME, json_body, op, ref, request_body
from services.customer_codes import DISTRICTS

SCHEMAS: dict[str, Any] = {
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
    },
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
    },
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
    },
    "PasswordInput": {
        "type": "object",
        "required": ["password"],
        "properties": {"password": {"type": "string", "minLength": 10, "maxLength": 1000}},
    },
}


def paths() -> dict[str, Any]:
    """The audit and staff paths."""
    limit = {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}}
    before = {"name": "before", "in": "query", "schema": {"type": "integer", "minimum": 1}}
    username = {
        "name": "username",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "maxLength": 64},
    }
    member = json_body(
        {"type": "object", "properties": {"staff": ref("Staff")}}, "the staff member"
    )
    return {
        "/api/v1/audit": {
            "get": op(
                "The audit log, newest first (operators: their districts)",
                {
                    "200": json_body(
                        {
                            "type": "object",
                            "properties": {
                                "entries": {"type": "array", "items": ref("AuditEntry")}
                            },
                        },
                        "entries",
                    )
                },
                400,
                parameters=[limit, before],
            )
        },
        "/api/v1/staff": {
            "get": op(
                "Staff members (admins only)", {"200": json_body({"type": "object"}, "staff")}, 403
            ),
            "post": op(
                "Add a staff member (admins only)",
                {
                    "201": json_body(
                        {"type": "object", "properties": {"staff": ref("Staff")}}, "created"
                    )
                },
                400,
                403,
                requestBody=request_body("StaffInput"),
            ),
        },
        "/api/v1/staff/{username}/disable": {
            "post": op(
                "Disable a staff member (admins only): no sign-in, sessions end, API token and "
                "linked chats stop working",
                {"200": member},
                403,
                404,
                409,
                parameters=[username],
            )
        },
        "/api/v1/staff/{username}/enable": {
            "post": op(
                "Enable a disabled staff member again (admins only)",
                {"200": member},
                403,
                404,
                parameters=[username],
            )
        },
        "/api/v1/staff/{username}/password": {
            "post": op(
                "Reset a staff member's password (admins only): their sessions end",
                {"200": member},
                400,
                403,
                404,
                parameters=[username],
                requestBody=request_body("PasswordInput"),
            )
        },
    }
