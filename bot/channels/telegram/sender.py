"""Careful sending to Telegram: one neutral message in, PTB calls out, PTB errors mapped."""

from __future__ import annotations

import asyncio
import logging
from contextlib import nullcontext
from typing import Any

from telegram import Bot
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.channels.protocol import (
    ChatLifecycle,
    DeliveryError,
    PermanentFailure,
    RecipientGone,
    RetryLater,
    SendingLimits,
    Sent,
    TransientFailure,
    Unconfirmed,
    check_may_send,
)
from bot.channels.telegram.alert_bodies import AlertBodies
from bot.channels.telegram.callback_data import CallbackPayloads
from bot.channels.telegram.convert import (
    CHANNEL,
    TEXT_LIMIT,
    buttons_to_markup,
    outgoing_to_requests,
)
from bot.channels.telegram.documents import document_requests, upload_method
from bot.channels.telegram.limiter import (
    PAID_RATE,
    SendClass,
    TelegramRateLimiter,
    retry_after_seconds,
)
from bot.channels.telegram.transport import (
    AiohttpRequest,
    RequestNotSent,
    ServerError,
    post_encoded,
)
from handlers.messages import OutgoingMessage
from services.quiet_log import QuietLog, shorten

_LOG = logging.getLogger(__name__)
_FAILURES = QuietLog(_LOG)
STARS_PER_PAID_MESSAGE = 0.1  # Telegram: allow_paid_broadcast costs 0.1 Star a message
PROBE_TIMEOUT = 5.0


def telegram_chat_id(chat_id: str) -> int | str:
    """Numeric chat ids as ``int``; ``@channelusername`` stays a string."""
    try:
        return int(chat_id)
    except ValueError:
        return chat_id


def delivery_error(error: TelegramError) -> DeliveryError:
    """The :class:`~bot.channels.protocol.DeliveryError` that a PTB error means for the caller."""
    if isinstance(error, RetryAfter):
        return RetryLater(retry_after_seconds(error), str(error))
    if isinstance(error, Forbidden):
        return RecipientGone(error.message)
    if isinstance(error, ChatMigrated):
        return PermanentFailure(f"chat migrated to {error.new_chat_id}")
    if isinstance(error, BadRequest | InvalidToken):
        return PermanentFailure(error.message)
    if isinstance(error, RequestNotSent | ServerError):
        return TransientFailure(error.message)
    if isinstance(error, NetworkError):  # TimedOut after the request was written, a dropped line
        return Unconfirmed(error.message or type(error).__name__)
    return TransientFailure(error.message)


def answer_error(answer: dict[str, object]) -> DeliveryError:
    """What a Bot API answer with ``"ok": false`` means (as PTB reads it)."""
    code = answer.get("error_code")
    description = str(answer.get("description") or f"error {code}")
    parameters = answer.get("parameters")
    parameters = parameters if isinstance(parameters, dict) else {}
    if parameters.get("retry_after") is not None or code == 429:
        return RetryLater(float(parameters.get("retry_after") or 1), description)
    if parameters.get("migrate_to_chat_id") is not None:
        return PermanentFailure(f"chat migrated to {parameters['migrate_to_chat_id']}")
    if code == 403:
        return RecipientGone(description)
    if code in (400, 401, 404):
        return PermanentFailure(description)
    return TransientFailure(description)


class TelegramSender:
    """:class:`bot.channels.protocol.ChannelSender` for Telegram.

    Sends plain text with an inline keyboard, split at 4096 characters; a message with an
    attachment uploads it with sendDocument, a picture with sendPhoto
    (:mod:`~bot.channels.telegram.documents`). Replies
    and alerts share the bot's rate limiter
    (:class:`~bot.channels.telegram.limiter.TelegramRateLimiter`), replies first;
    an alert sent ``fast`` carries ``allow_paid_broadcast`` (when ``paid_broadcast`` is on) and
    goes within Telegram's paid limit of 1000 a second. What fails is raised as a
    :class:`~bot.channels.protocol.DeliveryError`. A 403 (the user blocked the bot) marks the chat
    inactive through the :class:`~bot.channels.protocol.ChatLifecycle` and is never retried.
    """

    channel = CHANNEL

    def __init__(
        self,
        bot: Bot,
        lifecycle: ChatLifecycle,
        payloads: CallbackPayloads,
        *,
        rate: float = 30.0,
        paid_broadcast: bool = False,
    ) -> None:
        self._bot = bot
        self._lifecycle = lifecycle
        self._payloads = payloads
        self._bodies = AlertBodies(payloads)
        self._limits = SendingLimits(
            rate=rate,
            fast_rate=PAID_RATE if paid_broadcast else None,
            fast_cost=STARS_PER_PAID_MESSAGE,
        )

    @property
    def limits(self) -> SendingLimits:
        return self._limits

    async def send(self, chat_id: str, message: OutgoingMessage) -> None:
        """Deliver a reply to ``chat_id``; raise a :class:`DeliveryError` when it fails."""
        await self._deliver(chat_id, message, SendClass())

    async def send_alert(
        self, chat_id: str, message: OutgoingMessage, *, fast: bool = False
    ) -> Sent:
        """Deliver an alert; ``fast`` pays for Telegram's broadcast limit when it is enabled.

        Alerts are posted as plain JSON on the bot's own transport, within the same rate limiter
        as the replies, without building and parsing PTB objects, their bodies encoded once per
        message (:class:`~bot.channels.telegram.alert_bodies.AlertBodies`): that is what sending
        1000 a second takes."""
        paid = fast and self._limits.fast_rate is not None
        kind = SendClass(alert=True, paid=paid)
        request = self._bot.request
        limiter = getattr(self._bot, "rate_limiter", None)
        if not isinstance(request, AiohttpRequest):  # a bot built elsewhere: PTB's own way
            await self._deliver(chat_id, message, kind)
            return Sent(fast=paid)
        url = f"{self._bot.base_url}/sendMessage"
        for body in self._bodies.bodies(telegram_chat_id(chat_id), message, paid):
            holding = (
                limiter.sending(chat_id, kind)
                if isinstance(limiter, TelegramRateLimiter)
                else nullcontext()
            )
            try:
                async with holding:
                    check_may_send()
                    _status, answer = await post_encoded(request, url, body)
            except TelegramError as error:
                raise delivery_error(error) from error
            if not answer.get("ok"):
                failure = answer_error(answer)
                if isinstance(failure, RetryLater) and isinstance(limiter, TelegramRateLimiter):
                    limiter.pause(kind, failure.retry_after)
                if isinstance(failure, RecipientGone):
                    await self._lifecycle.mark_inactive(CHANNEL, chat_id, str(failure))
                raise failure
        return Sent(fast=paid)

    async def probe(self) -> bool:
        """Whether the Bot API answers ``getMe`` within :data:`PROBE_TIMEOUT` seconds (no
        message is sent: a probe that hangs costs no customer a copy)."""
        try:
            async with asyncio.timeout(PROBE_TIMEOUT):
                await self._bot.get_me(
                    read_timeout=PROBE_TIMEOUT, connect_timeout=PROBE_TIMEOUT, pool_timeout=1.0
                )
        except (TimeoutError, TelegramError):
            return False
        return True

    async def _deliver(self, chat_id: str, message: OutgoingMessage, kind: SendClass) -> None:
        extra = {"allow_paid_broadcast": True} if kind.paid else {}
        calls: list[tuple[Any, dict[str, Any]]]
        if message.attachment is not None:
            before, document = document_requests(message, self._payloads)
            calls = [(self._bot.send_message, kwargs) for kwargs in before]
            photo = upload_method(message) == "photo"
            calls.append((self._bot.send_photo if photo else self._bot.send_document, document))
        else:
            requests = outgoing_to_requests(message, self._payloads)
            calls = [(self._bot.send_message, kwargs) for kwargs in requests]
        for call, kwargs in calls:
            if kind.alert:
                check_may_send()
            try:
                params: dict[str, Any] = {"rate_limit_args": kind, **kwargs, **extra}  # ExtBot's
                await call(chat_id=telegram_chat_id(chat_id), **params)
            except TelegramError as error:
                failure = delivery_error(error)
                if isinstance(failure, RecipientGone):
                    await self._lifecycle.mark_inactive(CHANNEL, chat_id, error.message)
                _FAILURES.failure(
                    type(failure).__name__,
                    "Telegram send to chat %s failed: %s: %s",
                    chat_id,
                    type(failure).__name__,
                    shorten(failure),
                )
                raise failure from error
        _FAILURES.recovered("TransientFailure", "Telegram sends work again")

    async def edit(self, chat_id: str, message_id: str, message: OutgoingMessage) -> bool:
        """Replace the text and inline buttons of the bot's message ``message_id`` with
        ``message`` (the answer to a press of one of its buttons). ``False`` when it cannot be
        edited (too long for one message, a share-my-number keyboard, the message too old or
        gone: the caller sends it as a new message instead); an edit that changes nothing is
        done. Rate limits and a blocked chat raise, as a send would."""
        sharing = any(button.share_phone for button in message.all_buttons())
        if (
            sharing
            or message.attachment is not None
            or not message.text
            or len(message.text) > TEXT_LIMIT
        ):
            return False
        try:
            params: dict[str, Any] = {"rate_limit_args": SendClass()}  # ExtBot's
            await self._bot.edit_message_text(
                text=message.text,
                chat_id=telegram_chat_id(chat_id),
                message_id=int(message_id),
                reply_markup=buttons_to_markup(message.buttons, self._payloads),
                **params,
            )
        except BadRequest as error:
            if "message is not modified" in error.message.lower():
                return True
            _LOG.info("Telegram edit in chat %s refused (%s): sent anew", chat_id, error.message)
            return False
        except TelegramError as error:
            failure = delivery_error(error)
            if isinstance(failure, RecipientGone):
                await self._lifecycle.mark_inactive(CHANNEL, chat_id, error.message)
            raise failure from error
        return True

    async def answer_callback(self, callback_query_id: str, text: str | None = None) -> None:
        """Answer a button press (Telegram wants every one answered); failures are logged only."""
        try:
            await self._bot.answer_callback_query(callback_query_id, text=text)
        except TelegramError as error:
            _LOG.info("answerCallbackQuery failed: %s", error.message)
