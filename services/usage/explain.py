"""What a code's bill history shows about its latest bill, for "why is my bill so high?":
only what the data says (the handler words it), and ``None`` where the data is missing.

- the bill before it and the same month a year earlier, when the history gives them;
- the days each covers (a longer period costs more);
- a catch-up: the bill before was *estimated* and this one is *read*, so this one also bills
  what the estimate left out; or this bill itself is estimated;
- the share of the kWh at the expensive (day, ``high``) rate, when the meter splits it;
- whether the same month a year earlier was also higher than the month before it (a
  seasonal rise seen in the customer's own data, not assumed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from services.backend.base import ESTIMATED, HIGH, LOW, READ, BillRecord
from services.usage.series import month_back

NOTABLE_SHARE_POINTS = Decimal(5)  # a change of the day-rate share worth telling, in points


def percent_change(now: Decimal | None, before: Decimal | None) -> int | None:
    """How much ``now`` is above (or below, negative) ``before``, in whole percent."""
    if now is None or before is None or before <= 0:
        return None
    return int(((now - before) * 100 / before).quantize(Decimal(1), ROUND_HALF_UP))


def high_share(record: BillRecord) -> int | None:
    """The percent of the kWh billed at the day (expensive) rate, for a two-rate meter."""
    if HIGH not in record.consumption or LOW not in record.consumption:
        return None
    total = record.consumption[HIGH] + record.consumption[LOW]
    if total <= 0:
        return None
    return int((record.consumption[HIGH] * 100 / total).quantize(Decimal(1), ROUND_HALF_UP))


@dataclass(frozen=True)
class BillFacts:
    """What the history shows about ``latest``, the newest bill of ``code``."""

    code: str
    latest: BillRecord
    previous: BillRecord | None
    year_before: BillRecord | None
    month_before_year_before: BillRecord | None

    @property
    def catch_up(self) -> bool:
        """The bill before was estimated and this one read: this one corrects the estimate."""
        return (
            self.previous is not None
            and self.previous.reading == ESTIMATED
            and self.latest.reading == READ
        )

    @property
    def estimated(self) -> bool:
        return self.latest.reading == ESTIMATED

    @property
    def amount_change(self) -> int | None:
        before = self.previous.amount if self.previous else None
        return percent_change(self.latest.amount, before)

    @property
    def kwh_change(self) -> int | None:
        before = self.previous.total_kwh if self.previous else None
        return percent_change(self.latest.total_kwh, before)

    @property
    def year_kwh_change(self) -> int | None:
        before = self.year_before.total_kwh if self.year_before else None
        return percent_change(self.latest.total_kwh, before)

    @property
    def longer_period(self) -> bool:
        """This bill covers more days than the one before (both known)."""
        days, before = self.latest.days, self.previous.days if self.previous else None
        return days is not None and before is not None and days > before

    @property
    def high_shares(self) -> tuple[int, int | None] | None:
        """The day-rate share of this bill and of the one before (None when not split)."""
        now = high_share(self.latest)
        if now is None:
            return None
        return now, high_share(self.previous) if self.previous else None

    @property
    def high_share_rose(self) -> bool:
        shares = self.high_shares
        return (
            shares is not None
            and shares[1] is not None
            and shares[0] - shares[1] >= NOTABLE_SHARE_POINTS
        )

    @property
    def seasonal_rise(self) -> int | None:
        """How much the same month a year earlier rose over the month before it, in percent,
        when it rose (the customer's own seasonal pattern); None otherwise or when unknown."""
        if self.year_before is None or self.month_before_year_before is None:
            return None
        rise = percent_change(self.year_before.total_kwh, self.month_before_year_before.total_kwh)
        return rise if rise is not None and rise > 0 else None


def bill_facts(code: str, records: Iterable[BillRecord]) -> BillFacts | None:
    """The facts about the latest of ``records``; None when there is no bill at all."""
    by_period = {record.period: record for record in records}
    if not by_period:
        return None
    latest = by_period[max(by_period)]
    year_before = month_back(latest.period, 12)
    return BillFacts(
        code=code,
        latest=latest,
        previous=by_period.get(month_back(latest.period, 1)),
        year_before=by_period.get(year_before),
        month_before_year_before=by_period.get(month_back(year_before, 1)),
    )
