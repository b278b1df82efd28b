"""OpenAPI paths and schemas of customers' reports of no power, as staff read them."""

from __future__ import annotations

from typing import Any

from bot.staff_web.openapi.parts import TIME, json_body, op, ref

SCHEMAS: dict[str, Any] = {
    "AreaReports": {
        "type": "object",
        "properties": {
            "area_id": {"type": "string"},
            "names": {"type": "object", "description": "the area's name in sq, en, sr"},
            "district": {"type": "string"},
            "count": {"type": "integer", "description": "reports since `since`"},
            "first_at": TIME,
            "last_at": TIME,
            "recent": {
                "type": "integer",
                "description": "chats that reported it in the warning window",
            },
            "weight": {
                "type": "number",
                "description": "those chats weighted: 1/k each for a chat that reported k areas "
                "within the hour; the warning compares this with KESCO_REPORT_BURST_COUNT",
            },
            "known_outage": {"type": "boolean", "description": "an active outage covers it"},
            "warning": {
                "type": "boolean",
                "description": "reporters weighing at least KESCO_REPORT_BURST_COUNT within "
                "KESCO_REPORT_BURST_MINUTES and no known outage",
            },
            "notice": {
                "type": "object",
                "description": "an outage notice of the area from the first report, to POST to "
                "/api/v1/notices (with texts, ends_at as known)",
            },
        },
    },
}


def paths() -> dict[str, Any]:
    """The reports path."""
    listed = {
        "type": "object",
        "properties": {
            "since": TIME,
            "rule": {
                "type": "object",
                "properties": {"count": {"type": "integer"}, "minutes": {"type": "integer"}},
            },
            "areas": {"type": "array", "items": ref("AreaReports")},
        },
    }
    since = {
        "name": "since",
        "in": "query",
        "schema": TIME,
        "description": "default 24 hours ago; at most 31 days ago",
    }
    return {
        "/api/v1/reports": {
            "get": op(
                "Customers' reports of no power in the caller's districts, by area: warnings "
                "first, then the most recent",
                {"200": json_body(listed, "reports by area")},
                400,
                parameters=[since],
            )
        },
    }
