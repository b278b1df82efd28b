"""Careful sending to Telegram: one neutral message in, PTB calls out, PTB errors mapped."""

from __future__ import annotations

import logging

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

from bot.channels import (
    ChatLifecycle,
    DeliveryError,
    PermanentFailure,
    RecipientGone,
    RetryLater,
    TransientFailure,
)
from bot.telegram.callback_data import CallbackPayloads
from bot.telegram.convert import CHANNEL, outgoing_to_requests
from bot.telegram.limiter import retry_after_seconds
from handlers.messages import OutgoingMessage
from services.quiet_log import QuietLog, shorten

_LOG = logging.getLogger(__name__)
_FAILURES = QuietLog(_LOG)


def telegram_chat_id(chat_id: str) -> int | str:
    """Numeric chat ids as ``int``; ``@channelusername`` stays a string."""
    try:
        return int(chat_id)
    except ValueError:
        return chat_id


def delivery_error(error: TelegramError) -> DeliveryError:
    """The :class:`~bot.channels.DeliveryError` that a PTB error means for the caller."""
    if isinstance(error, RetryAfter):
        return RetryLater(retry_after_seconds(error), str(error))
    if isinstance(error, Forbidden):
        return RecipientGone(error.message)
    if isinstance(error, ChatMigrated):
        return PermanentFailure(f"chat migrated to {error.new_chat_id}")
    if isinstance(error, BadRequest | InvalidToken):
        return PermanentFailure(error.message)
    if isinstance(error, NetworkError):  # also TimedOut and 5xx answers
        return TransientFailure(error.message)
    return TransientFailure(error.message)


class TelegramSender:
    """:class:`bot.channels.ChannelSender` for Telegram.

    Sends plain text with an inline keyboard, split at 4096 characters. The bot's rate limiter
    spaces messages and waits out short 429s; what still fails is raised as a
    :class:`~bot.channels.DeliveryError`. A 403 (the user blocked the bot) marks the chat
    inactive through the :class:`~bot.channels.ChatLifecycle` and is never retried.
    """

    channel = CHANNEL

    def __init__(self, bot: Bot, lifecycle: ChatLifecycle, payloads: CallbackPayloads) -> None:
        self._bot = bot
        self._lifecycle = lifecycle
        self._payloads = payloads

    async def send(self, chat_id: str, message: OutgoingMessage) -> None:
        """Deliver ``message`` to ``chat_id``; raise a :class:`DeliveryError` when it fails."""
        for kwargs in outgoing_to_requests(message, self._payloads):
            try:
                await self._bot.send_message(chat_id=telegram_chat_id(chat_id), **kwargs)
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

    async def answer_callback(self, callback_query_id: str, text: str | None = None) -> None:
        """Answer a button press (Telegram wants every one answered); failures are logged only."""
        try:
            await self._bot.answer_callback_query(callback_query_id, text=text)
        except TelegramError as error:
            _LOG.info("answerCallbackQuery failed: %s", error.message)
