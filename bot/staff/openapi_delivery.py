"""OpenAPI paths and fields of the delivery part of the staff API: resend, fast delivery."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
UNCONFIRMED = {"name": "unconfirmed", "in": "query", "required": False,
               "schema": {"type": "boolean", "default": False}}  # fmt: skip


def paths(op: Callable[..., dict[str, Any]], json: Callable[..., dict[str, Any]],
          ref: Callable[[str], dict[str, str]]) -> dict[str, Any]:  # fmt: skip
    """The resend path, built with the document's own helpers."""
    resent = {"type": "object", "properties": {"resent": {"type": "integer"}}}
    return {
        "/api/v1/notices/{id}/resend": {"post": op(
            "Send again the messages of the broadcast that failed (refused, past their "
            "deadline); with unconfirmed=true also those the messenger never answered for "
            "(they may have arrived; one a delivery receipt showed arrived is never sent again)",
            {"200": json(resent, "how many messages were queued again")}, 403, 404, 409,
            parameters=[ID, UNCONFIRMED])},
    }  # fmt: skip
