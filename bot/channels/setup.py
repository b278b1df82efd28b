"""What a channel's builder is given: :class:`ChannelSetup`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from bot.channels.protocol import ChatLifecycle

if TYPE_CHECKING:
    from bot.channels.inbound import Inbound
    from bot.settings import Settings


@dataclass(frozen=True)
class ChannelSetup:
    """What a channel's builder is given (see :mod:`bot.channels.registry`).

    ``terminal`` (input, output) is set only by ``kesco-bot chat``, for the console.
    """

    settings: Settings
    inbound: Inbound
    lifecycle: ChatLifecycle
    terminal: tuple[TextIO, TextIO] | None = None
