"""Checking a webhook update's shape before PTB reads it: pure, no I/O.

Telegram sends well-formed updates; anything else at ``/webhooks/telegram`` is a forgery or a
bug, and must get 400 rather than reach PTB (which trusts its input: ``"message": ""`` raises,
a string ``chat.id`` is accepted and then answered). :func:`problem_of` checks the fields the
bot reads, with the types and required flags of the Bot API (``tests/test_update_check.py``
compares :data:`FIELDS` with the official Bot API description), plus Telegram's own limits
(text up to 4096 characters, callback data up to 64 bytes, 52-bit ids). Fields the bot does not
read are left to PTB, whose failures on them are refused the same way by the webhook.
"""

from __future__ import annotations

from typing import Any

MAX_ID = 2**53  # Telegram ids have at most 52 significant bits
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64

# type name -> field name -> (Bot API type, required)
FIELDS: dict[str, dict[str, tuple[str, bool]]] = {
    "Update": {
        "update_id": ("Integer", True),
        "message": ("Message", False),
        "edited_message": ("Message", False),
        "callback_query": ("CallbackQuery", False),
        "my_chat_member": ("ChatMemberUpdated", False),
    },
    "Message": {
        "message_id": ("Integer", True),
        "date": ("Integer", True),
        "chat": ("Chat", True),
        "from": ("User", False),
        "text": ("String", False),
        "edit_date": ("Integer", False),
        "contact": ("Contact", False),
    },
    "Contact": {
        "phone_number": ("String", True),
        "first_name": ("String", True),
        "user_id": ("Integer", False),
    },
    "Chat": {"id": ("Integer", True), "type": ("String", True)},
    "User": {
        "id": ("Integer", True),
        "is_bot": ("Boolean", True),
        "first_name": ("String", True),
        "username": ("String", False),
        "language_code": ("String", False),
    },
    "CallbackQuery": {
        "id": ("String", True),
        "from": ("User", True),
        "message": ("MaybeInaccessibleMessage", False),
        "chat_instance": ("String", True),
        "data": ("String", False),
    },
    "MaybeInaccessibleMessage": {
        "message_id": ("Integer", True),
        "date": ("Integer", True),
        "chat": ("Chat", True),
    },
    "ChatMemberUpdated": {
        "chat": ("Chat", True),
        "from": ("User", True),
        "date": ("Integer", True),
        "old_chat_member": ("ChatMember", True),
        "new_chat_member": ("ChatMember", True),
    },
    "ChatMember": {"status": ("String", True), "user": ("User", True)},
}
_IDS = {"update_id", "message_id", "id"}
MAX_PHONE = 32
_TEXT_LIMITS = {"text": MAX_TEXT, "phone_number": MAX_PHONE}  # characters
_BYTE_LIMITS = {"data": MAX_CALLBACK_DATA}


def problem_of(update: Any) -> tuple[str, str] | None:
    """``(field, reason)`` for the first thing wrong with ``update``; ``None`` when it is fine."""
    if not isinstance(update, dict):
        return "body", "an update is a JSON object"
    return _check(update, "Update", "")


def _check(value: dict[str, Any], kind: str, path: str) -> tuple[str, str] | None:
    for name, (field_kind, required) in FIELDS[kind].items():
        where = f"{path}{name}"
        item = value.get(name)
        if item is None:
            if required:
                return where, f"{where} is required"
            continue
        problem = _check_value(item, field_kind, name, where)
        if problem is not None:
            return problem
    return None


def _check_value(item: Any, kind: str, name: str, where: str) -> tuple[str, str] | None:
    if kind == "Integer":
        if not isinstance(item, int) or isinstance(item, bool):
            return where, f"{where} must be an integer"
        if abs(item) > MAX_ID and name in _IDS:
            return where, f"{where} is out of range"
        return None
    if kind == "String":
        if not isinstance(item, str):
            return where, f"{where} must be a string"
        if name in _TEXT_LIMITS and len(item) > _TEXT_LIMITS[name]:
            return where, f"{where} is longer than {_TEXT_LIMITS[name]} characters"
        if name in _BYTE_LIMITS and len(item.encode("utf-8")) > _BYTE_LIMITS[name]:
            return where, f"{where} is longer than {_BYTE_LIMITS[name]} bytes"
        return None
    if kind == "Boolean":
        return None if isinstance(item, bool) else (where, f"{where} must be true or false")
    if not isinstance(item, dict):
        return where, f"{where} must be an object"
    return _check(item, kind, f"{where}.")
