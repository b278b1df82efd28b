"""Fitting the conversation's button payloads into Telegram's 64-byte ``callback_data``."""

from __future__ import annotations

import base64
import hashlib
from collections import OrderedDict

CALLBACK_DATA_LIMIT = 64
_TOKEN_PREFIX = "~"


def needs_token(payload: str) -> bool:
    """Whether ``payload`` is sent as a token (too long or empty, or it looks like one)."""
    size = len(payload.encode("utf-8"))
    return not 1 <= size <= CALLBACK_DATA_LIMIT or payload.startswith(_TOKEN_PREFIX)


class CallbackPayloads:
    """Passes short payloads through as they are; replaces long ones with a short token.

    A payload over 64 bytes (or one that starts with ``~``) is sent as ``~`` plus a hash and
    remembered here, in memory, for the most recent ``capacity`` such payloads. After a restart
    such a button no longer resolves and :meth:`decode` returns ``None``.
    """

    def __init__(self, capacity: int = 10_000) -> None:
        self._capacity = capacity
        self._long: OrderedDict[str, str] = OrderedDict()

    def encode(self, payload: str) -> str:
        if not needs_token(payload):
            return payload
        digest = hashlib.sha256(payload.encode("utf-8")).digest()
        token = _TOKEN_PREFIX + base64.urlsafe_b64encode(digest).decode("ascii")[:24]
        self._long[token] = payload
        self._long.move_to_end(token)
        while len(self._long) > self._capacity:
            self._long.popitem(last=False)
        return token

    def decode(self, data: str) -> str | None:
        if data.startswith(_TOKEN_PREFIX):
            return self._long.get(data)
        return data
