"""Checking a signed Viber callback's fields before anything is stored: pure, no I/O.

Viber sends ids as short strings, message tokens as 64-bit integers and texts of at most 7000
characters. A callback whose known fields have another type or size (an id over 128
characters, which no column could hold; a text of a megabyte; a token that is an object) is a
forgery or a bug: :func:`problem_of` names the field, and the webhook answers 400. Missing
optional fields and unknown events are not problems (Viber adds fields and events).
"""

from __future__ import annotations

import re
from typing import Any

MAX_ID = 128
MAX_TEXT = 7000
MAX_TOKEN = 2**63 - 1
MAX_PHONE = 32
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# where each event carries its user's id
_USER_IDS = {
    "message": ("sender", "id"),
    "conversation_started": ("user", "id"),
    "subscribed": ("user", "id"),
}


def problem_of(event: str, body: dict[str, Any]) -> tuple[str, str] | None:
    """``(field, reason)`` for the first malformed known field of a callback, else ``None``."""
    for name in ("sender", "user", "message"):
        if name in body and not isinstance(body[name], dict):
            return name, f"{name} must be an object"
    if event in _USER_IDS:
        outer, inner = _USER_IDS[event]
        problem = _id_problem(body.get(outer, {}).get(inner), f"{outer}.{inner}")
        if problem:
            return problem
    if "user_id" in body:
        problem = _id_problem(body["user_id"], "user_id")
        if problem:
            return problem
    token = body.get("message_token")
    if token is not None and not _is_token(token):
        return "message_token", "message_token must be a 64-bit integer"
    message = body.get("message", {})
    text = message.get("text")
    if text is not None and (not isinstance(text, str) or len(text) > MAX_TEXT):
        return "message.text", f"message.text must be a string of at most {MAX_TEXT} characters"
    contact = message.get("contact")
    if contact is not None:
        if not isinstance(contact, dict):
            return "message.contact", "message.contact must be an object"
        phone = contact.get("phone_number")
        if phone is not None and (not isinstance(phone, str) or len(phone) > MAX_PHONE):
            return (
                "message.contact.phone_number",
                f"message.contact.phone_number must be a string of at most {MAX_PHONE} characters",
            )
    for name in ("context", "desc"):
        value = body.get(name)
        if value is not None and (not isinstance(value, str) or len(value) > 1000):
            return name, f"{name} must be a string of at most 1000 characters"
    return None


def _id_problem(value: Any, field: str) -> tuple[str, str] | None:
    if value is None:
        return None  # missing: viberbot cannot parse it, and the callback is ignored
    if not isinstance(value, str) or not value.strip():
        return field, f"{field} must be a non-empty string"
    if len(value) > MAX_ID:
        return field, f"{field} is longer than {MAX_ID} characters"
    if _CONTROL.search(value):
        return field, f"{field} must not contain control characters"
    return None


def _is_token(token: Any) -> bool:
    if isinstance(token, bool):
        return False
    if isinstance(token, int):
        return 0 <= token <= MAX_TOKEN
    return isinstance(token, str) and token.isascii() and token.isdigit() and len(token) <= 19
