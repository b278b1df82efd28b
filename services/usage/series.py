"""The last 12 months of a code's consumption beside the same months a year earlier, from its
bill history: plain numbers, no guessing (a month the history does not give is ``None``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from services.backend.base import ESTIMATED, BillRecord

MONTHS_SHOWN = 12


def month_back(period: str, months: int) -> str:
    """The period ``months`` before ``period`` (both ``YYYY-MM``)."""
    year, month = (int(part) for part in period.split("-"))
    index = year * 12 + month - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@dataclass(frozen=True)
class MonthUsage:
    """One month of the chart: its kWh and, beside it, the same month a year earlier."""

    period: str
    kwh: Decimal | None
    year_before_kwh: Decimal | None
    estimated: bool = False

    @property
    def year_before(self) -> str:
        return month_back(self.period, 12)


@dataclass(frozen=True)
class UsageSeries:
    """A code's :data:`MONTHS_SHOWN` months, oldest first, ending with its latest bill."""

    code: str
    months: tuple[MonthUsage, ...]

    @property
    def latest(self) -> str:
        return self.months[-1].period

    @property
    def has_year_before(self) -> bool:
        return any(month.year_before_kwh is not None for month in self.months)

    def total(self) -> Decimal | None:
        """The kWh of the 12 months, when every month is known."""
        return _whole_sum([month.kwh for month in self.months])

    def year_before_total(self) -> Decimal | None:
        """The kWh of the same months a year earlier, when every one of them is known."""
        return _whole_sum([month.year_before_kwh for month in self.months])


def _whole_sum(values: list[Decimal | None]) -> Decimal | None:
    known = [value for value in values if value is not None]
    return sum(known, Decimal(0)) if len(known) == len(values) else None


def usage_series(code: str, records: Iterable[BillRecord]) -> UsageSeries | None:
    """The series of ``code`` from its bills (any order), or None when no bill says its kWh."""
    by_period = {record.period: record for record in records}
    known = sorted(period for period, record in by_period.items() if record.total_kwh is not None)
    if not known:
        return None
    latest = known[-1]

    def kwh(period: str) -> Decimal | None:
        record = by_period.get(period)
        return record.total_kwh if record is not None else None

    months = []
    for back in range(MONTHS_SHOWN - 1, -1, -1):
        period = month_back(latest, back)
        record = by_period.get(period)
        estimated = record is not None and record.reading == ESTIMATED
        months.append(MonthUsage(period, kwh(period), kwh(month_back(period, 12)), estimated))
    return UsageSeries(code, tuple(months))
