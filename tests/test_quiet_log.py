"""QuietLog: a repeating failure is one line with a traceback, then a count per interval."""

from __future__ import annotations

import logging

import pytest

from services.quiet_log import QuietLog


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def boom() -> BaseException:
    try:
        raise ConnectionRefusedError("database down")
    except ConnectionRefusedError as error:
        return error


def test_a_streak_is_one_traceback_and_a_count_per_interval(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    quiet = QuietLog(logging.getLogger("test.quiet"), interval=60, clock=clock)
    caplog.set_level(logging.INFO, "test.quiet")
    for _ in range(30):  # every 2 s for a minute
        quiet.failure("db", "claiming failed: %s", "down", exc_info=boom())
        clock.now += 2
    assert len(caplog.records) == 1
    assert caplog.records[0].exc_info is not None
    quiet.failure("db", "claiming failed: %s", "down", exc_info=boom())
    assert len(caplog.records) == 2
    assert caplog.records[1].exc_info is None
    assert "30 times in the last 60 s" in caplog.records[1].getMessage()
    quiet.recovered("db", "claiming works again")
    assert "after 31 failures" in caplog.records[2].getMessage()
    quiet.failure("db", "claiming failed: %s", "down", exc_info=boom())
    assert caplog.records[3].exc_info is not None  # a new streak: the traceback again


def test_kinds_are_counted_apart_and_a_long_silence_starts_a_new_streak(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    quiet = QuietLog(logging.getLogger("test.quiet"), interval=60, clock=clock)
    caplog.set_level(logging.INFO, "test.quiet")
    assert quiet.failure("a", "a failed")
    assert quiet.failure("b", "b failed")
    assert not quiet.failure("a", "a failed")
    assert quiet.failing("a") and not quiet.failing("c")
    clock.now += 601
    assert quiet.failure("a", "a failed", exc_info=boom())
    assert caplog.records[-1].exc_info is not None
