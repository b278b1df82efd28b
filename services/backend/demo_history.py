"""The demo customers' bill history: two years of plausible, deterministic bills.

The latest bill keeps the amount and state DESIGN.md gives (42.50 unpaid, 18.20 paid, 35.10
overdue); the eleven before it are paid, and their consumption follows the seasons (a winter
high: Kosovo heats with electricity). A two-rate meter splits the kWh into ``high`` (day) and
``low`` (night); ``DFE400004`` has a one-rate meter (a ``total``). For ``DPR100001`` the bill
before the latest was *estimated* (the reader did not come) and the latest one was *read*: it
makes up what the estimate left out, which is part of why it is higher. The year before the
last twelve months used somewhat less (``DGJ200002``: more), so that the consumption chart has
a year to compare with.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from services.backend.base import ESTIMATED, HIGH, LOW, READ, TOTAL

FIXED_FEE = Decimal("3.39")  # a month, euros (the demo's tariff, not the regulator's)
PRICE = {HIGH: Decimal("0.0686"), LOW: Decimal("0.0343"), TOTAL: Decimal("0.0620")}
NIGHT_SHARE = Decimal("0.33")  # of a two-rate meter's kWh, at the low (night) rate
SEASON = {  # consumption of each calendar month against a spring month
    1: Decimal("1.65"),
    2: Decimal("1.45"),
    3: Decimal("1.20"),
    4: Decimal("1.00"),
    5: Decimal("0.85"),
    6: Decimal("0.80"),
    7: Decimal("0.92"),
    8: Decimal("0.90"),
    9: Decimal("0.85"),
    10: Decimal("1.00"),
    11: Decimal("1.25"),
    12: Decimal("1.55"),
}
ESTIMATE_SHARE = Decimal("0.70")  # an estimate that came out at 70% of the real use
MONTHS = 24  # a year of bills for /bill, and the year before it for the chart's comparison
YEAR_BEFORE = {  # consumption of the year before the last 12 months, against those months
    "DPR100001": Decimal("0.90"),
    "DGJ200002": Decimal("1.08"),
    "DFE400004": Decimal("0.85"),
}
DEFAULT_YEAR_BEFORE = Decimal("0.95")
ONE_RATE = frozenset({"DFE400004"})
ESTIMATED_BEFORE_LATEST = frozenset({"DPR100001"})


@dataclass(frozen=True)
class DemoBillSpec:
    """One bill of a demo customer's history, as :mod:`services.demo_seed` stores it."""

    period: str
    amount: Decimal
    issued_on: date
    due_date: date
    paid_on: date | None
    consumption_kwh: dict[str, str]
    reading: str
    period_start: date
    period_end: date


def _month_back(period: str, months: int) -> str:
    year, month = (int(part) for part in period.split("-"))
    index = year * 12 + month - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _bounds(period: str) -> tuple[date, date]:
    year, month = (int(part) for part in period.split("-"))
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _split(code: str, kwh: Decimal) -> dict[str, Decimal]:
    whole = kwh.quantize(Decimal(1), ROUND_HALF_UP)
    if code in ONE_RATE:
        return {TOTAL: whole}
    low = (whole * NIGHT_SHARE).quantize(Decimal(1), ROUND_HALF_UP)
    return {HIGH: whole - low, LOW: low}


def _price(consumption: dict[str, Decimal]) -> Decimal:
    cost = FIXED_FEE + sum((PRICE[name] * kwh for name, kwh in consumption.items()), Decimal(0))
    return cost.quantize(Decimal("0.01"), ROUND_HALF_UP)


def _rate(code: str) -> Decimal:
    """Euros per kWh of all the kWh, on this customer's meter."""
    if code in ONE_RATE:
        return PRICE[TOTAL]
    return PRICE[HIGH] * (1 - NIGHT_SHARE) + PRICE[LOW] * NIGHT_SHARE


def history(
    code: str,
    latest_period: str,
    latest_amount: Decimal,
    latest_dates: tuple[date, date, date | None],
) -> list[DemoBillSpec]:
    """The last :data:`MONTHS` bills of ``code``, newest first, the latest with the given
    amount and (issued, due, paid) dates."""
    periods = [_month_back(latest_period, back) for back in range(MONTHS)]
    season = [SEASON[int(period[5:])] for period in periods]
    estimated = code in ESTIMATED_BEFORE_LATEST
    # The latest kWh is what its amount pays for; with an estimate before it, it also makes up
    # the share of the previous month the estimate left out.
    latest_kwh = (latest_amount - FIXED_FEE) / _rate(code)
    catch_up = (1 - ESTIMATE_SHARE) * season[1] if estimated else Decimal(0)
    base = latest_kwh / (season[0] + catch_up)
    bills: list[DemoBillSpec] = []
    for back, period in enumerate(periods):
        start, end = _bounds(period)
        if back == 0:
            consumption = _split(code, latest_kwh)
            issued, due, paid = latest_dates
            amount = latest_amount
        else:
            share = ESTIMATE_SHARE if estimated and back == 1 else Decimal(1)
            if back >= MONTHS // 2:
                share *= YEAR_BEFORE.get(code, DEFAULT_YEAR_BEFORE)
            consumption = _split(code, base * season[back] * share)
            issued = end + timedelta(days=1)
            due = issued + timedelta(days=20)
            paid = issued + timedelta(days=3 + (back * 5) % 11)
            amount = _price(consumption)
        bills.append(
            DemoBillSpec(
                period=period,
                amount=amount,
                issued_on=issued,
                due_date=due,
                paid_on=paid,
                consumption_kwh={name: str(kwh) for name, kwh in consumption.items()},
                reading=ESTIMATED if estimated and back == 1 else READ,
                period_start=start,
                period_end=end,
            )
        )
    return bills
