"""The interface the bot needs from the account backend, and the data it returns."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Protocol

PERIOD_PATTERN = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")
"""A bill's period: ``YYYY-MM``."""
HISTORY_LENGTH = 12
"""How many bills :meth:`AccountBackend.bill_history` gives by default (the last year)."""
COMPARISON_LENGTH = 24
"""How many bills the consumption chart and the bill explanation ask for: the last 12 months
and the same months a year earlier (a backend may give fewer: what is missing is said so)."""

# Tariff periods of :attr:`BillRecord.consumption`: the two-rate meter's expensive daytime
# ("high") and cheaper night ("low") periods, or one "total" when the meter gives only that.
HIGH, LOW, TOTAL = "high", "low", "total"
TARIFF_PERIODS = (HIGH, LOW, TOTAL)
# How the meter reading a bill is based on was taken (:attr:`BillRecord.reading`).
READ, ESTIMATED, UNKNOWN = "read", "estimated", "unknown"
READINGS = (READ, ESTIMATED, UNKNOWN)


class BackendError(Exception):
    """The backend answered something the bot cannot use."""


class BackendUnavailable(BackendError):
    """The backend is down, slow or unreachable; the user is asked to try again later."""


@dataclass(frozen=True)
class Customer:
    """A customer as the backend knows them. ``full_name`` and ``address`` are personal data.

    Where the customer is, as finely as the backend knows it (all optional: an older backend
    gives only ``area_id``): ``place_id``, a place id of any level (a settlement or city
    neighbourhood, or coarser: ``kesco-bot places list``), ``street`` (the street's name or the
    backend's id for it, without the house number), and the network node the customer hangs on:
    ``feeder`` and ``station`` (the transformer station), in the backend's own ids."""

    code: str
    district: str
    area_id: str
    full_name: str
    address: str
    place_id: str | None = None
    street: str | None = None
    feeder: str | None = None
    station: str | None = None


@dataclass(frozen=True)
class Bill:
    """The latest bill of a customer code."""

    customer_code: str
    period: str
    amount: Decimal
    currency: str
    due_date: date
    paid: bool

    def overdue(self, today: date) -> bool:
        return not self.paid and self.due_date < today


@dataclass(frozen=True)
class BillRecord:
    """One bill of a code's history (:meth:`AccountBackend.bill_history`), newest first there.

    ``consumption``: kWh by tariff period (keys from :data:`TARIFF_PERIODS`: ``high`` and
    ``low``, or one ``total``), empty when the backend does not say. ``reading``: whether the
    meter was ``read`` or the consumption ``estimated`` (the next real reading corrects it), or
    ``unknown``. ``period_start``/``period_end``: the days the bill covers, when known.
    ``document``: the backend offers this bill as a PDF (:meth:`AccountBackend.bill_document`).
    """

    customer_code: str
    period: str
    amount: Decimal
    currency: str
    due_date: date
    paid_on: date | None
    consumption: Mapping[str, Decimal] = field(default_factory=lambda: MappingProxyType({}))
    reading: str = UNKNOWN
    period_start: date | None = None
    period_end: date | None = None
    document: bool = False

    @property
    def paid(self) -> bool:
        return self.paid_on is not None

    @property
    def total_kwh(self) -> Decimal | None:
        """All the kWh of the bill, whatever the tariff periods; None when not known."""
        if not self.consumption:
            return None
        return sum(self.consumption.values(), Decimal(0))

    @property
    def days(self) -> int | None:
        """How many days the bill covers, both ends counted; None when not known."""
        if self.period_start is None or self.period_end is None:
            return None
        return (self.period_end - self.period_start).days + 1

    def overdue(self, today: date) -> bool:
        return self.paid_on is None and self.due_date < today


class AccountBackend(Protocol):
    """What the bot asks the account backend. Implementations raise :class:`BackendUnavailable`."""

    async def get_customer(self, code: str) -> Customer | None:
        """The customer with this normalised code, or None when there is none."""
        ...

    async def latest_bill(self, code: str) -> Bill | None:
        """The latest bill of this code, or None when it has none yet."""
        ...

    async def bill_history(self, code: str, months: int = HISTORY_LENGTH) -> list[BillRecord]:
        """The last ``months`` bills of this code (at most :data:`COMPARISON_LENGTH`), newest
        first; empty when it has none, or when the backend keeps no history (an older
        backend)."""
        ...

    async def bill_document(self, code: str, period: str) -> bytes | None:
        """The bill of ``period`` (``YYYY-MM``) as a PDF, or None when the backend has none."""
        ...

    async def verify_proof(self, code: str, amount: Decimal) -> bool:
        """True when ``amount`` is the amount of the latest bill of ``code``."""
        ...

    async def ping(self) -> bool:
        """True when the backend answers."""
        ...
