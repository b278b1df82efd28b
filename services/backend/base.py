"""The interface the bot needs from the account backend, and the data it returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol


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


class AccountBackend(Protocol):
    """What the bot asks the account backend. Implementations raise :class:`BackendUnavailable`."""

    async def get_customer(self, code: str) -> Customer | None:
        """The customer with this normalised code, or None when there is none."""
        ...

    async def latest_bill(self, code: str) -> Bill | None:
        """The latest bill of this code, or None when it has none yet."""
        ...

    async def verify_proof(self, code: str, amount: Decimal) -> bool:
        """True when ``amount`` is the amount of the latest bill of ``code``."""
        ...

    async def ping(self) -> bool:
        """True when the backend answers."""
        ...
