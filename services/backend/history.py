"""A code's bill history and bill documents from whichever backend is configured, an older one
included: a backend without :meth:`~services.backend.base.AccountBackend.bill_history` (or
``bill_document``) has no history (and no documents), which is not an error."""

from __future__ import annotations

import logging
from typing import Any

from services.backend.base import HISTORY_LENGTH, BillRecord

log = logging.getLogger(__name__)


async def bill_history_of(backend: Any, code: str) -> list[BillRecord]:
    """The last bills of ``code``, newest first; empty when the backend keeps no history.
    :class:`~services.backend.base.BackendUnavailable` is raised as by any call."""
    call = getattr(backend, "bill_history", None)
    if call is None:
        return []
    records = await call(code)
    return sorted(records, key=lambda record: record.period, reverse=True)[:HISTORY_LENGTH]


async def bill_document_of(backend: Any, code: str, period: str) -> bytes | None:
    """The bill of ``period`` as a PDF, or None when the backend offers none."""
    call = getattr(backend, "bill_document", None)
    if call is None:
        return None
    document = await call(code, period)
    return document if isinstance(document, bytes) and document.startswith(b"%PDF-") else None
