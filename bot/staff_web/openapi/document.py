"""The OpenAPI 3 document of the staff API and the events API, served at
``/api/v1/openapi.json``: each part of the API gives its schemas and paths."""

from __future__ import annotations

from functools import cache
from typing import Any

from bot.staff_web.openapi import (
    callbacks,
    faq,
    lifecycle,
    links,
    notices,
    places,
    reports,
    rotations,
    staff,
)
from bot.staff_web.openapi.parts import ERROR_SCHEMA, json_body, op, ref
from bot.web import events_openapi


@cache
def openapi_document() -> dict[str, Any]:
    """The staff API as OpenAPI 3.0."""
    paths = notices.paths() | staff.paths() | callbacks.paths() | links.paths()
    paths |= events_openapi.paths(op, json_body, ref)
    paths |= lifecycle.paths() | reports.paths() | faq.paths() | places.paths()
    paths |= rotations.paths()
    schemas = (
        {"Error": ERROR_SCHEMA}
        | notices.SCHEMAS
        | staff.SCHEMAS
        | callbacks.SCHEMAS
        | links.SCHEMAS
        | events_openapi.SCHEMAS
        | lifecycle.SCHEMAS
        | reports.SCHEMAS
        | faq.SCHEMAS
        | places.SCHEMAS
        | rotations.schemas()
    )
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "KESCO bot staff API and events API",
            "version": "1",
            "description": "Outage and planned-work notices to customers' chats (staff), "
            "timetables of rotating cuts, the "
            "answers staff keep (FAQ topics, unanswered questions), the places (search, admins' "
            "additions and renames), and "
            "the account backend's events (POST /api/v1/events).",
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "KESCO_ADMIN_TOKEN (admin) or a staff member's API token",
                },
                **events_openapi.SECURITY_SCHEMES,
            },
        },
    }
