"""The account backend: who a customer is and what they owe. Demo and HTTP implementations."""

from services.backend.base import (
    AccountBackend,
    BackendError,
    BackendUnavailable,
    Bill,
    BillRecord,
    Customer,
)

__all__ = ["AccountBackend", "BackendError", "BackendUnavailable", "Bill", "BillRecord", "Customer"]
