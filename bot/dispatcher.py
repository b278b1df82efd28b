"""The alert dispatcher: sends the outbox, per channel at that channel's rate, most urgent first.

Only the holder of the dispatcher lock sends (see :mod:`bot.dispatcher_lock`). It claims rows
in small batches (never the whole outbox in memory), spaces sends at the channel's rate, retries
transient failures with exponential backoff, waits out ``RetryLater``, blocks chats that are
gone, and gives up after ``max_attempts``. It also queues planned-work reminders when due.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot import metrics
from bot.channels import ChannelSender, PermanentFailure, RecipientGone, RetryLater
from bot.dispatcher_lock import LeaderLock, LeadershipLost, leader_lock_for
from handlers.messages import Button, OutgoingMessage
from services.alerts import outbox, quiet
from services.alerts.outbox import ClaimedMessage
from services.alerts.reminders import queue_due_reminders
from services.db import Database
from services.db.types import utcnow
from services.quiet_log import QuietLog

log = logging.getLogger(__name__)
_QUIET = QuietLog(log)  # repeating failures (the database away): once, then a count
Clock = Callable[[], datetime]


@dataclass(frozen=True)
class DispatcherConfig:
    """Tuning of the dispatcher; the defaults suit production."""

    max_attempts: int = 8
    backoff_base: float = 2.0
    backoff_max: float = 600.0
    concurrency: int = 16
    lease: timedelta = timedelta(minutes=2)
    idle_poll: float = 0.5
    lock_poll: float = 1.0
    reminder_interval: float = 30.0
    default_language: str = "sq"


class Pacer:
    """Spaces calls ``1 / rate`` seconds apart; :meth:`pause` holds them all for a while."""

    def __init__(self, rate: float) -> None:
        self._interval = 1.0 / rate if rate > 0 else 0.0
        self._next = 0.0

    async def wait(self) -> None:
        now = time.monotonic()
        slot = max(now, self._next)
        self._next = slot + self._interval
        if slot > now:
            await asyncio.sleep(slot - now)

    def pause(self, seconds: float) -> None:
        self._next = max(self._next, time.monotonic() + seconds)


def to_outgoing(message: ClaimedMessage, silent: bool) -> OutgoingMessage:
    rows = tuple(tuple(Button(text, payload=payload) for text, payload in row)
                 for row in message.buttons)  # fmt: skip
    return OutgoingMessage(message.text, rows, silent=silent)


class Dispatcher:
    """Sends outbox rows through ``senders`` (one per channel) at ``rates`` messages a second."""

    def __init__(
        self,
        database: Database,
        senders: Mapping[str, ChannelSender],
        rates: Mapping[str, float],
        *,
        config: DispatcherConfig | None = None,
        lock: LeaderLock | None = None,
        clock: Clock = utcnow,
    ) -> None:
        self._database = database
        self._senders = dict(senders)
        self._rates = dict(rates)
        self._config = config or DispatcherConfig()
        self._lock = lock or leader_lock_for(database, self._config.lock_poll)
        self._clock = clock
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.leading = False

    def start(self) -> None:
        self._task = asyncio.create_task(self.run(), name="alert-dispatcher")

    async def stop(self, grace: float = 5.0) -> None:
        """Stop claiming, let the sends in flight finish (up to ``grace`` seconds), then stop."""
        self._stopping.set()
        self._wake.set()
        if self._task is None:
            return
        with contextlib.suppress(asyncio.CancelledError, TimeoutError, Exception):
            await asyncio.wait_for(asyncio.shield(self._task), grace)
        if not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task

    def wake(self) -> None:
        """New rows were queued: look now instead of at the next poll."""
        self._wake.set()

    async def run(self) -> None:
        while not self._stopping.is_set():
            acquiring = asyncio.create_task(self._lock.acquire())
            stopping = asyncio.create_task(self._stopping.wait())
            await asyncio.wait({acquiring, stopping}, return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            if not acquiring.done():
                acquiring.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await acquiring
                return
            try:
                await self._lead()
            except* LeadershipLost as lost:
                log.warning("dispatcher lock lost (%s): standing by", lost.exceptions[0])
            finally:
                self.leading = False
                await self._lock.release()

    async def _lead(self) -> None:
        self.leading = True
        requeued = await outbox.requeue_in_flight(self._database, self._clock(), all_leases=True)
        log.info("dispatching alerts (%d messages in flight before were queued again)", requeued)
        async with asyncio.TaskGroup() as group:
            watcher = group.create_task(self._lock.watch())
            workers = [
                group.create_task(self._work(channel, sender))
                for channel, sender in self._senders.items()
            ]
            workers.append(group.create_task(self._schedule_reminders()))
            await asyncio.gather(*workers)
            watcher.cancel()

    async def _idle(self) -> None:
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), self._config.idle_poll)

    async def _schedule_reminders(self) -> None:
        while not self._stopping.is_set():
            try:
                if await queue_due_reminders(
                    self._database, self._clock(), self._config.default_language
                ):
                    self._wake.set()
            except Exception as error:  # noqa: BLE001 - the database may be down for a while
                _QUIET.failure("reminders", "queueing planned-work reminders failed",
                               exc_info=error)  # fmt: skip
            else:
                _QUIET.recovered("reminders", "queueing planned-work reminders works again")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self._config.reminder_interval)

    async def _work(self, channel: str, sender: ChannelSender) -> None:
        rate = self._rates.get(channel, 20.0)
        pacer = Pacer(rate)
        batch_size = max(10, min(500, int(rate * 2)))
        in_flight = asyncio.Semaphore(self._config.concurrency)
        sends: set[asyncio.Task[None]] = set()
        while not self._stopping.is_set():
            try:
                batch = await outbox.claim(
                    self._database, channel, batch_size, self._clock(), self._config.lease
                )
            except Exception as error:  # noqa: BLE001 - the database may be down for a while
                _QUIET.failure(f"claim:{channel}", "claiming %s alerts failed: %s", channel,
                               type(error).__name__, exc_info=error)  # fmt: skip
                batch = []
            else:
                _QUIET.recovered(f"claim:{channel}", "claiming %s alerts works again", channel)
            if not batch:
                await self._idle()
                continue
            for index, message in enumerate(batch):
                if self._stopping.is_set():
                    await self._release(batch[index:])
                    break
                await pacer.wait()
                await in_flight.acquire()
                task = asyncio.create_task(self._deliver(sender, message, pacer))
                sends.add(task)
                task.add_done_callback(lambda done: (sends.discard(done), in_flight.release()))
        if sends:
            await asyncio.gather(*sends, return_exceptions=True)

    async def _release(self, messages: list[ClaimedMessage]) -> None:
        for message in messages:
            await outbox.retry_later(
                self._database, message.id, self._clock(), "", count_attempt=False
            )

    async def _deliver(self, sender: ChannelSender, message: ClaimedMessage, pacer: Pacer) -> None:
        channel, now = message.channel, self._clock()
        quiet_end = quiet.quiet_until(message.quiet_hours, now)
        try:
            if message.quiet == quiet.WAIT and quiet_end is not None:
                await outbox.retry_later(
                    self._database, message.id, quiet_end, "", count_attempt=False
                )
                return
            silent = message.quiet == quiet.SILENT and quiet_end is not None
            try:
                await sender.send(message.external_id, to_outgoing(message, silent))
            except RetryLater as error:
                pacer.pause(error.retry_after)
                await self._retry(message, error.retry_after, "rate_limited", str(error))
            except RecipientGone as error:
                metrics.MESSAGES_FAILED.labels(channel, "gone").inc()
                await outbox.mark_recipient_gone(
                    self._database, message.id, message.chat_id, f"recipient gone: {error}"
                )
            except PermanentFailure as error:
                metrics.MESSAGES_FAILED.labels(channel, "permanent").inc()
                await outbox.mark_failed(self._database, message.id, f"rejected: {error}")
            except Exception as error:  # noqa: BLE001 - TransientFailure, network, anything else
                delay = self._config.backoff_base * 2 ** max(message.attempts - 1, 0)
                reason = f"{type(error).__name__}: {error}"
                await self._retry(message, min(delay, self._config.backoff_max), "retry", reason)
            else:
                sent_at = self._clock()
                await outbox.mark_sent(self._database, message.id, sent_at)
                metrics.MESSAGES_SENT.labels(channel).inc()
                delay = max((sent_at - message.created_at).total_seconds(), 0.0)
                metrics.DELIVERY_DELAY.labels(channel).observe(delay)
        except Exception:
            log.exception("recording the outcome of outbox row %s failed", message.id)

    async def _retry(self, message: ClaimedMessage, delay: float, kind: str, reason: str) -> None:
        if message.attempts >= self._config.max_attempts:
            metrics.MESSAGES_FAILED.labels(message.channel, "gave_up").inc()
            log.warning("outbox row %s: gave up after %d attempts", message.id, message.attempts)
            why = f"rate limited: {reason}" if kind == "rate_limited" else reason
            await outbox.mark_failed(
                self._database, message.id, f"gave up after {message.attempts} attempts: {why}"
            )
            return
        metrics.MESSAGES_FAILED.labels(message.channel, kind).inc()
        at = self._clock() + timedelta(seconds=delay)
        await outbox.retry_later(self._database, message.id, at, reason)
