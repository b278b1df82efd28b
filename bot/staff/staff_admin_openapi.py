"""OpenAPI paths of the staff-administration calls (disable, enable, reset a password)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMAS: dict[str, Any] = {
    "PasswordInput": {
        "type": "object",
        "required": ["password"],
        "properties": {"password": {"type": "string", "minLength": 10, "maxLength": 1000}},
    },
}


def paths(
    op: Callable[..., dict[str, Any]],
    json: Callable[..., dict[str, Any]],
    ref: Callable[[str], dict[str, str]],
) -> dict[str, Any]:
    """The paths, built with the document's own helpers."""
    username = {"name": "username", "in": "path", "required": True,
                "schema": {"type": "string", "maxLength": 64}}  # fmt: skip
    member = json({"type": "object", "properties": {"staff": ref("Staff")}}, "the staff member")
    return {
        "/api/v1/staff/{username}/disable": {"post": op(
            "Disable a staff member (admins only): no sign-in, sessions end, API token and "
            "linked chats stop working", {"200": member}, 403, 404, 409,
            parameters=[username])},
        "/api/v1/staff/{username}/enable": {"post": op(
            "Enable a disabled staff member again (admins only)", {"200": member}, 403, 404,
            parameters=[username])},
        "/api/v1/staff/{username}/password": {"post": op(
            "Reset a staff member's password (admins only): their sessions end",
            {"200": member}, 400, 403, 404, parameters=[username],
            requestBody={"required": True, "content": {"application/json": {
                "schema": ref("PasswordInput")}}})},
    }  # fmt: skip
