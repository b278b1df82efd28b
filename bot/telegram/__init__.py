"""Telegram channel adapter on python-telegram-bot (see :class:`TelegramChannel`)."""

from bot.telegram.channel import SECRET_HEADER, WEBHOOK_PATH, TelegramChannel
from bot.telegram.limiter import TelegramRateLimiter
from bot.telegram.sender import TelegramSender

__all__ = [
    "SECRET_HEADER",
    "WEBHOOK_PATH",
    "TelegramChannel",
    "TelegramRateLimiter",
    "TelegramSender",
]
