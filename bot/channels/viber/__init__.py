"""Viber channel adapter, built on viberbot's message and callback classes.

``ViberChannel(token, api_root, inbound, lifecycle, public_url=None, bot_name="KESCO",
avatar=None)``: ``await start()`` registers the webhook, ``aiohttp_routes()`` serves
``POST /webhooks/viber``, ``sender`` is the ``ChannelSender`` for alerts, ``await ping()``
checks the token, ``await stop()`` closes the HTTP session.
"""

from __future__ import annotations

from bot.channels.setup import ChannelSetup
from bot.channels.viber.api import ViberApi, ViberApiError
from bot.channels.viber.channel import EVENT_TYPES, ViberChannel
from bot.channels.viber.sender import ViberSender
from bot.channels.viber.webhook import PATH, SIGNATURE_HEADER, ViberWebhook, sign


def build_channel(setup: ChannelSetup) -> ViberChannel | None:
    """The Viber channel when ``KESCO_VIBER_TOKEN`` is set (the registry's builder)."""
    settings = setup.settings
    if not settings.viber_token:
        return None
    return ViberChannel(
        settings.viber_token.get_secret_value(),
        settings.viber_api_url,
        setup.inbound,
        setup.lifecycle,
        public_url=settings.public_url,
        bot_name=settings.viber_bot_name,
        rate=settings.viber_rate,
        broadcast=settings.viber_broadcast == "on",
    )


__all__ = [
    "EVENT_TYPES",
    "PATH",
    "SIGNATURE_HEADER",
    "ViberApi",
    "ViberApiError",
    "ViberChannel",
    "ViberSender",
    "ViberWebhook",
    "build_channel",
    "sign",
]
