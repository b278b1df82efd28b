"""A code's bill history and bill documents from whichever backend is configured, an older one
included: a backend without :meth:`~services.backend.base.AccountBackend.bill_history` (or
``bill_document``) has no history (and no documents), which is not an error."""

from __future__ import annotations

import inspect
import logging
from typing import Any

from services.backend.base import COMPARISON_LENGTH, HISTORY_LENGTH, BillRecord

log = logging.getLogger(__name__)


async def bill_history_of(
    backend: Any, code: str, months: int = HISTORY_LENGTH
) -> list[BillRecord]:
    """The last ``months`` bills of ``code`` (at most :data:`COMPARISON_LENGTH`), newest
    first; empty when the backend keeps no history. A backend whose ``bill_history`` takes no
    ``months`` gives what it gives (a year). :class:`~services.backend.base.BackendUnavailable`
    is raised as by any call."""
    call = getattr(backend, "bill_history", None)
    if call is None:
        return []
    months = max(1, min(months, COMPARISON_LENGTH))
    takes_months = "months" in inspect.signature(call).parameters
    records = await (call(code, months=months) if takes_months else call(code))
    return sorted(records, key=lambda record: record.period, reverse=True)[:months]


async def bill_document_of(backend: Any, code: str, period: str) -> bytes | None:
    """The bill of ``period`` as a PDF, or None when the backend offers none."""
    call = getattr(backend, "bill_document", None)
    if call is None:
        return None
    document = await call(code, period)
    return document if isinstance(document, bytes) and document.startswith(b"%PDF-") else None
