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


@dataclass(frozen=True)
class Verdict:
    """What to do with one failure: log it in full (``first``), as a count, or not at all."""

    log: bool
    first: bool = False
    count: int = 0
    since: float = 0.0
    age: float = 0.0

    def suffix(self) -> str:
        return f" ({self.count} times in the last {self.since:.0f} s; failing for {self.age:.0f} s)"


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

    def judge(self, key: str) -> Verdict:
        """Count one failure of ``key`` and say whether and how to log it."""
        now = self._clock()
        with self._lock:
            streak = self._streaks.get(key)
            if streak is not None and now - streak.last_seen > QUIET_RESET * self.interval:
                streak = None
            if streak is None:
                self._streaks[key] = _Streak(started=now, last_report=now, last_seen=now)
                return Verdict(log=True, first=True)
            streak.last_seen = now
            streak.total += 1
            streak.unreported += 1
            if now - streak.last_report < self.interval:
                return Verdict(log=False)
            verdict = Verdict(
                True, False, streak.unreported, now - streak.last_report, now - streak.started
            )
            streak.unreported, streak.last_report = 0, now
            return verdict

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
        verdict = self.judge(key)
        if not verdict.log:
            return False
        if verdict.first:
            self.logger.log(level, message, *args, exc_info=exc_info)
        else:
            self.logger.log(level, "%s", (message % args if args else message) + verdict.suffix())
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


def shorten(text: object, limit: int = 200) -> str:
    """``text`` on one line, at most ``limit`` characters (an HTML error page, a long body)."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class QuietFilter(logging.Filter):
    """A filter for other libraries' loggers (PTB logs a traceback with the whole HTML page for
    every 502): warnings and errors with the same logger and message template are let through
    once per ``interval`` seconds, shortened to one line; the first of a streak keeps its
    traceback, the later ones carry the count of those dropped instead."""

    def __init__(self, interval: float = DEFAULT_INTERVAL, limit: int = 300) -> None:
        super().__init__()
        self._quiet = QuietLog(logging.getLogger(__name__), interval)
        self._limit = limit

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        verdict = self._quiet.judge(f"{record.name}:{record.msg}")
        if not verdict.log:
            return False
        message = shorten(record.getMessage(), self._limit)
        if not verdict.first:
            message += verdict.suffix()
            record.exc_info, record.exc_text = None, None
        record.msg, record.args = message, None
        return True
