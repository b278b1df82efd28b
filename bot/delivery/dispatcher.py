"""The alert dispatcher: sends the outbox through each channel, as fast as the channel allows.

Only the holder of the dispatcher's lease sends (see :mod:`bot.delivery.lease`). Each
channel's rows go through lanes (:mod:`bot.delivery.lane`): rows are claimed in batches sized to
what can be sent now, sent with a concurrency sized to the channel's rate (the channel's own
budget paces them, replies first), and their outcomes recorded in batches
(:mod:`bot.delivery.records`).

Delivery is bounded by time, not by attempts: a row is tried until its deadline
(``expires_at``); while a messenger fails for everyone, its channel pauses and probes every few
seconds (:mod:`bot.delivery.gate`) and no row loses a try. ``max_attempts`` gives up on a row
that keeps failing on its own while its channel delivers other rows (0: never). A row whose
send had no answer follows :mod:`services.alerts.delivery_policy`; on a channel with delivery
receipts it is settled by them (:mod:`services.alerts.settle`, every ``settle_interval``
seconds). Nothing is sent while outcomes cannot be recorded, and outcomes not yet written
survive a lost lead: they are written before claimed rows are queued again. The dispatcher
also queues planned-work and rotating-cut reminders when due.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.channels.protocol import ChannelSender
from bot.delivery.fast_allowance import FastAllowance, day_start
from bot.delivery.gate import PROBE_MAX, ChannelGate, GateStatus
from bot.delivery.lane import Lane, LaneSettings
from bot.delivery.lease import LeaderLock, LeadershipLost, leader_lock_for
from bot.delivery.records import Recorder
from services.alerts import outbox, settle
from services.alerts.bill_reminders import DEFAULT_DAYS_BEFORE, queue_due_bill_reminders
from services.alerts.delivery_policy import RESEND_SPACING, SETTLE_AFTER
from services.alerts.outbox_progress import fast_sent
from services.alerts.reminders import queue_due_reminders
from services.alerts.wakeups import Wakeups
from services.db import Database
from services.db.types import utcnow
from services.periodic import cancel_and_wait
from services.rotation.reminders import DEFAULT_LEAD, queue_due_rotation_reminders

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


@dataclass(frozen=True)
class DispatcherConfig:
    """Tuning of the dispatcher; the defaults suit production."""

    max_attempts: int = 8
    backoff_base: float = 2.0
    backoff_max: float = 300.0
    lease: timedelta = timedelta(minutes=2)
    idle_poll: float = 0.5
    lock_poll: float = 1.0
    lock_ttl: float | None = None  # the lease's default for the database
    probe_max: float = PROBE_MAX
    reminder_interval: float = 30.0
    rotation_reminder: timedelta = DEFAULT_LEAD  # KESCO_ROTATION_REMINDER_MINUTES
    settle_interval: float = 5.0
    settle_after: timedelta = SETTLE_AFTER
    resend_spacing: timedelta = RESEND_SPACING
    default_language: str = "sq"
    flush_interval: float = 0.05
    bill_reminder_days: int = DEFAULT_DAYS_BEFORE

    def lanes(self) -> LaneSettings:
        return LaneSettings(
            self.max_attempts,
            self.backoff_base,
            self.backoff_max,
            self.lease,
            self.idle_poll,
            self.settle_after,
            self.resend_spacing,
        )


class Dispatcher:
    """Sends outbox rows through ``senders`` (one per channel).

    ``fast_budgets``: per channel, what its fast way may cost a day (Telegram: Stars), ``None``
    for no limit; a channel not listed sends nothing the fast way. ``wakeups.dispatch`` wakes it
    when rows are queued.
    """

    def __init__(
        self,
        database: Database,
        senders: Mapping[str, ChannelSender],
        *,
        config: DispatcherConfig | None = None,
        lock: LeaderLock | None = None,
        clock: Clock = utcnow,
        fast_budgets: Mapping[str, float | None] | None = None,
        wakeups: Wakeups | None = None,
    ) -> None:
        self._database = database
        self._senders = dict(senders)
        self._config = config or DispatcherConfig()
        self._lock = lock or leader_lock_for(
            database, self._config.lock_poll, self._config.lock_ttl
        )
        self._clock = clock
        self._recorder = Recorder(database, interval=self._config.flush_interval)
        self._gates = {
            channel: ChannelGate(
                backoff_base=self._config.backoff_base, probe_max=self._config.probe_max
            )
            for channel in self._senders
        }
        self.allowances: dict[str, FastAllowance] = {}
        for channel, sender in self._senders.items():
            limits = sender.limits
            if limits.fast_rate and fast_budgets is not None and channel in fast_budgets:
                self.allowances[channel] = FastAllowance(fast_budgets[channel], limits.fast_cost)
        self._lanes: list[Lane] = []
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.leading = False
        if wakeups is not None:
            wakeups.dispatch.connect(self.wake)

    @property
    def recorder(self) -> Recorder:
        return self._recorder

    def start(self) -> None:
        self._task = asyncio.create_task(self.run(), name="alert-dispatcher")

    async def stop(self, grace: float = 5.0) -> None:
        """Stop claiming, let the sends in flight finish (up to ``grace`` seconds), then stop."""
        self._stopping.set()
        self.wake()
        if self._task is None:
            return
        with contextlib.suppress(asyncio.CancelledError, TimeoutError, Exception):
            await asyncio.wait_for(asyncio.shield(self._task), grace)
        if not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task

    def status(self) -> dict[str, GateStatus]:
        """Each channel's delivery state (``ok``, ``paused``, ``probing``), for health."""
        return {channel: gate.status() for channel, gate in self._gates.items()}

    def wake(self) -> None:
        """New rows were queued: look now instead of at the next poll."""
        for lane in self._lanes:
            lane.wake.set()

    async def run(self) -> None:
        recording = asyncio.create_task(self._recorder.run(self._stopping))
        try:
            while not self._stopping.is_set():
                if not await self._acquire():
                    return
                try:
                    await self._lead()
                except LeadershipLost as lost:
                    log.warning("dispatcher lock lost (%s): standing by", lost)
                except Exception:
                    log.exception("the dispatcher failed; starting again in a second")
                    await asyncio.sleep(1.0)
                finally:
                    self.leading = False
                    await self._lock.release()
        finally:
            self._stopping.set()
            with contextlib.suppress(Exception):
                await recording

    async def _acquire(self) -> bool:
        acquiring = asyncio.create_task(self._lock.acquire())
        stopping = asyncio.create_task(self._stopping.wait())
        await asyncio.wait({acquiring, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if acquiring.done():
            return True
        await cancel_and_wait(acquiring)
        return False

    async def _lead(self) -> None:
        self.leading = True
        if not await self._recorder.drain(self._stopping):
            return
        now = self._clock()
        requeued = await outbox.requeue_in_flight(self._database, now, all_leases=True)
        await self._load_allowances(now)
        log.info("dispatching alerts (%d messages in flight before were queued again)", requeued)
        stop = asyncio.Event()
        self._lanes = self._build_lanes()
        tasks = [asyncio.create_task(lane.run(stop)) for lane in self._lanes]
        tasks.append(asyncio.create_task(self._schedule_reminders(stop)))
        for channel, sender in self._senders.items():
            if sender.limits.receipts:
                tasks.append(asyncio.create_task(self._settle(channel, stop)))
        watcher = asyncio.create_task(self._lock.watch())
        stopping = asyncio.create_task(self._stopping.wait())
        try:
            await asyncio.wait({watcher, stopping, *tasks}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stop.set()
            self.wake()
            await asyncio.gather(*tasks, return_exceptions=True)  # sends in flight finish
            with contextlib.suppress(Exception):  # their outcomes, before the lead is given up
                await self._recorder.flush()
            stopping.cancel()
            if not watcher.done():
                watcher.cancel()
            self._lanes = []
        if watcher.done() and not watcher.cancelled() and watcher.exception() is not None:
            raise LeadershipLost(str(watcher.exception()))

    def _build_lanes(self) -> list[Lane]:
        lanes = []
        for channel, sender in self._senders.items():
            common = dict(
                recorder=self._recorder,
                gate=self._gates[channel],
                settings=self._config.lanes(),
                clock=self._clock,
                allowance=self.allowances.get(channel),
                leading=self._lock.valid,
                epoch=self._lock.epoch,
            )
            lanes.append(Lane(self._database, sender, **common))  # type: ignore[arg-type]
            if channel in self.allowances:
                lanes.append(Lane(self._database, sender, fast=True, **common))  # type: ignore[arg-type]
        return lanes

    async def _load_allowances(self, now: datetime) -> None:
        for channel, allowance in self.allowances.items():
            async with self._database.transaction() as session:
                used = await fast_sent(session, channel=channel, since=day_start(now))
            allowance.reset(used, now)

    async def _schedule_reminders(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                now, language = self._clock(), self._config.default_language
                queued = await queue_due_reminders(self._database, now, language)
                queued += await queue_due_rotation_reminders(
                    self._database, now, language, self._config.rotation_reminder
                )
                queued += await queue_due_bill_reminders(
                    self._database, now, language, self._config.bill_reminder_days
                )
                if queued:
                    self.wake()
            except Exception:  # noqa: BLE001 - the database may be away for a while
                log.debug("queueing planned-work and bill reminders failed", exc_info=True)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self._config.reminder_interval)

    async def _settle(self, channel: str, stop: asyncio.Event) -> None:
        """Settle the sends of ``channel`` that got no answer, from its delivery receipts."""
        pruned_at = 0.0
        loop = asyncio.get_running_loop()
        while not stop.is_set():
            try:
                done = await settle.settle(
                    self._database, channel, utcnow(), dispatch_now=self._clock()
                )
                if done.resent:
                    self.wake()
                if done.delivered or done.resent or done.unconfirmed:
                    log.info(
                        "%s: %d sends with no answer arrived (receipts), %d sent again, "
                        "%d may have arrived",
                        channel,
                        done.delivered,
                        done.resent,
                        done.unconfirmed,
                    )
                if loop.time() - pruned_at > 3600:
                    await settle.prune_receipts(self._database, utcnow())
                    pruned_at = loop.time()
            except Exception:  # noqa: BLE001 - the database may be away for a while
                log.debug("settling %s sends failed", channel, exc_info=True)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self._config.settle_interval)
