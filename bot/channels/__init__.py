"""The messengers: the channel protocol and its errors (:mod:`bot.channels.protocol`), the
registry of channels, the inbound pipeline every channel feeds, and the adapters (Telegram,
Viber, the console)."""

from bot.channels.protocol import (
    BatchSender,
    Channel,
    ChannelSender,
    ChatLifecycle,
    DeliveryError,
    PermanentFailure,
    RecipientGone,
    RetryLater,
    SendingLimits,
    Sent,
    TransientFailure,
    Unconfirmed,
    Withheld,
)
from handlers.messages import Handle

__all__ = [
    "BatchSender",
    "Channel",
    "ChannelSender",
    "ChatLifecycle",
    "DeliveryError",
    "Handle",
    "PermanentFailure",
    "RecipientGone",
    "RetryLater",
    "SendingLimits",
    "Sent",
    "TransientFailure",
    "Unconfirmed",
    "Withheld",
]
