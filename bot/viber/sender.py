"""Sending neutral messages to Viber users: :class:`ViberSender`, a ``ChannelSender``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from bot.channels import (
    ChatLifecycle,
    PermanentFailure,
    RecipientGone,
    RetryLater,
)
from bot.viber.api import OK, RECIPIENT_GONE_STATUSES, TOO_MANY_REQUESTS, ViberApi
from bot.viber.incoming import CHANNEL
from bot.viber.outgoing import render_requests
from handlers.messages import OutgoingMessage

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]


class ViberSender:
    """Sends :class:`OutgoingMessage` values with ``send_message``; ``channel == "viber"``.

    Viber's answer decides the outcome: status 0 is delivered; 5 (receiverNotRegistered) and
    6 (receiverNotSubscribed) mark the chat inactive and raise :class:`RecipientGone`;
    12 (tooManyRequests) raises :class:`RetryLater` whose delay doubles with every consecutive
    refusal (``backoff_base`` up to ``backoff_max`` seconds, reset by a success); any other
    status raises :class:`PermanentFailure`; network errors and 5xx raise
    :class:`TransientFailure` (from :class:`ViberApi`).

    One neutral message may become several Viber messages (long texts are split); if a later
    part fails, the earlier parts have been delivered.
    """

    channel = CHANNEL

    def __init__(
        self,
        api: ViberApi,
        lifecycle: ChatLifecycle,
        sender: Mapping[str, Any],
        *,
        backoff_base: float = 1.0,
        backoff_max: float = 300.0,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._api = api
        self._lifecycle = lifecycle
        self._sender = dict(sender)
        self._backoff_base = backoff_base
        self._backoff_max = backoff_max
        self._sleep = sleep
        self._strikes = 0

    @property
    def profile(self) -> dict[str, Any]:
        """The ``sender`` object (bot name and avatar) put on every message."""
        return dict(self._sender)

    async def send(self, chat_id: str, message: OutgoingMessage) -> None:
        """Deliver one message; raise a ``DeliveryError`` subclass when it fails."""
        for body in render_requests([message], sender=self._sender, receiver=chat_id):
            await self.post(chat_id, body)

    async def send_replies(
        self,
        chat_id: str,
        messages: Sequence[OutgoingMessage],
        *,
        retries: int = 2,
        max_wait: float = 5.0,
    ) -> list[str]:
        """Deliver a batch of replies in order, waiting out up to ``retries`` rate limits
        (at most ``max_wait`` seconds each). Returns the message tokens."""
        tokens: list[str] = []
        for body in render_requests(messages, sender=self._sender, receiver=chat_id):
            for attempt in range(retries + 1):
                try:
                    tokens.append(await self.post(chat_id, body))
                    break
                except RetryLater as exc:
                    if attempt == retries:
                        raise
                    await self._sleep(min(exc.retry_after, max_wait))
        return tokens

    async def post(self, chat_id: str, body: Mapping[str, Any]) -> str:
        """Post one prepared send_message body; returns Viber's message token."""
        answer = await self._api.call("send_message", body)
        status = answer["status"]
        detail = str(answer.get("status_message", ""))
        if status == OK:
            self._strikes = 0
            return str(answer.get("message_token", ""))
        if status in RECIPIENT_GONE_STATUSES:
            await self._lifecycle.mark_inactive(self.channel, chat_id, detail or f"status {status}")
            raise RecipientGone(f"viber status {status} ({detail})")
        if status == TOO_MANY_REQUESTS:
            self._strikes += 1
            delay = min(self._backoff_base * 2 ** (self._strikes - 1), self._backoff_max)
            log.warning("viber rate limit (strike %d): retry in %.1fs", self._strikes, delay)
            raise RetryLater(delay, f"viber status 12 ({detail}): retry in {delay}s")
        raise PermanentFailure(f"viber status {status} ({detail})")
