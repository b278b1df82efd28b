"""Viber channel adapter, built on viberbot's message and callback classes.

``ViberChannel(token, api_root, handle, lifecycle, public_url=None, bot_name="KESCO",
avatar=None)``: ``await start()`` registers the webhook, ``aiohttp_routes()`` serves
``POST /webhooks/viber``, ``sender`` is the ``ChannelSender`` for alerts, ``await ping()``
checks the token, ``await stop()`` closes the HTTP session.
"""

from bot.viber.api import ViberApi, ViberApiError
from bot.viber.channel import EVENT_TYPES, ViberChannel
from bot.viber.sender import ViberSender
from bot.viber.webhook import PATH, SIGNATURE_HEADER, ViberWebhook, sign

__all__ = [
    "EVENT_TYPES",
    "PATH",
    "SIGNATURE_HEADER",
    "ViberApi",
    "ViberApiError",
    "ViberChannel",
    "ViberSender",
    "ViberWebhook",
    "sign",
]
