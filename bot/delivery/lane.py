"""One stream of a channel's alerts: claim rows, send them, hand each result on as an outcome.

A channel has a *free* lane and, when it has a fast (paid) way, a *fast* lane for the rows that
asked for it while the day's budget lasts. A lane claims only as many rows as it can start
sending now (its concurrency is sized to the channel's rate), so rows are never held long in
memory, and it starts nothing while outcomes cannot be recorded, nor once its leader's lease
is no longer valid. While the channel is down it probes it (:class:`bot.delivery.gate
.ChannelGate`). A channel that sends to many chats in one call (:class:`bot.channels.protocol
.BatchSender`) gets rows with the same text grouped, each call filled: a short group waits up to
:data:`FILL_WAIT` seconds for more of the same text. What a result means is
:mod:`bot.delivery.outcomes`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime

from bot import metrics
from bot.channels.protocol import BatchSender, ChannelSender, Sent, Withheld, guard_alerts
from bot.delivery.fast_allowance import FastAllowance
from bot.delivery.gate import ChannelGate
from bot.delivery.outcomes import LaneSettings, Outcomes
from bot.delivery.records import Recorder
from handlers.messages import Button, OutgoingMessage
from services.alerts import delivery_policy as policy
from services.alerts import outbox
from services.alerts.outbox import ClaimedMessage, Outcome
from services.db import Database
from services.db.types import utcnow

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
MAX_CLAIM = 1000  # rows in one claim (one transaction); five for batching channels, so that
# each of the five languages' texts fills its calls
CLAIM_WAIT = 0.05
FILL_WAIT = 0.5
Unit = tuple[OutgoingMessage, list[ClaimedMessage]]

__all__ = ["Lane", "LaneSettings", "concurrency_for", "to_outgoing"]


def to_outgoing(message: ClaimedMessage, silent: bool) -> OutgoingMessage:
    rows = tuple(
        tuple(Button(text, payload=payload) for text, payload in row) for row in message.buttons
    )
    return OutgoingMessage(message.text, rows, silent=silent)


def concurrency_for(rate: float, *, low: int = 32, high: int = 1024) -> int:
    """Sends in flight for ``rate`` a second: two seconds' worth, within ``low``..``high``."""
    return max(low, min(high, int(rate * 2)))


class Lane:
    """Claims and sends the rows of one channel (the fast ones, or the others).

    ``leading`` says whether this process still holds the lead, and ``epoch`` is its leader
    epoch (rows are claimed under it, and their outcomes recorded only under it)."""

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
        leading: Callable[[], bool] = lambda: True,
        epoch: int | None = None,
    ) -> None:
        self.channel = sender.channel
        self._database, self._sender = database, sender
        self._recorder, self._gate, self._settings = recorder, gate, settings
        self._clock, self._allowance, self.fast = clock, allowance, fast
        self._leading, self._epoch = leading, epoch
        limits = sender.limits
        self.outcomes = Outcomes(
            self.channel,
            gate,
            settings,
            clock,
            receipts=limits.receipts,
            fast_cost=limits.fast_cost,
        )
        batching = isinstance(sender, BatchSender) and limits.batch > 1 and not fast
        self._batch_sender: BatchSender | None = sender if batching else None  # type: ignore[assignment]
        self._unit = limits.batch if batching else 1
        if batching:
            self.concurrency = max(4, min(64, int(limits.batch_rate)))
        else:
            rate = limits.fast_rate if fast and limits.fast_rate else limits.rate
            self.concurrency = concurrency_for(rate)
        # Claim in batches (a claim is a transaction): wait for a quarter of the places to be
        # free, or CLAIM_WAIT seconds, whichever comes first.
        self._min_claim = max(1, self.concurrency // 4)
        self._last_claim = 0.0
        self._short: dict[OutgoingMessage, tuple[float, list[ClaimedMessage]]] = {}
        self.in_flight = 0
        self.claims = self.claimed = self.calls = 0  # transactions, rows and calls, for the log
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
            while not stop.is_set() and self._leading():
                if not await self._step(stop):
                    await self._idle(stop, freed=self._full)
        finally:
            if self._short and self._leading():
                self._start([(message, rows) for message, (_, rows) in self._short.items()], stop)
            self._short.clear()
            if self._tasks:
                await asyncio.gather(*self._tasks, return_exceptions=True)
            log.info(
                "%s lane%s: %d rows claimed in %d claims, %d calls",
                self.channel,
                " (fast)" if self.fast else "",
                self.claimed,
                self.claims,
                self.calls,
            )

    async def _idle(
        self, stop: asyncio.Event, timeout: float | None = None, *, freed: bool = False
    ) -> None:
        """Wait for new rows (``wake``), the stop, ``timeout``, and, when ``freed``, for a
        place in flight to come free."""
        self.wake.clear()
        events = (self.wake, stop, self._freed) if freed else (self.wake, stop)
        waiters = [asyncio.ensure_future(event.wait()) for event in events]
        if timeout is None:
            timeout = FILL_WAIT / 2 if self._short else self._settings.idle_poll
        with contextlib.suppress(TimeoutError):
            await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
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
        if self._gate.probing and not await self._gate.probe(self._sender.probe):
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
        asked = min(room * self._unit, MAX_CLAIM * (5 if self._unit > 1 else 1))
        try:
            rows = await outbox.claim(
                self._database,
                self.channel,
                asked,
                now,
                self._settings.lease,
                fast=self._claim_filter(now),
                epoch=self._epoch,
                tried_at=utcnow(),
            )
        except Exception as error:  # noqa: BLE001 - the database may be away for a while
            log.debug("claiming %s alerts failed: %s", self.channel, type(error).__name__)
            return self._flush_short(stop, drained=True)
        if rows:
            self.claims += 1
            self.claimed += len(rows)
        started = self._start(self._units(rows, now, drained=len(rows) < asked), stop)
        return bool(rows) or started

    def _start(self, units: list[Unit], stop: asyncio.Event) -> bool:
        for unit in units:
            self.in_flight += 1
            self.calls += 1
            task = asyncio.create_task(self._send(unit, stop))
            self._tasks.add(task)
            task.add_done_callback(self._done)
        return bool(units)

    def _flush_short(self, stop: asyncio.Event, *, drained: bool) -> bool:
        """Start the short groups that have waited long enough (all, when ``drained``)."""
        now = asyncio.get_running_loop().time()
        due = [
            message
            for message, (since, _) in self._short.items()
            if drained or now - since >= FILL_WAIT
        ]
        return self._start([(message, self._short.pop(message)[1]) for message in due], stop)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        self.in_flight -= 1
        self._freed.set()
        if not task.cancelled() and task.exception() is not None:
            log.error("sending %s alerts failed", self.channel, exc_info=task.exception())

    def _units(self, rows: list[ClaimedMessage], now: datetime, *, drained: bool) -> list[Unit]:
        """Rows to send, as (message, rows) units; rows past their deadline or waiting for the
        end of quiet hours are recorded at once instead. A batching lane sends full groups and
        keeps a short one for more rows of its text (until ``drained`` or :data:`FILL_WAIT`)."""
        units: list[Unit] = []
        for row in rows:
            decision = policy.at_claim(row.expires_at, row.quiet, row.quiet_hours, now)
            if decision.action == policy.EXPIRED:
                self._recorder.add(self.outcomes.expired(row))
                continue
            if decision.action == policy.WAIT:
                self._recorder.add(
                    Outcome(row.id, "queued", at=decision.at, attempt=False, epoch=row.epoch)
                )
                continue
            message = to_outgoing(row, decision.silent)
            if self._unit == 1:
                units.append((message, [row]))
                continue
            since, group = self._short.get(message, (asyncio.get_running_loop().time(), []))
            group.append(row)
            if len(group) >= self._unit:
                units.append((message, group))
                self._short.pop(message, None)
            else:
                self._short[message] = (since, group)
        if self._unit > 1:
            now_loop = asyncio.get_running_loop().time()
            for message in [
                m
                for m, (since, _) in self._short.items()
                if drained or now_loop - since >= FILL_WAIT
            ]:
                units.append((message, self._short.pop(message)[1]))
        return units

    async def _send(self, unit: Unit, stop: asyncio.Event) -> None:
        message, rows = unit
        guard_alerts(self._leading)
        while not self._recorder.ok.is_set():  # stop sending while outcomes cannot be recorded
            if stop.is_set():
                for row in rows:
                    self._recorder.add(
                        Outcome(row.id, "queued", at=self._clock(), attempt=False, epoch=row.epoch)
                    )
                return
            await asyncio.sleep(0.1)
        if not self._leading():  # the lead is lost: the new leader queues these again
            return
        if self._batch_sender is not None:
            await self._send_batch(self._batch_sender, message, rows)
            return
        (row,) = rows
        fast = (
            self.fast
            and row.fast
            and self._allowance is not None
            and self._allowance.take(self._clock())
        )
        try:
            sent = await self._sender.send_alert(row.external_id, message, fast=fast)
        except Exception as error:  # noqa: BLE001 - every failure becomes an outcome
            if fast:
                self._allowance.give_back()  # type: ignore[union-attr]
            if not isinstance(error, Withheld):
                self._recorder.add(self.outcomes.failed(row, error, whole_call=True))
            return
        if fast and not sent.fast:
            self._allowance.give_back()  # type: ignore[union-attr]
        self._recorder.add(self.outcomes.sent(row, sent))

    async def _send_batch(
        self, sender: BatchSender, message: OutgoingMessage, rows: list[ClaimedMessage]
    ) -> None:
        metrics.BATCH_RECEIVERS.labels(self.channel).observe(len(rows))
        try:
            failed = await sender.send_batch([row.external_id for row in rows], message)
        except Withheld:
            return
        except Exception as error:  # noqa: BLE001 - every failure becomes an outcome
            for row in rows:
                self._recorder.add(self.outcomes.failed(row, error, whole_call=True))
            return
        for row in rows:
            refused = failed.get(row.external_id)
            outcome = (
                self.outcomes.sent(row, Sent())
                if refused is None
                else self.outcomes.failed(row, refused, whole_call=False)
            )
            self._recorder.add(outcome)
