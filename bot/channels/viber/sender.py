"""Sending neutral messages to Viber users: :class:`ViberSender`, a ``ChannelSender``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from bot.channels.protocol import (
    ChatLifecycle,
    DeliveryError,
    PermanentFailure,
    RecipientGone,
    RetryLater,
    SendingLimits,
    Sent,
    check_may_send,
)
from bot.channels.send_budget import ALERT, REPLY, SendBudget
from bot.channels.viber.api import OK, RECIPIENT_GONE_STATUSES, TOO_MANY_REQUESTS, ViberApi
from bot.channels.viber.incoming import CHANNEL
from bot.channels.viber.outgoing import MAX_REQUEST_BYTES, encode_body, render_requests
from handlers.messages import OutgoingMessage

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
MAX_BROADCAST = 300  # receivers in one broadcast_message (Viber's limit)
BROADCAST_CALLS, BROADCAST_WINDOW = 500, 10.0  # broadcast_message calls in any 10 s
BROADCAST_RECEIVER = "*broadcast"  # the chat of a broadcast's accepted token
PROBE_TIMEOUT = 5.0


class ViberSender:
    """Sends :class:`OutgoingMessage` values with ``send_message``; ``channel == "viber"``.

    Replies and alerts share one budget of ``rate`` send_message calls a second, replies
    first. With ``broadcast`` (Viber must have approved the account for it), alerts can also go
    to up to 300 chats in one ``broadcast_message`` call (:meth:`send_batch`), at most 500 calls
    in any 10 seconds.

    Viber's answer decides the outcome: status 0 is delivered; 5 (receiverNotRegistered) and
    6 (receiverNotSubscribed) mark the chat inactive and raise :class:`RecipientGone`;
    12 (tooManyRequests) pauses the budget and raises :class:`RetryLater` whose delay doubles
    with every consecutive refusal (``backoff_base`` up to ``backoff_max`` seconds, reset by a
    success); any other status raises :class:`PermanentFailure`; network errors and 5xx raise
    :class:`TransientFailure` (from :class:`ViberApi`); a send with no answer raises
    :class:`Unconfirmed`. Viber reports every delivery to the webhook with the message's token:
    the token of every answered send is recorded as ``accepted``, so that the receipt of a
    message whose answer was lost can be told apart (:mod:`services.alerts.settle`).

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
        rate: float = 20.0,
        broadcast: bool = False,
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
        self.budget = SendBudget(rate)
        self.broadcast_budget = SendBudget(BROADCAST_CALLS, BROADCAST_WINDOW)
        self._limits = SendingLimits(
            rate=rate,
            batch=MAX_BROADCAST if broadcast else 1,
            batch_rate=BROADCAST_CALLS / BROADCAST_WINDOW if broadcast else 0.0,
            receipts=True,
        )

    @property
    def profile(self) -> dict[str, Any]:
        """The ``sender`` object (bot name and avatar) put on every message."""
        return dict(self._sender)

    @property
    def limits(self) -> SendingLimits:
        return self._limits

    async def send(self, chat_id: str, message: OutgoingMessage) -> None:
        """Deliver one reply; raise a ``DeliveryError`` subclass when it fails."""
        for body in render_requests([message], sender=self._sender, receiver=chat_id):
            await self.post(chat_id, body)

    async def send_alert(
        self, chat_id: str, message: OutgoingMessage, *, fast: bool = False
    ) -> Sent:
        """Deliver one alert within what replies leave of the budget (Viber has no fast way)."""
        for body in render_requests([message], sender=self._sender, receiver=chat_id):
            await self.post(chat_id, body, priority=ALERT)
        return Sent()

    async def _call(self, method: str, body: Mapping[str, Any], priority: int) -> dict[str, Any]:
        if priority == ALERT:  # after the wait for the budget: may this process still send?
            check_may_send()
        return await self._api.call(method, body)

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

    async def post(self, chat_id: str, body: Mapping[str, Any], *, priority: int = REPLY) -> str:
        """Post one prepared send_message body; returns Viber's message token."""
        async with self.budget.sending(priority):
            answer = await self._call("send_message", body, priority)
        status = answer["status"]
        detail = str(answer.get("status_message", ""))
        if status == OK:
            self._strikes = 0
            token = str(answer.get("message_token", ""))
            await self._accepted(chat_id, token)
            return token
        raise await self._failure(chat_id, status, detail, self.budget)

    async def probe(self) -> bool:
        """Whether Viber answers ``get_account_info`` within :data:`PROBE_TIMEOUT` seconds."""
        try:
            async with asyncio.timeout(PROBE_TIMEOUT):
                answer = await self._api.call("get_account_info", {})
        except (TimeoutError, DeliveryError):
            return False
        return answer.get("status") == OK

    async def _accepted(self, chat_id: str, token: str) -> None:
        if not token:
            return
        try:
            await self._lifecycle.record_status(self.channel, chat_id, token, "accepted")
        except Exception as error:  # noqa: BLE001 - the message went; only the record failed
            log.warning(
                "viber: the token of a message sent could not be recorded (%s)",
                type(error).__name__,
            )

    async def send_batch(
        self, chat_ids: Sequence[str], message: OutgoingMessage
    ) -> dict[str, DeliveryError]:
        """Deliver ``message`` to ``chat_ids`` with ``broadcast_message`` (300 a call); returns
        the chats it failed for, from Viber's ``failed_list``. A call Viber refuses as a whole
        raises for all of them."""
        failed: dict[str, DeliveryError] = {}
        for start in range(0, len(chat_ids), MAX_BROADCAST):
            group = list(chat_ids[start : start + MAX_BROADCAST])
            for body in render_requests([message], sender=self._sender, receiver=group[0]):
                failed.update(await self._broadcast(group, body))
        return failed

    async def _broadcast(
        self, receivers: list[str], body: Mapping[str, Any]
    ) -> dict[str, DeliveryError]:
        request = {key: value for key, value in body.items() if key != "receiver"}
        request["broadcast_list"] = receivers
        if len(encode_body(request)) > MAX_REQUEST_BYTES and len(receivers) > 1:
            half = len(receivers) // 2
            return {
                **await self._broadcast(receivers[:half], body),
                **await self._broadcast(receivers[half:], body),
            }
        async with self.broadcast_budget.sending(ALERT):
            answer = await self._call("broadcast_message", request, ALERT)
        status = answer["status"]
        if status != OK:
            detail = str(answer.get("status_message", ""))
            raise await self._failure(None, status, detail, self.broadcast_budget)
        self._strikes = 0
        await self._accepted(BROADCAST_RECEIVER, str(answer.get("message_token", "")))
        failed: dict[str, DeliveryError] = {}
        for item in answer.get("failed_list") or []:
            receiver = item.get("receiver") if isinstance(item, dict) else None
            if receiver in receivers and receiver not in failed:
                status = item.get("status")
                detail = str(item.get("status_message", ""))
                failed[receiver] = await self._failure(receiver, status, detail, None)
        return failed

    async def _failure(
        self, chat_id: str | None, status: Any, detail: str, budget: SendBudget | None
    ) -> DeliveryError:
        """The error a non-zero ``status`` means (marking a gone chat inactive)."""
        if status in RECIPIENT_GONE_STATUSES:
            if chat_id is not None:
                reason = detail or f"status {status}"
                await self._lifecycle.mark_inactive(self.channel, chat_id, reason)
            return RecipientGone(f"viber status {status} ({detail})")
        if status == TOO_MANY_REQUESTS:
            if budget is None:  # one receiver of a broadcast: that chat only
                return RetryLater(self._backoff_base, f"viber status 12 ({detail})")
            self._strikes += 1
            delay = min(self._backoff_base * 2 ** (self._strikes - 1), self._backoff_max)
            budget.pause(delay)
            log.warning("viber rate limit (strike %d): retry in %.1fs", self._strikes, delay)
            return RetryLater(delay, f"viber status 12 ({detail}): retry in {delay}s")
        return PermanentFailure(f"viber status {status} ({detail})")
