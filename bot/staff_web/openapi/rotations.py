"""OpenAPI paths and schemas of rotating cuts in the staff API (the timetable's fields are the
``rotation.published`` event's)."""

from __future__ import annotations

from typing import Any

from bot.staff_web.openapi.parts import (
    ID_PARAM,
    NULLABLE_TIME,
    TIME,
    json_body,
    op,
    ref,
    request_body,
)
from services.alerts.event_types import rotation_published
from services.alerts.event_types.fields import TEXTS as TEXTS_KIND
from services.alerts.event_types.openapi import field_schema

_FIELDS = {field.name: field for field in rotation_published.TYPE.fields}


def _input() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["rotation_id", "starts_on", "ends_on", "groups"],
        "description": "a timetable; an existing rotation_id changes that timetable",
        "properties": {name: field_schema(field) for name, field in _FIELDS.items()},
    }


def _rotation() -> dict[str, Any]:
    properties = {name: field_schema(field) for name, field in _FIELDS.items()}
    return {
        "type": "object",
        "properties": {
            **properties,
            "status": {"type": "string", "enum": ["active", "ended"]},
            "running": {"type": "boolean", "description": "active, with cuts still ahead"},
            "districts": {"type": "array", "items": {"type": "string"}},
            "first_cut_at": NULLABLE_TIME,
            "last_cut_ends_at": NULLABLE_TIME,
            "updated_at": TIME,
            "reason": {**TEXTS_KIND.schema(), "nullable": True},
        },
    }


def schemas() -> dict[str, Any]:
    return {
        "RotationInput": _input(),
        "Rotation": _rotation(),
        "RotationAnswer": {
            "type": "object",
            "properties": {"rotation": ref("Rotation"), "recipients": {"type": "integer"}},
        },
        "RotationEnd": {
            "type": "object",
            "properties": {"reason": {**TEXTS_KIND.schema(), "description": "why, optional"}},
        },
    }


def paths() -> dict[str, Any]:
    """The rotations' paths."""
    return {
        "/api/v1/rotations": {
            "get": op(
                "Timetables of rotating cuts of the caller's districts, newest first",
                {
                    "200": json_body(
                        {
                            "type": "object",
                            "properties": {
                                "rotations": {"type": "array", "items": ref("Rotation")}
                            },
                        },
                        "the timetables",
                    )
                },
                400,
                parameters=[
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 200},
                    }
                ],
            ),
            "post": op(
                "Publish a timetable of rotating cuts, or change the one with this rotation_id "
                "(rotation.published): each group's chats are told their cuts once, and those "
                "a changed timetable leaves out are told so",
                {"201": json_body(ref("RotationAnswer"), "published")},
                400,
                403,
                requestBody=request_body("RotationInput"),
            ),
        },
        "/api/v1/rotations/{id}": {
            "get": op(
                "One timetable",
                {"200": json_body(ref("Rotation"), "the timetable")},
                403,
                404,
                parameters=[ID_PARAM],
            )
        },
        "/api/v1/rotations/{id}/end": {
            "post": op(
                "End a timetable before it runs out (rotation.ended): the chats told of it, "
                "and those of its groups, hear it once",
                {"200": json_body(ref("Rotation"), "ended")},
                400,
                403,
                404,
                parameters=[ID_PARAM],
                requestBody=request_body("RotationEnd", False),
            )
        },
    }
