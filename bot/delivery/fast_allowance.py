"""How many alerts a channel may still send the fast, paid way today.

Telegram's paid broadcast costs 0.1 Star a message; ``KESCO_TELEGRAM_STARS_BUDGET`` is the
Stars a day it may spend, so a day allows ``budget / 0.1`` paid messages. The day is Kosovo's
(it starts at midnight Europe/Belgrade). The count of the day is read from the outbox when a
dispatcher starts leading (rows sent the fast way since midnight), then kept in memory: only the
leading dispatcher sends.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time

from services.alerts.quiet import KOSOVO


def day_start(now: datetime) -> datetime:
    """Midnight in Kosovo of the day ``now`` falls in (an aware datetime)."""
    local = now.astimezone(KOSOVO)
    return datetime.combine(local.date(), time(0), tzinfo=KOSOVO)


class FastAllowance:
    """The fast messages left today: ``per_day`` (``None``: no limit) minus those used."""

    def __init__(self, budget: float | None, cost: float) -> None:
        self.per_day = (
            None if budget is None else (math.floor(budget / cost + 1e-9) if cost > 0 else None)
        )
        self.cost = cost
        self.used = 0
        self._day: date | None = None

    def reset(self, used: int, now: datetime) -> None:
        self.used = used
        self._day = now.astimezone(KOSOVO).date()

    def _roll(self, now: datetime) -> None:
        today = now.astimezone(KOSOVO).date()
        if self._day != today:
            self._day, self.used = today, 0

    def remaining(self, now: datetime) -> int | None:
        self._roll(now)
        return None if self.per_day is None else max(0, self.per_day - self.used)

    def take(self, now: datetime) -> bool:
        """Reserve one fast message; ``False`` when today's budget is spent."""
        left = self.remaining(now)
        if left is not None and left <= 0:
            return False
        self.used += 1
        return True

    def give_back(self) -> None:
        """A reserved fast message was not sent (or not the fast way)."""
        self.used = max(0, self.used - 1)
