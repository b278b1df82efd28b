"""Prometheus metrics of the bot (served at ``GET /metrics``).

Counters and histograms live in the default registry; the outbox depth is read from the
database by :func:`refresh_outbox_depth` just before each scrape.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

from prometheus_client import Counter, Gauge, Histogram

from handlers.messages import Handle, IncomingMessage, OutgoingMessage
from services import power_reports
from services.alerts.fanout_run import pending
from services.alerts.outbox_progress import counts_by_state
from services.customer_codes import DISTRICTS
from services.db import Database
from services.db.types import utcnow

UPDATES_HANDLED = Counter(
    "kesco_updates_handled_total", "Messages and button presses handled", ["channel"]
)
REPLIES = Counter("kesco_replies_total", "Replies the conversation produced", ["channel"])
EVENTS_RECEIVED = Counter(
    "kesco_events_received_total",
    "Events received from the account backend, by type and outcome",
    ["type", "outcome"],
)
OUTBOX_DEPTH = Gauge("kesco_outbox_messages", "Outbox rows by state", ["state"])
MESSAGES_SENT = Counter("kesco_messages_sent_total", "Alerts delivered", ["channel"])
MESSAGES_FAILED = Counter(
    "kesco_messages_failed_total",
    "Alert deliveries that failed, by channel and reason (retry, rate_limited, channel_down,"
    " gone, permanent, unconfirmed, expired, gave_up)",
    ["channel", "reason"],
)
POWER_REPORTS_LAST_HOUR = Gauge(
    "kesco_power_reports_last_hour",
    "Customers' reports of no power received in the last hour, by district",
    ["district"],
)
POWER_REPORTS_OPEN = Gauge(
    "kesco_power_reports_open",
    "Customers' reports of no power still open (power not said to be back), by district",
    ["district"],
)
FAST_MESSAGES = Counter(
    "kesco_fast_messages_total",
    "Alerts delivered the fast, paid way (Telegram's paid broadcast)",
    ["channel"],
)
FAST_COST = Counter(
    "kesco_stars_spent_total",
    "Telegram Stars spent on paid broadcast (estimated: 0.1 a message)",
    ["channel"],
)
UNRECORDED = Gauge(
    "kesco_dispatcher_unrecorded",
    "Delivery outcomes not yet written to the database (sending pauses while they cannot be)",
)
FANOUTS_PENDING = Gauge(
    "kesco_fanouts_pending", "Events whose fan-out (outbox rows) is waiting or under way"
)
DELIVERY_DELAY = Histogram(
    "kesco_delivery_delay_seconds",
    "Time from an alert's outbox row to its delivery",
    ["channel"],
    buckets=(0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 43200),
)


BATCH_RECEIVERS = Histogram(
    "kesco_batch_receivers",
    "Receivers in one call that sends an alert to many chats (Viber's broadcast_message)",
    ["channel"],
    buckets=(1, 10, 50, 100, 200, 250, 299, 300),
)
CHANNEL_DOWN = Gauge(
    "kesco_channel_down",
    "1 while a channel is paused or probing because its messenger fails for everyone",
    ["channel"],
)
CHANNEL_DOWN_SECONDS = Gauge(
    "kesco_channel_down_seconds", "How long a channel has been down (0 when it works)", ["channel"]
)
URGENT_WAITING = Gauge(
    "kesco_outbox_urgent_waiting",
    "Urgent alerts (outages, power back) queued or in flight, by channel",
    ["channel"],
)


def counted(handle: Handle) -> Handle:
    """``handle`` that also counts the updates handled and the replies, per channel."""

    async def counting_handle(message: IncomingMessage) -> list[OutgoingMessage]:
        replies = await handle(message)
        UPDATES_HANDLED.labels(message.channel).inc()
        REPLIES.labels(message.channel).inc(len(replies))
        return replies

    return counting_handle


def outbox_depth_refresher(database: Database) -> Callable[[], Awaitable[None]]:
    """A coroutine function that sets :data:`OUTBOX_DEPTH` from the database."""

    async def refresh() -> None:
        try:
            counts = await counts_by_state(database)
            FANOUTS_PENDING.set(await pending(database))
        except Exception:  # noqa: BLE001 - a scrape must not fail because the database does
            return
        for state, number in counts.items():
            OUTBOX_DEPTH.labels(state).set(number)

    return refresh


def power_reports_refresher(database: Database) -> Callable[[], Awaitable[None]]:
    """A coroutine function that sets the power-report gauges from the database."""

    async def refresh() -> None:
        now = utcnow()
        try:
            async with database.transaction() as session:
                recent = await power_reports.counts_by_district(session, now - timedelta(hours=1))
                still_open = await power_reports.open_by_district(session, now)
        except Exception:  # noqa: BLE001 - a scrape must not fail because the database does
            return
        for district in DISTRICTS:
            POWER_REPORTS_LAST_HOUR.labels(district).set(recent.get(district, 0))
            POWER_REPORTS_OPEN.labels(district).set(still_open.get(district, 0))

    return refresh
