"""Logs worth reading (issue 22): routine HTTP calls stay out of INFO, and every alert a
customer will not get (or may not have got) is one WARNING line naming the row and the chat."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from bot.channels.protocol import PermanentFailure, Sent, Unconfirmed
from bot.cli.main import quiet_routine_http_logs
from bot.delivery.gate import ChannelGate
from bot.delivery.outcomes import LaneSettings, Outcomes
from services.alerts.outbox import ClaimedMessage

NOW = datetime(2026, 12, 8, 12, 0, tzinfo=UTC)


def _outcomes(*, receipts: bool = False, max_attempts: int = 8) -> Outcomes:
    return Outcomes(
        "telegram",
        ChannelGate(),
        LaneSettings(max_attempts=max_attempts),
        lambda: NOW,
        receipts=receipts,
        fast_cost=0.0,
    )


def _row(**fields: object) -> ClaimedMessage:
    base: dict[str, object] = dict(
        id=17,
        chat_id=4242,
        channel="telegram",
        external_id="900",
        text="Power is back",
        buttons=[],
        quiet="none",
        quiet_hours=None,
        attempts=0,
        created_at=NOW - timedelta(minutes=1),
    )
    base.update(fields)
    return ClaimedMessage(**base)  # type: ignore[arg-type]


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name == "bot.delivery.outcomes"
    ]


def test_routine_http_calls_are_not_logged_at_info() -> None:
    quiet_routine_http_logs()
    for name in ("httpx", "httpcore"):
        assert not logging.getLogger(name).isEnabledFor(logging.INFO)
        assert logging.getLogger(name).isEnabledFor(logging.WARNING)


def test_a_sent_alert_logs_nothing(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    outcome = _outcomes().sent(_row(), Sent())
    assert outcome.state == "sent"
    assert not [r for r in caplog.records if r.name == "bot.delivery.outcomes"]


def test_a_rejected_alert_is_one_warning(caplog: pytest.LogCaptureFixture) -> None:
    outcome = _outcomes().failed(_row(), PermanentFailure("chat not found"), whole_call=False)
    assert outcome.state == "failed"
    (line,) = _warnings(caplog)
    assert "row 17" in line and "chat 4242" in line and "rejected: chat not found" in line


def test_giving_up_and_expiry_are_warnings(caplog: pytest.LogCaptureFixture) -> None:
    outcomes = _outcomes(max_attempts=2)
    gave_up = outcomes.failed(_row(attempts=1), TimeoutError("slow"), whole_call=False)
    expired = outcomes.expired(_row(id=18, expires_at=NOW - timedelta(seconds=1)))
    assert (gave_up.state, expired.state) == ("failed", "failed")
    lines = _warnings(caplog)
    assert len(lines) == 2
    assert "row 17" in lines[0] and "gave up after 2 attempts" in lines[0]
    assert "row 18" in lines[1] and "expired" in lines[1]


def test_a_retry_is_not_a_failure_yet(caplog: pytest.LogCaptureFixture) -> None:
    outcome = _outcomes().failed(_row(), TimeoutError("slow"), whole_call=False)
    assert outcome.state == "queued"
    assert _warnings(caplog) == []


def test_an_urgent_message_left_unconfirmed_is_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    outcomes = _outcomes()
    last = _row(urgency=3, unanswered=99)
    outcome = outcomes.failed(last, Unconfirmed("Timed out"), whole_call=False)
    assert outcome.state == "unconfirmed" and outcome.unanswered
    (line,) = _warnings(caplog)
    assert "unconfirmed" in line and "may have arrived" in line
