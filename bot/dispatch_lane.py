"""One stream of a channel's alerts: claim rows, send them, turn each result into an outcome.

A channel has a *free* lane and, when it has a fast (paid) way, a *fast* lane for the rows that
asked for it while the day's budget lasts. A lane claims only as many rows as it can start
sending now (its concurrency is sized to the channel's rate), so rows are never held long in
memory, and it starts nothing while outcomes cannot be recorded. A channel that sends to many
chats in one call (:class:`bot.channels.BatchSender`) gets rows with the same text grouped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot import metrics
from bot.channels import (
    BatchSender,
    ChannelSender,
    PermanentFailure,
    RecipientGone,
    RetryLater,
    Sent,
    Unconfirmed,
)
from bot.delivery_gate import ChannelGate
from bot.delivery_records import Recorder
from bot.fast_allowance import FastAllowance
from handlers.messages import Button, OutgoingMessage
from services.alerts import outbox, quiet
from services.alerts.outbox import ClaimedMessage, Outcome
from services.db import Database

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
MAX_CLAIM = 1000  # rows in one claim (one transaction); five for batching channels, so that
# each of the five languages' texts fills its calls
CLAIM_WAIT = 0.05


@dataclass(frozen=True)
class LaneSettings:
    """What every lane shares: tries, backoff, lease, polling."""

    max_attempts: int = 8
    backoff_base: float = 2.0
    backoff_max: float = 300.0
    lease: timedelta = timedelta(minutes=2)
    idle_poll: float = 0.5


def to_outgoing(message: ClaimedMessage, silent: bool) -> OutgoingMessage:
    rows = tuple(tuple(Button(text, payload=payload) for text, payload in row)
                 for row in message.buttons)  # fmt: skip
    return OutgoingMessage(message.text, rows, silent=silent)


def concurrency_for(rate: float, *, low: int = 32, high: int = 1024) -> int:
    """Sends in flight for ``rate`` a second: two seconds' worth, within ``low``..``high``."""
    return max(low, min(high, int(rate * 2)))


class Lane:
    """Claims and sends the rows of one channel (the fast ones, or the others)."""

    def __init__(
        self,
        database: Database,
        sender: ChannelSender,
        *,
        recorder: Recorder,
        gate: ChannelGate,
        settings: LaneSettings,
        clock: Clock,
        allowance: FastAllowance | None = None,
        fast: bool = False,
    ) -> None:
        self.channel = sender.channel
        self._database, self._sender = database, sender
        self._recorder, self._gate, self._settings = recorder, gate, settings
        self._clock, self._allowance, self.fast = clock, allowance, fast
        limits = sender.limits
        batching = isinstance(sender, BatchSender) and limits.batch > 1 and not fast
        self._batch_sender: BatchSender | None = sender if batching else None  # type: ignore[assignment]
        self._unit = limits.batch if batching else 1
        if batching:
            self.concurrency = max(4, min(64, int(limits.batch_rate)))
        else:
            self.concurrency = concurrency_for(limits.fast_rate if fast else limits.rate)
        # Claim in batches (a claim is a transaction): wait for a quarter of the places to be
        # free, or CLAIM_WAIT seconds, whichever comes first.
        self._min_claim = max(1, self.concurrency // 4)
        self._last_claim = 0.0
        self.in_flight = 0
        self.claims = self.claimed = 0  # transactions and rows, for the log
        self._sent_count = metrics.MESSAGES_SENT.labels(self.channel)
        self._delay = metrics.DELIVERY_DELAY.labels(self.channel)
        self._tasks: set[asyncio.Task[None]] = set()
        self._freed = asyncio.Event()
        self._full = False  # the last step found no place free: wait for one
        self.wake = asyncio.Event()

    def _claim_filter(self, now: datetime) -> bool | None:
        """Which rows this lane takes: fast ones, free ones, or all (no fast way left)."""
        if self.fast:
            return True
        if self._allowance is None or self._allowance.remaining(now) == 0:
            return None
        return False

    async def run(self, stop: asyncio.Event) -> None:
        try:
            while not stop.is_set():
                if not await self._step(stop):
                    await self._idle(stop, freed=self._full)
        finally:
            if self._tasks:
                await asyncio.gather(*self._tasks, return_exceptions=True)
            log.info("%s lane%s: %d rows claimed in %d claims", self.channel,
                     " (fast)" if self.fast else "", self.claimed, self.claims)  # fmt: skip

    async def _idle(
        self, stop: asyncio.Event, timeout: float | None = None, *, freed: bool = False
    ) -> None:
        """Wait for new rows (``wake``), the stop, ``timeout``, and, when ``freed``, for a
        place in flight to come free."""
        self.wake.clear()
        events = (self.wake, stop, self._freed) if freed else (self.wake, stop)
        waiters = [asyncio.ensure_future(event.wait()) for event in events]
        with contextlib.suppress(TimeoutError):
            await asyncio.wait(waiters, timeout=timeout or self._settings.idle_poll,
                               return_when=asyncio.FIRST_COMPLETED)  # fmt: skip
        for waiter in waiters:
            waiter.cancel()

    async def _step(self, stop: asyncio.Event) -> bool:
        """Claim and start what fits now; ``False`` when there was nothing to do."""
        self._full = False
        if not self._recorder.ok.is_set():
            return False
        if (paused := self._gate.paused_for()) > 0:
            await self._idle(stop, paused)
            return True
        now = self._clock()
        if self.fast and (self._allowance is None or self._allowance.remaining(now) == 0):
            return False
        room = self.concurrency - self.in_flight
        allowed = self._gate.allowed(self.in_flight)
        room = room if allowed is None else min(room, allowed)
        if room <= 0:
            self._freed.clear()
            self._full = True
            return False
        loop = asyncio.get_running_loop()
        waited = loop.time() - self._last_claim
        if self.in_flight and room < self._min_claim and waited < CLAIM_WAIT:
            await asyncio.sleep(CLAIM_WAIT - waited)
            return True
        self._last_claim = loop.time()
        try:
            rows = await outbox.claim(
                self._database, self.channel,
                min(room * self._unit, MAX_CLAIM * (5 if self._unit > 1 else 1)), now,
                self._settings.lease, fast=self._claim_filter(now),
            )  # fmt: skip
        except Exception as error:  # noqa: BLE001 - the database may be away for a while
            log.debug("claiming %s alerts failed: %s", self.channel, type(error).__name__)
            return False
        if not rows:
            return False
        self.claims += 1
        self.claimed += len(rows)
        for unit in self._units(rows, now):
            self.in_flight += 1
            task = asyncio.create_task(self._send(unit, stop))
            self._tasks.add(task)
            task.add_done_callback(self._done)
        return True

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        self.in_flight -= 1
        self._freed.set()
        if not task.cancelled() and task.exception() is not None:
            log.error("sending %s alerts failed", self.channel, exc_info=task.exception())

    def _units(
        self, rows: list[ClaimedMessage], now: datetime
    ) -> list[tuple[OutgoingMessage, list[ClaimedMessage]]]:
        """Rows to send, as (message, rows) units; rows past their deadline or waiting for
        the end of quiet hours are recorded at once instead."""
        units: list[tuple[OutgoingMessage, list[ClaimedMessage]]] = []
        groups: dict[OutgoingMessage, list[list[ClaimedMessage]]] = {}
        for row in rows:
            if row.expires_at is not None and row.expires_at <= now:
                metrics.MESSAGES_FAILED.labels(self.channel, "expired").inc()
                reason = f"expired: not delivered by {row.expires_at.isoformat()}"
                self._recorder.add(Outcome(row.id, "failed", reason=reason, attempt=False))
                continue
            quiet_end = quiet.quiet_until(row.quiet_hours, now)
            if row.quiet == quiet.WAIT and quiet_end is not None:
                self._recorder.add(Outcome(row.id, "queued", at=quiet_end, attempt=False))
                continue
            message = to_outgoing(row, row.quiet == quiet.SILENT and quiet_end is not None)
            if self._unit == 1:
                units.append((message, [row]))
                continue
            chunks = groups.setdefault(message, [[]])
            if len(chunks[-1]) >= self._unit:
                chunks.append([])
            chunks[-1].append(row)
        return units + [(message, chunk) for message, chunks in groups.items() for chunk in chunks]

    async def _send(self, unit: tuple[OutgoingMessage, list[ClaimedMessage]],
                    stop: asyncio.Event) -> None:  # fmt: skip
        message, rows = unit
        while not self._recorder.ok.is_set():  # stop sending while outcomes cannot be recorded
            if stop.is_set():
                for row in rows:
                    self._recorder.add(Outcome(row.id, "queued", at=self._clock(), attempt=False))
                return
            await asyncio.sleep(0.1)
        if self._batch_sender is not None:
            await self._send_batch(self._batch_sender, message, rows)
            return
        (row,) = rows
        fast = self.fast and row.fast and self._allowance is not None and self._allowance.take(
            self._clock())  # fmt: skip
        try:
            sent = await self._sender.send_alert(row.external_id, message, fast=fast)
        except Exception as error:  # noqa: BLE001 - every failure becomes an outcome
            if fast:
                self._allowance.give_back()  # type: ignore[union-attr]
            self._recorder.add(self._failed(row, error, whole_call=True))
            return
        if fast and not sent.fast:
            self._allowance.give_back()  # type: ignore[union-attr]
        self._recorder.add(self._sent(row, sent))

    async def _send_batch(
        self, sender: BatchSender, message: OutgoingMessage, rows: list[ClaimedMessage]
    ) -> None:
        try:
            failed = await sender.send_batch([row.external_id for row in rows], message)
        except Exception as error:  # noqa: BLE001 - every failure becomes an outcome
            for row in rows:
                self._recorder.add(self._failed(row, error, whole_call=True))
            return
        for row in rows:
            error = failed.get(row.external_id)
            outcome = self._sent(row, Sent()) if error is None else self._failed(
                row, error, whole_call=False)  # fmt: skip
            self._recorder.add(outcome)

    def _sent(self, row: ClaimedMessage, sent: Sent) -> Outcome:
        self._gate.success()
        now = self._clock()
        self._sent_count.inc()
        self._delay.observe(max((now - row.created_at).total_seconds(), 0.0))
        if sent.fast:
            metrics.FAST_MESSAGES.labels(self.channel).inc()
            metrics.FAST_COST.labels(self.channel).inc(self._sender.limits.fast_cost)
        return Outcome(row.id, "sent", at=now, fast=sent.fast)

    def _failed(self, row: ClaimedMessage, error: BaseException, *, whole_call: bool) -> Outcome:
        now, settings = self._clock(), self._settings
        detail = f"{type(error).__name__}: {error}"
        if isinstance(error, RetryLater):
            metrics.MESSAGES_FAILED.labels(self.channel, "rate_limited").inc()
            if whole_call:
                self._gate.rate_limited(error.retry_after)
            at = now if whole_call else now + timedelta(seconds=error.retry_after)
            return Outcome(row.id, "queued", at=at, reason=detail, attempt=False)
        if isinstance(error, RecipientGone):
            metrics.MESSAGES_FAILED.labels(self.channel, "gone").inc()
            reason = f"recipient gone: {error}"
            return Outcome(row.id, "blocked", reason=reason, chat_id=row.chat_id)
        if isinstance(error, PermanentFailure):
            metrics.MESSAGES_FAILED.labels(self.channel, "permanent").inc()
            return Outcome(row.id, "failed", reason=f"rejected: {error}")
        own = self._gate.failure() if whole_call else True
        if isinstance(error, Unconfirmed):
            metrics.MESSAGES_FAILED.labels(self.channel, "unconfirmed").inc()
            reason = f"unconfirmed: no answer, it may have arrived; not sent again ({error})"
            return Outcome(row.id, "failed", reason=reason)
        if not own:
            metrics.MESSAGES_FAILED.labels(self.channel, "channel_down").inc()
            return Outcome(row.id, "queued", at=now, reason=detail, attempt=False)
        tries = row.attempts + 1
        if settings.max_attempts and tries >= settings.max_attempts:
            metrics.MESSAGES_FAILED.labels(self.channel, "gave_up").inc()
            log.info("outbox row %s: gave up after %d attempts", row.id, tries)
            return Outcome(row.id, "failed", reason=f"gave up after {tries} attempts: {detail}")
        delay = min(settings.backoff_base * 2 ** (tries - 1), settings.backoff_max)
        at = now + timedelta(seconds=delay)
        if row.expires_at is not None and at > row.expires_at:
            metrics.MESSAGES_FAILED.labels(self.channel, "expired").inc()
            return Outcome(row.id, "failed", reason=f"expired after {tries} attempts: {detail}")
        metrics.MESSAGES_FAILED.labels(self.channel, "retry").inc()
        return Outcome(row.id, "queued", at=at, reason=detail)
