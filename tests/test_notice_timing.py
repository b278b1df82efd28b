"""Times flagged before a notice or an update goes (issue 22): an end in the past or before the
start, an end more than three days away, planned works starting in the past, an outage that
started long ago; ordinary times are not flagged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from locales.i18n import using_language
from services.notices.timing import time_warnings

NOW = datetime(2026, 12, 7, 11, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def test_ordinary_times_are_not_flagged() -> None:
    assert time_warnings(NOW - HOUR, NOW + 2 * HOUR, NOW, language="en") == []
    assert time_warnings(NOW, None, NOW, language="en") == []
    works = time_warnings(NOW + HOUR, NOW + 5 * HOUR, NOW, kind="planned_work", language="en")
    assert works == []


def test_odd_times_are_flagged() -> None:
    [before] = time_warnings(NOW, NOW - HOUR, NOW, language="en")
    assert "before the start" in before
    both_past = time_warnings(NOW - 30 * HOUR, NOW - 2 * HOUR, NOW, language="en")
    assert any("already passed" in w for w in both_past)
    assert any("more than twelve hours ago" in w for w in both_past)
    [far] = time_warnings(NOW, NOW + 4 * 24 * HOUR, NOW, language="en")
    assert "more than three days away" in far
    [past_works] = time_warnings(NOW - HOUR, NOW + HOUR, NOW, kind="planned_work", language="en")
    assert "start in the past" in past_works


def test_the_flags_are_in_the_operators_language() -> None:
    with using_language("sr"):
        [far] = time_warnings(NOW, NOW + 5 * 24 * HOUR, NOW)
    assert "од три дана" in far
