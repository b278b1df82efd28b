"""Misbehaviour a fake messenger API can be told to show (``FakeTelegramAPI.faults``,
``FakeViberApi.faults``).

Per message call, drawn from a seeded generator (so a run can be repeated), shares of:

* ``rate_429``: answered 429 (``retry_after`` 1; Viber: HTTP 429 or status 12 tooManyRequests,
  ``http_429_share`` of them HTTP);
* ``rate_5xx``: answered 502 with an HTML page, as a proxy in front of the API answers;
* ``rate_slow``: accepted and delivered, answered only after ``slow_seconds`` (within a
  client's read timeout);
* ``rate_hang_delivered``: accepted and delivered, the answer held for ``hang_seconds`` (45 s by
  default: past the bot's 30 s read timeout), then written if the client is still there;
* ``rate_hang_lost``: the request held open for ``hang_seconds``, then the connection closed;
  nothing delivered.

And modes for every call of every method while they are set:

* ``down``: answered 502 (an outage that answers);
* ``black_hole``: accepted at TCP level and never answered, nothing delivered; when it is
  switched off the held requests' connections are closed.

:attr:`Faults.injected` counts what was injected, by kind.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass, field

BAD_GATEWAY_PAGE = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
KINDS = ("429", "5xx", "slow", "hang_delivered", "hang_lost")


def _counts() -> dict[str, int]:
    return {
        "429": 0,
        "5xx": 0,
        "slow": 0,
        "down": 0,
        "hang_delivered": 0,
        "hang_lost": 0,
        "black_hole": 0,
    }


@dataclass
class Faults:
    """What to inject; all zero (and off) by default."""

    rate_429: float = 0.0
    rate_5xx: float = 0.0
    rate_slow: float = 0.0
    rate_hang_delivered: float = 0.0
    rate_hang_lost: float = 0.0
    slow_seconds: tuple[float, float] = (6.0, 12.0)
    hang_seconds: float = 45.0
    http_429_share: float = 0.5
    down: bool = False
    seed: int = 13
    injected: dict[str, int] = field(default_factory=_counts)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)
        self._black_hole = False

    @property
    def black_hole(self) -> bool:
        """Every request held unanswered and undelivered while set."""
        return self._black_hole

    @black_hole.setter
    def black_hole(self, on: bool) -> None:
        self._black_hole = on

    def draw(self) -> str | None:
        """One of :data:`KINDS` or ``None`` for one message call."""
        roll = self._random.random()
        shares = (
            self.rate_429,
            self.rate_5xx,
            self.rate_slow,
            self.rate_hang_delivered,
            self.rate_hang_lost,
        )
        for kind, share in zip(KINDS, shares, strict=True):
            if roll < share:
                self.injected[kind] += 1
                return kind
            roll -= share
        return None

    def slow_delay(self) -> float:
        low, high = self.slow_seconds
        return self._random.uniform(low, high)

    def as_http_429(self) -> bool:
        """Whether an injected Viber 429 is answered HTTP 429 (else status 12)."""
        return self._random.random() < self.http_429_share

    async def hold_while_black_hole(self, tick: float = 0.05) -> None:
        """Return once the black hole is switched off."""
        while self._black_hole:
            await asyncio.sleep(tick)  # the fake server's side: it holds until switched off
