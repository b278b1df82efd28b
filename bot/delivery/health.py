"""Delivery in ``/healthz`` and in metrics: is each channel sending, and do urgent alerts wait?

Per channel: its state in this process's dispatcher (``ok``, ``paused``, ``probing``, or
``standby`` when another instance leads), for how long it has been down, and how many urgent
alerts (outages, power back) are queued or in flight for it (from the database, so every
instance reports it). A channel that is down makes ``/healthz`` say ``degraded``, never fail:
the instance still serves, and its load balancer must not take it out.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import func, select

from bot import metrics
from bot.delivery.dispatcher import Dispatcher
from services.alerts.fanout import URGENT
from services.db import Database
from services.db.alert_models import OutboxMessage


class DeliveryHealth:
    """The ``delivery`` check of :class:`bot.web.health.HealthMonitor` and its details."""

    def __init__(
        self,
        database: Database,
        dispatcher: Dispatcher,
        channels: Sequence[str],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._database, self._dispatcher = database, dispatcher
        self._channels = list(channels)
        self._clock = clock
        self.details: dict[str, Any] = {}

    async def check(self) -> bool:
        """Refresh the details and the gauges; ``False`` while a channel is down."""
        waiting = await self._urgent_waiting()
        statuses = self._dispatcher.status()
        now = self._clock()
        details: dict[str, Any] = {}
        for channel in self._channels:
            status = statuses.get(channel)
            state = status.state if status is not None and self._dispatcher.leading else "standby"
            down = status.down_since if status is not None and self._dispatcher.leading else None
            seconds = round(now - down, 1) if down is not None else 0.0
            details[channel] = {
                "state": state,
                "down_seconds": seconds,
                "urgent_waiting": waiting.get(channel, 0),
            }
            metrics.CHANNEL_DOWN.labels(channel).set(1 if down is not None else 0)
            metrics.CHANNEL_DOWN_SECONDS.labels(channel).set(seconds)
            metrics.URGENT_WAITING.labels(channel).set(waiting.get(channel, 0))
        self.details = details
        return all(detail["down_seconds"] == 0 for detail in details.values())

    def report(self) -> dict[str, Any]:
        return dict(self.details)

    async def _urgent_waiting(self) -> dict[str, int]:
        query = (
            select(OutboxMessage.channel, func.count())
            .where(OutboxMessage.state.in_(("queued", "sending")), OutboxMessage.urgency == URGENT)
            .group_by(OutboxMessage.channel)
        )
        async with self._database.read() as session:
            return {channel: int(number) for channel, number in await session.execute(query)}
