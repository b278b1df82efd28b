"""Misbehaviour a fake messenger API can be told to show (``FakeTelegramAPI.faults``).

* a share of message calls answered 429 (``retry_after`` 1), 502 with an HTML page (as a
  proxy in front of the API answers), or *slowly*: the message is accepted and delivered, but
  the answer comes only after ``slow_seconds`` (what made clients with a short read timeout send
  it twice);
* an outage: every call answered 502 (HTML) while :attr:`Faults.down` is set.

The draws come from a seeded generator, so a run can be repeated.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

BAD_GATEWAY_PAGE = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)


@dataclass
class Faults:
    """What to inject; all zero by default."""

    rate_429: float = 0.0
    rate_5xx: float = 0.0
    rate_slow: float = 0.0
    slow_seconds: tuple[float, float] = (6.0, 12.0)
    down: bool = False
    seed: int = 13
    injected: dict[str, int] = field(
        default_factory=lambda: {"429": 0, "5xx": 0, "slow": 0, "down": 0}
    )

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def draw(self) -> str | None:
        """``"429"``, ``"5xx"``, ``"slow"`` or ``None`` for one message call."""
        roll = self._random.random()
        for kind, share in (("429", self.rate_429), ("5xx", self.rate_5xx),
                            ("slow", self.rate_slow)):  # fmt: skip
            if roll < share:
                self.injected[kind] += 1
                return kind
            roll -= share
        return None

    def slow_delay(self) -> float:
        low, high = self.slow_seconds
        return self._random.uniform(low, high)
