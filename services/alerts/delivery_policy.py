"""The delivery policy, decided once, as pure functions: what to do with a claimed row now
(:func:`at_claim`: send, loudly or silently; wait for the end of quiet hours; or give it up,
past its deadline), after a failure of its own (:func:`after_failure`: retry after a backoff,
or give up), and after a send that got no answer (below). The dispatcher
(:mod:`bot.delivery`) only carries these decisions out.

**A send with no answer**: the policy per message kind.

A send that times out after the request was written (or whose connection dropped) may have
arrived or not: the messenger does not say. Losing an outage message is worse than a rare
second copy; a second copy of a bill is worse than a late one. So:

* **Urgent messages** (an outage, its updates, power back): sent again once the channel answers
  again (when it is down for everyone), or after :func:`resend_spacing` (30 s, doubling: when
  the other messages go through), at most :data:`URGENT_RESENDS` times. A customer may rarely
  get a second copy (more only if several sends in a row, minutes apart, were each delivered
  and none answered) but is not left uninformed: with one send in ten lost, five tries in a
  row all lost is one chat in 100,000.
* **Other messages** (bills, payments, planned works, reminders): on a channel without
  delivery receipts (Telegram) never sent again: at most one copy; the row ends
  ``unconfirmed`` ("may have arrived").
* **A channel with delivery receipts** (Viber's ``delivered`` callbacks): the row waits
  ``unsettled`` for :data:`SETTLE_AFTER`; a receipt from that chat for a message the bot does
  not know the token of (the one whose answer was lost) shows it arrived, and it is sent no
  more; without one it is sent again (urgent: up to :data:`URGENT_RESENDS` times; others once).

Rows in flight when a dispatcher dies or loses the lead are queued again and marked
``uncertain``: they may be sent twice, never lost. Every row that may have arrived is
``uncertain``, whatever its state, so "power is back" reaches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from services.alerts import quiet as quiet_hours
from services.alerts.fanout import URGENT

URGENT_RESENDS = 4
RESEND_SPACING = timedelta(seconds=30)
ROUTINE_RESENDS_WITH_RECEIPTS = 1
SETTLE_AFTER = timedelta(seconds=60)  # receipts come within seconds of a device getting it
RECHECK_LATE_RECEIPTS = timedelta(minutes=10)
RECEIPTS_KEPT_LOOKING = timedelta(days=1)

RETRY, UNSETTLED, UNCONFIRMED = "retry", "unsettled", "unconfirmed"
SEND, WAIT, EXPIRED, GIVE_UP = "send", "wait", "expired", "give_up"


@dataclass(frozen=True)
class Decision:
    """What to do with a row: ``action`` (:data:`SEND`, :data:`WAIT` until ``at``,
    :data:`RETRY` at ``at``, :data:`EXPIRED` or :data:`GIVE_UP`) and, to send, ``silent``."""

    action: str
    at: datetime | None = None
    silent: bool = False


def at_claim(
    expires_at: datetime | None, quiet: str, preset: str | None, now: datetime
) -> Decision:
    """A row just claimed: past its deadline it expires; in the chat's quiet hours it waits for
    their end or goes silently (by its kind, :func:`quiet_hours.deliver_at`); else it goes."""
    if expires_at is not None and expires_at <= now:
        return Decision(EXPIRED)
    at, silent = quiet_hours.deliver_at(quiet, preset, now)
    if at > now:
        return Decision(WAIT, at=at)
    return Decision(SEND, silent=silent)


@dataclass(frozen=True)
class Retries:
    """How a message's own failures are retried: ``base`` seconds, doubling up to ``cap``, and
    given up after ``max_attempts`` tries (0: never)."""

    base: float = 2.0
    cap: float = 300.0
    max_attempts: int = 8

    def backoff(self, tries: int) -> float:
        return min(self.base * 2 ** (tries - 1), self.cap)


def after_failure(
    tries: int, expires_at: datetime | None, now: datetime, retries: Retries
) -> Decision:
    """A send failed on its own (the channel delivers other messages) for the ``tries``-th
    time: retry after the backoff, or give up (too many tries, or the retry would come after
    the deadline)."""
    if retries.max_attempts and tries >= retries.max_attempts:
        return Decision(GIVE_UP)
    at = now + timedelta(seconds=retries.backoff(tries))
    if expires_at is not None and at > expires_at:
        return Decision(EXPIRED)
    return Decision(RETRY, at=at)


@dataclass(frozen=True)
class Unanswered:
    """What becomes of a row after a send with no answer: ``action`` (:data:`RETRY`: queued
    again; :data:`UNSETTLED`: wait for receipts; :data:`UNCONFIRMED`: no more sends) and,
    for :data:`UNSETTLED`, when to look at the receipts."""

    action: str
    settle_at: datetime | None = None


def resends_allowed(urgency: int, *, receipts: bool) -> int:
    """How many times a message may be sent again after sends with no answer."""
    if urgency == URGENT:
        return URGENT_RESENDS
    return ROUTINE_RESENDS_WITH_RECEIPTS if receipts else 0


def after_unanswered(
    urgency: int,
    unanswered_before: int,
    *,
    receipts: bool,
    now: datetime,
    settle_after: timedelta = SETTLE_AFTER,
) -> Unanswered:
    """The decision for a row whose send just got no answer (``unanswered_before`` earlier
    sends of it got none either); with receipts, they are looked at ``settle_after`` later."""
    if receipts:
        return Unanswered(UNSETTLED, settle_at=now + settle_after)
    if unanswered_before < resends_allowed(urgency, receipts=False):
        return Unanswered(RETRY)
    return Unanswered(UNCONFIRMED)


def resend_spacing(unanswered: int, spacing: timedelta = RESEND_SPACING) -> timedelta:
    """How long after its ``unanswered``-th send with no answer a message is sent again, while
    the channel delivers other messages: ``spacing``, doubling, at most 8 times it (a transient
    fault has time to clear; the tries spread over minutes)."""
    return spacing * min(2 ** (max(unanswered, 1) - 1), 8)


def after_no_receipt(urgency: int, unanswered: int) -> str:
    """An ``unsettled`` row with no receipt after :data:`SETTLE_AFTER` (``unanswered`` sends of
    it got no answer): :data:`RETRY` or :data:`UNCONFIRMED`."""
    return RETRY if unanswered <= resends_allowed(urgency, receipts=True) else UNCONFIRMED
