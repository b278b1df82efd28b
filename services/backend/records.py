"""Reading the bill history the account backend's HTTP API answers (JSON) into
:class:`~services.backend.base.BillRecord` values, forgivingly: an older backend that leaves a
field out gives a record without it, and a record it cannot read is left out, never an error."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

from services.backend.base import (
    HISTORY_LENGTH,
    PERIOD_PATTERN,
    READINGS,
    TARIFF_PERIODS,
    UNKNOWN,
    BillRecord,
)

log = logging.getLogger(__name__)


def history_from_json(
    code: str, body: Mapping[str, Any] | None, months: int = HISTORY_LENGTH
) -> list[BillRecord]:
    """The records of ``{"bills": [...]}``, newest first, at most ``months``; the records of
    another code, and those lacking a required field, are left out."""
    items = body.get("bills") if body else None
    if not isinstance(items, list):
        return []
    records = [record for item in items if (record := record_from_json(code, item)) is not None]
    records.sort(key=lambda record: record.period, reverse=True)
    return records[:months]


def record_from_json(code: str, item: Any) -> BillRecord | None:
    """One bill of the history, or None when it cannot be read (logged, not raised)."""
    if not isinstance(item, Mapping):
        return None
    try:
        customer_code = str(item.get("customer_code", code))
        period = str(item["period"])
        if customer_code != code:
            raise ValueError(f"a bill of {customer_code} in the history of {code}")
        if not PERIOD_PATTERN.fullmatch(period):
            raise ValueError(f"period {period!r} is not YYYY-MM")
        return BillRecord(
            customer_code=code,
            period=period,
            amount=_decimal(item["amount"]),
            currency=str(item.get("currency") or "EUR"),
            due_date=date.fromisoformat(str(item["due_date"])),
            paid_on=_day(item.get("paid_on")),
            consumption=_consumption(item.get("consumption_kwh")),
            reading=_reading(item.get("reading")),
            period_start=_day(item.get("period_start")),
            period_end=_day(item.get("period_end")),
            document=item.get("document") is True,
        )
    except (KeyError, TypeError, ValueError, InvalidOperation) as error:
        log.warning("a bill of the account backend's history was left out: %r", error)
        return None


def _decimal(value: Any) -> Decimal:
    number = Decimal(str(value))
    if not number.is_finite():
        raise ValueError(f"not a number: {value!r}")
    return number


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _consumption(value: Any) -> Mapping[str, Decimal]:
    """kWh by tariff period; a lone number is the total; unknown periods are left out."""
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, Mapping):
        value = {"total": value}
    kwh = {
        str(name): _decimal(amount)
        for name, amount in value.items()
        if name in TARIFF_PERIODS and amount is not None
    }
    if any(amount < 0 for amount in kwh.values()):
        raise ValueError("negative consumption")
    return MappingProxyType(kwh)


def _reading(value: Any) -> str:
    return value if value in READINGS else UNKNOWN


def record_to_json(record: BillRecord) -> dict[str, Any]:
    """The JSON form of a record, as the HTTP API answers it (for fakes and documentation)."""
    return {
        "customer_code": record.customer_code,
        "period": record.period,
        "amount": f"{record.amount:.2f}",
        "currency": record.currency,
        "due_date": record.due_date.isoformat(),
        "paid_on": record.paid_on.isoformat() if record.paid_on else None,
        "consumption_kwh": {name: str(kwh) for name, kwh in record.consumption.items()},
        "reading": record.reading,
        "period_start": record.period_start.isoformat() if record.period_start else None,
        "period_end": record.period_end.isoformat() if record.period_end else None,
        "document": record.document,
    }
