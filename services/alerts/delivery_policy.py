"""What to do with an alert whose send got no answer: the policy per message kind, decided once.

A send that times out after the request was written (or whose connection dropped) may have
arrived or not: the messenger does not say. Losing an outage message is worse than a rare
second copy; a second copy of a bill is worse than a late one. So:

* **Urgent messages** (an outage, its updates, power back): sent again once the channel answers
  again, at most :data:`URGENT_RESENDS` times. A customer may rarely get a second copy (a third
  only if three sends in a row were delivered and none answered) but is never left uninformed.
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

from services.alerts.fanout import URGENT

URGENT_RESENDS = 2
ROUTINE_RESENDS_WITH_RECEIPTS = 1
SETTLE_AFTER = timedelta(seconds=60)  # receipts come within seconds of a device getting it
RECHECK_LATE_RECEIPTS = timedelta(minutes=10)
RECEIPTS_KEPT_LOOKING = timedelta(days=1)

RETRY, UNSETTLED, UNCONFIRMED = "retry", "unsettled", "unconfirmed"


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


def after_no_receipt(urgency: int, unanswered: int) -> str:
    """An ``unsettled`` row with no receipt after :data:`SETTLE_AFTER` (``unanswered`` sends of
    it got no answer): :data:`RETRY` or :data:`UNCONFIRMED`."""
    return RETRY if unanswered <= resends_allowed(urgency, receipts=True) else UNCONFIRMED
