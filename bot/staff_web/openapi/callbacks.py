"""OpenAPI paths and schemas of the customer-support part of the staff API (call-backs)."""

from __future__ import annotations

from typing import Any

from bot.staff_web.openapi.parts import NULLABLE_TIME, TIME, json_body, op, ref

SCHEMAS: dict[str, Any] = {
    "Callback": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "channel": {"type": "string"},
            "customer_code": {
                "type": "string",
                "nullable": True,
                "description": "the chat's linked (proved) code, if any",
            },
            "district": {
                "type": "string",
                "nullable": True,
                "description": "the district of the code, or of the area chosen; none: admins only",
            },
            "area_id": {
                "type": "string",
                "nullable": True,
                "description": "the area the customer chose (a chat without a code)",
            },
            "phone": {
                "type": "string",
                "nullable": True,
                "description": "the number to call, E.164 (+38344123456); none only for "
                "requests made before numbers were asked for",
            },
            "codes": {
                "type": "array",
                "items": {"type": "string"},
                "description": "the customer codes the chat has linked now",
            },
            "text": {"type": "string", "description": "what the customer wrote"},
            "language": {"type": "string"},
            "created_at": TIME,
            "done_at": NULLABLE_TIME,
            "done_by": {"type": "string", "nullable": True},
        },
    },
}


def paths() -> dict[str, Any]:
    """The call-back paths."""
    listed = {
        "type": "object",
        "properties": {"callbacks": {"type": "array", "items": ref("Callback")}},
    }
    one = {"type": "object", "properties": {"callback": ref("Callback")}}
    query = [
        {
            "name": "status",
            "in": "query",
            "schema": {"type": "string", "enum": ["open", "done", "all"], "default": "open"},
        },
        {"name": "since", "in": "query", "schema": TIME},
        {
            "name": "limit",
            "in": "query",
            "schema": {"type": "integer", "minimum": 1, "maximum": 500},
        },
    ]
    number = {
        "name": "id",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
    }
    return {
        "/api/v1/callbacks": {
            "get": op(
                "Customers' call-back requests the caller may see, newest first",
                {"200": json_body(listed, "requests")},
                400,
                parameters=query,
            )
        },
        "/api/v1/callbacks/{id}/done": {
            "post": op(
                "Mark a call-back request answered (again: no change)",
                {"200": json_body(one, "the request")},
                400,
                403,
                404,
                parameters=[number],
            )
        },
    }
