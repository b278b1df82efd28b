"""How long a notice takes to reach everyone, with and without fast delivery, and its cost.

Per channel: the chats it reaches divided by the rate the channel sends alerts at (its budget,
as if no customer were writing at the same time; a Viber account with broadcasts sends 300 chats
a call), or, the fast way, as many chats as today's budget still pays for at the paid rate and
the rest at the free rate. Channels send side by side: the time to reach everyone is the
slowest channel's. Messages already queued ahead of the notice are not counted.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from bot.channels.protocol import SendingLimits
from locales.i18n import _


@dataclass(frozen=True)
class ChannelEstimate:
    """One channel's share of a notice."""

    channel: str
    recipients: int
    seconds: float
    fast_seconds: float
    fast_messages: int
    cost: float


@dataclass(frozen=True)
class DeliveryEstimate:
    """A whole notice: its channels, and the slowest channel's time to reach everyone without
    and with fast delivery (seconds, to a tenth), the fast messages and their cost (Stars).
    ``fast``: staff may choose fast delivery for this notice (set by the preview)."""

    channels: tuple[ChannelEstimate, ...]
    seconds: float
    fast_seconds: float
    fast_messages: int
    stars: float
    fast_available: bool
    fast: bool = False


def _seconds(count: int, limits: SendingLimits) -> float:
    if count <= 0:
        return 0.0
    if limits.batch > 1 and limits.batch_rate > 0:
        return math.ceil(count / limits.batch) / limits.batch_rate
    return count / limits.rate if limits.rate > 0 else math.inf


def channel_estimate(
    channel: str, recipients: int, limits: SendingLimits | None, fast_left: int | None
) -> ChannelEstimate:
    """``fast_left``: fast messages today's budget still pays for (``None``: no limit)."""
    if limits is None:
        return ChannelEstimate(channel, recipients, math.nan, math.nan, 0, 0.0)
    free = _seconds(recipients, limits)
    if not limits.fast_rate:
        return ChannelEstimate(channel, recipients, free, free, 0, 0.0)
    paid = recipients if fast_left is None else min(recipients, fast_left)
    fast = paid / limits.fast_rate + _seconds(recipients - paid, limits)
    return ChannelEstimate(channel, recipients, free, fast, paid, paid * limits.fast_cost)


def estimate(
    recipients: Mapping[str, int],
    limits: Mapping[str, SendingLimits],
    fast_left: Mapping[str, int | None],
) -> DeliveryEstimate:
    """The whole notice: per channel, and the slowest channel with and without fast delivery."""
    channels = tuple(
        channel_estimate(name, count, limits.get(name), fast_left.get(name))
        for name, count in sorted(recipients.items())
    )
    known = [c for c in channels if not math.isnan(c.seconds)]
    return DeliveryEstimate(
        channels=channels,
        seconds=round(max((c.seconds for c in known), default=0.0), 1),
        fast_seconds=round(max((c.fast_seconds for c in known), default=0.0), 1),
        fast_messages=sum(c.fast_messages for c in channels),
        stars=round(sum(c.cost for c in channels), 1),
        fast_available=any(limits[c.channel].fast_rate for c in known),
    )


def duration(seconds: float) -> str:
    """``45 s``, ``12 min``, ``1 h 7 min`` for the page (to the tenth of a second shown)."""
    if math.isnan(seconds):
        return _("unknown")
    seconds = round(seconds, 1)
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60} min"
