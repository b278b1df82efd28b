"""The delivery policy as pure functions: quiet hours, deadlines, retries, sends with no answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.alerts import delivery_policy as policy
from services.alerts import quiet
from services.alerts.fanout import ROUTINE, URGENT

DAY = datetime(2026, 12, 7, 11, 0, tzinfo=UTC)  # 12:00 in Kosovo
NIGHT = datetime(2026, 12, 7, 0, 30, tzinfo=UTC)  # 01:30 in Kosovo
MORNING = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)  # 07:00 in Kosovo


def test_at_claim_by_day_sends_loudly() -> None:
    for kind in (quiet.WAIT, quiet.SILENT, quiet.NONE):
        assert policy.at_claim(None, kind, "22-07", DAY) == policy.Decision(policy.SEND)


def test_at_claim_at_night_waits_goes_silently_or_goes() -> None:
    waiting = policy.Decision(policy.WAIT, at=MORNING)
    silent = policy.Decision(policy.SEND, silent=True)
    assert policy.at_claim(None, quiet.WAIT, None, NIGHT) == waiting
    assert policy.at_claim(None, quiet.SILENT, None, NIGHT) == silent
    assert policy.at_claim(None, quiet.NONE, None, NIGHT) == policy.Decision(policy.SEND)
    assert policy.at_claim(None, quiet.WAIT, quiet.OFF, NIGHT) == policy.Decision(policy.SEND)


def test_a_row_past_its_deadline_expires_whatever_the_hour() -> None:
    for now in (DAY, NIGHT):
        assert policy.at_claim(now - timedelta(seconds=1), quiet.NONE, None, now).action == (
            policy.EXPIRED
        )


def test_own_failures_back_off_then_give_up_or_expire() -> None:
    retries = policy.Retries(base=2.0, cap=300.0, max_attempts=8)
    assert [retries.backoff(n) for n in (1, 2, 3, 9, 20)] == [2.0, 4.0, 8.0, 300.0, 300.0]
    assert policy.after_failure(3, None, DAY, retries) == policy.Decision(
        policy.RETRY, at=DAY + timedelta(seconds=8)
    )
    assert policy.after_failure(8, None, DAY, retries).action == policy.GIVE_UP
    soon = DAY + timedelta(seconds=5)
    assert policy.after_failure(3, soon, DAY, retries).action == policy.EXPIRED
    assert policy.after_failure(50, None, DAY, policy.Retries(max_attempts=0)).action == (
        policy.RETRY
    )


def test_sends_with_no_answer_per_kind_and_channel() -> None:
    telegram = [
        policy.after_unanswered(URGENT, n, receipts=False, now=DAY).action for n in range(6)
    ]
    assert telegram == [policy.RETRY] * 4 + [policy.UNCONFIRMED] * 2
    spacing = [policy.resend_spacing(n).total_seconds() for n in range(1, 7)]
    assert spacing == [30, 60, 120, 240, 240, 240]
    assert policy.after_unanswered(ROUTINE, 0, receipts=False, now=DAY).action == (
        policy.UNCONFIRMED
    )
    viber = policy.after_unanswered(ROUTINE, 0, receipts=True, now=DAY)
    assert viber == policy.Unanswered(policy.UNSETTLED, settle_at=DAY + policy.SETTLE_AFTER)
    assert [policy.after_no_receipt(URGENT, n) for n in (1, 4, 5)] == [
        policy.RETRY,
        policy.RETRY,
        policy.UNCONFIRMED,
    ]
    assert [policy.after_no_receipt(ROUTINE, n) for n in (1, 2)] == [
        policy.RETRY,
        policy.UNCONFIRMED,
    ]
