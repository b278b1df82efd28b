"""What a send's result means for its outbox row: the :class:`Outcome` to record.

A lane hands every result here: a success, or the
:class:`~bot.channels.protocol.DeliveryError` a send raised (for the whole call, or for one
receiver of a broadcast). Rate limits pause the channel and queue the row again without a try;
a gone recipient blocks the chat; a refusal fails the row; a failure while the messenger is
down for everyone waits for it without a try; the message's own failure is retried with
backoff until its deadline or ``max_attempts``; a send with no answer follows
:mod:`services.alerts.delivery_policy`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot import metrics
from bot.channels.protocol import PermanentFailure, RecipientGone, RetryLater, Sent, Unconfirmed
from bot.delivery.gate import ChannelGate
from services.alerts import delivery_policy as policy
from services.alerts.outbox import ClaimedMessage, Outcome
from services.db.types import utcnow

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


@dataclass(frozen=True)
class LaneSettings:
    """What every lane shares: tries, backoff, lease, polling."""

    max_attempts: int = 8
    backoff_base: float = 2.0
    backoff_max: float = 300.0
    lease: timedelta = timedelta(minutes=2)
    idle_poll: float = 0.5
    settle_after: timedelta = policy.SETTLE_AFTER
    resend_spacing: timedelta = policy.RESEND_SPACING


class Outcomes:
    """Turns the results of one channel's sends into outcomes (and metrics, and the gate)."""

    def __init__(
        self,
        channel: str,
        gate: ChannelGate,
        settings: LaneSettings,
        clock: Clock,
        *,
        receipts: bool,
        fast_cost: float,
    ) -> None:
        self.channel = channel
        self._gate, self._settings, self._clock = gate, settings, clock
        self._receipts, self._fast_cost = receipts, fast_cost
        self._retries = policy.Retries(
            settings.backoff_base, settings.backoff_max, settings.max_attempts
        )
        self._sent_count = metrics.MESSAGES_SENT.labels(channel)
        self._delay = metrics.DELIVERY_DELAY.labels(channel)

    def expired(self, row: ClaimedMessage) -> Outcome:
        metrics.MESSAGES_FAILED.labels(self.channel, "expired").inc()
        reason = f"expired: not delivered by {row.expires_at.isoformat() if row.expires_at else ''}"
        return self._not_delivered(row, "failed", reason, attempt=False)

    def sent(self, row: ClaimedMessage, sent: Sent) -> Outcome:
        self._gate.success()
        now = self._clock()
        self._sent_count.inc()
        self._delay.observe(max((now - row.created_at).total_seconds(), 0.0))
        if sent.fast:
            metrics.FAST_MESSAGES.labels(self.channel).inc()
            metrics.FAST_COST.labels(self.channel).inc(self._fast_cost)
        return Outcome(row.id, "sent", at=now, fast=sent.fast, epoch=row.epoch)

    def failed(self, row: ClaimedMessage, error: BaseException, *, whole_call: bool) -> Outcome:
        now = self._clock()
        detail = f"{type(error).__name__}: {error}"
        if isinstance(error, RetryLater):
            metrics.MESSAGES_FAILED.labels(self.channel, "rate_limited").inc()
            if whole_call:
                self._gate.rate_limited(error.retry_after)
            at = now if whole_call else now + timedelta(seconds=error.retry_after)
            return Outcome(row.id, "queued", at=at, reason=detail, attempt=False, epoch=row.epoch)
        if isinstance(error, RecipientGone):
            metrics.MESSAGES_FAILED.labels(self.channel, "gone").inc()
            return Outcome(
                row.id,
                "blocked",
                reason=f"recipient gone: {error}",
                chat_id=row.chat_id,
                epoch=row.epoch,
            )
        if isinstance(error, PermanentFailure):
            metrics.MESSAGES_FAILED.labels(self.channel, "permanent").inc()
            return self._not_delivered(row, "failed", f"rejected: {error}")
        own = self._gate.failure() if whole_call else True
        if isinstance(error, Unconfirmed):
            return self._unanswered(row, error, now, own)
        if not own:
            metrics.MESSAGES_FAILED.labels(self.channel, "channel_down").inc()
            return Outcome(row.id, "queued", at=now, reason=detail, attempt=False, epoch=row.epoch)
        return self._retry(row, detail, now)

    def _retry(self, row: ClaimedMessage, detail: str, now: datetime) -> Outcome:
        tries = row.attempts + 1
        decision = policy.after_failure(tries, row.expires_at, now, self._retries)
        if decision.action == policy.GIVE_UP:
            metrics.MESSAGES_FAILED.labels(self.channel, "gave_up").inc()
            return self._not_delivered(row, "failed", f"gave up after {tries} attempts: {detail}")
        if decision.action == policy.EXPIRED:
            metrics.MESSAGES_FAILED.labels(self.channel, "expired").inc()
            return self._not_delivered(row, "failed", f"expired after {tries} attempts: {detail}")
        metrics.MESSAGES_FAILED.labels(self.channel, "retry").inc()
        return Outcome(row.id, "queued", at=decision.at, reason=detail, epoch=row.epoch)

    def _unanswered(
        self, row: ClaimedMessage, error: BaseException, now: datetime, own: bool
    ) -> Outcome:
        metrics.MESSAGES_FAILED.labels(self.channel, "unconfirmed").inc()
        # receipts carry real times: their wait is on the real clock, not the injected one
        decision = policy.after_unanswered(
            row.urgency,
            row.unanswered,
            receipts=self._receipts,
            now=utcnow(),
            settle_after=self._settings.settle_after,
        )
        base = dict(
            reason=f"no answer, it may have arrived ({error})", unanswered=True, epoch=row.epoch
        )
        if decision.action == policy.UNSETTLED:
            return Outcome(row.id, "unsettled", at=decision.settle_at, **base)  # type: ignore[arg-type]
        if decision.action == policy.RETRY:
            # the channel down: when it answers again; the message's own: after its backoff
            spacing = policy.resend_spacing(row.unanswered + 1, self._settings.resend_spacing)
            at = now if not own else now + spacing
            return Outcome(row.id, "queued", at=at, attempt=False, **base)  # type: ignore[arg-type]
        return self._not_delivered(row, "unconfirmed", str(base["reason"]), unanswered=True)

    def _not_delivered(
        self,
        row: ClaimedMessage,
        state: str,
        reason: str,
        *,
        attempt: bool = True,
        unanswered: bool = False,
    ) -> Outcome:
        """A message the customer will not get (or may not have got): logged, one line each."""
        log.warning(
            "%s alert not delivered (outbox row %s, chat %s, %s): %s",
            self.channel,
            row.id,
            row.chat_id,
            state,
            reason,
        )
        return Outcome(
            row.id, state, reason=reason, attempt=attempt, unanswered=unanswered, epoch=row.epoch
        )
