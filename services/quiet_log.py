"""Logging a failure that repeats: once with its traceback, then a count per interval.

While the database is down, the Bot API answers 502 with an HTML page or the account backend
does not answer, the same failure happens every few seconds. :class:`QuietLog` logs the first
one of a streak in full (with one traceback), counts the others, and at most once an interval
logs how many there were; :meth:`QuietLog.recovered` ends the streak (with its count), so that
the next failure is logged in full again.

    quiet = QuietLog(logging.getLogger(__name__))
    try:
        ...
    except OSError:
        quiet.failure("database", "claiming alerts failed", exc_info=True)
    else:
        quiet.recovered("database", "claiming alerts works again")
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

DEFAULT_INTERVAL = 60.0
QUIET_RESET = 10  # intervals without the failure: the next one starts a new streak


@dataclass
class _Streak:
    started: float
    last_report: float
    last_seen: float
    total: int = 1
    unreported: int = 0


class QuietLog:
    """Logs each kind (``key``) of repeating failure once per ``interval`` seconds."""

    def __init__(
        self,
        logger: logging.Logger,
        interval: float = DEFAULT_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.logger = logger
        self.interval = interval
        self._clock = clock
        self._streaks: dict[str, _Streak] = {}
        self._lock = threading.Lock()

    def failure(
        self,
        key: str,
        message: str,
        *args: object,
        exc_info: bool | BaseException | None = None,
        level: int = logging.WARNING,
    ) -> bool:
        """Record one failure of kind ``key``; returns whether it was logged now.

        The first of a streak is logged with ``exc_info`` (the traceback); later ones are
        counted, and once ``interval`` seconds passed since the last line, the next one is
        logged as ``message (N times in the last S s; failing for M s)`` without a traceback.
        A streak ends with :meth:`recovered`, or after ten intervals without the failure.
        """
        now = self._clock()
        with self._lock:
            streak = self._streaks.get(key)
            if streak is not None and now - streak.last_seen > QUIET_RESET * self.interval:
                streak = None
            if streak is None:
                self._streaks[key] = _Streak(started=now, last_report=now, last_seen=now)
                first = True
            else:
                streak.last_seen = now
                streak.total += 1
                streak.unreported += 1
                if now - streak.last_report < self.interval:
                    return False
                first = False
                count, since = streak.unreported, now - streak.last_report
                age = now - streak.started
                streak.unreported, streak.last_report = 0, now
        if first:
            self.logger.log(level, message, *args, exc_info=exc_info)
        else:
            self.logger.log(
                level,
                message + " (%d times in the last %.0f s; failing for %.0f s)",
                *args,
                count,
                since,
                age,
            )
        return True

    def recovered(self, key: str, message: str | None = None, *args: object) -> None:
        """End the streak of ``key``: log ``message`` with how many failures it had."""
        with self._lock:
            streak = self._streaks.pop(key, None)
        if streak is None or message is None:
            return
        duration = self._clock() - streak.started
        self.logger.info(message + " (after %d failures in %.0f s)", *args, streak.total, duration)

    def failing(self, key: str) -> bool:
        """Whether a streak of ``key`` is under way."""
        return key in self._streaks
