"""Building the configured channel adapters from settings."""

from __future__ import annotations

from typing import Any

from bot.app import App
from bot.metrics import counted


def build_channels(app: App) -> list[Any]:
    """Telegram when ``KESCO_TELEGRAM_TOKEN`` is set, Viber when ``KESCO_VIBER_TOKEN`` is."""
    settings = app.settings
    handle = counted(app.conversation.handle)
    channels: list[Any] = []
    if settings.telegram_token:
        from bot.telegram import TelegramChannel

        channels.append(
            TelegramChannel(
                settings.telegram_token.get_secret_value(),
                settings.telegram_api_url,
                handle,
                app.lifecycle,
                public_url=settings.public_url,
                webhook_secret=settings.telegram_webhook_secret.get_secret_value(),
                default_language=settings.default_language,
            )
        )
    if settings.viber_token:
        from bot.viber import ViberChannel

        channels.append(
            ViberChannel(
                settings.viber_token.get_secret_value(),
                settings.viber_api_url,
                handle,
                app.lifecycle,
                public_url=settings.public_url,
                bot_name=settings.viber_bot_name,
            )
        )
    return channels
