"""Telegram channel adapter on python-telegram-bot (see :class:`TelegramChannel`)."""

from __future__ import annotations

from bot.channels.setup import ChannelSetup
from bot.channels.telegram.channel import SECRET_HEADER, WEBHOOK_PATH, TelegramChannel
from bot.channels.telegram.limiter import TelegramRateLimiter
from bot.channels.telegram.sender import TelegramSender


def build_channel(setup: ChannelSetup) -> TelegramChannel | None:
    """The Telegram channel when ``KESCO_TELEGRAM_TOKEN`` is set (the registry's builder)."""
    settings = setup.settings
    if not settings.telegram_token:
        return None
    return TelegramChannel(
        settings.telegram_token.get_secret_value(),
        settings.telegram_api_url,
        setup.inbound,
        setup.lifecycle,
        public_url=settings.public_url,
        webhook_secret=settings.telegram_webhook_secret.get_secret_value(),
        default_language=settings.default_language,
        rate=settings.telegram_rate,
        paid_broadcast=settings.telegram_paid_broadcast != "off",
    )


__all__ = [
    "SECRET_HEADER",
    "WEBHOOK_PATH",
    "TelegramChannel",
    "TelegramRateLimiter",
    "TelegramSender",
    "build_channel",
]
