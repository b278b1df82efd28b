"""The JSON bodies of alert sends, encoded once per message and reused for every chat.

A broadcast sends one text to many chats: only ``chat_id`` differs from one call to the next.
:class:`AlertBodies` encodes the rest of each ``sendMessage`` body once per
(:class:`~handlers.messages.OutgoingMessage`, paid) and prefixes the chat's id, which spares the
keyboard's conversion and a ``json.dumps`` of the whole text for every chat.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from bot.channels.telegram.callback_data import CallbackPayloads, needs_token
from bot.channels.telegram.convert import outgoing_to_json
from handlers.messages import OutgoingMessage

CACHED_MESSAGES = 256  # distinct alert texts kept (a broadcast has one per language)


@dataclass(frozen=True)
class _Encoded:
    tails: tuple[bytes, ...]  # each request's body after '{"chat_id":<id>,'
    long_payloads: tuple[str, ...]  # payloads sent as tokens, which CallbackPayloads remembers


def chat_id_json(chat_id: int | str) -> bytes:
    """``chat_id`` as a JSON value (a number, or a string such as ``@channel``)."""
    return str(chat_id).encode() if isinstance(chat_id, int) else json.dumps(chat_id).encode()


class AlertBodies:
    """Encoded ``sendMessage`` bodies of alerts, per message (see the module's docstring)."""

    def __init__(self, payloads: CallbackPayloads, size: int = CACHED_MESSAGES) -> None:
        self._payloads = payloads
        self._size = size
        self._cache: dict[tuple[OutgoingMessage, bool], _Encoded] = {}

    def bodies(self, chat_id: int | str, message: OutgoingMessage, paid: bool) -> list[bytes]:
        """The bodies of the calls that deliver ``message`` to ``chat_id`` (one per part)."""
        encoded = self._cache.get((message, paid))
        if encoded is None:
            encoded = self._encode(message, paid)
        else:
            for payload in encoded.long_payloads:  # keep their tokens resolvable
                self._payloads.encode(payload)
        prefix = b'{"chat_id":' + chat_id_json(chat_id) + b","
        return [prefix + tail for tail in encoded.tails]

    def _encode(self, message: OutgoingMessage, paid: bool) -> _Encoded:
        extra = {"allow_paid_broadcast": True} if paid else {}
        tails = []
        for body in outgoing_to_json(message, self._payloads):
            encoded = json.dumps({**body, **extra}, ensure_ascii=False, separators=(",", ":"))
            tails.append(encoded[1:].encode())
        long_payloads = tuple(
            button.payload or ""
            for row in message.buttons
            for button in row
            if button.url is None and needs_token(button.payload or "")
        )
        encoded_message = _Encoded(tuple(tails), long_payloads)
        if len(self._cache) >= self._size:
            self._cache.clear()
        self._cache[(message, paid)] = encoded_message
        return encoded_message
